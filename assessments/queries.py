"""What managers and practitioners are shown about the Care Act records: each a
queryset, filtered in SQL, so a list costs one query whatever the data size."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from assessments.models import CopyGiven, SafeguardingConcern
from config.kinds import AUTHORISED_KINDS, CARE_ACT_KINDS
from recording.models import Record, RecordKind

IMMEDIATE_SAFEGUARDING_DAYS = 30


def care_act_records(records: QuerySet) -> QuerySet:
    return (
        records.filter(kind__in=CARE_ACT_KINDS)
        .select_related("author", "authorisation__decided_by", "person")
        .annotate(copy_given=Exists(CopyGiven.objects.filter(record=OuterRef("pk"))))
        .order_by("-created_at", "-pk")
    )


def copies_owed(records: QuerySet) -> QuerySet:
    """Completed assessments, and authorised determinations and plans, that the person
    has no recorded copy of."""
    # Only determinations and plans are authorised, so among these kinds "authorised"
    # picks them out; the kinds stand on their own, for the kind index.
    owed = Q(kind__in=[RecordKind.NEEDS_ASSESSMENT, RecordKind.CARERS_ASSESSMENT]) | Q(
        authorisation__decision="authorised"
    )
    return (
        records.filter(
            owed,
            kind__in=[RecordKind.NEEDS_ASSESSMENT, RecordKind.CARERS_ASSESSMENT, *AUTHORISED_KINDS],
            status=Record.Status.COMPLETED,
        )
        .exclude(Exists(CopyGiven.objects.filter(record=OuterRef("pk"))))
        .select_related("person", "author")
        .order_by("completed_at", "pk")
    )


def awaiting_authorisation(records: QuerySet) -> QuerySet:
    return (
        records.filter(
            kind__in=AUTHORISED_KINDS,
            status=Record.Status.COMPLETED,
            authorisation__isnull=True,
        )
        .select_related("person", "author")
        .order_by("completed_at", "pk")
    )


def returned_to(author, people: QuerySet) -> QuerySet:
    """The author's records that a manager returned and that are still theirs to put
    right: not yet revised in a completed (or authorised) revision. Each carries the
    decision and `revision_id`, the revision draft if one is started (`record_revise`
    makes at most one). One query."""
    revisions = Record.objects.filter(revises=OuterRef("pk"))
    return (
        Record.objects.filter(
            author=author,
            person__in=people,
            status=Record.Status.COMPLETED,
            authorisation__decision="returned",
        )
        # A revision is authorised only once it is completed: completed covers both.
        .exclude(Exists(revisions.filter(status=Record.Status.COMPLETED)))
        .annotate(revision_id=Subquery(revisions.order_by("pk").values("pk")[:1]))
        .select_related("person", "authorisation__decided_by")
        .order_by("-authorisation__decided_at", "-pk")
    )


def reviews_overdue(people: QuerySet, today: date) -> QuerySet:
    return (
        people.filter(review_due__lt=today)
        .select_related("allocated_worker")
        .order_by("review_due", "pk")
    )


def immediate_safeguarding(people: QuerySet, today: date) -> QuerySet:
    """Safeguarding concerns flagged for immediate action in the last 30 days, drafts
    too: a manager needs to know before the record is finished."""
    since = today - timedelta(days=IMMEDIATE_SAFEGUARDING_DAYS)
    return (
        SafeguardingConcern.objects.filter(
            # EXISTS, not IN: checked only for the few flagged concerns (an IN over every
            # visible person planned badly at council scale).
            Exists(people.filter(pk=OuterRef("person"))),
            immediate_action=True,
            created_at__date__gte=since,
        )
        .select_related("person", "author")
        .order_by("-created_at", "-pk")
    )
