"""Adding a person and changing their details (issue 17, part 1): every field of
`Person` a practitioner knows, the value lists England's Client Level Data uses
(`config.cld`), and the duplicate warning (`recording.duplicates`)."""

import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Div, Field, Fixed, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from accounts.access import may_restrict_person
from config.forms import PastDateField
from config.nhs_number import nhs_number_clean, nhs_number_display, nhs_number_validator
from recording.duplicates import DuplicateMatches, possible_duplicates
from recording.history import shown_fields
from recording.models import Person

# A UK postcode's shape (the outward code, then the inward code: a number and two
# letters), after the spaces are taken out: SG138DE, W1A1AA, EC1A1BB.
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
# An ODS code of a GP practice: a letter and five numbers.
_GP_PRACTICE_CODE = re.compile(r"^[A-Z][0-9]{5}$")

DIFFERENT_PERSON_ERROR = (
    "Check the people who match. Open their page, or select ‘This is a different person’"
)
NHS_NUMBER_TAKEN_ERROR = (
    "Check the NHS number: another person has it. Select ‘This is a different person’ "
    "if you are sure it is right"
)


def latest_version(person: Person) -> int | None:
    """The id of the person's latest version in their history."""
    return person.history.order_by("-history_id").values_list("history_id", flat=True).first()


def changed_meanwhile_message(person: Person, seen: int) -> str:
    """Who changed the person's details after version `seen`, when, and which."""
    versions = list(
        person.history.filter(history_id__gte=seen)
        .select_related("history_user")
        .order_by("history_id")
    )
    if not versions or versions[0].history_id != seen:
        return (
            "These details were changed while you were changing them. What you entered is "
            "below, not saved: check it against their page, then save again"
        )
    fields = shown_fields(Person, relations=True)
    changed = [
        str(f.verbose_name)
        for f in fields
        if getattr(versions[0], f.attname) != getattr(versions[-1], f.attname)
    ]
    latest = versions[-1]
    who = latest.history_user or "Someone"
    when = timezone.localtime(latest.history_date)
    what = f" ({', '.join(changed)})" if changed else ""
    return (
        f"{who} changed these details{what} at {when:%H:%M} while you were changing them. "
        "What you entered is below, not saved: check it against their changes, then save "
        "again"
    )


def postcode_clean(text: str) -> str:
    """A postcode in upper case with one space before its last three characters, or
    ValidationError when it is not a postcode's shape."""
    compact = "".join(text.split()).upper()
    match = _POSTCODE.match(compact)
    if not match:
        raise ValidationError("Enter a real postcode, like SG13 8DE")
    return f"{match[1]} {match[2]}"


SELECTS = (
    "gender",
    "ethnicity",
    "primary_support_reason",
    "accommodation_status",
    "employment_status",
    "client_funding_status",
)
# The CLD's health-condition flags (issue 18): yes, no or not known.
HEALTH_FLAGS = ("autism", "visual_impairment", "hearing_impairment", "dementia")
RADIOS_NOT_REQUIRED = ("gender_same_as_birth", "has_unpaid_carer", *HEALTH_FLAGS)


class PersonForm(forms.ModelForm):
    """`user` adds or changes; `teams`, the teams they may choose from."""

    date_of_birth = PastDateField(
        label="Date of birth", subject="The date of birth", help_text="For example, 2 3 1941"
    )
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=20,
        help_text="10 digits, for example 943 476 5919",
    )
    date_of_death = PastDateField(
        label="Date of death",
        subject="The date of death",
        required=False,
        help_text="Only if the person has died",
    )
    council_reference = forms.CharField(
        label="Council reference (optional)",
        required=False,
        max_length=40,
        help_text="The person’s ID in the council’s main case management system. Leave it "
        "blank and one will be made, like PR-000123",
        error_messages={"unique": "Another person already has this council reference"},
    )
    different_person = forms.BooleanField(
        label="This is a different person",
        required=False,
    )
    # The version of the details the form was opened on (`Person.history`), so a change
    # someone else saved meanwhile is not overwritten unseen.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Person
        fields = [
            "name",
            "preferred_name",
            "date_of_birth",
            "nhs_number",
            "date_of_death",
            "council_reference",
            "team",
            "is_restricted",
            "address",
            "postcode",
            "phone",
            "email",
            "gender",
            "gender_same_as_birth",
            "ethnicity",
            "client_type",
            "primary_support_reason",
            "accommodation_status",
            "employment_status",
            "has_unpaid_carer",
            "gp_practice",
            "gp_practice_code",
            "communication_needs",
            "identity_and_culture",
            *HEALTH_FLAGS,
            "client_funding_status",
        ]
        labels = {
            "name": "Full name",
            "preferred_name": "Preferred name (optional)",
            "gender_same_as_birth": "Is their gender the same as the sex registered at birth?",
            "client_type": "Who are they to the council?",
            "has_unpaid_carer": "Do they have an unpaid carer?",
            "is_restricted": "Restrict this person’s record",
            "gp_practice": "GP practice",
            "gp_practice_code": "GP practice code",
            "autism": "Do they have autism (autism spectrum disorder)?",
            "visual_impairment": "Do they have a visual impairment?",
            "hearing_impairment": "Do they have a hearing impairment?",
            "dementia": "Do they have dementia?",
            "client_funding_status": "Who pays for their care?",
        }
        help_texts = {
            "is_restricted": "Only their allocated worker and the team’s managers will see "
            "them: for example, a member of staff or their family",
            "phone": "For example, 01992 555 123 or 07700 900 123",
        }
        error_messages = {
            "name": {"required": "Enter the person’s full name"},
            "team": {
                "required": "Select the team",
                "invalid_choice": "Select one of your teams",
            },
            "email": {"invalid": "Enter an email address like name@example.com"},
        }
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "communication_needs": forms.Textarea(attrs={"rows": 3}),
            "identity_and_culture": forms.Textarea(attrs={"rows": 3}),
            "team": forms.RadioSelect,
            "client_type": forms.RadioSelect,
            "gender_same_as_birth": forms.RadioSelect,
            "has_unpaid_carer": forms.RadioSelect,
            **{name: forms.RadioSelect for name in HEALTH_FLAGS},
        }

    def __init__(self, *args, user, teams: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.is_new = self.instance.pk is None
        self.duplicates = DuplicateMatches()
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = None
        if self.is_new and "team" not in self.initial and len(teams) == 1:
            self.initial["team"] = teams[0].pk
        self.latest_version = None
        if not self.is_new:
            self.initial["nhs_number"] = nhs_number_display(self.instance.nhs_number)
            self.latest_version = latest_version(self.instance)
            self.initial["version"] = self.latest_version
        else:
            del self.fields["version"]
        self.fields["date_of_birth"].error_messages.update(
            required="Enter the date of birth", incomplete="Enter the date of birth"
        )
        self.fields["date_of_death"].error_messages.update(
            incomplete="Enter the date of death as a day, month and year"
        )
        for name in SELECTS:
            model_field = Person._meta.get_field(name)
            self.fields[name].choices = [("", "Not recorded"), *model_field.choices]
        for name in RADIOS_NOT_REQUIRED:
            self.fields[name].choices = Person._meta.get_field(name).choices
        # Only a manager of the team sets or clears "restricted" (`may_restrict_person`).
        self.may_restrict = any(may_restrict_person(user, team_id=team.pk) for team in teams)
        if not self.may_restrict:
            del self.fields["is_restricted"]

        self.helper = FormHelper()
        self.helper.form_tag = False  # base_form.html writes the <form> with novalidate
        self.helper.add_input(
            Submit("submit", "Add the person" if self.is_new else "Save the changes")
        )
        self.helper.layout = self._layout()

    def _layout(self) -> Layout:
        def heading(text):
            return HTML(f'<h2 class="govuk-heading-m">{text}</h2>')

        def radios(name, **kwargs):
            # In a <div id="id_<name>">: the data-quality page links to `#id_<field>`,
            # which a group of radios does not have otherwise.
            return Div(
                Field.radios(name, legend_size=Size.SMALL, small=True, **kwargs),
                css_id=f"id_{name}",
            )

        restricted = [Field.checkbox("is_restricted")] if "is_restricted" in self.fields else []
        version = [Field("version")] if "version" in self.fields else []
        return Layout(
            *version,
            heading("Who they are"),
            Field.text("name"),
            Field.text("preferred_name", field_width=Fixed.TWENTY),
            Field("date_of_birth", legend_size=Size.SMALL),
            Field.text("nhs_number", field_width=Fixed.TEN, inputmode="numeric"),
            Field.text("council_reference", field_width=Fixed.TWENTY),
            Field.radios("team", legend_size=Size.SMALL),
            *restricted,
            Field("date_of_death", legend_size=Size.SMALL),
            heading("How to contact them"),
            Field.textarea("address", rows=3),
            Field.text("postcode", field_width=Fixed.TEN, autocomplete="postal-code"),
            Field.text("phone", field_width=Fixed.TWENTY, autocomplete="off"),
            Field.text("email", spellcheck="false", autocomplete="off"),
            heading("About them"),
            Field.select("gender"),
            radios("gender_same_as_birth"),
            Field.select("ethnicity"),
            radios("client_type"),
            Field.select("primary_support_reason"),
            Field.select("accommodation_status"),
            Field.select("employment_status"),
            radios("has_unpaid_carer"),
            Field.text("gp_practice"),
            Field.text("gp_practice_code", field_width=Fixed.TEN),
            Field.textarea("communication_needs", rows=3),
            Field.textarea("identity_and_culture", rows=3),
            heading("Health and funding (for the statutory return)"),
            *(radios(name, inline=True) for name in HEALTH_FLAGS),
            Field.select("client_funding_status"),
        )

    # --- One field at a time ---

    def clean_nhs_number(self) -> str:
        number = nhs_number_clean(self.cleaned_data["nhs_number"])
        nhs_number_validator(number)
        return number

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"].strip()
        return postcode_clean(text) if text else ""

    def clean_gp_practice_code(self) -> str:
        code = self.cleaned_data["gp_practice_code"].strip().upper()
        if code and not _GP_PRACTICE_CODE.match(code):
            raise ValidationError(
                "Enter the GP practice code as a letter and 5 numbers, like A81001"
            )
        return code

    def clean_council_reference(self) -> str:
        return self.cleaned_data["council_reference"].strip()

    # --- The form as a whole ---

    def clean(self):
        data = super().clean()
        self._check_version(data)
        if "is_restricted" in self.fields and "team" in data:
            wanted = data.get("is_restricted", False)
            changed = wanted != self.instance.is_restricted
            if changed and not may_restrict_person(self.user, team_id=data["team"].pk):
                self.add_error(
                    "is_restricted",
                    "Only a manager of the person’s team can restrict them or lift a "
                    "restriction: choose a team you manage",
                )
        self._check_duplicates(data)
        return data

    def _check_version(self, data: dict) -> None:
        """Refuse to overwrite a change saved since the form was opened: say who made
        it and to what, keep what was typed, and take the new version, so that saving
        again (after a look) goes through."""
        seen = data.get("version")
        if self.is_new or seen is None or seen == self.latest_version:
            return
        self.add_error(None, changed_meanwhile_message(self.instance, seen))
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = self.latest_version

    def _check_duplicates(self, data: dict) -> None:
        """Before a new person is saved, the people who may be them; before an NHS
        number is changed, whoever else has it. The user confirms it is a different
        person (`different_person`), or opens the one on the record."""
        if any(name in self.errors for name in ("name", "date_of_birth", "nhs_number")):
            return
        nhs_number = data.get("nhs_number", "")
        if self.is_new:
            self.duplicates = possible_duplicates(
                name=data.get("name", ""),
                date_of_birth=data.get("date_of_birth"),
                nhs_number=nhs_number,
                viewer=self.user,
            )
        elif nhs_number and nhs_number != self.instance.nhs_number:
            self.duplicates = possible_duplicates(
                name="",
                date_of_birth=None,
                nhs_number=nhs_number,
                viewer=self.user,
                exclude_pk=self.instance.pk,
                nhs_number_only=True,
            )
        if not self.duplicates:
            return
        # The confirmation goes first in the form, below the warning that lists them.
        self.helper.layout.fields.insert(0, Field.checkbox("different_person"))
        if not data.get("different_person"):
            self.add_error(
                "different_person",
                DIFFERENT_PERSON_ERROR if self.is_new else NHS_NUMBER_TAKEN_ERROR,
            )
