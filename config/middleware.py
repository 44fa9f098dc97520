"""Middleware for the whole service."""

from django.contrib import messages
from django.http import Http404, QueryDict
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """No page of the service is kept by a browser or a proxy: person pages, records,
    drafts, PDFs, CSVs and the access log hold people's lives, and a shared computer's
    Back button or a proxy cache must not show them to the next user (issue 15, part 4).
    Static files never reach this middleware: WhiteNoise, listed before it, serves them
    with their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # "private, no-cache, no-store, must-revalidate, max-age=0" and Expires now.
        add_never_cache_headers(response)
        return response


def _without_nul(query: QueryDict) -> QueryDict | None:
    """`query` without its NUL characters, or None when it has none."""
    if not any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists()):
        return None
    clean = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        clean.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    clean._mutable = False
    return clean


class NulCharacterMiddleware:
    """A NUL character is never part of what someone typed, and PostgreSQL refuses to
    store one in text (a DataError, so a server error, from any form — even the
    sign-in form, whose username the throttling log stores). Form and query values
    lose their NUL characters before any view or log sees them; an address with one
    is not found (issue 15, part 5). The next page says what was removed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("No such page")
        removed = False
        if (query := _without_nul(request.GET)) is not None:
            request.GET, removed = query, True
        if request.method == "POST" and (form := _without_nul(request.POST)) is not None:
            request.POST, removed = form, True
        if removed:
            messages.warning(
                request,
                "We removed a hidden character (a null character, which can come with "
                "text pasted from another program) from what you sent. Check your text.",
            )
        return self.get_response(request)
