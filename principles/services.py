from datetime import date

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.outbox import email_queue
from principles.models import (
    CitedPrinciple,
    Framework,
    Principle,
    ProfessionalStandard,
    ReadingConfirmation,
    RequiredPrinciple,
    Statement,
)


@transaction.atomic
def reading_confirmation_record(
    *, user, principles: list[Principle], read_on: date, receipt: bool = True
) -> tuple[int, int]:
    """Record that `user` read `principles` on `read_on`, and (with `receipt`) email
    them a receipt of what they newly confirmed (Lancashire's form asks for a copy).

    Returns (newly confirmed, already confirmed). An earlier confirmation of a principle
    stands as it was: confirming twice neither duplicates nor moves the original date.
    The confirmation stands whatever becomes of the email (`accounts.outbox`).
    """
    already = set(
        ReadingConfirmation.objects.filter(user=user, principle__in=principles).values_list(
            "principle_id", flat=True
        )
    )
    new = [
        ReadingConfirmation(user=user, principle=principle, read_on=read_on)
        for principle in principles
        if principle.pk not in already
    ]
    # ignore_conflicts closes the race of a double submission: the unique
    # (user, principle) constraint keeps one row whichever request lands first.
    ReadingConfirmation.objects.bulk_create(new, ignore_conflicts=True)
    if new and receipt:
        reading_receipt_queue(user=user, principles=[c.principle for c in new], read_on=read_on)
    return len(new), len(already)


def reading_receipt_queue(*, user, principles: list[Principle], read_on: date):
    """The receipt of a reading confirmation: who, which framework and version, which
    principles, the day they read them and when they confirmed. Nothing of anyone's
    case is in it."""
    framework = principles[0].framework
    context = {
        "user": user,
        "name": user.get_full_name() or user.username,
        "framework": framework,
        "principles": sorted(principles, key=lambda p: p.number),
        "read_on": read_on,
        "confirmed_at": timezone.localtime(),
    }
    return email_queue(
        to=user.email,
        subject=f"Practice Record: your confirmation of reading {framework.title}",
        body=render_to_string("principles/email/reading_receipt.txt", context),
        why="reading receipt",
    )


@transaction.atomic
def framework_version_copy(*, framework: Framework, effective_date: date) -> Framework:
    """A new version of `framework` to change in the admin: its text, principles,
    statements, standards, and the principles it requires and cites, copied. A version
    in use is fixed (`FrameworkQuerySet.in_use`), so a change to one is made this way;
    it applies once an administrator makes the new version the active one."""
    taken = set(Framework.objects.filter(slug=framework.slug).values_list("version", flat=True))
    numbers = [int(version) for version in taken if version.isdigit()]
    version = str(max(numbers) + 1) if numbers else f"{framework.version}.1"
    while version in taken:
        version += ".1"
    copy = Framework(
        slug=framework.slug,
        council=framework.council,
        title=framework.title,
        version=version,
        effective_date=effective_date,
        source_document=framework.source_document,
        introduction=framework.introduction,
        appendix_title=framework.appendix_title,
        source_text=framework.source_text,
    )
    copy.full_clean()
    copy.save()
    principles = {}
    for principle in framework.principles.prefetch_related("statements"):
        principles[principle.pk] = Principle.objects.create(
            framework=copy, number=principle.number, title=principle.title, text=principle.text
        )
        Statement.objects.bulk_create(
            Statement(
                principle=principles[principle.pk],
                position=statement.position,
                kind=statement.kind,
                label=statement.label,
                text=statement.text,
            )
            for statement in principle.statements.all()
        )
    ProfessionalStandard.objects.bulk_create(
        ProfessionalStandard(
            framework=copy,
            position=standard.position,
            profession=standard.profession,
            title=standard.title,
        )
        for standard in framework.professional_standards.all()
    )
    for required in RequiredPrinciple.objects.filter(principle__framework=framework):
        RequiredPrinciple.objects.create(
            principle=principles[required.principle_id], record_kind=required.record_kind
        )
    for cited in framework.cited_principles.all():
        CitedPrinciple.objects.create(
            framework=copy, purpose=cited.purpose, principle=principles[cited.principle_id]
        )
    return copy
