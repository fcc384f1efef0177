"""reasoning-gym datasets whose generators must not run in the caller's process, and the helper
process that runs them.

Two reasons: generators that iterate over sets of strings give different tasks for one seed in two
processes (Python salts str hashes per process), so they run here with PYTHONHASHSEED=0; and codeio
`exec`s the dataset's code snippets to make each entry, and some of those write files to the working
directory (one left `temp_parameters.txt` in the checkout), so the helper runs in a temporary
directory that is removed when it exits. The caller's working directory is never touched.

Run as `python -m envs.logic_generator_process`: one JSON request per stdin line, one reply per line.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

# Found by generating every dataset under two hash seeds (tests/test_logic.py checks all of them).
HASH_DEPENDENT = frozenset(
    {"isomorphic_strings", "knight_swap", "polynomial_multiplication", "ransom_note", "word_ladder"}
)
# Generators that run dataset code which may write to the working directory.
WRITES_FILES = frozenset({"codeio"})

_ROOT = str(Path(__file__).resolve().parents[1])  # where `envs` is importable from
_WORKDIR_VAR = "PRORL_GYM_GENERATOR_WORKDIR"


def hash_stable_here() -> bool:
    """True when this process already runs with PYTHONHASHSEED=0."""
    return sys.flags.hash_randomization == 0


def needs_helper(dataset: str) -> bool:
    """Whether `dataset`'s entries must come from the helper process when generated here."""
    return dataset in WRITES_FILES or (dataset in HASH_DEPENDENT and not hash_stable_here())


class _Helper:
    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._workdir: str | None = None
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen[str]:
        self.close()
        self._workdir = tempfile.mkdtemp(prefix="prorl-logic-gen-")
        path = os.environ.get("PYTHONPATH")
        env = {
            **os.environ,
            "PYTHONHASHSEED": "0",
            "PYTHONPATH": _ROOT + (os.pathsep + path if path else ""),
            _WORKDIR_VAR: self._workdir,
        }
        return subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=self._workdir,
        )

    def entries(self, dataset: str, config: dict[str, Any], indices: list[int]) -> list[dict[str, Any]]:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            assert self._proc.stdin is not None and self._proc.stdout is not None
            request = {"dataset": dataset, "config": config, "indices": indices}
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the {dataset} generator helper process exited")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"{dataset} entries {indices[:5]}: {reply['error']}")
        return reply["entries"]  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()  # end of input: the helper removes its directory and exits
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None


_HELPER = _Helper()
atexit.register(_HELPER.close)


def helper_entries(dataset: str, config: dict[str, Any], indices: list[int]) -> list[dict[str, Any]]:
    """Entries `indices` of `dataset`, generated in the helper process (one round trip)."""
    return _HELPER.entries(dataset, config, indices)


def main() -> None:
    """The helper's loop. Generators print (codeio reports failing snippets on stdout), so the replies
    go to a private copy of the original stdout and everything else written to fd 1 lands on stderr."""
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    from envs.logic_datasets import build_dataset
    from verifiers.canonical import plain_json

    datasets: dict[str, Any] = {}
    for line in sys.stdin:
        req = json.loads(line)
        key = json.dumps([req["dataset"], req["config"]], sort_keys=True)
        reply: dict[str, Any]
        try:
            if key not in datasets:
                datasets[key] = build_dataset(req["dataset"], req["config"])
            reply = {"entries": [plain_json(datasets[key][i]) for i in req["indices"]]}
        except Exception as exc:
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        replies.write(json.dumps(reply) + "\n")
        replies.flush()
    # Input ends when the caller closes it or dies (even by a signal): the directory goes with us.
    workdir = os.environ.get(_WORKDIR_VAR)
    if workdir and os.path.realpath(workdir) == os.path.realpath(os.getcwd()):
        os.chdir(tempfile.gettempdir())
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
