"""Production response headers: the strict Content Security Policy, HSTS, and session and
CSRF cookies that are Secure, HttpOnly and SameSite. The values come from config/settings.py
run with production environment variables; the headers from the real middleware."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "a-strong-random-looking-secret-key-for-tests-0123456789",
    "ALLOWED_HOSTS": "testserver",
}
SECURITY_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]
STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def _production_settings() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"HTTPS", "DEBUG", "SECRET_KEY"}}
    script = (
        "import json, config.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {SECURITY_SETTINGS!r}}}))"
    )
    result = subprocess.run(  # noqa: S603 -- our own settings module, fixed arguments
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def production():
    return _production_settings()


@pytest.fixture
def production_settings(settings, production):
    for name, value in production.items():
        setattr(settings, name, value)
    return settings


def _directives(header: str) -> dict[str, list[str]]:
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_policy_is_strict(production):
    directives = production["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    flat = json.dumps(directives)
    assert "unsafe-inline" not in flat and "unsafe-eval" not in flat
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]


def test_production_page_headers(client, practitioner, production_settings):
    response = client.get(reverse("login"), secure=True)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert _directives(policy) == _directives(STRICT_POLICY)
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csrf_cookie = response.cookies["csrftoken"].output()
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert attribute in csrf_cookie, csrf_cookie


def test_production_session_cookie_is_secure_httponly_samesite(
    client, practitioner, production_settings
):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"].output()
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert attribute in cookie, cookie
    assert "expires" not in cookie.lower()  # ends when the browser closes, too
    assert "Content-Security-Policy" in response


def test_production_redirects_plain_http(client, db, production_settings):
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response.url == "https://testserver/sign-in/"


def test_every_page_has_the_policy_in_tests_too(practitioner_client):
    response = practitioner_client.get(reverse("home"))
    assert _directives(response["Content-Security-Policy"]) == _directives(STRICT_POLICY)


# --- Templates that would break under the policy ---

_TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
# WeasyPrint renders these to PDF; no browser ever sees them as HTML.
_PDF_ONLY = re.compile(r"(^|/)(pdf/|[a-z_]*_pdf\.html$)")
_INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>"  # an inline script
    r"|<style\b"  # a style block
    r"|\sstyle\s*=|\son[a-z]+\s*="  # a style attribute or an event handler
    r"|javascript:",
    re.IGNORECASE,
)


def _html_templates():
    for folder in _TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            relative = path.relative_to(folder).as_posix()
            if ".venv" not in path.parts and not _PDF_ONLY.search(relative):
                yield path


def test_no_template_served_as_html_has_inline_script_or_style():
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in _html_templates()
        for match in [_INLINE.search(path.read_text(encoding="utf-8"))]
        if match
    ]
    assert len(list(_html_templates())) > 20
    assert offenders == []
