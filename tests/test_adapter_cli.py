"""`prorl-gym verl-plan` and `prorl-gym verl-export`: real files, checked without verl installed."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from prorl_gym.cli import main
from trainer_adapter.verl import compute_score, verl_task


def test_verl_plan_writes_an_executable_eight_stage_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.sh"
    code = main(
        ["verl-plan", "-o", str(out), "--workdir", str(tmp_path / "w"), "--steps-per-stage", "120", "--json"]
    )
    assert code == 0
    text = out.read_text()
    assert os.access(out, os.X_OK)
    subprocess.run(["bash", "-n", str(out)], check=True)  # valid bash
    assert text.count("python3 -m verl.trainer.main_ppo") == 8
    assert (
        text.count('"actor_rollout_ref.model.path=$PREV"') == 8
    )  # policy and reference: the last checkpoint
    assert text.count('"trainer.resume_mode=disable"') == 8  # fresh optimizer every stage
    assert "STEPS=${STEPS:-120}" in text
    stages = json.loads(capsys.readouterr().out.split("\nwrote ")[0])
    assert [s["overrides"]["actor_rollout_ref.rollout.n"] for s in stages] == [16, 16, 16, 16, 16, 32, 32, 16]
    assert stages[7]["overrides"]["data.max_response_length"] == 16384
    assert ["ifeval" in s["mix"] for s in stages] == [False, False] + [True] * 6


def test_verl_plan_stages_chain_checkpoints(tmp_path: Path) -> None:
    """Run the script's bookkeeping with stand-ins for the two commands it calls; stage k must start from
    the checkpoint stage k-1 wrote, and START=k must resume from there."""
    out = tmp_path / "plan.sh"
    assert (
        main(["verl-plan", "-o", str(out), "--workdir", str(tmp_path / "w"), "--steps-per-stage", "7"]) == 0
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    (bin_dir / "prorl-gym").write_text("#!/bin/sh\nexit 0\n")
    (bin_dir / "python3").write_text(
        "#!/bin/bash\n"  # records the model path, then writes a checkpoint as verl would
        'for a in "$@"; do case "$a" in actor_rollout_ref.model.path=*) echo "${a#*=}" >> ' + str(log) + ";;"
        ' trainer.default_local_dir=*) d="${a#*=}";; trainer.total_training_steps=*) s="${a#*=}";; esac; done\n'
        'mkdir -p "$d/global_step_$s/actor/huggingface"; echo "$s" > "$d/latest_checkpointed_iteration.txt"\n'
    )
    for f in bin_dir.iterdir():
        f.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "MODEL": "base-model"}
    done = subprocess.run(["bash", str(out)], env=env, capture_output=True, text=True, check=True)
    calls = log.read_text().split()
    work = tmp_path / "w"
    assert calls[0] == "base-model"
    assert calls[1] == f"{work}/stage1/ckpt/global_step_7/actor/huggingface"
    assert calls[7] == f"{work}/stage7/ckpt/global_step_7/actor/huggingface"
    assert "global_step_200" in done.stdout  # stage 8 runs its own 200 steps
    log.unlink()
    subprocess.run(["bash", str(out)], env={**env, "START": "6"}, capture_output=True, check=True)
    assert log.read_text().split() == [
        f"{work}/stage{k}/ckpt/global_step_7/actor/huggingface" for k in (5, 6, 7)
    ]


def test_verl_export_writes_a_mixture(tmp_path: Path) -> None:
    out = tmp_path / "mix.parquet"
    assert (
        main(["verl-export", "math=1,sudoku=1,stem_mcq=1", "-n", "9", "-o", str(out), "--agents", "code=x"])
        == 0
    )
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == 9 and {r["data_source"] for r in rows} == {"math", "sudoku", "stem_mcq"}
    assert {r["agent_name"] for r in rows} == {"single_turn_agent"}
    for row in rows:
        task = verl_task(row["data_source"], row["reward_model"]["ground_truth"], row["extra_info"])
        assert task.id == row["extra_info"]["task_id"]
        assert (
            compute_score(
                row["data_source"], "nothing", row["reward_model"]["ground_truth"], row["extra_info"]
            )["score"]
            == 0.0
        )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["verl-export", "math", "-n", "0", "-o", "x.parquet"], "-n must be >= 1"),
        (["verl-export", "math", "-n", "3", "-o", "x.csv"], ".parquet name"),
        (["verl-export", "math", "-n", "3", "-o", "x.parquet", "--agents", "code"], "env=agent_loop"),
        (["verl-export", "nosuchenv", "-n", "3", "-o", "x.parquet"], "nosuchenv"),
        (["verl-plan", "--steps-per-stage", "0"], "--steps-per-stage must be >= 1"),
    ],
)
def test_bad_arguments_say_what_to_fix(
    argv: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err
