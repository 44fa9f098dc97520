"""The work items' lifecycle (issue 17, parts 3 and 6), from what happens to the case
record (`recording.signals`, connected in `FrontdoorConfig.ready`). Each receiver runs
inside the transaction that completed or authorised the record, so what it writes
stands or falls with it.

- A completed needs assessment ends the person's wait for it (their carer's assessment
  when the person is an unpaid carer waiting for one); a completed review ends the wait
  for the review.
- An authorised care and support plan puts the person on the wait for a service, from
  the day it was authorised.
- A review date set (by an authorised plan or a completed review) puts the person on the
  review list from that date (moving an open review's date), and gives the review a
  task: "Review the care and support plan", owned by their allocated worker.
"""

from django.utils import timezone

from assessments.models import Authorisation
from config import cld
from config.kinds import RecordKind
from frontdoor.models import Task, WorkItem, WorkKind
from frontdoor.services import work_item_open
from recording.deadlines import LONDON
from recording.history import history_rows_add
from recording.models import Person

REVIEW_TASK = "Review the care and support plan"


def _close(item: WorkItem, *, record, user, now) -> None:
    closed = WorkItem.objects.filter(pk=item.pk, completed_at__isnull=True).update(
        completed_at=now, completed_record_id=record.pk
    )
    if not closed:
        return
    item = WorkItem.objects.get(pk=item.pk)
    history_rows_add([item], reason=f"{record.get_kind_display()} completed", user=user, when=now)
    tasks = list(Task.objects.open().filter(work_item=item))
    if tasks:
        Task.objects.filter(pk__in=[t.pk for t in tasks]).update(
            completed_at=now, completed_by=user
        )
        history_rows_add(
            list(Task.objects.filter(pk__in=[t.pk for t in tasks])),
            reason=f"{record.get_kind_display()} completed",
            user=user,
            when=now,
        )


def record_completed_receive(sender, *, record, user, now, **kwargs) -> None:
    if record.kind == RecordKind.NEEDS_ASSESSMENT:
        kinds = [WorkKind.NEEDS_ASSESSMENT, WorkKind.CARERS_ASSESSMENT]
        client_type = Person.objects.filter(pk=record.person_id).values_list(
            "client_type", flat=True
        )
        if client_type.first() == cld.ClientType.CARER:
            kinds.reverse()
    elif record.kind == RecordKind.CARERS_ASSESSMENT:
        # A carer's assessment answers the carer's wait for one first.
        kinds = [WorkKind.CARERS_ASSESSMENT, WorkKind.NEEDS_ASSESSMENT]
    elif record.kind == RecordKind.REVIEW:
        kinds = [WorkKind.REVIEW]
    else:
        return
    open_items = {
        item.kind: item
        for item in WorkItem.objects.open().filter(person_id=record.person_id, kind__in=kinds)
    }
    for kind in kinds:
        if kind in open_items:
            _close(open_items[kind], record=record, user=user, now=now)
            return


def review_due_changed_receive(sender, *, person, review_due, record, user, **kwargs) -> None:
    if record.kind == RecordKind.CARE_PLAN:
        decision = Authorisation.objects.filter(record_id=record.pk).first()
        authorised_at = decision.decided_at if decision else timezone.now()
        work_item_open(
            kind=WorkKind.SERVICE,
            person=person,
            waiting_since=timezone.localtime(authorised_at, LONDON).date(),
            source_record=record,
        )
    if review_due is None:
        return
    review = work_item_open(
        kind=WorkKind.REVIEW, person=person, waiting_since=review_due, source_record=record
    )
    if review.waiting_since != review_due or review.source_record_id != record.pk:
        review.waiting_since = review_due
        review.source_record_id = record.pk
        review._change_reason = "Review date changed"
        review.save(update_fields=["waiting_since", "source_record"])
    worker = person.allocated_worker if person.allocated_worker_id else None
    owner = worker if worker is not None and worker.is_active else user
    task = Task.objects.open().filter(work_item=review).first()
    if task is None:
        task = Task(
            what=REVIEW_TASK,
            owner=owner,
            due_on=review_due,
            person=person,
            record_id=record.pk,
            work_item=review,
            created_by=user,
        )
        task.full_clean()
        task.save()
    elif task.due_on != review_due:
        task.due_on = review_due
        task.record_id = record.pk
        task._change_reason = "Review date changed"
        task.save()
