"""Obligations carry the person's team at the time of the contact, so the timeliness
dashboard filters and groups on one indexed column at council scale."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery


def team_from_person(apps, schema_editor):
    RecordingObligation = apps.get_model("recording", "RecordingObligation")
    Contact = apps.get_model("recording", "Contact")
    RecordingObligation.objects.update(
        team=Subquery(Contact.objects.filter(pk=OuterRef("contact")).values("person__team")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("recording", "0003_care_act_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="recordingobligation",
            name="team",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.team",
            ),
        ),
        migrations.RunPython(team_from_person, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="recordingobligation",
            name="team",
            field=models.ForeignKey(
                help_text="The person's team when the contact happened: the dashboards "
                "count the obligation there, and filter on it without joining the person.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.team",
            ),
        ),
        migrations.AddIndex(
            model_name="recordingobligation",
            index=models.Index(fields=["team", "contact_date"], name="obligation_team_contact"),
        ),
        migrations.AddIndex(
            model_name="recordingobligation",
            index=models.Index(
                condition=Q(completed_on__isnull=True),
                fields=["team", "due_date"],
                name="obligation_open_by_team",
            ),
        ),
    ]
