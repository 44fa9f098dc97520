from django.http import HttpRequest

from audit.services import OutOfScope, refusal_record


class AccessRefusalMiddleware:
    """Logs every refusal of an address about a person out of the user's scope: the
    access getters raise `OutOfScope` (a 404), and this writes it to the access log
    before Django shows the ordinary "Page not found" (SPEC 6, "Access")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OutOfScope):
            refusal_record(request, exception)
        return None  # Django answers the 404 as usual
