"""What the fuzz tests share: the payloads, and the checks every response must pass.

Every input is either saved exactly (a CharField trims the ends: that is the only
change) or refused with a message next to its field; a page never fails with a server
error (the test client re-raises it) and never shows typed HTML as markup.
"""

import re
from decimal import Decimal
from html import escape
from html.parser import HTMLParser

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Hypothesis runs many examples inside one test's database transaction.
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    '<script>alert("x")</script>',
    '"><img src=x onerror=alert(1)>',
    "<b>bold</b> & <i>italic</i>",
    "javascript:alert(1)",
    '=HYPERLINK("http://evil.example")',
    "'; DROP TABLE recording_person; --",
    "Robert'); DELETE FROM accounts_user;--",
    "\u202eevil\u202c right-to-left override",
    "Zalgo t̷̛͔e̵͉͝x̶̲͂t̴̰͑",
    "😀 emoji 👩🏽‍⚕️ and 中文 and العربية",
    "line one\r\nline two\n\nline four",
    "tab\tseparated\tvalues",
    "nul \x00 character",
    "\ufeffbyte order mark",
    "   surrounded by spaces   ",
    "",
    " ",
    "{{ 7|add:7 }} {% now 'Y' %}",
    "%s %d %(name)s {0}",
    "../../../../etc/passwd",
]

# Text a browser can send: any Unicode but lone surrogates, which UTF-8 cannot carry.
_any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
_huge = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["a", "<b>", "é", "😀", "word "]),
    st.integers(min_value=5_000, max_value=120_000),
)
TEXT = st.one_of(st.sampled_from(HOSTILE), _any_text, _huge)

# What people type into a day, month or year box, and what they type for money.
DATE_PART = st.one_of(
    st.sampled_from(["", "0", "00", "31", "32", "-1", "1e3", "２", "twelve", "9" * 30, " 1 "]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    _any_text.filter(lambda s: len(s) < 20),
)
MONEY = st.one_of(
    st.sampled_from(
        [
            *("", "0", "-1", "12.345", "1e309", "NaN", "Infinity", "£245.50", "1,000"),
            *("９９", "9" * 40, "£120", "1,200.50", " 120 ", "-5", "ten", "£-5", ".50"),
            *("1,20", "£ 1,000,000", "120\x00", "-0"),
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    _any_text.filter(lambda s: len(s) < 30),
)


# What a tampered page sends back in a hidden field (a draft's version, a row count, a
# form's one-time key), and a query of hundreds of words (issue 15, part 5).
HIDDEN = st.one_of(
    st.sampled_from(
        ["", "abc", "1e3", "2.5", "-1", "0", "\x00", "1\x00", "٣", "9" * 40, "1 OR 1=1", "²"]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=80),
)
MANY_WORDS = st.one_of(
    st.integers(min_value=300, max_value=1_500).map(
        lambda n: " ".join(f"word{i}" for i in range(n))
    ),
    st.integers(min_value=300, max_value=1_500).map(lambda n: "Maggie " * n),
)


def saved_form(value: str) -> str:
    """What a CharField keeps of `value`: NUL characters are dropped before any form
    sees them (config.middleware.NulCharacterMiddleware), and the ends trimmed."""
    return value.replace("\x00", "").strip()


def typed_money(value: str) -> Decimal | None:
    """What a money field keeps of `value` (NUL characters, £ and thousands commas
    dropped), if kept."""
    value = value.replace("\x00", "").strip()
    return Decimal(value.replace(",", "").lstrip("£")) if value else None


def has_field_error(page: str, *field_ids: str) -> bool:
    """Whether a message shows next to any of the fields (crispy-forms-gds numbers the
    message ids of some widgets: id_text_1_error)."""
    return any(re.search(rf'id="{re.escape(f)}(_\d+)?_error"', page) for f in field_ids)


def assert_refused_next_to_field(response, field_id: str) -> None:
    """A 200/400 form page with the message next to the field and in the summary."""
    page = response.content.decode()
    assert response.status_code in (200, 400), response.status_code
    assert "govuk-error-summary" in page
    assert re.search(rf'id="{re.escape(field_id)}(_\d+)?_error"', page), field_id


# Markup from HOSTILE that must never reach a page as markup (escaped, it reads
# "&lt;script&gt;..." and so on).
_RAW_MARKUP = ("<script>alert", "<img src=x", "<b>bold</b>", "<i>italic</i>", "<b><b>")


def assert_escaped(page: str, value: str) -> None:
    """Typed markup never comes back as markup."""
    for markup in _RAW_MARKUP:
        if markup in value:
            assert markup not in page, markup


def hidden_inputs(page: str) -> dict[str, str]:
    """The hidden fields of the page's forms (a draft's version, say), but the CSRF
    token, which the test client does not need."""
    found: dict[str, str] = {}

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            if tag == "input" and attributes.get("type") == "hidden":
                name = attributes.get("name")
                if name and name != "csrfmiddlewaretoken":
                    found[name] = attributes.get("value") or ""

    Parser().feed(page)
    return found


__all__ = ["FUZZ", "TEXT", "DATE_PART", "MONEY", "escape", "typed_money"]
