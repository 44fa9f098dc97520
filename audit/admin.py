"""The access log is not in the admin: administrators read all of it in the service
(/access-log/), which names people only as the log's own pages do (issue 15, part 2;
recording/admin.py). The model refuses updates and deletes whatever the caller."""
