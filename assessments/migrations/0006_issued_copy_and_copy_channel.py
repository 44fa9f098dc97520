"""Issued copies (the PDF as the person was given it), and a copy given recorded as two
facts: how it reached the person (channel) and in what form (format).

The old single answer mixed the two. Post, email and in person were channels: the copy
was standard print. Easy read and large print were formats: how they were sent was never
asked, so the channel is "not recorded" (never offered on the form) rather than a guess
such as post. History rows are re-encoded the same way: the same facts, new columns."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from accounts.roles import sync_role_groups

CHANNELS = {"post", "email", "in_person"}


def channel_and_format_from_old_format(apps, schema_editor):
    for name in ("CopyGiven", "HistoricalCopyGiven"):
        model = apps.get_model("assessments", name)
        for channel in CHANNELS:
            model.objects.filter(format=channel).update(channel=channel, format="standard")
        model.objects.filter(format__in=["easy_read", "large_print"]).update(channel="not_recorded")


def old_format_from_channel_and_format(apps, schema_editor):
    """Back to one answer: a large-print or easy read copy keeps its format; any other
    keeps its channel (the portal as email; a channel not recorded, or a format the old
    answer had no word for, as post)."""
    for name in ("CopyGiven", "HistoricalCopyGiven"):
        model = apps.get_model("assessments", name)
        kept = model.objects.exclude(format__in=["easy_read", "large_print"])
        for channel in CHANNELS:
            kept.filter(channel=channel).update(format=channel)
        kept.filter(channel="portal").update(format="email")
        kept.exclude(channel__in=CHANNELS | {"portal"}).update(format="post")


def grant_issued_copy_permissions(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0005_health_funding_hint_without_council"),
        ("principles", "0005_council_contact"),
        ("recording", "0009_record_person_completed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="IssuedCopy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "variant",
                    models.CharField(
                        choices=[("standard", "Standard"), ("large_print", "Large print")],
                        max_length=20,
                    ),
                ),
                ("issue_number", models.PositiveSmallIntegerField()),
                ("issued_on", models.DateField(help_text="The date of issue printed on the copy.")),
                ("issued_at", models.DateTimeField()),
                (
                    "reason",
                    models.TextField(blank=True, help_text="Why a corrected copy was issued."),
                ),
                ("filename", models.CharField(max_length=200)),
                ("sha256", models.CharField(max_length=64)),
                ("pdf", models.BinaryField()),
            ],
            options={
                "verbose_name_plural": "issued copies",
                "ordering": ["record", "-issue_number", "variant"],
            },
        ),
        migrations.AddField(
            model_name="copygiven",
            name="channel",
            field=models.CharField(
                choices=[
                    ("post", "Post"),
                    ("email", "Email"),
                    ("in_person", "In person"),
                    ("portal", "The council's online portal"),
                    ("not_recorded", "Not recorded"),
                ],
                default="not_recorded",
                max_length=20,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="copygiven",
            name="language",
            field=models.CharField(
                blank=True, help_text="The language, when the copy was translated.", max_length=100
            ),
        ),
        migrations.AddField(
            model_name="historicalcopygiven",
            name="channel",
            field=models.CharField(
                choices=[
                    ("post", "Post"),
                    ("email", "Email"),
                    ("in_person", "In person"),
                    ("portal", "The council's online portal"),
                    ("not_recorded", "Not recorded"),
                ],
                default="not_recorded",
                max_length=20,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcopygiven",
            name="language",
            field=models.CharField(
                blank=True, help_text="The language, when the copy was translated.", max_length=100
            ),
        ),
        migrations.RunPython(
            channel_and_format_from_old_format, old_format_from_channel_and_format
        ),
        migrations.AlterField(
            model_name="copygiven",
            name="format",
            field=models.CharField(
                choices=[
                    ("standard", "Standard print"),
                    ("large_print", "Large print"),
                    ("easy_read", "Easy Read"),
                    ("braille", "Braille"),
                    ("audio", "Audio"),
                    ("other_language", "Another language"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="historicalcopygiven",
            name="format",
            field=models.CharField(
                choices=[
                    ("standard", "Standard print"),
                    ("large_print", "Large print"),
                    ("easy_read", "Easy Read"),
                    ("braille", "Braille"),
                    ("audio", "Audio"),
                    ("other_language", "Another language"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="copygiven",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("format", "other_language"), models.Q(("language", ""), _negated=True)
                    ),
                    models.Q(
                        models.Q(("format", "other_language"), _negated=True), ("language", "")
                    ),
                    _connector="OR",
                ),
                name="copy_language_when_translated",
            ),
        ),
        migrations.AddField(
            model_name="issuedcopy",
            name="issued_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="issuedcopy",
            name="record",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issued_copies",
                to="recording.record",
            ),
        ),
        migrations.AddConstraint(
            model_name="issuedcopy",
            constraint=models.UniqueConstraint(
                fields=("record", "variant", "issue_number"), name="one_copy_per_issue"
            ),
        ),
        migrations.AddConstraint(
            model_name="issuedcopy",
            constraint=models.CheckConstraint(
                condition=models.Q(("issue_number__gte", 1)), name="issue_from_one"
            ),
        ),
        migrations.RunPython(grant_issued_copy_permissions, migrations.RunPython.noop),
    ]
