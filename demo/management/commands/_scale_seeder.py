"""The rows of the `seed_scale` data set, made in bulk.

Everything random comes from one `random.Random(seed)`, and every id is chosen here
(the next free id of each table), so the same seed on the same database makes the same
rows. Contacts are made day by day from the first day of the period to today, so each
person's Care Act journey (assessment, eligibility, plan, reviews) happens in order,
and the rows of a batch are written table by table, parents first.

The big tables are written without the ORM: `bulk_create` cannot insert the rows of a
multi-table subclass (`CaseNote` is a `recording_record` row and a `recording_casenote`
row), and building a million model instances is most of the time of a bulk_create.
SQLite takes `executemany`; PostgreSQL takes `COPY`, one round trip a batch.
"""

import io
import json
import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import models
from django.db.models import Max

from accounts.models import Team, TeamMembership, User
from accounts.roles import Role
from assessments.models import (
    UNABLE_TO_ACHIEVE,
    Achievement,
    AssessedOutcome,
    Authorisation,
    CarePlan,
    CopyChannel,
    CopyFormat,
    CopyGiven,
    EligibilityDetermination,
    NeedsAssessment,
    Outcome,
    PlanOutcome,
    PlanSupport,
    Review,
    ReviewProgress,
    SafeguardingConcern,
)
from assessments.rules import add_months, is_eligible, latest_review_date
from config import cld
from config.kinds import CARE_ACT_KINDS, RecordKind
from demo.management.commands import _scale_text as text
from frontdoor.models import (
    Allocation,
    Priority,
    Requester,
    ScreeningOutcome,
    SupportRequest,
    Task,
    Urgency,
    WorkItem,
    WorkKind,
)
from principles.models import Framework, ReadingConfirmation, RequiredPrinciple
from recording.deadlines import LONDON, add_working_days, due_date, is_working_day
from recording.models import (
    CaseNote,
    Contact,
    Person,
    PrincipleEvidence,
    ProvisionalCarePackage,
    Record,
    RecordingObligation,
)

# The shape of the data set. Shares are of all contacts unless they say otherwise.
PACKAGE_SHARE = 0.03  # contacts that also arrange a provisional care package
# The Care Act records at a contact (`ScaleSeeder._care_act_step`): a concern raised,
# a first assessment, the journey's next step once the last is done, an early review.
SAFEGUARDING_SHARE = 0.004
NEW_ASSESSMENT_SHARE = 0.03
NEXT_STEP_SHARE = 0.4
EARLY_REVIEW_SHARE = 0.01
DESK_REVIEW_SHARE = 0.004  # reviews without a contact, per contact that day
DESK_SAFEGUARDING_SHARE = 0.002
ON_TIME_SHARE = 0.85
LATE_SHARE = 0.12  # 1-10 working days late; the rest are 11-30 days late
OPEN_CASE_NOTE_DRAFT_SHARE = 0.5  # an open case-note obligation with a draft started
MISSING_REQUIRED_SHARE = 0.05  # completed Care Act records without a required principle
AWAITING_AUTHORISATION_SHARE = 0.02  # besides the recent ones not decided yet
RETURNED_SHARE = 0.03
COPY_GIVEN_SHARE = 0.85
# How and in what form copies reached people: the form's choices (no translations, whose
# language the seeder would have to make up).
OFFERED_CHANNELS = [c for c in CopyChannel.values if c != CopyChannel.NOT_RECORDED]
UNTRANSLATED_FORMATS = [f for f in CopyFormat.values if f != CopyFormat.OTHER_LANGUAGE]
READ_ALL_SHARE, READ_SOME_SHARE = 0.8, 0.1
RESTRICTED_SHARE = 0.02
UNALLOCATED_SHARE = 0.08
GROWTH = 0.4  # the last day of the period is this much busier than the first
EVIDENCE_COUNTS = ((1, 0.35), (2, 0.7), (3, 0.9), (4, 1.0))  # cumulative: about 2 a record
# The front door (issue 17): about 35,000 requests for support a year at the default
# size (1,000,000 contacts over five years), each one of the contacts.
REQUEST_SHARE = 0.175
# Screening outcomes, of screened requests (roughly SALT's shares for new clients).
OUTCOMES = (
    (ScreeningOutcome.INFORMATION_AND_ADVICE.value, 22),
    (ScreeningOutcome.SIGNPOSTING.value, 15),
    (ScreeningOutcome.UNIVERSAL_SERVICES.value, 10),
    (ScreeningOutcome.NO_FURTHER_ACTION.value, 13),
    (ScreeningOutcome.SHORT_TERM_SUPPORT.value, 12),
    (ScreeningOutcome.ASSESSMENT_NEEDED.value, 28),
)
REQUESTERS = (
    (Requester.PERSON.value, 18),
    (Requester.FAMILY.value, 25),
    (Requester.CARER.value, 8),
    (Requester.GP.value, 12),
    (Requester.HOSPITAL.value, 15),
    (Requester.COMMUNITY_HEALTH.value, 6),
    (Requester.OTHER_COUNCIL.value, 2),
    (Requester.HOUSING.value, 3),
    (Requester.POLICE.value, 2),
    (Requester.PROVIDER.value, 3),
    (Requester.VOLUNTARY.value, 2),
    (Requester.ONLINE.value, 4),
)
URGENCIES = ((Urgency.URGENT.value, 5), (Urgency.HIGH.value, 20), (Urgency.STANDARD.value, 75))
PRIORITIES = ((Priority.HIGH.value, 15), (Priority.MEDIUM.value, 55), (Priority.LOW.value, 30))
# Waits in days (lognormal: median, spread): a needs or carer's assessment's median wait
# is four weeks with a long tail past 200 days; a service's two weeks.
ASSESSMENT_WAIT = (28, 1.0)
SERVICE_WAIT = (12, 0.9)
CARERS_SHARE = 0.6  # of carers' requests needing an assessment: a carer's assessment
SERVICE_SHARE = 0.5  # of authorised plans: a wait for the service to start
OPEN_ALLOCATED_SHARE = 0.55  # of open work items (the rest wait unallocated)
REALLOCATED_SHARE = 0.1  # of allocated work items: one reallocation
REVIEW_LIST_DAYS = 28  # a review joins the list when it is due within four weeks
TASK_SHARE = 0.12  # contacts that agree a task
FORGOTTEN_TASK_SHARE = 0.08  # recent tasks left open past their due date
GENDERS = ((cld.Gender.FEMALE.value, 58), (cld.Gender.MALE.value, 41), (cld.Gender.OTHER.value, 1))
ETHNICITIES = (
    (cld.Ethnicity.WHITE_BRITISH.value, 760),
    (cld.Ethnicity.WHITE_IRISH.value, 10),
    (cld.Ethnicity.WHITE_OTHER.value, 50),
    (cld.Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN.value, 6),
    (cld.Ethnicity.MIXED_WHITE_ASIAN.value, 5),
    (cld.Ethnicity.MIXED_OTHER.value, 5),
    (cld.Ethnicity.ASIAN_INDIAN.value, 30),
    (cld.Ethnicity.ASIAN_PAKISTANI.value, 20),
    (cld.Ethnicity.ASIAN_BANGLADESHI.value, 8),
    (cld.Ethnicity.ASIAN_CHINESE.value, 5),
    (cld.Ethnicity.ASIAN_OTHER.value, 10),
    (cld.Ethnicity.BLACK_CARIBBEAN.value, 15),
    (cld.Ethnicity.BLACK_AFRICAN.value, 15),
    (cld.Ethnicity.BLACK_OTHER.value, 4),
    (cld.Ethnicity.OTHER_ARAB.value, 3),
    (cld.Ethnicity.OTHER_ANY.value, 5),
    (cld.Ethnicity.NOT_KNOWN.value, 40),
    (cld.Ethnicity.REFUSED.value, 9),
)
SUPPORT_REASONS = (
    (cld.PrimarySupportReason.PHYSICAL_PERSONAL.value, 50),
    (cld.PrimarySupportReason.PHYSICAL_ACCESS.value, 7),
    (cld.PrimarySupportReason.MEMORY.value, 14),
    (cld.PrimarySupportReason.LEARNING_DISABILITY.value, 11),
    (cld.PrimarySupportReason.MENTAL_HEALTH.value, 10),
    (cld.PrimarySupportReason.SENSORY_VISUAL.value, 2),
    (cld.PrimarySupportReason.SENSORY_HEARING.value, 1),
    (cld.PrimarySupportReason.SOCIAL_OTHER.value, 3),
    (cld.PrimarySupportReason.SUBSTANCE.value, 1),
    (cld.PrimarySupportReason.NOT_KNOWN.value, 1),
)
METHODS = (
    (Contact.Method.VISIT, 35),
    (Contact.Method.PHONE, 35),
    (Contact.Method.VIDEO, 8),
    (Contact.Method.OFFICE, 7),
    (Contact.Method.HOSPITAL, 10),
    (Contact.Method.OTHER, 5),
)

HOUR = 3600
DAY_START, DAY_END, EVENING_END = 8 * HOUR, 18 * HOUR, 23 * HOUR
UNABLE = sorted(achievement.value for achievement in UNABLE_TO_ACHIEVE)  # sets hash at random
FAR_FUTURE = datetime(9999, 1, 1)  # naive UTC, like every time here
COMPLETED, DRAFT = Record.Status.COMPLETED.value, Record.Status.DRAFT.value


@dataclass(frozen=True)
class Sizes:
    contacts: int
    people: int
    staff: int
    teams: int
    years: int

    @property
    def quality_staff(self) -> int:
        return max(1, round(self.staff / 100))

    @property
    def practitioners(self) -> int:
        return self.staff - self.teams - self.quality_staff


class TableWriter:
    """Collects one table's rows and writes them in one statement a batch.

    `columns` are the attnames the caller fills, in row order, separated by spaces;
    every other column of the table gets the same value on every row -- its default,
    NULL or an empty string -- so a field added to a model later is filled or refused
    here, not left to fail in the database.
    """

    def __init__(self, connection, model: type[models.Model], columns: str):
        columns = columns.split()
        self.connection = connection
        self.model = model
        fields = {field.attname: field for field in model._meta.local_concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise CommandError(f"seed_scale: {model.__name__} has no column {sorted(unknown)}.")
        others = [field for name, field in fields.items() if name not in columns]
        self.constants = tuple(_constant(field) for field in others)
        self.columns = [fields[name].column for name in columns] + [f.column for f in others]
        self.rows: list[tuple] = []
        self.written = 0
        self.seconds = 0.0

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def flush(self) -> None:
        if not self.rows:
            return
        started = time.perf_counter()
        rows = [row + self.constants for row in self.rows] if self.constants else self.rows
        quote = self.connection.ops.quote_name
        names = ", ".join(quote(column) for column in self.columns)
        with self.connection.cursor() as cursor:
            raw = cursor.cursor
            if self.connection.vendor == "postgresql" and hasattr(raw, "copy_expert"):
                buffer = io.StringIO()
                for row in rows:
                    buffer.write("\t".join("\\N" if v is None else str(v) for v in row))
                    buffer.write("\n")
                buffer.seek(0)
                raw.copy_expert(f"COPY {quote(self.table)} ({names}) FROM STDIN", buffer)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {quote(self.table)} ({names}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
        self.written += len(rows)
        self.rows = []
        self.seconds += time.perf_counter() - started


def _constant(field: models.Field):
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if isinstance(field, models.JSONField) else value
    if field.null:
        return None
    if field.blank and isinstance(field, (models.CharField, models.TextField)):
        return ""
    raise CommandError(
        f"seed_scale does not fill {field.model.__name__}.{field.name}: give it a value "
        "in demo/management/commands/_scale_seeder.py."
    )


class Journey:
    """Where one person is in the Care Act records: the completed assessment waiting for
    its eligibility determination, the authorised eligible determination waiting for its
    plan, and the authorised plan that reviews review. Nothing new starts before
    `busy_until` (the last record's completion or authorisation)."""

    __slots__ = ("busy_until", "assessment", "unmet", "determination", "plan")

    def __init__(self):
        self.busy_until = datetime.min
        self.assessment = self.determination = self.plan = None
        self.unmet: list[str] = []  # the outcomes the last assessment found unmet


class ScaleSeeder:
    """Makes the data set; `run()` writes it all (the caller holds the transaction)."""

    def __init__(
        self,
        *,
        connection,
        sizes: Sizes,
        seed: int,
        batch_size: int,
        now: datetime,
        framework: Framework,
        closure_days: frozenset[date],
        report: Callable[[str], None],
    ):
        self.connection = connection
        self.sizes = sizes
        self.rng = random.Random(seed)  # noqa: S311 -- repeatable test data, not secrets
        self.random = self.rng.random
        self.batch_size = batch_size
        self.framework = framework
        self.closure_days = closure_days
        self.report = report
        self.now = now.astimezone(UTC).replace(tzinfo=None, microsecond=0)  # naive UTC
        now_local = now.astimezone(LONDON)
        self.today = now_local.date()
        self.now_local_seconds = now_local.hour * HOUR + now_local.minute * 60
        self.start = add_months(self.today, -12 * sizes.years)
        self.started = time.perf_counter()
        if connection.vendor == "postgresql":
            self.utc_text = lambda moment: f"{moment}+00:00"
        else:  # Django stores SQLite datetimes as naive UTC text
            self.utc_text = str
        self._offsets: dict[date, timedelta] = {}
        self._due: dict[date, date] = {}
        self._working_day_after: dict[tuple[date, int], date] = {}
        self.journeys: dict[int, Journey] = {}
        self.plan_outcomes: dict[int, list[int]] = {}  # plan record id: its outcome ids
        self.planned_people: list[int] = []  # people with an authorised plan
        self.review_due: dict[int, tuple[datetime, date]] = {}
        self.missing_required = 0
        self.small_tables: list[tuple[str, int, float]] = []
        # The front door: weighted choices as lists to `pick` from, and until when each
        # (person, kind of work) is on a waiting list (one open item each, as the app).
        self.requesters = _expand(REQUESTERS)
        self.outcomes = _expand(OUTCOMES)
        self.urgencies = _expand(URGENCIES)
        self.priorities = _expand(PRIORITIES)
        self.waiting_until: dict[tuple[int, str], date] = {}

    # --- Calendar helpers, memoised: a few thousand dates serve a million rows ---

    def to_utc(self, local: datetime) -> datetime:
        """Local wall time (always 08:00-23:59 here, so never in a clock change) to
        naive UTC."""
        day = local.date()
        offset = self._offsets.get(day)
        if offset is None:
            offset = LONDON.utcoffset(datetime(day.year, day.month, day.day, 12))
            self._offsets[day] = offset
        return local - offset

    def due(self, contact_date: date) -> date:
        answer = self._due.get(contact_date)
        if answer is None:
            answer = due_date(contact_date, self.closure_days)
            self._due[contact_date] = answer
        return answer

    def working_day_after(self, day: date, count: int) -> date:
        key = (day, count)
        answer = self._working_day_after.get(key)
        if answer is None:
            answer = add_working_days(day, count, self.closure_days)
            self._working_day_after[key] = answer
        return answer

    def pick(self, options):
        """`random.choice`, twice as fast (a million records make millions of these)."""
        return options[int(self.random() * len(options))]

    def between(self, low: int, high: int) -> int:
        """`random.randint(low, high)`, both ends included; faster."""
        return low + int(self.random() * (high - low + 1))

    def at(self, day: date, low: int, high: int) -> datetime:
        """A local time on `day`, `low` to `high` seconds after midnight."""
        seconds = self.between(low, high)
        return datetime(day.year, day.month, day.day) + timedelta(seconds=seconds)

    # --- The run ---

    def run(self) -> dict[str, tuple[int, float]]:
        self._load_principles()
        self._next_ids()
        self._staff()
        self._people()
        self._reading_confirmations()
        self._contacts_and_records()
        self._review_due_dates()
        self._open_reviews()
        self._person_allocations()
        self._flush()
        self._reset_sequences()
        tables = {name: (rows, seconds) for name, rows, seconds in self.small_tables}
        for writer in self.writers.values():
            tables[writer.table] = (writer.written, writer.seconds)
        return tables

    def _next_ids(self) -> None:
        def next_id(model):
            return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

        self.ids = {
            model: next_id(model)
            for model in (
                Team,
                User,
                TeamMembership,
                User.groups.through,
                ReadingConfirmation,
                Person,
                Contact,
                RecordingObligation,
                Record,
                PrincipleEvidence,
                Authorisation,
                CopyGiven,
                AssessedOutcome,
                PlanOutcome,
                PlanSupport,
                ReviewProgress,
                SupportRequest,
                WorkItem,
                Allocation,
                Task,
            )
        }

    def take_id(self, model) -> int:
        value = self.ids[model]
        self.ids[model] = value + 1
        return value

    def _timed(self, model, objects: list, batch_size: int | None = None) -> None:
        started = time.perf_counter()
        model.objects.bulk_create(objects, batch_size=batch_size or self.batch_size)
        seconds = time.perf_counter() - started
        self.small_tables.append((model._meta.db_table, len(objects), seconds))
        self.report(f"  {model._meta.db_table}: {len(objects):,} rows in {seconds:.1f}s")

    def _staff(self) -> None:
        """Teams; one manager each; a few quality staff; the rest practitioners, dealt
        round the teams."""
        sizes = self.sizes
        self.team_ids = []
        teams = []
        for number in range(1, sizes.teams + 1):
            team_id = self.take_id(Team)
            self.team_ids.append(team_id)
            teams.append(
                Team(id=team_id, name=f"Scale team {number:02d}", slug=f"scale-team-{number:02d}")
            )
        self._timed(Team, teams)

        groups = dict(Group.objects.filter(name__in=Role.values).values_list("name", "id"))
        unusable = make_password(None)
        joined = datetime.combine(self.start, datetime.min.time(), tzinfo=UTC)
        users, memberships, user_groups = [], [], []
        self.managers: list[list[int]] = [[] for _ in self.team_ids]
        self.practitioners: list[list[int]] = [[] for _ in self.team_ids]
        self.staff_ids = []
        for number in range(1, sizes.staff + 1):
            user_id = self.take_id(User)
            self.staff_ids.append(user_id)
            index = number - 1
            if index < sizes.teams:
                role, team, title = Role.TEAM_MANAGER, index, "Team manager"
                self.managers[team].append(user_id)
            elif index < sizes.teams + sizes.quality_staff:
                role, team, title = Role.QUALITY, None, "Quality lead"
            else:
                role = Role.PRACTITIONER
                team = (index - sizes.teams - sizes.quality_staff) % sizes.teams
                title = self.pick(text.STAFF_JOB_TITLES)
                self.practitioners[team].append(user_id)
            username = f"scale-{number:04d}"
            users.append(
                User(
                    id=user_id,
                    username=username,
                    password=unusable,
                    first_name=self.pick(text.FIRST_NAMES),
                    last_name=self.pick(text.LAST_NAMES),
                    email=f"{username}@example.org",
                    job_title=title,
                    date_joined=joined,
                )
            )
            user_groups.append(
                User.groups.through(
                    id=self.take_id(User.groups.through), user_id=user_id, group_id=groups[role]
                )
            )
            if team is not None:
                memberships.append(
                    TeamMembership(
                        id=self.take_id(TeamMembership),
                        user_id=user_id,
                        team_id=self.team_ids[team],
                        is_manager=role == Role.TEAM_MANAGER,
                    )
                )
        self._timed(User, users)
        self._timed(User.groups.through, user_groups)
        self._timed(TeamMembership, memberships)

    def _people(self) -> None:
        rng, sizes = self.rng, self.sizes
        writer = TableWriter(
            self.connection,
            Person,
            "id name preferred_name date_of_birth council_reference communication_needs "
            "team_id allocated_worker_id is_restricted created_at nhs_number gender "
            "ethnicity primary_support_reason",
        )
        nhs_numbers = _nhs_numbers()
        genders = _weighted(rng, GENDERS, sizes.people)
        ethnicities = _weighted(rng, ETHNICITIES, sizes.people)
        reasons = _weighted(rng, SUPPORT_REASONS, sizes.people)
        team_weights = [rng.uniform(0.6, 1.4) for _ in self.team_ids]
        teams = rng.choices(range(sizes.teams), weights=team_weights, k=sizes.people)
        created_at = self.utc_text(datetime.combine(self.start, datetime.min.time()))
        self.person_ids, self.person_team, self.person_worker = [], [], []
        self.person_first_name, self.person_restricted = [], []
        activity = []
        for number, team in enumerate(teams, start=1):
            person_id = self.take_id(Person)
            first = self.pick(text.FIRST_NAMES)
            worker = None
            if rng.random() >= UNALLOCATED_SHARE:
                worker = self.pick(self.practitioners[team])
            restricted = worker is not None and rng.random() < RESTRICTED_SHARE
            age_days = int(rng.triangular(18, 98, 82) * 365.25)
            writer.rows.append(
                (
                    person_id,
                    f"{first} {self.pick(text.LAST_NAMES)}",
                    self.pick(text.PREFERRED_NAMES) if rng.random() < 0.1 else "",
                    (self.start - timedelta(days=age_days)).isoformat(),
                    f"SC{number:07d}",
                    self.pick(text.COMMUNICATION_NEEDS) if rng.random() < 0.2 else "",
                    self.team_ids[team],
                    worker,
                    restricted,
                    created_at,
                    next(nhs_numbers) if rng.random() < 0.9 else "",
                    genders[number - 1],
                    ethnicities[number - 1],
                    reasons[number - 1],
                )
            )
            self.person_ids.append(person_id)
            self.person_team.append(team)
            self.person_worker.append(worker)
            self.person_restricted.append(restricted)
            self.person_first_name.append(first)
            activity.append(rng.lognormvariate(0, 0.9))  # a few people are seen often
            if len(writer.rows) >= self.batch_size:
                writer.flush()
        writer.flush()
        total = 0.0
        self.person_activity = []
        for weight in activity:
            total += weight
            self.person_activity.append(total)
        self.small_tables.append((writer.table, writer.written, writer.seconds))
        self.report(f"  {writer.table}: {writer.written:,} rows in {writer.seconds:.1f}s")

    def _reading_confirmations(self) -> None:
        """Most staff have confirmed reading every principle of the active framework,
        some a few, the rest none."""
        rng = self.rng
        principles = list(self.framework.principles.order_by("number").values_list("pk", flat=True))
        first_day = max(self.framework.effective_date, self.today - timedelta(days=365))
        first_day = min(first_day, self.today)
        span = (self.today - first_day).days
        rows = []
        for user_id in self.staff_ids:
            share = rng.random()
            if share < READ_ALL_SHARE:
                read = principles
            elif share < READ_ALL_SHARE + READ_SOME_SHARE and len(principles) > 1:
                read = rng.sample(principles, self.between(1, len(principles) - 1))
            else:
                read = []
            read_on = first_day + timedelta(days=self.between(0, span))
            rows.extend(
                ReadingConfirmation(
                    id=self.take_id(ReadingConfirmation),
                    user_id=user_id,
                    principle_id=principle_id,
                    read_on=read_on,
                )
                for principle_id in read
            )
        self._timed(ReadingConfirmation, rows)

    # --- Contacts, obligations and records ---

    def _writers(self) -> None:
        """One writer a table, in the order a batch is written: parents first."""
        tables = [
            (Contact, "id person_id occurred_at method with_whom recorded_by_id created_at"),
            (
                RecordingObligation,
                "id contact_id kind team_id owner_id contact_date due_date completed_at "
                "completed_on",
            ),
            (
                Record,
                "id kind person_id obligation_id framework_id author_id status created_at "
                "updated_at completed_at reading_ease",
            ),
            (
                CaseNote,
                "record_ptr_id narrative made_decision decision decision_reasons legal_basis "
                "legal_section next_actions",
            ),
            (
                ProvisionalCarePackage,
                "record_ptr_id what provider start_date weekly_cost why",
            ),
            (
                NeedsAssessment,
                "record_ptr_id form_type what_matters strengths_personal strengths_family "
                "wellbeing_impact identity_and_culture carers mental_capacity advocacy "
                "prevention_advice assessment_type method outcome",
            ),
            (
                EligibilityDetermination,
                "record_ptr_id assessment_id needs_from_impairment outcomes_not_achieved "
                "wellbeing_significant wellbeing_notes decision reasons",
            ),
            (
                CarePlan,
                "record_ptr_id eligibility_id personal_budget direct_payments "
                "direct_payments_why_not health_funding_considered contingency_plan review_date",
            ),
            (
                Review,
                "record_ptr_id plan_id review_date summary changes next_review_date "
                "review_reason method outcomes_achieved outcome",
            ),
            (
                SafeguardingConcern,
                "record_ptr_id concern persons_wishes empowerment prevention proportionality "
                "protection partnership accountability action_taken immediate_action",
            ),
            (AssessedOutcome, "id assessment_id outcome achievement needs"),
            (PlanOutcome, "id plan_id position statement"),
            (
                PlanSupport,
                "id plan_id position need how_met kind provider weekly_cost "
                "meets_assessed_needs safe_lawful_appropriate service_type service_component "
                "delivery_mechanism unit_cost cost_frequency planned_units_per_week start_date",
            ),
            (ReviewProgress, "id review_id outcome_id progress notes"),
            (PrincipleEvidence, "id record_id principle_id evidence"),
            (Authorisation, "id record_id decision reason decided_by_id decided_at"),
            (CopyGiven, "id record_id given_on channel format language recorded_by_id recorded_at"),
            (
                SupportRequest,
                "id contact_id person_id team_id received_at requester route_of_access "
                "asked_for urgency outcome outcome_reason screened_by_id screened_at "
                "created_by_id created_at",
            ),
            (
                WorkItem,
                "id kind person_id team_id waiting_since request_id source_record_id priority "
                "priority_reason priority_reviewed_by_id priority_reviewed_at allocated_to_id "
                "allocated_at completed_at completed_record_id created_at",
            ),
            (
                Allocation,
                "id work_item_id person_id from_worker_id to_worker_id allocated_by_id "
                "allocated_at reason",
            ),
            (
                Task,
                "id what owner_id due_on person_id created_by_id created_at completed_at "
                "completed_by_id",
            ),
        ]
        self.writers = {
            model: TableWriter(self.connection, model, columns) for model, columns in tables
        }
        self.child_model = {
            model.KIND: model for model in self.writers if getattr(model, "KIND", "")
        }

    def _flush(self) -> None:
        for writer in self.writers.values():  # in insertion order: parents first
            writer.flush()

    def _days(self) -> Iterator[tuple[date, int]]:
        """Each day of the period and how many contacts it has: working days far more
        than weekends and bank holidays, later years a little busier, today only up to
        now. The counts add up to exactly `--contacts`."""
        days = [self.start + timedelta(days=n) for n in range((self.today - self.start).days + 1)]
        weights = []
        for index, day in enumerate(days):
            if is_working_day(day, self.closure_days):
                weight = 1.0
            else:
                weight = 0.12 if day.weekday() == 5 else 0.06
            weight *= 1 + GROWTH * index / len(days)
            if day == self.today:  # the part of today's working day that has passed
                passed = (self.now_local_seconds - DAY_START - 600) / (DAY_END - DAY_START)
                weight *= min(max(passed, 0.0), 1.0)
            weights.append(weight)
        total = sum(weights)
        exact = [self.sizes.contacts * weight / total for weight in weights]
        counts = [int(share) for share in exact]
        left = self.sizes.contacts - sum(counts)
        by_remainder = sorted(range(len(days)), key=lambda i: (counts[i] - exact[i], i))
        for index in by_remainder[:left]:
            counts[index] += 1
        return zip(days, counts, strict=True)

    def _contacts_and_records(self) -> None:
        self._writers()
        rng = self.rng
        total = self.sizes.contacts
        people = range(len(self.person_ids))
        methods, method_weights = zip(*METHODS, strict=True)
        self.contacts_made = 0
        next_report = 0
        for day, count in self._days():
            if count:
                if day == self.today:
                    low, high = DAY_START, self.now_local_seconds - 60
                    times = sorted(self.at(day, low, high) for _ in range(count))
                else:
                    times = sorted(
                        self.at(day, DAY_START, DAY_END)
                        if rng.random() >= 0.03
                        else self.at(day, DAY_END, EVENING_END)
                        for _ in range(count)
                    )
                who = rng.choices(people, cum_weights=self.person_activity, k=count)
                how = rng.choices(methods, weights=method_weights, k=count)
                for local, person, method in zip(times, who, how, strict=True):
                    self._contact(local, person, method)
                self.contacts_made += count
            if day < self.today:
                self._desk_records(day, count)
            if len(self.writers[Contact].rows) >= self.batch_size:
                self._flush()
                if self.contacts_made >= next_report:
                    self._progress(total)
                    next_report = self.contacts_made + max(total // 20, self.batch_size)
        self._flush()
        self._progress(total)

    def _progress(self, total: int) -> None:
        share = self.contacts_made / total if total else 1
        elapsed = time.perf_counter() - self.started
        self.report(
            f"  contacts {self.contacts_made:,} of {total:,} ({share:.0%}), "
            f"records {self.writers[Record].written:,}, {elapsed:.0f}s"
        )

    def _owner(self, person: int) -> int:
        """The allocated worker mostly (always, for a restricted person); otherwise a
        colleague from the person's team, e.g. on duty."""
        worker = self.person_worker[person]
        if worker is not None and (self.person_restricted[person] or self.rng.random() < 0.7):
            return worker
        return self.pick(self.practitioners[self.person_team[person]])

    def _contact(self, local: datetime, person: int, method: str) -> None:
        rng = self.rng
        contact_id = self.take_id(Contact)
        owner = self._owner(person)
        occurred = self.to_utc(local)
        created = min(occurred + timedelta(seconds=self.between(300, 2 * HOUR)), self.now)
        with_whom = self.pick(text.WITH_WHOM).format(name=self.person_first_name[person])
        self.writers[Contact].rows.append(
            (
                contact_id,
                self.person_ids[person],
                self.utc_text(occurred),
                method,
                with_whom,
                owner,
                self.utc_text(created),
            )
        )
        visit = (contact_id, person, owner, local, occurred)
        if rng.random() < REQUEST_SHARE:
            self._request(visit)
        if rng.random() < TASK_SHARE:
            self._task(person, owner, local.date(), occurred)
        self._obligation(visit, RecordKind.CASE_NOTE)
        if rng.random() < PACKAGE_SHARE:
            self._obligation(visit, RecordKind.PROVISIONAL_CARE_PACKAGE)
        step = self._care_act_step(person, occurred, local.date())
        if step is not None:
            self._obligation(visit, *step)

    def _planned_completion(self, local: datetime, contact_date: date, due: date) -> datetime:
        """When the record of a contact at `local` gets completed (local time): mostly
        within the two working days, some late. Those after now stay open."""
        rng = self.rng
        chance = rng.random()
        if chance < ON_TIME_SHARE:
            spread = rng.random()  # the same day, the next working day, the due date
            days = 0 if spread < 0.3 else 1 if spread < 0.75 else 2
            if days == 0:
                seconds_left = EVENING_END + HOUR - 60 - (local.hour * HOUR + local.minute * 60)
                if seconds_left >= 20 * 60:
                    return local + timedelta(seconds=self.between(900, min(seconds_left, 6 * HOUR)))
                days = 1
            day = self.working_day_after(contact_date, days)
        elif chance < ON_TIME_SHARE + LATE_SHARE:
            day = self.working_day_after(due, self.between(1, 10))
        else:
            day = self.working_day_after(due, self.between(11, 30))
        return self.at(day, DAY_START, DAY_END + HOUR // 2)

    def _obligation(self, visit: tuple, kind: str, basis: int | None = None) -> None:
        contact_id, person, owner, local, occurred = visit
        obligation_id = self.take_id(RecordingObligation)
        contact_date = local.date()
        due = self.due(contact_date)
        completed_local = self._planned_completion(local, contact_date, due)
        completed = self.to_utc(completed_local)
        if completed > self.now:
            completed = completed_local = None
        self.writers[RecordingObligation].rows.append(
            (
                obligation_id,
                contact_id,
                kind,
                self.team_ids[self.person_team[person]],
                owner,
                contact_date.isoformat(),
                due.isoformat(),
                None if completed is None else self.utc_text(completed),
                None if completed is None else completed_local.date().isoformat(),
            )
        )
        # The app makes a package's or Care Act record's obligation with its draft; only
        # a contact's case note can be owed before anyone starts it.
        if (
            completed is not None
            or kind != RecordKind.CASE_NOTE
            or self.rng.random() < OPEN_CASE_NOTE_DRAFT_SHARE
        ):
            self._record(
                kind,
                person,
                owner,
                obligation_id,
                occurred,
                completed,
                contact_date,
                basis,
            )

    def _desk_records(self, day: date, contacts: int) -> None:
        """Reviews and safeguarding concerns recorded without a contact that day."""
        rng = self.rng
        for _ in range(_how_many(rng, contacts * DESK_REVIEW_SHARE)):
            if not self.planned_people:
                break
            person = self.pick(self.planned_people)
            journey = self.journeys[person]
            started = self.to_utc(self.at(day, 9 * HOUR, 17 * HOUR))
            if started < journey.busy_until:
                continue
            completed_local = self.at(
                self.working_day_after(day, self.between(0, 3)), DAY_START, DAY_END
            )
            self._desk_record(RecordKind.REVIEW, person, day, started, completed_local)
        for _ in range(_how_many(rng, contacts * DESK_SAFEGUARDING_SHARE)):
            person = self.between(0, len(self.person_ids) - 1)
            local = self.at(day, 9 * HOUR, 17 * HOUR)
            started = self.to_utc(local)
            completed_local = local + timedelta(seconds=self.between(HOUR, 6 * HOUR))
            self._desk_record(RecordKind.SAFEGUARDING, person, day, started, completed_local)

    def _desk_record(self, kind, person, day, started, completed_local) -> None:
        completed = self.to_utc(completed_local)
        if completed <= started:
            completed = started + timedelta(hours=1)
        if completed > self.now:
            completed = None
        basis = self.journeys[person].plan if kind == RecordKind.REVIEW else None
        self._record(kind, person, self._owner(person), None, started, completed, day, basis)

    def _care_act_step(
        self, person: int, when: datetime, day: date
    ) -> tuple[str, int | None] | None:
        """The person's next Care Act record at this contact and the record it builds
        on, or None. A journey moves on at the next contacts once its last record is
        completed (and authorised); a review is likelier once it falls due."""
        rng = self.rng
        chance = rng.random()
        if chance < SAFEGUARDING_SHARE:
            return RecordKind.SAFEGUARDING, None
        journey = self.journeys.get(person)
        if journey is not None and when < journey.busy_until:
            return None
        if journey is None:
            if chance >= SAFEGUARDING_SHARE + NEW_ASSESSMENT_SHARE:
                return None
            journey = self.journeys[person] = Journey()
            return RecordKind.NEEDS_ASSESSMENT, None
        if journey.assessment is not None:
            return (
                (RecordKind.ELIGIBILITY, journey.assessment) if chance < NEXT_STEP_SHARE else None
            )
        if journey.determination is not None:
            return (
                (RecordKind.CARE_PLAN, journey.determination) if chance < NEXT_STEP_SHARE else None
            )
        if journey.plan is not None:
            review_due = self.review_due.get(person, (None, day))[1]
            if review_due - day <= timedelta(days=30):
                return (RecordKind.REVIEW, journey.plan) if chance < NEXT_STEP_SHARE else None
            if chance < SAFEGUARDING_SHARE + EARLY_REVIEW_SHARE:
                return RecordKind.REVIEW, journey.plan
        if chance < SAFEGUARDING_SHARE + NEW_ASSESSMENT_SHARE / 2:  # needs have changed
            return RecordKind.NEEDS_ASSESSMENT, None
        return None

    def _record(
        self,
        kind: str,
        person: int,
        author: int,
        obligation_id: int | None,
        started: datetime,
        completed: datetime | None,
        day: date,
        basis: int | None,
    ) -> None:
        """A record, its kind's row, its principle evidence, and what follows it on the
        person's journey (authorisation, the copy given, the next review date)."""
        rng = self.rng
        record_id = self.take_id(Record)
        if completed is not None:
            span = int((completed - started).total_seconds())
            created = started + timedelta(seconds=int(span * rng.uniform(0.05, 0.9)))
            updated, status = completed, COMPLETED
        else:
            span = int(min((self.now - started).total_seconds(), 2 * 24 * HOUR))
            created = started + timedelta(seconds=int(span * rng.uniform(0.05, 0.5)))
            updated = created + timedelta(seconds=int(span * rng.uniform(0, 0.4)))
            updated, status = min(updated, self.now), DRAFT
        reading_ease = None
        if rng.random() >= 0.03:
            reading_ease = round(min(max(rng.gauss(62, 8), 20.0), 90.0), 1)
        self.writers[Record].rows.append(
            (
                record_id,
                kind,
                self.person_ids[person],
                obligation_id,
                self.framework.pk,
                author,
                status,
                self.utc_text(created),
                self.utc_text(updated),
                None if completed is None else self.utc_text(completed),
                reading_ease,
            )
        )
        row = getattr(self, f"_{kind}")(record_id, person, day, completed, basis)
        self.writers[self.child_model[kind]].rows.append(row)
        self._evidence(record_id, kind, completed is not None)

    def _evidence(self, record_id: int, kind: str, completed: bool) -> None:
        """1-4 principles on a completed record, its kind's required ones among them
        (bar a few older Care Act records); 0-2 on a draft, some not written yet."""
        rng = self.rng
        required = self.required.get(kind, [])
        if completed:
            chosen = list(required)
            if required and kind in CARE_ACT_KINDS and rng.random() < MISSING_REQUIRED_SHARE:
                chosen.remove(self.pick(required))
                self.missing_required += 1
            spread = rng.random()
            wanted = next(n for n, share in EVIDENCE_COUNTS if spread < share)
            extra = max(wanted - len(chosen), 0 if chosen else 1)
            others = self.not_required[kind]
            chosen.extend(rng.sample(others, min(extra, len(others))))
        else:
            chosen = rng.sample(
                self.principle_ids, min(self.between(0, 2), len(self.principle_ids))
            )
        rows = self.writers[PrincipleEvidence].rows
        for principle_id in chosen:
            words = self.pick(text.EVIDENCE) if completed or rng.random() < 0.7 else ""
            rows.append((self.take_id(PrincipleEvidence), record_id, principle_id, words))

    # Each kind's own row: the fields its pages show, filled as a completed record of that
    # kind would be (child lists such as plan outcomes and supports are left out).

    def _case_note(self, record_id, person, day, completed, basis) -> tuple:
        rng = self.rng
        decided = rng.random() < 0.25
        made_decision = decided if completed is not None or rng.random() < 0.5 else None
        return (
            record_id,
            f"{self.pick(text.CASE_NOTE_OPENINGS)} {self.pick(text.CASE_NOTE_FINDINGS)}",
            made_decision,
            self.pick(text.DECISIONS) if made_decision else "",
            self.pick(text.DECISION_REASONS) if made_decision else "",
            "care_act_2014" if made_decision and rng.random() < 0.6 else "",
            self.pick(text.LEGAL_SECTIONS) if made_decision else "",
            self.pick(text.NEXT_ACTIONS),
        )

    def _provisional_care_package(self, record_id, person, day, completed, basis) -> tuple:
        return (
            record_id,
            self.pick(text.PACKAGE_WHAT),
            self.pick(text.PROVIDERS),
            (day + timedelta(days=self.between(0, 2))).isoformat(),
            f"{self.between(8000, 90000) / 100:.2f}",
            self.pick(text.PACKAGE_WHY),
        )

    def _needs_assessment(self, record_id, person, day, completed, basis) -> tuple:
        rng = self.rng
        journey = self.journeys[person]
        journey.determination = None  # a new assessment starts the journey again
        journey.assessment = record_id if completed is not None else None
        journey.busy_until = completed or FAR_FUTURE
        if completed is not None:
            self._copy(record_id, person, self._local_date(completed))
        proportionate = rng.random() < 0.4
        journey.unmet = rng.sample(Outcome.values, self.pick((0, 1, 2, 2, 3, 3, 4, 5)))
        if not proportionate:  # a full assessment answers all ten outcomes
            rows = self.writers[AssessedOutcome].rows
            for outcome in Outcome.values:
                unmet = outcome in journey.unmet
                rows.append(
                    (
                        self.take_id(AssessedOutcome),
                        record_id,
                        outcome,
                        self.pick(UNABLE) if unmet else Achievement.ACHIEVES.value,
                        self.pick(text.UNMET_NEEDS) if unmet else "",
                    )
                )
        return (
            record_id,
            "proportionate" if proportionate else "full",
            self.pick(text.WHAT_MATTERS),
            self.pick(text.STRENGTHS),
            self.pick(text.STRENGTHS),
            self.pick(text.WELLBEING),
            "" if proportionate else "Nothing raised about identity or culture.",
            self.pick(text.CARERS),
            "no_doubt" if rng.random() < 0.85 else "has_capacity",
            "not_needed" if rng.random() < 0.85 else "referred",
            self.pick(text.PREVENTION),
            *_cld_assessment(record_id),
        )

    def _eligibility(self, record_id, person, day, completed, basis) -> tuple:
        rng = self.rng
        journey = self.journeys[person]
        journey.assessment = None
        impairment = rng.random() < 0.95
        significant = rng.random() < 0.9
        unmet = journey.unmet
        eligible = is_eligible(
            needs_from_impairment=impairment,
            unmet_outcomes=len(unmet),
            wellbeing_significant=significant,
        )
        authorised = self._authorise(record_id, person, completed)
        if authorised is not None and eligible:
            journey.determination = record_id
            journey.busy_until = authorised
        else:
            journey.busy_until = (authorised or completed or self.now) + timedelta(days=60)
        return (
            record_id,
            basis,
            impairment,
            json.dumps(unmet),
            significant,
            self.pick(text.WELLBEING) if significant else "",
            "eligible" if eligible else "not_eligible",
            text.ELIGIBILITY_REASONS[0 if eligible else 1],
        )

    def _care_plan(self, record_id, person, day, completed, basis) -> tuple:
        rng = self.rng
        journey = self.journeys[person]
        journey.determination = None
        review_date = latest_review_date(day) - timedelta(days=self.between(0, 28))
        authorised = self._authorise(record_id, person, completed)
        if authorised is not None:
            if journey.plan is None:
                self.planned_people.append(person)
            journey.plan = record_id
            journey.busy_until = authorised
            self._review_due(person, authorised, review_date)
            if rng.random() < SERVICE_SHARE:
                since = self._local_date(authorised)
                self._work_item(WorkKind.SERVICE, person, since, SERVICE_WAIT, record=record_id)
        else:
            journey.busy_until = (completed or self.now) + timedelta(days=60)
        direct_payments = rng.random() < 0.3
        outcomes = self.plan_outcomes[record_id] = []
        for position, statement in enumerate(rng.sample(text.PLAN_OUTCOMES, self.between(1, 3))):
            outcome_id = self.take_id(PlanOutcome)
            outcomes.append(outcome_id)
            self.writers[PlanOutcome].rows.append((outcome_id, record_id, position + 1, statement))
        costs = 0
        chosen = rng.sample(text.PLAN_SUPPORTS, self.between(1, 2))
        for position, (need, how_met, kind) in enumerate(chosen, start=1):
            pence = self.between(2000, 40000)
            costs += pence
            self.writers[PlanSupport].rows.append(
                (
                    self.take_id(PlanSupport),
                    record_id,
                    position,
                    need,
                    how_met,
                    kind,
                    self.pick(text.PROVIDERS) if kind == "traditional" else "",
                    f"{pence / 100:.2f}",
                    True,  # Herts P3: checked for every support, not only non-traditional
                    True,
                    *_cld_service(record_id + position, pence, authorised),
                )
            )
        budget = costs + self.pick((0, 0, 500, 2500))  # within budget: no top-up owed
        return (
            record_id,
            basis,
            f"{budget / 100:.2f}",
            direct_payments,
            "" if direct_payments else "They prefer the council to arrange the support.",
            True,
            self.pick(text.PLAN_TEXT),
            review_date.isoformat(),
        )

    def _review(self, record_id, person, day, completed, basis) -> tuple:
        rng = self.rng
        next_review = latest_review_date(day) - timedelta(days=self.between(0, 28))
        if completed is not None:
            self.journeys[person].busy_until = completed
            due = self.review_due.get(person)
            if due is not None:  # the review on the list since it fell due, now done
                since = min(due[1], self._local_date(completed))
                self._work_item(WorkKind.REVIEW, person, since, done=(completed, record_id))
            self._review_due(person, completed, next_review)
        for outcome_id in self.plan_outcomes[basis]:
            self.writers[ReviewProgress].rows.append(
                (
                    self.take_id(ReviewProgress),
                    record_id,
                    outcome_id,
                    self.pick(ReviewProgress.Progress.values),
                    self.pick(text.REVIEW_NOTES),
                )
            )
        return (
            record_id,
            basis,
            day.isoformat(),
            self.pick(text.REVIEW_SUMMARY),
            "No changes." if rng.random() < 0.6 else "Reduce to two calls a day.",
            next_review.isoformat(),
            *_cld_review(record_id),
        )

    def _safeguarding(self, record_id, person, day, completed, basis) -> tuple:
        rng = self.rng
        recent = (self.today - day).days <= 30
        urgent = rng.random() < (0.3 if recent else 0.02)
        return (
            record_id,
            self.pick(text.SAFEGUARDING_CONCERN),
            "They want it to stop and to stay at home.",
            *(self.pick(text.SAFEGUARDING_PRINCIPLE) for _ in range(6)),
            self.pick(text.SAFEGUARDING_ACTION),
            urgent,
        )

    # --- The front door and the caseload (issue 17) ---

    def _request(self, visit: tuple) -> None:
        """The contact is a request for support, screened by the duty worker (here the
        contact's recorder) hours to days later; recent ones wait to be screened. An
        assessment needed puts the person on the waiting list."""
        contact_id, person, owner, local, occurred = visit
        rng = self.rng
        requester = self.pick(self.requesters)
        urgency = self.pick(self.urgencies)
        if urgency == Urgency.URGENT:
            screened_local = local + timedelta(seconds=self.between(HOUR // 2, 4 * HOUR))
        else:
            days = self.between(0, 2) if urgency == Urgency.HIGH else self.between(0, 5)
            screened_local = self.at(self.working_day_after(local.date(), days), DAY_START, DAY_END)
            screened_local = max(screened_local, local + timedelta(minutes=20))
        screened = self.to_utc(screened_local)
        outcome = reason = ""
        screened_by = None
        if screened <= self.now:
            outcome = self.pick(self.outcomes)
            screened_by = owner
            if outcome == ScreeningOutcome.NO_FURTHER_ACTION:
                reason = self.pick(text.NFA_REASONS)
        if requester == Requester.HOSPITAL and rng.random() < 0.8:
            route = cld.RouteOfAccess.HOSPITAL_DISCHARGE.value
        elif rng.random() < 0.04:
            route = self.pick((cld.RouteOfAccess.PLANNED_ENTRY, cld.RouteOfAccess.SELF_FUNDER))
        else:
            route = cld.RouteOfAccess.COMMUNITY.value
        request_id = self.take_id(SupportRequest)
        self.writers[SupportRequest].rows.append(
            (
                request_id,
                contact_id,
                self.person_ids[person],
                self.team_ids[self.person_team[person]],
                self.utc_text(occurred),
                requester,
                str(route),
                self.pick(text.ASKED_FOR),
                urgency,
                outcome,
                reason,
                screened_by,
                None if screened_by is None else self.utc_text(screened),
                owner,
                self.utc_text(occurred),
            )
        )
        if outcome == ScreeningOutcome.ASSESSMENT_NEEDED:
            kind = WorkKind.NEEDS_ASSESSMENT
            if requester == Requester.CARER and rng.random() < CARERS_SHARE:
                kind = WorkKind.CARERS_ASSESSMENT
            since = screened_local.date()
            self._work_item(kind, person, since, ASSESSMENT_WAIT, request=request_id)

    def _work_item(
        self,
        kind: str,
        person: int,
        since: date,
        wait: tuple[float, float] | None = None,
        *,
        request: int | None = None,
        record: int | None = None,
        done: tuple[datetime, int] | None = None,
    ) -> None:
        """A wait on the person's team's list from `since`: done at `done` (when, by
        which record), or after a wait drawn from `wait` (median days, spread), or
        still open (no `wait`, or a wait not over by today). Allocated to the person's
        worker or a colleague part way through, some reallocated once; open ones are
        allocated at times, some not yet. None when the person already waits for it."""
        key = (person, str(kind))
        if since < self.waiting_until.get(key, date.min):
            return
        rng = self.rng
        completed = completed_record = None
        if done is not None:
            completed, completed_record = done
        elif wait is not None:
            days = int(rng.lognormvariate(math.log(wait[0]), wait[1]))
            end = since + timedelta(days=days)
            if end < self.today:
                completed = self.to_utc(self.at(end, 9 * HOUR, 17 * HOUR))
        end_date = date.max if completed is None else self._local_date(completed)
        self.waiting_until[key] = end_date
        team = self.person_team[person]
        manager = self.managers[team][0]
        started = self.to_utc(self.at(since, 9 * HOUR, 10 * HOUR))
        last = completed or self.now
        span = max(int((last - started).total_seconds()), 0)

        def during(low: float, high: float) -> datetime:
            return min(started + timedelta(seconds=int(span * rng.uniform(low, high))), last)

        priority = self.pick(self.priorities)
        reviewed = rng.random() < 0.6 and started <= self.now
        worker = allocated = None
        allocations = []
        if completed is not None or rng.random() < OPEN_ALLOCATED_SHARE:
            worker = self.person_worker[person] or self.pick(self.practitioners[team])
            allocated = during(0.05, 0.5)
            colleagues = self.practitioners[team]
            if (
                rng.random() < REALLOCATED_SHARE
                and len(colleagues) > 1
                and not self.person_restricted[person]
            ):
                first = self.pick([c for c in colleagues if c != worker])
                allocations.append((None, first, during(0.0, 0.05), ""))
                allocations.append((first, worker, allocated, self.pick(text.REALLOCATION_REASONS)))
            else:
                allocations.append((None, worker, allocated, ""))
        item_id = self.take_id(WorkItem)
        self.writers[WorkItem].rows.append(
            (
                item_id,
                str(kind),
                self.person_ids[person],
                self.team_ids[team],
                since.isoformat(),
                request,
                record,
                priority,
                self.pick(text.PRIORITY_REASONS[priority]),
                manager if reviewed else None,
                self.utc_text(during(0.0, 0.1)) if reviewed else None,
                worker,
                None if allocated is None else self.utc_text(allocated),
                None if completed is None else self.utc_text(completed),
                completed_record,
                self.utc_text(min(started, self.now)),
            )
        )
        rows = self.writers[Allocation].rows
        for from_worker, to_worker, when, reason in allocations:
            rows.append(
                (
                    self.take_id(Allocation),
                    item_id,
                    None,
                    from_worker,
                    to_worker,
                    manager,
                    self.utc_text(when),
                    reason,
                )
            )

    def _open_reviews(self) -> None:
        """People whose review is due within four weeks or overdue wait on the review
        list from their review date."""
        soon = self.today + timedelta(days=REVIEW_LIST_DAYS)
        for person, (_, review_date) in sorted(self.review_due.items()):
            if review_date <= soon:
                self._work_item(WorkKind.REVIEW, person, review_date)

    def _person_allocations(self) -> None:
        """Each allocated person's allocation, by their team's manager when they came."""
        writer = self.writers[Allocation]
        start = self.utc_text(datetime.combine(self.start, datetime.min.time()))
        for person, worker in enumerate(self.person_worker):
            if worker is not None:
                manager = self.managers[self.person_team[person]][0]
                writer.rows.append(
                    (
                        self.take_id(Allocation),
                        None,
                        self.person_ids[person],
                        None,
                        worker,
                        manager,
                        start,
                        "",
                    )
                )
            if len(writer.rows) >= self.batch_size:
                writer.flush()  # a new list: append to writer.rows, never a copy of it

    def _task(self, person: int, owner: int, day: date, occurred: datetime) -> None:
        """A next action agreed at the contact, due in one to three weeks; most done
        around their due date, a few recent ones forgotten."""
        rng = self.rng
        due = day + timedelta(days=self.between(1, 21))
        completed = None
        forgotten = (self.today - due).days <= 90 and rng.random() < FORGOTTEN_TASK_SHARE
        if not forgotten:
            done_on = max(due + timedelta(days=self.between(-10, 3)), day)
            if done_on <= self.today:
                completed = max(self.to_utc(self.at(done_on, 9 * HOUR, 17 * HOUR)), occurred)
                if completed > self.now:
                    completed = None
        created = self.utc_text(occurred)
        self.writers[Task].rows.append(
            (
                self.take_id(Task),
                self.pick(text.NEXT_ACTIONS),
                owner,
                due.isoformat(),
                self.person_ids[person],
                owner,
                created,
                None if completed is None else self.utc_text(completed),
                None if completed is None else owner,
            )
        )

    def _local_date(self, moment: datetime) -> date:
        return moment.replace(tzinfo=UTC).astimezone(LONDON).date()

    def _authorise(self, record_id: int, person: int, completed: datetime | None):
        """A manager of the person's team decides a completed determination or plan a
        few working days later; returns when it was authorised, or None (returned, or
        still awaiting a decision)."""
        if completed is None:
            return None
        rng = self.rng
        if rng.random() < AWAITING_AUTHORISATION_SHARE:
            return None
        completed_on = self._local_date(completed)
        day = self.working_day_after(completed_on, self.pick((1, 1, 2, 2, 3, 5)))
        decided = self.to_utc(self.at(day, 9 * HOUR, 17 * HOUR))
        if decided > self.now:
            return None
        returned = rng.random() < RETURNED_SHARE
        self.writers[Authorisation].rows.append(
            (
                self.take_id(Authorisation),
                record_id,
                "returned" if returned else "authorised",
                self.pick(text.AUTHORISATION_RETURNED) if returned else "",
                self.pick(self.managers[self.person_team[person]]),
                self.utc_text(decided),
            )
        )
        if returned:
            return None
        self._copy(record_id, person, day)
        return decided

    def _copy(self, record_id: int, person: int, owed_from: date) -> None:
        """The person is given their copy a few days after it is owed; some are still
        owed."""
        rng = self.rng
        if rng.random() >= COPY_GIVEN_SHARE:
            return
        given_on = owed_from + timedelta(days=self.between(0, 10))
        if given_on >= self.today:
            return
        recorded = self.to_utc(self.at(given_on, 12 * HOUR, 17 * HOUR))
        self.writers[CopyGiven].rows.append(
            (
                self.take_id(CopyGiven),
                record_id,
                given_on.isoformat(),
                self.pick(OFFERED_CHANNELS),
                self.pick(UNTRANSLATED_FORMATS),
                "",
                self.person_worker[person] or self.practitioners[self.person_team[person]][0],
                self.utc_text(recorded),
            )
        )

    def _review_due(self, person: int, when: datetime, review_date: date) -> None:
        """The latest authorised plan or completed review sets the next review date."""
        if when <= self.now and when >= self.review_due.get(person, (datetime.min,))[0]:
            self.review_due[person] = (when, review_date)

    def _review_due_dates(self) -> None:
        started = time.perf_counter()
        rows = [
            (review_date.isoformat(), self.person_ids[person])
            for person, (_, review_date) in sorted(self.review_due.items())
        ]
        table = self.connection.ops.quote_name(Person._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET review_due = %s WHERE id = %s",  # noqa: S608
                rows,
            )
        seconds = time.perf_counter() - started
        self.small_tables.append((f"{Person._meta.db_table} (review_due)", len(rows), seconds))
        self.report(f"  review dates: {len(rows):,} people in {seconds:.1f}s")

    def _reset_sequences(self) -> None:
        """Ids were chosen here, so PostgreSQL's sequences must catch up."""
        statements = self.connection.ops.sequence_reset_sql(no_style(), list(self.ids))
        if statements:
            with self.connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)

    def _load_principles(self) -> None:
        self.principle_ids = list(
            self.framework.principles.order_by("number").values_list("pk", flat=True)
        )
        self.required: dict[str, list[int]] = {}
        for kind, principle_id in RequiredPrinciple.objects.filter(
            principle__framework=self.framework
        ).values_list("record_kind", "principle_id"):
            self.required.setdefault(kind, []).append(principle_id)
        for kind in self.required:
            self.required[kind].sort()
        self.not_required = {
            kind: [pk for pk in self.principle_ids if pk not in self.required.get(kind, [])]
            for kind in RecordKind.values
        }


def _expand(options) -> list:
    """(value, weight) pairs as a list holding each value `weight` times, to `pick`."""
    return [str(value) for value, weight in options for _ in range(weight)]


def _weighted(rng: random.Random, options, count: int) -> list:
    """`count` values of `options` ((value, weight), ...) chosen at random by weight."""
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights, k=count)


def _nhs_numbers() -> Iterator[str]:
    """Valid NHS numbers (Modulus 11 check digit) in the 999 range, which the NHS keeps
    for test data, in order."""
    for base in range(999_000_000, 1_000_000_000):
        digits = str(base)
        check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 10:
            continue
        yield digits + str(0 if check == 11 else check)


def _how_many(rng: random.Random, expected: float) -> int:
    """`expected` rounded up or down at random, so fractions add up over many days."""
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


# The CLD fields of assessments, services and reviews (issue 18), so the extract of a
# scale data set has every event type filled. Chosen from the record's id, not the
# random generator, so the rest of a seed's data set is what it was before.
CLD_ASSESSMENT_TYPES = (cld.AssessmentType.LONG_TERM, cld.AssessmentType.SHORT_TERM)
CLD_METHODS = (cld.MethodOfContact.FACE_TO_FACE, cld.MethodOfContact.TELEPHONE)
CLD_SERVICES = (
    (cld.ServiceType.LTS_COMMUNITY, cld.ServiceComponent.HOME_SUPPORT),
    (cld.ServiceType.LTS_COMMUNITY, cld.ServiceComponent.DIRECT_PAYMENT),
    (cld.ServiceType.LTS_RESIDENTIAL, cld.ServiceComponent.LONG_TERM_RESIDENTIAL),
    (cld.ServiceType.STS_ST_MAX, cld.ServiceComponent.REABLEMENT),
)
CLD_REVIEW_REASONS = (cld.ReviewReason.PLANNED, cld.ReviewReason.UNPLANNED)
CLD_ACHIEVED = tuple(cld.ReviewOutcomesAchieved)


def _cld_assessment(record_id: int) -> tuple:
    return (
        CLD_ASSESSMENT_TYPES[record_id % 2],
        CLD_METHODS[record_id % 2],
        cld.EventOutcome.SUPPORT_PLANNING,
    )


def _cld_service(number: int, pence: int, authorised: datetime | None) -> tuple:
    """Costed weekly (unit cost x 1 unit a week = the weekly cost); starting when the
    plan was authorised."""
    service_type, component = CLD_SERVICES[number % len(CLD_SERVICES)]
    mechanism = (
        cld.DeliveryMechanism.DIRECT_PAYMENT
        if component == cld.ServiceComponent.DIRECT_PAYMENT
        else cld.DeliveryMechanism.COMMISSIONED
    )
    start = authorised.astimezone(LONDON).date().isoformat() if authorised else None
    return (
        service_type,
        component,
        mechanism,
        f"{pence / 100:.2f}",
        cld.CostFrequency.WEEKLY,
        "1.00",
        start,
    )


def _cld_review(record_id: int) -> tuple:
    return (
        CLD_REVIEW_REASONS[record_id % 2],
        CLD_METHODS[record_id % 2],
        CLD_ACHIEVED[record_id % len(CLD_ACHIEVED)],
        cld.EventOutcome.CONTINUATION,
    )
