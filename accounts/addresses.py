"""The address a request came from, for sign-in throttling (django-axes'
AXES_CLIENT_IP_CALLABLE).

Served directly, it is the connection's address. Behind PROXY_COUNT reverse proxies
(BEHIND_PROXY), each proxy appends the address it was connected from to
X-Forwarded-For, so the client is the PROXY_COUNT-th address from the right: anything
to its left was sent by the client and could be made up.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    connected = request.META.get("REMOTE_ADDR", "")
    if not settings.PROXY_COUNT:
        return connected
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < settings.PROXY_COUNT:
        return connected  # not through the proxies: the connection is all there is
    return forwarded[-settings.PROXY_COUNT]
