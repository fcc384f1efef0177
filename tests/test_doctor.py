"""`prorl-gym doctor`: another installed distribution that provides one of our import names is reported."""

from __future__ import annotations

from prorl_gym.cli import main
from prorl_gym.doctor import name_clashes


def _fake_dist(site, name: str, top_level: str) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "top_level.txt").write_text(top_level + "\n")


def test_no_clash_in_this_environment():
    assert name_clashes() == {}


def test_a_distribution_with_our_import_name_is_reported(tmp_path, monkeypatch, capsys):
    _fake_dist(tmp_path, "other_verifiers", "verifiers")
    _fake_dist(tmp_path, "harmless", "harmless")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert name_clashes() == {"verifiers": ["other_verifiers"]}
    assert main(["doctor", "--no-trial"]) == 1
    out = capsys.readouterr().out
    assert "CLASH" in out and "'verifiers'" in out and "other_verifiers" in out
    assert "sandbox backends" in out and "process" in out


def test_doctor_is_quiet_when_clean(capsys):
    assert main(["doctor", "--no-trial"]) == 0
    out = capsys.readouterr().out
    assert "no other distribution provides envs, verifiers, sandbox" in out
