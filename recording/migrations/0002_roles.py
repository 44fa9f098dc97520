from django.db import migrations

from accounts.roles import sync_role_groups


def grant_recording_permissions(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("recording", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_recording_permissions, migrations.RunPython.noop)]
