"""The roles of SPEC "Users", as Django groups, and what each may do.

The groups and their permissions are created by a data migration
(`accounts/migrations/0002_roles.py`) from `ROLE_PERMISSIONS`, so every deployment has
the same roles without anyone setting them up by hand. Which teams a manager manages is
a fact about their team membership (`TeamMembership.is_manager`), not about the group.
"""

from django.db import models


class Role(models.TextChoices):
    PRACTITIONER = "Practitioner", "Practitioner"
    TEAM_MANAGER = "Team manager", "Team manager"
    QUALITY = "Quality and head of service", "Quality / head of service"
    ADMINISTRATOR = "Administrator", "Administrator"


# (app_label, codename) pairs each role's group holds.
_READ_PRINCIPLES = [
    ("principles", "view_framework"),
    ("principles", "view_principle"),
    ("principles", "view_statement"),
    ("principles", "view_professionalstandard"),
]
_CONFIRM_READING = [("principles", "add_readingconfirmation")]
_SEE_CONFIRMATIONS = [("principles", "view_readingconfirmation")]

_RECORD_MODELS = [
    "person",
    "contact",
    "recordingobligation",
    "record",
    "casenote",
    "provisionalcarepackage",
    "principleevidence",
    "decisionoption",
    "addendum",
]
_CARE_ACT_MODELS = [
    "needsassessment",
    "assessedoutcome",
    "assessmentrisk",
    "eligibilitydetermination",
    "careplan",
    "planoutcome",
    "plansupport",
    "review",
    "reviewprogress",
    "safeguardingconcern",
    "authorisation",
    "copygiven",
    "copygenerated",
    "issuedcopy",
]
_READ_RECORDS = [("recording", f"view_{model}") for model in _RECORD_MODELS] + [
    ("assessments", f"view_{model}") for model in _CARE_ACT_MODELS
]
# Drafts are changed by their author only, and completed records never; these
# permissions say which roles write to the record at all (`accounts.access.may_record`).
WRITE_RECORDS = [
    ("recording", "add_contact"),
    ("recording", "add_casenote"),
    ("recording", "change_casenote"),
    ("recording", "add_provisionalcarepackage"),
    ("recording", "change_provisionalcarepackage"),
    ("recording", "add_addendum"),
    *(
        ("assessments", f"{action}_{model}")
        for model in [
            "needsassessment",
            "eligibilitydetermination",
            "careplan",
            "review",
            "safeguardingconcern",
        ]
        for action in ("add", "change")
    ),
    ("assessments", "add_copygiven"),
    ("assessments", "add_copygenerated"),
]
# Managers authorise eligibility determinations and plans, never their own
# (`accounts.access.may_authorise_at_all`, `can_authorise`).
AUTHORISE = [("assessments", "add_authorisation")]
_MANAGE_RECORDING = [
    *(("recording", f"{action}_closureday") for action in ("add", "change", "delete", "view")),
    ("recording", "add_person"),
    ("recording", "change_person"),
]

_MANAGE_ALL = [
    (app, f"{action}_{model}")
    for app, model_names in {
        "principles": [
            "framework",
            "principle",
            "statement",
            "professionalstandard",
            "activeframework",
            "readingconfirmation",
            "requiredprinciple",
            "citedprinciple",
            "councilcontact",
        ],
        "accounts": ["user", "team", "teammembership"],
    }.items()
    for model in model_names
    for action in ("add", "change", "delete", "view")
]

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    Role.PRACTITIONER: _READ_PRINCIPLES + _CONFIRM_READING + _READ_RECORDS + WRITE_RECORDS,
    Role.TEAM_MANAGER: _READ_PRINCIPLES
    + _CONFIRM_READING
    + _SEE_CONFIRMATIONS
    + _READ_RECORDS
    + WRITE_RECORDS
    + AUTHORISE,
    Role.QUALITY: _READ_PRINCIPLES + _CONFIRM_READING + _SEE_CONFIRMATIONS + _READ_RECORDS,
    # Administrators run the service (closure days, people's allocation); in the admin
    # they can read records but never change them.
    Role.ADMINISTRATOR: _MANAGE_ALL
    + _READ_RECORDS
    + _MANAGE_RECORDING
    # The access log, read-only in the admin (audit/admin.py); it is never written there.
    + [("audit", "view_accessevent")],
}


def sync_role_groups(apps) -> None:
    """Create each role's group and give it exactly the permissions of ROLE_PERMISSIONS.

    Called from data migrations with the historical `apps`: `0002_roles`, and again by
    the migration of any later app that adds models the roles need. Permissions are
    created first (Django otherwise creates them only after all migrations have run);
    a permission whose model does not exist yet is skipped until a later migration
    calls this again.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Every permission a role is granted, in one query (not one a permission: this runs
    # in migrations, and in the tests after each flush of the database).
    named = {pair for pairs in ROLE_PERMISSIONS.values() for pair in pairs}
    existing = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _, codename in named}
        )
    }
    for role, pairs in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([existing[pair] for pair in pairs if pair in existing])
