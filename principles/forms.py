from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from config.forms import BaseForm, PastDateField
from principles.models import Framework


class ReadingConfirmationForm(BaseForm):
    """Lancashire's "Reading Confirmation" form: staff confirm what they have read."""

    submit_label = "Confirm reading"

    ALL = "all"
    SOME = "some"

    scope = forms.ChoiceField(
        label="What have you read?",
        choices=[
            (ALL, "All the principles in this version"),
            (SOME, "Only the principles I select"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you have read all the principles or some"},
    )
    principles = forms.ModelMultipleChoiceField(
        label="Principles you have read",
        help_text="Select every principle you have read, if you have not read them all.",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    read_on = PastDateField(
        label="Date you read them",
        subject="The date you read them",
        help_text="For example, 27 3 2026",
    )

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.fields["principles"].queryset = framework.principles.all()
        self.fields["principles"].label_from_instance = lambda p: f"{p.number}. {p.title}"
        self.fields["read_on"].error_messages.update(
            required="Enter the date you read them", incomplete="Enter the date you read them"
        )
        self.helper.layout = Layout(
            Field.radios("scope", legend_size=Size.MEDIUM),
            Field.checkboxes("principles", legend_size=Size.SMALL, small=True),
            Field("read_on", legend_size=Size.SMALL),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == self.SOME and not cleaned.get("principles"):
            self.add_error("principles", "Select the principles you have read")
        return cleaned

    def chosen_principles(self) -> list:
        if self.cleaned_data["scope"] == self.ALL:
            return list(self.framework.principles.all())
        return list(self.cleaned_data["principles"])
