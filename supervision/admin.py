"""Supervision sessions are not in the admin: they are private to the supervisor, the
practitioner and the practitioner's managers, and discuss people's cases (issue 15,
part 2; recording/admin.py)."""
