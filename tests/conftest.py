"""Shared fixtures, and a closing summary of tests that need parts a machine may lack."""

from __future__ import annotations

import collections

import pytest

_NEEDS = ("docker", "bwrap")
_counts: dict[str, collections.Counter[str]] = {m: collections.Counter() for m in _NEEDS}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    keywords = report.keywords
    for marker in _NEEDS:
        if marker in keywords and (report.when == "call" or (report.when == "setup" and report.skipped)):
            _counts[marker][report.outcome] += 1


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    terminalreporter.section("tests that need a machine part")
    for marker in _NEEDS:
        c = _counts[marker]
        terminalreporter.write_line(
            f"{marker}: {c['passed']} ran and passed, {c['failed']} failed, {c['skipped']} skipped"
        )
