"""A hub id in offline mode (HF_DATASETS_OFFLINE=1, HF_HOME under tmp_path): read from the `datasets`
cache where a download left it, and a clear error naming the id when nothing is cached. Each case runs
in a fresh interpreter because `datasets` reads the offline switch at import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("datasets", reason="needs the [hub] extra: pip install 'prorl-gym[hub]'")

from hub_standins import FORMATS, rows_of  # noqa: E402

TESTS = Path(__file__).parent

SCRIPT = """
import json, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
import envs
from hub_standins import cache_as_download, repository, rows_of

out = {{}}
for fmt, env, fixture, dataset_id in {cases!r}:
    repo = repository(Path({root!r}), dataset_id.split("/")[1], {{"train": rows_of(Path(fixture))}})
    cache_as_download(repo, dataset_id)
    out[fmt] = [t.id for t in envs.make(env, dataset=dataset_id).tasks()]
for label, config in {errors!r}:
    try:
        list(envs.make("math", **config).tasks())
        out[label] = "no error"
    except envs.ConfigError as exc:
        out[label] = str(exc)
print(json.dumps(out))
"""

CASES = [  # one format per domain, under the public id it stands in for
    ("deepscaler", "math", str(FORMATS[0][2]), "agentica-org/DeepScaleR-Preview-Dataset"),
    ("eurus", "code", str(FORMATS[3][2]), "PRIME-RL/Eurus-2-RL-Data"),
    ("scp", "stem", str(FORMATS[11][2]), "EricLu/SCP-116K"),
]
ERRORS = [
    ("unknown", {"dataset": "nobody/no-such-set"}),
    ("other-subset", {"dataset": "agentica-org/DeepScaleR-Preview-Dataset", "subset": "hard"}),
]


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("offline")
    env = {**os.environ, "HF_HOME": str(root / "hf"), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    env.pop("HF_DATASETS_CACHE", None)
    script = SCRIPT.format(tests=str(TESTS), cases=CASES, root=str(root / "repos"), errors=ERRORS)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=root)
    assert done.returncode == 0, done.stderr[-3000:]
    return {"result": json.loads(done.stdout.strip().splitlines()[-1]), "root": root}


@pytest.mark.parametrize(("fmt", "env", "fixture", "dataset_id"), CASES, ids=[c[0] for c in CASES])
def test_a_cached_download_loads_offline_by_its_id(offline, fmt, env, fixture, dataset_id) -> None:
    import envs

    local = [t.id for t in envs.make(env, data_files=fixture).tasks()]
    assert local and offline["result"][fmt] == local


def test_an_id_with_no_cached_copy_says_how_to_work_offline(offline) -> None:
    message = offline["result"]["unknown"]
    assert "nobody/no-such-set" in message and "offline mode is on" in message
    assert "No cached copy" in message and str(offline["root"] / "hf") in message
    assert "HF_DATASETS_OFFLINE=1" in message and "data_files=" in message
    assert "machine" not in message


def test_a_cached_id_without_that_subset_says_a_copy_exists(offline) -> None:
    message = offline["result"]["other-subset"]
    assert "agentica-org/DeepScaleR-Preview-Dataset (subset=hard)" in message
    assert "A cached copy exists" in message and "agentica-org___" in message


def test_rows_of_the_fixtures_are_in_the_public_layouts() -> None:
    assert {"problem", "answer", "solution"} <= set(rows_of(FORMATS[0][2])[0])
    assert {"data_source", "prompt", "ability", "reward_model"} <= set(rows_of(FORMATS[3][2])[0])
    assert {"domain", "problem", "matched_solution"} <= set(rows_of(FORMATS[11][2])[0])
