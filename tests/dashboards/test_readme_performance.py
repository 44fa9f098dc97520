"""The README's performance commands work as written, on a fresh database: its
"Performance" block is run line by line in a shell's environment (none of the test
suite's settings), with seed_scale at a small size and one run of each dashboard."""

import os
import re
import shlex
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SMALL = ["--contacts", "600", "--people", "60", "--staff", "20", "--teams", "4", "--years", "1"]
# What pyproject.toml sets for the test suite, which a person's shell does not have.
SUITE_ONLY = {
    "SECRET_KEY",
    "DEBUG",
    "HTTPS",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_CONN_MAX_AGE",
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
}


def _performance_block() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Performance\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)[1]
    return [line for line in block.splitlines() if line.strip()]


def test_the_documented_dashboard_benchmark_runs_on_a_fresh_database(tmp_path):
    env = {name: value for name, value in os.environ.items() if name not in SUITE_ONLY}
    ran = []
    for line in _performance_block():
        words = shlex.split(line, comments=True)
        if words[0] == "export":
            name, value = words[1].split("=", 1)
            if name == "DATABASE_URL":
                assert value.startswith("sqlite:///")
                value = f"sqlite:///{tmp_path / 'scale.sqlite3'}"  # a fresh one
            env[name] = value
            continue
        if "seed_scale" in words:
            words += SMALL
        if "--runs" in words:
            words[words.index("--runs") + 1] = "1"
        result = subprocess.run(  # noqa: S603 -- the README's own commands
            words, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600
        )
        assert result.returncode == 0, f"{line}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        ran.append(words[1:3])
    assert ran == [
        ["manage.py", "migrate"],
        ["manage.py", "loaddata"],
        ["manage.py", "seed_scale"],
        ["bench/dashboards.py", "--runs"],
    ]
    assert "reading       quality" in result.stdout
