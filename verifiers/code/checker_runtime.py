"""Runs a problem's checker inside the sandbox (standard library only; its source is the sandboxed program).

The checker is trusted problem code; the contestant's output reaches it only as a file. For each case it
is called as `checker.py input_path output_path answer_path` and accepts with exit code 0. One JSON line
per case goes to stdout.
"""

from __future__ import annotations

import json
import subprocess
import sys


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    with open("checker.py", "w", encoding="utf-8") as handle:
        handle.write(request["checker"])
    for index, case in enumerate(request["cases"]):
        for name in ("input", "output", "answer"):
            with open(f"{name}.txt", "w", encoding="utf-8") as handle:
                handle.write(case[name])
        try:
            done = subprocess.run(
                [sys.executable, "checker.py", "input.txt", "output.txt", "answer.txt"],
                capture_output=True,
                timeout=float(request["time_limit_s"]),
            )
            verdict = {
                "i": index,
                "accepted": done.returncode == 0,
                "message": done.stdout.decode(errors="replace")[-300:],
            }
        except subprocess.TimeoutExpired:
            verdict = {"i": index, "accepted": False, "message": "checker timed out", "infra": True}
        sys.stdout.write(json.dumps(verdict) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
