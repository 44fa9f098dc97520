"""The offline dependency check (issue 15, part 8).

The vulnerability databases cannot be reached from the machines this service is built
and tested on, so `pip-audit` there audits nothing. Instead `security/releases.toml`
records, for the packages that matter most, the lowest version with every security fix
known when the file was last reviewed, with the advisory behind each. This module
compares what is installed against it, and holds the file to the pins: when
`pyproject.toml`'s dependencies or `package-lock.json` change, the check fails until
someone reviews the file and records the new fingerprints.
"""

import hashlib
import json
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "security" / "releases.toml"


@dataclass(frozen=True)
class Problem:
    package: str
    message: str


def pins_fingerprint(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The dependency lists of pyproject.toml, as a SHA-256 that changes with any pin."""
    project = tomllib.loads(pyproject.read_text())["project"]
    pins = {
        "dependencies": project["dependencies"],
        "optional": project.get("optional-dependencies", {}),
    }
    return hashlib.sha256(json.dumps(pins, sort_keys=True).encode()).hexdigest()


def lock_fingerprint(lock: Path = ROOT / "package-lock.json") -> str:
    """The npm packages and versions of package-lock.json, as a SHA-256."""
    packages = json.loads(lock.read_text()).get("packages", {})
    versions = {name: info.get("version") for name, info in packages.items() if name}
    return hashlib.sha256(json.dumps(versions, sort_keys=True).encode()).hexdigest()


def installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def npm_version(package: str, lock: Path = ROOT / "package-lock.json") -> str | None:
    packages = json.loads(lock.read_text()).get("packages", {})
    return packages.get(f"node_modules/{package}", {}).get("version")


def problems(
    releases: dict,
    *,
    python_version=installed_version,
    node_version=npm_version,
    pins: str | None = None,
    lock: str | None = None,
) -> list[Problem]:
    """What is wrong: a package below its recorded minimum, or pins changed since the
    file was reviewed. Pure given its arguments (the defaults read this machine)."""
    found = []
    reviewed = releases.get("reviewed", {})
    pins = pins if pins is not None else pins_fingerprint()
    lock = lock if lock is not None else lock_fingerprint()
    if reviewed.get("pyproject_sha256") != pins:
        found.append(
            Problem(
                "pyproject.toml",
                "The Python pins changed since security/releases.toml was reviewed: check "
                "each pinned package's security releases, raise the minimums, and record "
                f'pyproject_sha256 = "{pins}".',
            )
        )
    if reviewed.get("package_lock_sha256") != lock:
        found.append(
            Problem(
                "package-lock.json",
                "The npm packages changed since security/releases.toml was reviewed: check "
                "their advisories, raise the minimums, and record "
                f'package_lock_sha256 = "{lock}".',
            )
        )
    for ecosystem, version_of in (("python", python_version), ("npm", node_version)):
        for entry in releases.get(ecosystem, []):
            name, minimum = entry["name"], Version(entry["minimum"])
            installed = version_of(name)
            if installed is None:
                continue  # not installed here (an optional extra): nothing to check
            try:
                too_old = Version(installed) < minimum
            except InvalidVersion:
                too_old = True
            if too_old:
                found.append(
                    Problem(
                        name,
                        f"{name} {installed} is older than {minimum}, which fixes "
                        f"{entry['fixes']}. Upgrade it.",
                    )
                )
    return found


def load(path: Path = RELEASES) -> dict:
    return tomllib.loads(path.read_text())
