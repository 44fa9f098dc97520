"""No page scrolls sideways on a phone (issue 14, part 13).

At 375 x 800, signed in as each persona, every page of the service is no wider than the
screen (`scrollWidth <= innerWidth`): a table too wide for it scrolls in its own focusable
region inside the page. axe finds nothing at that width either. The pages come from the
URLconf, so a new page is visited -- or named in SKIPPED with the reason -- rather than
forgotten. The data is the demo data set (`demo.data`), as a council would first see.
"""

from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver, reverse

from accounts.models import User
from assessments.forms import FORMS
from assessments.models import PlanSupport
from assessments.queries import awaiting_authorisation, copies_owed
from assessments.services import copy_issue
from config.kinds import CARE_ACT_KINDS, RecordKind
from dashboards.figures import DASHBOARDS
from demo.data import DEMO_PASSWORD, demo_data_load
from frontdoor.models import SupportRequest, Task, WorkItem
from principles.models import ActiveFramework, Framework
from recording.models import Person, Record, RecordingObligation
from supervision.models import SupervisionSession
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 800}
PERSONAS = ("pat", "morgan", "quinn", "ada")  # practitioner, manager, quality, administrator
# Where the pages are photographed at phone width, to look at (git ignores test-results/).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "phone-width"
PHOTOGRAPHED = {
    "recording:my_recording",
    "recording:person",
    "recording:person_list",
    "recording:team_recording",
    "dashboards:dashboard",
    "audit:access_log",
}

# Pages in the URLconf that are not visited, and why.
SKIPPED = {
    "logout": "POST only (signing out)",
    "session_status": "JSON for the timeout warning, not a page",
    "session_keep_alive": "POST only",
    "principles:confirm_reading": "POST only",
    "assessments:revise": "POST only",
    "assessments:readability": "JSON for the form's plain-English check, not a page",
    "assessments:pdf": "a PDF, not a page",
    "assessments:pdf_large_print": "a PDF, not a page",
    "assessments:issued_pdf": "a PDF, not a page",
    "dashboards:adherence_pdf": "a PDF, not a page",
    "dashboards:csv": "a CSV download, not a page",
    "frontdoor:alert_acknowledge": "POST only",
    "frontdoor:task_complete": "POST only (the task page's Complete button)",
    "returns:safeguarding_csv": "a CSV download, not a page",
}
# Pages seen signed out.
SIGNED_OUT = ("login", "signed_out")


def url_names(resolver: URLResolver | None = None, namespace: str = ""):
    """Every named page in the URLconf but Django's admin, with its namespace."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, inner)
        elif entry.name:
            yield namespace + entry.name


def _first(queryset):
    found = queryset.order_by("pk").first()
    assert found is not None, f"the demo data has no {queryset.model.__name__} for this page"
    return found


def demo_pages() -> dict[str, list[str]]:
    """Each page's URLs, built from the demo data: one record of each kind, its form."""
    busiest = max(Person.objects.all(), key=lambda p: p.records.count())
    records = {kind: Record.objects.filter(kind=kind, status="completed") for kind in RecordKind}
    drafts = {kind: Record.objects.filter(kind=kind, status="draft") for kind in RecordKind}
    completed = [_first(records[kind]) for kind in RecordKind if records[kind].exists()]
    draft_pages = [_first(drafts[kind]) for kind in RecordKind if drafts[kind].exists()]
    open_note = _first(
        RecordingObligation.objects.open().filter(kind=RecordKind.CASE_NOTE, record__isnull=True)
    )
    # A full needs assessment in draft is a task list of sections (assessments.views).
    task_lists = [
        r.as_kind()
        for r in Record.objects.filter(status="draft", kind=RecordKind.NEEDS_ASSESSMENT)
        if not r.as_kind().is_proportionate
    ]
    framework = ActiveFramework.current()
    other = Framework.objects.exclude(pk=framework.pk).order_by("pk").first()
    supervision = _first(SupervisionSession.objects.all())
    # A copy issued (its first download), so that a corrected one can be issued.
    issued = list(copies_owed(Record.objects.all())[:1])
    for record in issued:
        copy_issue(record=record, user=record.author)
    # The front door (issue 17): the North team's request waiting to be screened, an
    # unallocated wait there, Pat's open task, Riley (leaving) whose work moves.
    unscreened = _first(SupportRequest.objects.filter(screened_at__isnull=True, team=busiest.team))
    waiting = _first(
        WorkItem.objects.open().filter(
            team=busiest.team, allocated_to__isnull=True, person__is_restricted=False
        )
    )
    task = _first(Task.objects.open().filter(owner=busiest.allocated_worker))
    leaving = _first(User.objects.filter(username="riley"))
    return {
        "home": [reverse("home")],
        "password_change": [reverse("password_change")],
        "password_change_done": [reverse("password_change_done")],
        "principles:index": [reverse("principles:index")],
        "principles:framework": [f.get_absolute_url() for f in (framework, other) if f],
        "principles:principle": [
            reverse("principles:principle", args=[framework.pk, p.number])
            for p in framework.principles.order_by("number")[:2]
        ],
        "principles:team_confirmations": [reverse("principles:team_confirmations")],
        "recording:person_list": [reverse("recording:person_list")],
        "recording:person": [busiest.get_absolute_url()],
        "recording:person_history": [reverse("recording:person_history", args=[busiest.pk])],
        "recording:contact_new": [reverse("recording:contact_new", args=[busiest.pk])],
        "recording:case_note_new": [
            reverse("recording:case_note_new", args=[open_note.contact_id])
        ],
        "recording:package_new": [reverse("recording:package_new", args=[open_note.contact_id])],
        "recording:record": [
            r.get_absolute_url() for r in completed if r.kind not in CARE_ACT_KINDS
        ],
        "recording:record_history": [reverse("recording:record_history", args=[completed[0].pk])],
        "recording:record_edit": [
            r.get_edit_url() for r in draft_pages if r.kind not in CARE_ACT_KINDS
        ],
        "recording:addendum_new": [
            reverse("recording:addendum_new", args=[r.pk])
            for r in completed
            if r.kind == RecordKind.CASE_NOTE
        ],
        "recording:my_recording": [reverse("recording:my_recording")],
        "recording:team_recording": [reverse("recording:team_recording")],
        "recording:member_recording": [
            reverse("recording:member_recording", args=[open_note.owner_id])
        ],
        "assessments:start": [reverse("assessments:start", args=[busiest.pk])],
        "assessments:record": [r.get_absolute_url() for r in completed if r.kind in CARE_ACT_KINDS],
        "assessments:record_history": [
            reverse("assessments:record_history", args=[r.pk])
            for r in completed
            if r.kind in CARE_ACT_KINDS
        ][:1],
        "assessments:edit": [r.get_edit_url() for r in draft_pages if r.kind in CARE_ACT_KINDS],
        "assessments:section": [
            reverse("assessments:section", args=[record.pk, section.slug])
            for record in task_lists[:1]
            for section in FORMS[record.kind].SECTIONS[:2]
        ],
        "assessments:authorise": [
            reverse("assessments:authorise", args=[r.pk])
            for r in awaiting_authorisation(Record.objects.all())[:1]
        ],
        "assessments:copy_given": [
            reverse("assessments:copy_given", args=[r.pk])
            for r in copies_owed(Record.objects.all())[:1]
        ],
        "assessments:copy_correct": [
            reverse("assessments:copy_correct", args=[r.pk]) for r in issued[:1]
        ],
        "supervision:session_list": [reverse("supervision:session_list")],
        "supervision:session_new": [reverse("supervision:session_new")],
        "supervision:session": [supervision.get_absolute_url()],
        "dashboards:index": [reverse("dashboards:index")],
        "dashboards:dashboard": [
            reverse("dashboards:dashboard", args=[slug]) for slug in DASHBOARDS
        ],
        "dashboards:adherence": [reverse("dashboards:adherence", args=[busiest.pk])],
        "audit:access_log": [reverse("audit:access_log")],
        "audit:person": [reverse("audit:person", args=[busiest.pk])],
        "recording:person_new": [reverse("recording:person_new")],
        "recording:person_edit": [reverse("recording:person_edit", args=[busiest.pk])],
        "frontdoor:front_door": [reverse("frontdoor:front_door")],
        "frontdoor:request_new": [reverse("frontdoor:request_new", args=[busiest.pk])],
        "frontdoor:request": [reverse("frontdoor:request", args=[unscreened.pk])],
        "frontdoor:request_screen": [reverse("frontdoor:request_screen", args=[unscreened.pk])],
        "frontdoor:waiting_lists": [reverse("frontdoor:waiting_lists")],
        "frontdoor:waiting_equity": [reverse("frontdoor:waiting_equity")],
        "frontdoor:work_item": [reverse("frontdoor:work_item", args=[waiting.pk])],
        "frontdoor:work_item_allocate": [
            reverse("frontdoor:work_item_allocate", args=[waiting.pk])
        ],
        "frontdoor:work_item_priority": [
            reverse("frontdoor:work_item_priority", args=[waiting.pk])
        ],
        "frontdoor:work_item_close": [reverse("frontdoor:work_item_close", args=[waiting.pk])],
        "frontdoor:person_allocate": [reverse("frontdoor:person_allocate", args=[busiest.pk])],
        "frontdoor:reallocate_all": [reverse("frontdoor:reallocate_all", args=[leaving.pk])],
        "frontdoor:my_caseload": [reverse("frontdoor:my_caseload")],
        "frontdoor:team_caseloads": [reverse("frontdoor:team_caseloads")],
        "frontdoor:caseload": [reverse("frontdoor:caseload", args=[busiest.allocated_worker_id])],
        "frontdoor:task_new": [reverse("frontdoor:task_new", args=[busiest.pk])],
        "frontdoor:task": [reverse("frontdoor:task", args=[task.pk])],
        "frontdoor:task_reassign": [reverse("frontdoor:task_reassign", args=[task.pk])],
        "returns:extract": [reverse("returns:extract")],
        "returns:data_quality": [reverse("returns:data_quality")],
        "recording:carer_links": [
            reverse("recording:carer_links", args=[p.pk])
            for p in Person.objects.filter(cares_for__isnull=False).distinct()[:1]
        ],
        "assessments:support_service": [
            reverse("assessments:support_service", args=[support.pk])
            for support in PlanSupport.objects.filter(
                plan__authorisation__decision="authorised", end_date__isnull=False
            )[:1]
        ],
        "assessments:return_details": [
            reverse("assessments:return_details", args=[r.pk])
            for r in completed
            if r.kind == RecordKind.NEEDS_ASSESSMENT
        ],
        # Issue 18, part 6: an enquiry going on (its form) and a concluded one; the SAC.
        "assessments:enquiry": [
            reverse("assessments:enquiry", args=[r.pk])
            for r in records[RecordKind.SAFEGUARDING].order_by("pk")[:2]
        ],
        "returns:safeguarding": [reverse("returns:safeguarding")],
    }


def _overflow(page) -> int:
    """How far the page is wider than the window, in CSS pixels (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# The elements that stick out past the window while their parent does not: the culprits.
_STICKING_OUT = """() => {
  const out = [];
  for (const element of document.body.querySelectorAll("*")) {
    const parent = element.parentElement;
    if (element.getBoundingClientRect().right > window.innerWidth + 0.5
        && parent.getBoundingClientRect().right <= window.innerWidth + 0.5) {
      out.push(element.tagName.toLowerCase() + (element.className ? "." +
        String(element.className).trim().split(/\\s+/).join(".") : ""));
    }
  }
  return out.slice(0, 3).join(", ");
}"""


def test_no_page_scrolls_sideways_at_phone_width(browser, live_server, principles, settings):
    settings.DEBUG = True  # the demo data refuses to load otherwise (a published password)
    demo_data_load(framework_slug=ActiveFramework.current().slug)
    pages = demo_pages()

    names = set(url_names())
    forgotten = names - set(pages) - set(SKIPPED) - set(SIGNED_OUT)
    assert not forgotten, f"pages in the URLconf this test does not visit: {sorted(forgotten)}"
    empty = sorted(name for name, urls in pages.items() if not urls)
    assert not empty, f"no demo data to build these pages from: {empty}"

    too_wide: list[str] = []
    seen: dict[str, list[str]] = {}  # each URL and who could open it
    checked_with_axe: set[str] = set()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for name in SIGNED_OUT:
        page.goto(live_server.url + reverse(name))
        if _overflow(page) > 0:
            too_wide.append(f"{reverse(name)} signed out ({_overflow(page)} px too wide)")
        assert_accessible(page)
    context.close()

    for username in PERSONAS:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/sign-in/" not in url)
        for name, urls in pages.items():
            for url in urls:
                response = page.goto(live_server.url + url)
                if response is None or response.status >= 400:
                    continue  # not this persona's page (403 or 404): another's
                seen.setdefault(url, []).append(username)
                excess = _overflow(page)
                if excess > 0:
                    too_wide.append(
                        f"{url} ({name}) as {username}: {excess} px too wide"
                        f" ({page.evaluate(_STICKING_OUT)})"
                    )
                if excess > 0 or name in PHOTOGRAPHED:
                    slug = url.strip("/").replace("/", "-") or "home"
                    page.screenshot(path=SCREENSHOTS / f"{username}-{slug}.png", full_page=True)
                if url not in checked_with_axe:
                    assert_accessible(page)
                    checked_with_axe.add(url)
        page.goto("about:blank")
        context.close()

    never_opened = [url for urls in pages.values() for url in urls if url not in seen]
    assert not never_opened, f"no persona could open: {never_opened}"
    assert not too_wide, "pages wider than a 375 px phone:\n" + "\n".join(too_wide)
