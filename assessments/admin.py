"""No Care Act record, authorisation or copy is in the admin: people's records are seen
only in the service, in the user's scope and written to the access log (issue 15,
part 2; recording/admin.py)."""
