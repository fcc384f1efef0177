"""Entries of the reasoning-gym datasets whose generators iterate over sets of strings, made the same in
every process: Python salts str hashes per process (PYTHONHASHSEED), so those generators give different
tasks for one seed in two processes. Here they run in one helper process started with PYTHONHASHSEED=0.
"""

from __future__ import annotations

import atexit
import json
import subprocess
import sys
import threading
from typing import Any

# Found by generating every dataset under two hash seeds (tests/test_logic.py checks all of them).
HASH_DEPENDENT = frozenset(
    {"isomorphic_strings", "knight_swap", "polynomial_multiplication", "ransom_note", "word_ladder"}
)

_WORKER = """
import json, sys
from envs.logic import build_dataset
from verifiers.canonical import plain_json
datasets = {}
for line in sys.stdin:
    req = json.loads(line)
    key = json.dumps([req["dataset"], req["config"]], sort_keys=True)
    try:
        if key not in datasets:
            datasets[key] = build_dataset(req["dataset"], req["config"])
        reply = {"entries": [plain_json(datasets[key][i]) for i in req["indices"]]}
    except Exception as exc:
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(reply) + "\\n")
    sys.stdout.flush()
"""


def hash_stable_here() -> bool:
    """True when this process already runs with PYTHONHASHSEED=0 (then no helper is needed)."""
    return sys.flags.hash_randomization == 0


class _Helper:
    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def entries(self, dataset: str, config: dict[str, Any], indices: list[int]) -> list[dict[str, Any]]:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                import os

                env = {**os.environ, "PYTHONHASHSEED": "0"}
                self._proc = subprocess.Popen(
                    [sys.executable, "-c", _WORKER],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    env=env,
                    cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                )
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
            self._proc.kill()
            self._proc.wait()


_HELPER = _Helper()
atexit.register(_HELPER.close)


def stable_entries(dataset: str, config: dict[str, Any], indices: list[int]) -> list[dict[str, Any]]:
    """Entries `indices` of `dataset` as a process with PYTHONHASHSEED=0 generates them (one round trip)."""
    return _HELPER.entries(dataset, config, indices)
