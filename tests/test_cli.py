"""The `prorl-gym` command, driven in-process through `main(argv)`."""

from __future__ import annotations

import io
import json

import pytest

from prorl_gym.cli import main


def test_list_and_domain_filter(capsys):
    assert main(["list", "--domain", "logic"]) == 0
    out = capsys.readouterr().out
    assert "sudoku" in out and "logic" in out


def test_show(capsys):
    assert main(["show", "gcd"]) == 0
    out = capsys.readouterr().out
    assert "min_numbers" in out and "example task" in out and "<answer>" in out
    assert "[user]" in out  # the role label is printed, not swallowed as markup


def test_sample_env_and_mix(tmp_path, capsys):
    out = tmp_path / "tasks.jsonl"
    assert main(["sample", "gcd", "-n", "5", "--seed", "3", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 5 and all(r["env"] == "gcd" for r in rows)
    mix_out = tmp_path / "mix.jsonl"
    assert main(["sample", "gcd=0.5,lcm=0.5", "-n", "40", "-o", str(mix_out)]) == 0
    envs_seen = {json.loads(line)["env"] for line in mix_out.read_text().splitlines()}
    assert envs_seen == {"gcd", "lcm"}
    assert "wrote 40 tasks" in capsys.readouterr().err


def test_sample_with_config(tmp_path):
    out = tmp_path / "t.jsonl"
    assert (
        main(["sample", "gcd", "-n", "3", "-c", "min_numbers=3", "-c", "max_numbers=3", "-o", str(out)]) == 0
    )
    for line in out.read_text().splitlines():
        assert len(json.loads(line)["answer"]["entry"]["metadata"]["numbers"]) == 3


def test_verify_scores_every_line_and_flags_the_malformed_one(tmp_path, capsys):
    tasks = tmp_path / "tasks.jsonl"
    main(["sample", "gcd", "-n", "4", "-o", str(tasks)])
    lines = []
    for i, line in enumerate(tasks.read_text().splitlines()):
        task = json.loads(line)
        gold = task["answer"]["entry"]["answer"]
        lines.append(
            json.dumps({"task": task, "completion": f"<answer>{gold if i % 2 == 0 else 'x'}</answer>"})
        )
    lines.insert(2, "{this is not json")
    data = tmp_path / "completions.jsonl"
    data.write_text("\n".join(lines) + "\n")
    assert main(["verify", str(data), "-q", "--chunk", "2"]) == 0  # chunks split the malformed line's batch
    rows = [json.loads(line) for line in (tmp_path / "completions.verdicts.jsonl").read_text().splitlines()]
    assert [r["index"] for r in rows] == [0, 1, 2, 3, 4]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5]
    statuses = [r["verdict"]["status"] for r in rows]
    assert statuses == ["correct", "wrong", "malformed", "correct", "wrong"]
    assert "line 3" in rows[2]["verdict"]["reason"]
    assert "5 verdicts" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["show", "sudokku"], "sudoku"),
        (["sample", "gcd", "-c", "nope=1"], "nope"),
        (["sample", "gcd", "-c", "novalue"], "key=value"),
        (["sample", "gcd=abc"], "not a number"),
        (["verify", "/no/such/file.jsonl"], "does not exist"),
        (["verify", __file__, "--chunk", "0"], "--chunk must be >= 1"),
        (["verify", __file__, "-o", __file__], "overwrite the input"),
    ],
)
def test_bad_input_is_a_clear_error(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_sample_accepts_json_and_yaml_mixture_files(tmp_path):
    spec = tmp_path / "m.json"
    spec.write_text(json.dumps({"mix": {"gcd": 1, "lcm": 1}}))
    out = tmp_path / "mix.jsonl"
    assert main(["sample", str(spec), "-n", "20", "-o", str(out)]) == 0
    assert {json.loads(line)["env"] for line in out.read_text().splitlines()} == {"gcd", "lcm"}
    missing = main(["sample", str(tmp_path / "none.json"), "-n", "1"])
    assert missing == 2


def _completions(tmp_path, n=4):
    tasks = tmp_path / "tasks.jsonl"
    main(["sample", "gcd", "-n", str(n), "-o", str(tasks)])
    lines = []
    for i, line in enumerate(tasks.read_text().splitlines()):
        task = json.loads(line)
        gold = task["answer"]["entry"]["answer"]
        lines.append(
            json.dumps({"task": task, "completion": f"<answer>{gold if i % 2 == 0 else 'x'}</answer>"})
        )
    return lines


def test_blank_line_gets_a_malformed_verdict_naming_it(tmp_path):
    lines = _completions(tmp_path)
    lines.insert(1, "   ")
    data = tmp_path / "c.jsonl"
    data.write_text("\n".join(lines) + "\n")
    assert main(["verify", str(data), "-q"]) == 0
    rows = [json.loads(line) for line in (tmp_path / "c.verdicts.jsonl").read_text().splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5]
    assert [r["verdict"]["status"] for r in rows] == ["correct", "malformed", "wrong", "correct", "wrong"]
    assert "line 2 is blank" in rows[1]["verdict"]["reason"]


def test_stdin_to_stdout_with_json_summary(tmp_path, monkeypatch, capsys):
    lines = _completions(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["verify", "-q", "--json"]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["verdict"]["status"] for r in rows] == ["correct", "wrong", "correct", "wrong"]
    summary = json.loads(captured.err.strip().splitlines()[-1])
    assert summary["verdicts"] == 4 and summary["output"] == "stdout"
    for group in ("env gcd", "kind logic", "all"):
        stats = summary["groups"][group]
        assert stats["n"] == 4 and stats["mean_reward"] == 0.5
        assert stats["statuses"] == {"correct": 2, "wrong": 2} and stats["p99_ms"] >= stats["p50_ms"] >= 0


def test_verify_resumes_after_a_crash(tmp_path, capsys):
    lines = _completions(tmp_path, n=6)
    data = tmp_path / "c.jsonl"
    data.write_text("\n".join(lines) + "\n")
    out = tmp_path / "v.jsonl"
    assert main(["verify", str(data), "-o", str(out), "-q"]) == 0
    full = out.read_text().splitlines()
    marked = json.loads(full[1])
    marked["verdict"]["reason"] = "written before the crash"
    out.write_text(full[0] + "\n" + json.dumps(marked) + "\n" + full[2][:40])  # a torn third line
    assert main(["verify", str(data), "-o", str(out), "-q", "--json"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[1]["verdict"]["reason"] == "written before the crash"  # kept, not scored again
    assert [r["verdict"]["status"] for r in rows] == ["correct", "wrong"] * 3
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["resumed"] == 2 and summary["groups"]["all"]["n"] == 6
    other = tmp_path / "other.jsonl"
    other.write_text("\n".join(reversed(lines)) + "\n")
    assert main(["verify", str(other), "-o", str(out), "-q"]) == 2
    assert "--restart" in capsys.readouterr().err
    assert main(["verify", str(other), "-o", str(out), "-q", "--restart"]) == 0
    assert len(out.read_text().splitlines()) == 6


def test_one_off_verify(capsys):
    assert (
        main(["verify", "--kind", "math", "--answer", "1/2", "--completion", "so \\boxed{0.5}", "--json"])
        == 0
    )
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["correct"] and verdict["status"] == "correct"
    assert main(["verify", "--kind", "maths", "--answer", "1", "--completion", "1"]) == 2
    assert "unknown verifier kind" in capsys.readouterr().err
    assert main(["verify", "--kind", "math", "--answer", "1"]) == 2
    assert "--completion" in capsys.readouterr().err


def test_only_package_errors_are_usage_errors_and_debug_shows_tracebacks(monkeypatch, capsys):
    assert main(["--debug", "show", "sudokku"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "sudoku" in err

    def bug(args):
        raise KeyError("a bug, not bad input")

    monkeypatch.setattr("prorl_gym.cli.cmd_list", bug)
    with pytest.raises(KeyError, match="a bug"):
        main(["list"])
