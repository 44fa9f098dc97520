"""The dashboards' filters: team, date range and record kind, in the URL so a view can be
shared. A bad value is shown next to its field and replaced by the default; it never
widens what the user may see."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from accounts.access import Scope
from accounts.models import Team
from config.forms import DateField
from config.kinds import RecordKind
from dashboards.rules import default_period

FILTER_FIELDS = ("team", "date_from", "date_to", "kind")


@dataclass
class Filters:
    """The filters in force: what the dashboards count."""

    scope: Scope
    team: Team | None
    date_from: date
    date_to: date
    kind: str

    @property
    def teams(self) -> list[Team]:
        return [self.team] if self.team else self.scope.teams

    @property
    def every_team(self) -> bool:
        """Whether the figures cover every team, so filtering by team would keep
        everyone (and only make the database start from the wrong end)."""
        return self.scope.every_team and self.team is None

    @property
    def kind_label(self) -> str:
        return RecordKind(self.kind).label if self.kind else "All kinds of record"

    def query_string(self) -> str:
        """These filters as URL parameters, for the CSV links and the pages."""
        params = {}
        if self.team:
            params["team"] = self.team.slug
        for name, value in (("date_from", self.date_from), ("date_to", self.date_to)):
            params.update(
                {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}
            )
        if self.kind:
            params["kind"] = self.kind
        return urlencode(params)

    def filename(self, dashboard: str, table: str) -> str:
        if self.scope.own_only:
            where = "own"
        elif len(self.teams) == 1:
            where = self.teams[0].slug
        else:
            where = "all-teams"
        return f"{dashboard}-{table}-{where}-{self.date_from}-to-{self.date_to}.csv"


class DashboardFilterForm(forms.Form):
    team = forms.ChoiceField(
        label="Team",
        required=False,
        error_messages={"invalid_choice": "Select a team from the list"},
    )
    date_from = DateField(label="From", required=False)
    date_to = DateField(label="To", required=False)
    kind = forms.ChoiceField(
        label="Kind of record",
        required=False,
        choices=[("", "All kinds of record"), *RecordKind.choices],
        error_messages={"invalid_choice": "Select a kind of record from the list"},
    )

    def __init__(self, data, *, scope: Scope, today: date, dates: bool = True, kinds: bool = True):
        super().__init__(data if any(k.startswith(FILTER_FIELDS) for k in data) else None)
        self.scope, self.today = scope, today
        self.default_from, self.default_to = default_period(today)
        self.fields["team"].choices = [("", "All your teams")] + [
            (team.slug, team.name) for team in scope.teams
        ]
        shown = []
        if not scope.own_only:
            shown.append(Field.select("team"))
        else:
            del self.fields["team"]
        if dates:
            self.fields["date_from"].initial = self.default_from
            self.fields["date_to"].initial = self.default_to
            shown.append(
                Fieldset(
                    Field("date_from"),
                    Field("date_to"),
                    legend="Contacts or records dated",
                    legend_size=Size.SMALL,
                )
            )
        else:
            del self.fields["date_from"], self.fields["date_to"]
        if kinds:
            shown.append(Field.select("kind"))
        else:
            del self.fields["kind"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*shown, Submit("apply", "Apply filters"))
        self.helper.form_method = "get"

    def clean(self):
        cleaned = super().clean()
        if self.scope.own_only and self.data.get("team"):
            raise forms.ValidationError(
                "You can see only your own figures, so the team filter does not apply"
            )
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return cleaned

    def filters(self) -> Filters:
        """The filters to apply: each valid value given, else its default."""
        valid = {}
        if self.is_bound and not self.is_valid():
            # Keep the good values; a wrong one falls back to its default.
            valid = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
            if "date_to" in self.errors:  # an end before the start: both are in doubt
                valid.pop("date_from", None)
        elif self.is_bound:
            valid = self.cleaned_data
        teams = {team.slug: team for team in self.scope.teams}
        return Filters(
            scope=self.scope,
            team=teams.get(valid.get("team") or ""),
            date_from=valid.get("date_from") or self.default_from,
            date_to=valid.get("date_to") or self.default_to,
            kind=valid.get("kind") or "",
        )
