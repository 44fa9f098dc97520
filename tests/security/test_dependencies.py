"""The offline dependency check (issue 15, part 8): installed packages against the
security releases recorded in security/releases.toml, and the file held to the pins."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from config import dependencies

RELEASES = {
    "reviewed": {"pyproject_sha256": "pins", "package_lock_sha256": "lock"},
    "python": [{"name": "django", "minimum": "5.2.8", "fixes": "CVE-2025-64459"}],
    "npm": [{"name": "govuk-frontend", "minimum": "6.0.0", "fixes": "an advisory"}],
}


def _problems(python="5.2.19", node="6.6.0", pins="pins", lock="lock"):
    return dependencies.problems(
        RELEASES,
        python_version=lambda name: python,
        node_version=lambda name: node,
        pins=pins,
        lock=lock,
    )


def test_this_checkout_passes_the_check(capsys):
    call_command("check_dependencies")
    assert "at or above their recorded security releases" in capsys.readouterr().out


def test_a_package_below_its_security_release_is_named():
    (problem,) = _problems(python="5.2.7")
    assert problem.package == "django"
    assert "django 5.2.7 is older than 5.2.8, which fixes CVE-2025-64459" in problem.message


@pytest.mark.parametrize("node", ["5.9.1", "not-a-version"])
def test_an_npm_package_below_its_release_or_unreadable_is_named(node):
    (problem,) = _problems(node=node)
    assert problem.package == "govuk-frontend"


def test_packages_at_or_above_their_release_pass():
    assert _problems(python="5.2.8", node="6.0.0") == []


def test_changed_pins_fail_until_the_file_is_reviewed():
    found = _problems(pins="other", lock="other")
    assert [p.package for p in found] == ["pyproject.toml", "package-lock.json"]
    assert 'pyproject_sha256 = "other"' in found[0].message


def test_a_pin_change_changes_the_fingerprint(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["django>=5.2,<6"]\n')
    before = dependencies.pins_fingerprint(pyproject)
    pyproject.write_text('[project]\ndependencies = ["django>=5.2.8,<6"]\n')
    assert dependencies.pins_fingerprint(pyproject) != before


def test_the_command_fails_loudly_on_a_problem(monkeypatch, tmp_path):
    releases = tmp_path / "releases.toml"
    releases.write_text(
        '[reviewed]\ndate = 2026-11-30\npyproject_sha256 = "stale"\npackage_lock_sha256 = ""\n'
    )
    monkeypatch.setattr(dependencies, "RELEASES", releases)
    monkeypatch.setattr(dependencies.load, "__defaults__", (releases,))
    with pytest.raises(CommandError, match="pyproject.toml: The Python pins changed"):
        call_command("check_dependencies")


def test_the_lock_fingerprint_reads_package_versions(tmp_path):
    lock = tmp_path / "package-lock.json"
    lock.write_text(json.dumps({"packages": {"": {}, "node_modules/a": {"version": "1"}}}))
    first = dependencies.lock_fingerprint(lock)
    lock.write_text(json.dumps({"packages": {"": {}, "node_modules/a": {"version": "2"}}}))
    assert dependencies.lock_fingerprint(lock) != first
