"""A page of one app filled in by the apps above it (`config.page_parts`), and the access
log told through `recording.access_log`: the two ways a lower app shows or records
what a higher one knows without importing it (the layers in pyproject.toml)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from accounts.pages import home_page, home_recording_page
from audit.services import access_event_write
from config.page_parts import PageParts
from recording import pages
from recording.access_log import What, person_shown, record_access


def test_the_parts_give_one_context_in_the_order_they_were_added():
    page = PageParts("a test page")
    page.add(lambda n: {"first": n})
    page.add(lambda n: {"second": n + 1})
    assert page.context(n=1) == {"first": 1, "second": 2}
    assert list(page.context(n=1)) == ["first", "second"]


def test_a_part_added_twice_is_there_once():
    page = PageParts("a test page")

    def part() -> dict:
        return {"once": True}

    assert page.add(part) is part
    page.add(part)
    assert page.context() == {"once": True}


def test_a_page_with_no_parts_has_no_context():
    assert PageParts("a test page").context(anything=1) == {}


def test_two_parts_may_not_give_the_same_name():
    page = PageParts("a test page")
    page.add(lambda: {"returned": [], "overdue": 0})
    page.add(lambda: {"returned": [1]})
    with pytest.raises(ImproperlyConfigured, match=r"a test page give \['returned'\]"):
        page.context()


def test_the_pages_of_recording_and_home_are_filled_in_by_the_apps_above():
    def names(page):
        return [f"{part.__module__}.{part.__name__}" for part in page._parts]

    assert names(home_page) == ["principles.pages.home_part"]
    assert names(home_recording_page) == [
        "recording.pages.home_recording_part",
        "assessments.pages.home_returned_part",
        "frontdoor.pages_waiting.home_allocated_part",
        "frontdoor.pages_alerts.home_alerts_part",
    ]
    assert names(pages.person_page) == [
        "assessments.pages.person_part",
        "audit.pages.person_part",
        "frontdoor.pages_requests.person_requests_part",
        "frontdoor.pages_waiting.person_waiting_part",
        "frontdoor.pages_caseload.person_part",
    ]
    assert names(pages.recording_page) == ["assessments.pages.recording_part"]
    assert names(pages.my_recording_page) == [
        "assessments.pages.my_recording_part",
        "frontdoor.pages_caseload.my_recording_part",
    ]
    assert names(pages.team_recording_page) == [
        "assessments.pages.team_recording_part",
        "frontdoor.pages_caseload.team_recording_part",
    ]


def test_a_page_about_a_person_fails_rather_than_go_unlogged():
    request = RequestFactory().get("/people/1/")
    assert person_shown.disconnect(dispatch_uid="audit.access_event_write")
    try:
        with pytest.raises(ImproperlyConfigured, match="Nothing writes the access log"):
            record_access(request, None, What.PERSON_PAGE)
    finally:
        person_shown.connect(access_event_write, dispatch_uid="audit.access_event_write")
    assert person_shown.has_listeners()
