"""Where the databases want different SQL for the same answer: each difference is one
function here, so the figures never ask which database they run on."""

from django.db import connection
from django.db.models import F, OuterRef, Subquery

from recording.models import Person


def team_of_person(person_field: str):
    """The team of each row's person (`person_field`), to group every team's rows by.
    Grouping on the joined person's team makes SQLite walk every person in team order;
    looking each row's team up keeps it on the index it filters by. PostgreSQL plans the
    join well and the lookup badly, so it joins."""
    if connection.vendor == "sqlite":
        return Subquery(Person.objects.filter(pk=OuterRef(person_field)).order_by().values("team"))
    return F(f"{person_field}__team")
