from django.db import migrations

from accounts.roles import sync_role_groups


def grant_access_log_permissions(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_access_log_permissions, migrations.RunPython.noop)]
