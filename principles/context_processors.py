from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from principles.citations import cited_principles as active_cited_principles
from principles.models import ActiveFramework


def active_framework(request: HttpRequest) -> dict:
    """The active framework, for the council's name in the header and footer."""
    return {"active_framework": ActiveFramework.current()}


def cited_principles(request: HttpRequest) -> dict:
    """The principles the active framework names for each purpose, for
    `{% cite_principle %}`: one query, made only on a page that quotes one."""
    return {"cited_principles": SimpleLazyObject(active_cited_principles)}
