"""Settings refuse unsafe production values, and production settings pass --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRONG_KEY = "x" * 20 + "a-strong-random-looking-secret-key-for-tests-0123456789"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_debug_off_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_debug_off_refuses_a_weak_secret_key():
    result = _manage("check", DEBUG="false", SECRET_KEY="django-insecure-short")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_a_malformed_boolean_is_refused():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="records.example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SESSION_COOKIE_AGE", "60", "SESSION_COOKIE_AGE must be at least 240 seconds"),
        ("AXES_FAILURE_LIMIT", "0", "AXES_FAILURE_LIMIT and AXES_COOLOFF_MINUTES must be 1"),
        ("AXES_COOLOFF_MINUTES", "soon", "AXES_COOLOFF_MINUTES must be a whole number"),
        # Longer than the outbox's first wait, an email could be sent twice.
        ("EMAIL_TIMEOUT", "600", "EMAIL_TIMEOUT must be from 1 to 240 seconds"),
    ],
)
def test_session_and_sign_in_limits_refuse_nonsense(variable, value, message):
    result = _manage("check", DEBUG="true", **{variable: value})
    assert result.returncode != 0
    assert message in result.stderr
