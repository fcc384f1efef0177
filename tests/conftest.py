"""Shared fixtures; a closing count of the tests that need parts a machine may lack; a clean-checkout check.

Tests that need a machine part (a Docker engine, bubblewrap, an optional extra) skip with a reason
where it is missing. The closing section says, per part, how many ran and how many skipped, so a
green run that skipped them all is visible. `PRORL_GYM_REQUIRE=docker,trl,...` (CI sets it) turns a
skip in one of those parts into a failed session: there, a missing part is a broken setup.

The suite must leave the checkout as it found it: any file a test writes into the repository (outside
ignored paths) fails the session, naming the file.
"""

from __future__ import annotations

import collections
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Part -> how its tests are recognised: a marker, or a test-file name prefix.
_MARKERS = ("docker", "bwrap")
_FILE_PARTS = {
    "torch": ("test_prorl_", "test_tiny", "test_eval_cli"),
    "trl": ("test_trl_",),
    "verl": ("test_verl_",),
    "ray": ("test_ray",),
    "server": ("test_server",),
    "hub": ("test_hub", "test_recipes"),
}
_counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
_status_at_start: set[str] | None = None
_PROBLEMS = pytest.StashKey[list[str]]()  # what sessionfinish found, for the terminal summary


def _parts(report: pytest.TestReport) -> list[str]:
    found = [m for m in _MARKERS if m in report.keywords]
    filename = os.path.basename(report.nodeid.split("::", 1)[0])
    found += [part for part, prefixes in _FILE_PARTS.items() if filename.startswith(prefixes)]
    return found


def _git_status() -> set[str] | None:
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return set(out.splitlines())


def pytest_sessionstart(session: pytest.Session) -> None:
    global _status_at_start
    if (ROOT / ".git").exists():
        _status_at_start = _git_status()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or (report.when == "setup" and report.skipped):
        for part in _parts(report):
            _counts[part][report.outcome] += 1


def _required() -> list[str]:
    return [p.strip() for p in os.environ.get("PRORL_GYM_REQUIRE", "").split(",") if p.strip()]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    problems = []
    for part in _required():
        c = _counts.get(part, collections.Counter())
        if c["skipped"] or not (c["passed"] or c["failed"]):
            problems.append(f"PRORL_GYM_REQUIRE names '{part}', but {c['skipped']} of its tests skipped")
    if _status_at_start is not None and session.config.option.collectonly is False:
        now = _git_status()
        if now is not None and now - _status_at_start:
            left = ", ".join(sorted(line[3:] for line in now - _status_at_start))
            problems.append(f"the suite changed the checkout (write under tmp_path instead): {left}")
    session.config.stash[_PROBLEMS] = problems
    if problems and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    terminalreporter.section("tests that need a machine part")
    for part in (*_MARKERS, *_FILE_PARTS):
        c = _counts.get(part, collections.Counter())
        terminalreporter.write_line(
            f"{part}: {c['passed']} ran and passed, {c['failed']} failed, {c['skipped']} skipped"
        )
    for problem in terminalreporter.config.stash.get(_PROBLEMS, []):
        terminalreporter.write_line(f"FAILED: {problem}", red=True)
