from django.db import migrations

from accounts.roles import sync_role_groups


def grant_care_act_permissions(apps, schema_editor):
    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("principles", "0002_requiredprinciple"),
        ("recording", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_care_act_permissions, migrations.RunPython.noop)]
