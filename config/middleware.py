"""Middleware for the whole service."""

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
