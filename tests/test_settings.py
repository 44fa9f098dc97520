"""Settings refuse unsafe production values, and production settings pass --deploy."""

import os
import subprocess
import sys
from pathlib import Path

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
