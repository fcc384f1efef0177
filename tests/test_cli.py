"""The `prorl-gym` command, driven in-process through `main(argv)`."""

from __future__ import annotations

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
