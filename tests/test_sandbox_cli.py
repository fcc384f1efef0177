"""`prorl-gym sandbox doctor/build-image`, the auto choice, and the image build's mirror lookup."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from sandbox_helpers import require

from prorl_gym.cli_sandbox import add_subcommands
from sandbox import SandboxError, backends
from sandbox.image.build import DEFAULT_MIRROR, apt_mirror, build_image


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="prorl-gym")
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_doctor_reports_every_backend_and_the_auto_choice(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(["sandbox", "doctor"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert {line.split()[1] for line in out[:3]} == {"docker", "bwrap", "process"}
    assert any(line.startswith("ok  process") and "not a security boundary" in line for line in out)
    assert out[-1].startswith("backend='auto' uses: ")
    for line in out[:3]:  # a backend that does not work says why
        if line.startswith("no"):
            assert len(line.split(None, 2)) == 3


def test_auto_falls_back_to_process_with_a_warning_naming_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = {
        "docker": (False, "no Docker engine reachable"),
        "bwrap": (False, "bubblewrap is not installed"),
    }
    monkeypatch.setattr(backends, "availability", lambda name: answers.get(name, (True, "")))
    with pytest.warns(RuntimeWarning, match="no Docker engine reachable.*bubblewrap is not installed"):
        assert backends._pick_auto() == "process"
    answers["bwrap"] = (True, "")
    assert backends._pick_auto() == "bwrap"


def test_build_method_is_checked() -> None:
    with pytest.raises(SandboxError, match="unknown build method"):
        build_image(method="podman", log=lambda _: None)


@pytest.mark.docker
def test_build_image_keeps_a_present_image(capsys: pytest.CaptureFixture[str]) -> None:
    require("docker")
    assert _cli(["sandbox", "build-image"]) == 0
    out = capsys.readouterr().out
    assert "already present" in out and "prorl-gym-sandbox:" in out


def test_apt_mirror_reads_one_line_and_deb822_sources(tmp_path: Path) -> None:
    one_line = tmp_path / "sources.list"
    one_line.write_text(
        "# comment\ndeb http://security.debian.org/debian-security bookworm-security main\n"
        "deb [arch=amd64] http://mirror.example/debian bookworm main\n"
    )
    deb822 = tmp_path / "debian.sources"
    deb822.write_text(
        "Types: deb\nURIs: http://deb822.example/debian\nSuites: bookworm\n\n"
        "Types: deb\nURIs: http://deb822.example/debian-security\n"
    )
    assert apt_mirror([one_line]) == "http://mirror.example/debian"
    assert apt_mirror([deb822]) == "http://deb822.example/debian"
    assert apt_mirror([tmp_path / "missing.list"]) == DEFAULT_MIRROR
