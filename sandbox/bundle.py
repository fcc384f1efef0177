"""Single-file runtimes: what runs inside a sandbox (or as a helper that may not see this checkout) is one
Python source, made here by joining standard-library-only modules.

Each module keeps its imports of the others between `# bundle: sibling imports` and `# bundle: end`;
joined, those names are already defined above, so the block is dropped, as are the `from __future__`
lines (one goes first) and every part's `if __name__ == "__main__":` block but the last one's.
"""

from __future__ import annotations

import functools
from pathlib import Path

_HERE = Path(__file__).parent
SUPERVISE = _HERE / "supervise.py"
_BEGIN = "# bundle: sibling imports"
_END = "# bundle: end"
_MAIN = 'if __name__ == "__main__":'


def join(paths: tuple[Path, ...]) -> str:
    """The modules at `paths`, in order, as one runnable source."""
    parts = ["from __future__ import annotations\n"]
    for index, path in enumerate(paths):
        last = index == len(paths) - 1
        parts.append(f"# ---- {path.name} ----\n" + _strip(path.read_text(encoding="utf-8"), keep_main=last))
    return "\n".join(parts)


def _strip(text: str, keep_main: bool) -> str:
    kept: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("from __future__"):
            continue
        if stripped == _BEGIN:
            skipping = True
        elif stripped == _END and skipping:
            skipping = False
        elif line.startswith(_MAIN) and not keep_main:
            break
        elif not skipping:
            kept.append(line)
    return "".join(kept)


@functools.cache
def runner_source() -> str:
    """The container runner and host helper: `python3 -S -c <this> [--local | WORK_ROOT]`."""
    return join((SUPERVISE, _HERE / "runner.py", _HERE / "serve.py"))
