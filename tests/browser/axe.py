import re

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# GOV.UK Frontend's conditional reveal puts aria-expanded on its radio and checkbox
# inputs on purpose: screen readers announce it, and GOV.UK keeps it after research
# (alphagov/govuk-frontend#979, a known axe finding). Only that exact finding is
# accepted; any other attribute, element or rule fails.
_GOVUK_CONDITIONAL_REVEAL = re.compile(
    r'^<input class="govuk-(radios|checkboxes)__input"[^>]* aria-controls="conditional-[^"]+"'
    r' aria-expanded="(true|false)"'
)


def _is_govuk_conditional_reveal(violation: dict, node: dict) -> bool:
    return (
        violation["id"] == "aria-allowed-attr"
        and bool(_GOVUK_CONDITIONAL_REVEAL.match(node["html"]))
        and all(
            check["data"] == [f'aria-expanded="{value}"']
            for check in node["any"]
            for value in ("true", "false")
            if f'aria-expanded="{value}"' in str(check["data"])
        )
        and all("aria-expanded" in str(check["data"]) for check in node["any"])
    )


def assert_accessible(page) -> None:
    """Fail the test on any WCAG 2.2 A/AA violation axe finds on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = []
    for violation in results.response["violations"]:
        nodes = [n for n in violation["nodes"] if not _is_govuk_conditional_reveal(violation, n)]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    results.response["violations"] = violations
    assert results.violations_count == 0, results.generate_report()
