from axe_playwright_python.sync_playwright import Axe

_axe = Axe()

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page) -> None:
    """Fail the test on any WCAG 2.2 A/AA violation axe finds on the page as it is now."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
