"""The one-time key a creating form carries (`accounts.once`). Made and read here, with
no database, so the `{% submission_key %}` tag (`config.templatetags.practice_record`)
needs nothing from an app above `config`; claiming a key is `accounts.once.acts_once`."""

import secrets

from django.http import HttpRequest

KEY_FIELD = "submission_key"


def new_key() -> str:
    return secrets.token_urlsafe(24)


def submitted_key(request: HttpRequest) -> str:
    """The key the form sent, if it is one this service could have made."""
    key = request.POST.get(KEY_FIELD, "")
    return key if 16 <= len(key) <= 64 and key.isascii() else ""
