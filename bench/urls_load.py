"""The service's URLs, plus the load test's baseline (`bench/settings_load.py` only): a
bare view that inserts one row, signed in and CSRF-checked like every other POST."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

# `bench/load.py` creates the table in the database it makes for the run.
BARE_TABLE = "bench_bare_insert"


@require_POST
def bare_insert(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (author_id, text) VALUES (%s, %s) RETURNING id",  # noqa: S608
            [request.user.pk, request.POST.get("text", "")],
        )
        (row_id,) = cursor.fetchone()
    return JsonResponse({"id": row_id})


urlpatterns = [
    path("bench/bare-insert/", bare_insert, name="bench_bare_insert"),
    path("", include("config.urls")),
]
