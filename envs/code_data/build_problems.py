"""Build `problems.jsonl`, the bundled code problem set, from the sources in `src/`.

Each `src/<slug>.py` holds one problem as module-level constants (see `Problem`):

    TITLE, DIFFICULTY ("easy" | "medium" | "hard"), TAGS, KIND ("stdio" | "call"), FN_NAME (call only),
    STATEMENT (markdown; the build appends the examples), EXAMPLES (hand-written (input, output) pairs),
    REFERENCE (the solution shipped to users), ORACLE (an independent, often slower, solution),
    MUTANTS ((old, new) edits of REFERENCE that must fail some test), inputs() (the other test inputs).

A stdio input is the stdin text; a call input is the list of positional arguments (plain JSON).
Expected outputs come from running the ORACLE in a subprocess, never the reference; the build then
checks that the oracle reproduces every hand-written example and that the reference agrees on every
test, and writes the records sorted by id so that a rebuild is byte-identical.

Usage: python envs/code_data/build_problems.py [--out PATH] [--report] [--table]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "problems.jsonl"
MIN_TESTS = 8
RUN_TIMEOUT_S = 120.0
DIFFICULTIES = ("easy", "medium", "hard")
KINDS = ("stdio", "call")
REQUIRED = (
    "TITLE",
    "DIFFICULTY",
    "TAGS",
    "KIND",
    "STATEMENT",
    "EXAMPLES",
    "REFERENCE",
    "ORACLE",
    "MUTANTS",
    "inputs",
)

# Runs one trusted program (a reference or an oracle) on many inputs in a single interpreter, so
# that building the whole set costs two process starts per problem instead of two per test.
_BATCH_DRIVER = r"""
import io, json, sys, time
payload = json.loads(sys.stdin.read())
code = compile(payload["source"], "<solution>", "exec")
real_stdout = sys.stdout
results = []
for item in payload["inputs"]:
    start = time.process_time()
    if payload["kind"] == "stdio":
        sys.stdin = io.TextIOWrapper(io.BytesIO(item.encode()), encoding="utf-8")
        buffer = io.BytesIO()
        sys.stdout = io.TextIOWrapper(buffer, encoding="utf-8")
        try:
            exec(code, {"__name__": "__main__"})
        except SystemExit:
            pass
        sys.stdout.flush()
        out = buffer.getvalue().decode("utf-8")
        sys.stdout.detach()
        sys.stdout = real_stdout
    else:
        namespace = {"__name__": "solution"}
        exec(code, namespace)
        value = namespace[payload["fn_name"]](*json.loads(json.dumps(item)))
        out = json.dumps(value, allow_nan=False)
    results.append({"out": out, "seconds": time.process_time() - start})
real_stdout.write(json.dumps(results))
"""


class BuildError(RuntimeError):
    """A problem source is invalid, or its reference and oracle disagree."""


@dataclass(frozen=True)
class Problem:
    """One problem as loaded from its source file."""

    id: str
    title: str
    difficulty: str
    tags: list[str]
    kind: str
    fn_name: str | None
    statement: str
    examples: list[tuple[Any, Any]]
    reference: str
    oracle: str
    mutants: list[tuple[str, str]]
    inputs: list[Any]

    @property
    def all_inputs(self) -> list[Any]:
        return [inp for inp, _ in self.examples] + self.inputs


def normalize_stdout(text: str) -> str:
    """Trailing spaces per line and trailing blank lines dropped, one final newline: what the verifier ignores."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def same_json(a: Any, b: Any) -> bool:
    """Equality of JSON values that also compares types (True != 1, 1 != 1.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    return bool(a == b)


def load_problem(path: Path) -> Problem:
    spec = importlib.util.spec_from_file_location(f"code_problem_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise BuildError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    missing = [name for name in REQUIRED if not hasattr(module, name)]
    if missing:
        raise BuildError(f"{path.name}: missing {', '.join(missing)}")
    kind = getattr(module, "KIND", None)
    difficulty = getattr(module, "DIFFICULTY", None)
    if kind not in KINDS:
        raise BuildError(f"{path.name}: KIND must be one of {KINDS}, got {kind!r}")
    if difficulty not in DIFFICULTIES:
        raise BuildError(f"{path.name}: DIFFICULTY must be one of {DIFFICULTIES}, got {difficulty!r}")
    fn_name = getattr(module, "FN_NAME", None) if kind == "call" else None
    if kind == "call" and not fn_name:
        raise BuildError(f"{path.name}: a call problem needs FN_NAME")
    problem = Problem(
        id=path.stem.replace("_", "-"),
        title=module.TITLE,
        difficulty=difficulty,
        tags=list(module.TAGS),
        kind=kind,
        fn_name=fn_name,
        statement=module.STATEMENT.strip(),
        examples=[tuple(example) for example in module.EXAMPLES],  # type: ignore[misc]
        reference=module.REFERENCE.strip() + "\n",
        oracle=module.ORACLE.strip() + "\n",
        mutants=[tuple(m) for m in module.MUTANTS],  # type: ignore[misc]
        inputs=list(module.inputs()),
    )
    seen: set[str] = set()
    for inp in problem.all_inputs:
        key = json.dumps(inp, sort_keys=True)
        if key in seen:
            raise BuildError(f"{path.name}: duplicate test input {key[:80]}")
        seen.add(key)
        if kind == "stdio" and not isinstance(inp, str):
            raise BuildError(f"{path.name}: stdio inputs must be strings")
        if kind == "call" and not isinstance(inp, list):
            raise BuildError(f"{path.name}: call inputs must be argument lists")
    if len(seen) < MIN_TESTS:
        raise BuildError(f"{path.name}: {len(seen)} tests, at least {MIN_TESTS} needed")
    if not problem.examples:
        raise BuildError(f"{path.name}: at least one hand-written example is needed")
    if not problem.mutants:
        raise BuildError(f"{path.name}: at least one mutant is needed")
    for old, new in problem.mutants:
        if problem.reference.count(old) != 1 or old == new:
            raise BuildError(
                f"{path.name}: mutant {old!r} must match the reference exactly once and change it"
            )
    return problem


def run_batch(source: str, problem: Problem, inputs: list[Any], label: str) -> list[dict[str, Any]]:
    """Run trusted `source` on every input in one isolated interpreter; outputs are raw strings."""
    payload = json.dumps(
        {"source": source, "kind": problem.kind, "fn_name": problem.fn_name, "inputs": inputs}
    )
    try:
        proc = subprocess.run(
            [sys.executable, "-I", "-S", "-c", _BATCH_DRIVER],
            input=payload,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise BuildError(f"{problem.id}: the {label} ran past {RUN_TIMEOUT_S:.0f} s") from None
    if proc.returncode != 0:
        raise BuildError(f"{problem.id}: the {label} crashed:\n{proc.stderr[-2000:]}")
    results: list[dict[str, Any]] = json.loads(proc.stdout)
    return results


def _decode(problem: Problem, raw: str) -> Any:
    return normalize_stdout(raw) if problem.kind == "stdio" else json.loads(raw)


def _matches(problem: Problem, got: Any, want: Any) -> bool:
    if problem.kind == "stdio":
        return bool(normalize_stdout(got) == normalize_stdout(want))
    return same_json(got, want)


def solve(problem: Problem) -> tuple[dict[str, Any], list[float]]:
    """The record for one problem, and the reference's seconds per test."""
    inputs = problem.all_inputs
    expected = [_decode(problem, r["out"]) for r in run_batch(problem.oracle, problem, inputs, "oracle")]
    for (inp, want), got in zip(problem.examples, expected, strict=False):
        if not _matches(problem, got, want):
            raise BuildError(f"{problem.id}: oracle gives {got!r} on example {inp!r}, written {want!r}")
    ref = run_batch(problem.reference, problem, inputs, "reference")
    for inp, want, r in zip(inputs, expected, ref, strict=True):
        if not _matches(problem, _decode(problem, r["out"]), want):
            raise BuildError(f"{problem.id}: reference disagrees with the oracle on {str(inp)[:200]!r}")
    public = len(problem.examples)  # the statement's examples are the public tests; the rest stay hidden
    if problem.kind == "stdio":
        answer: dict[str, Any] = {
            "language": "python",
            "tests": [
                {"stdin": inp, "stdout": out, "public": i < public}
                for i, (inp, out) in enumerate(zip(inputs, expected, strict=True))
            ],
        }
    else:
        answer = {
            "language": "python",
            "fn_name": problem.fn_name,
            "cases": [
                {"args": inp, "expected": out, "public": i < public}
                for i, (inp, out) in enumerate(zip(inputs, expected, strict=True))
            ],
        }
    record = {
        "id": problem.id,
        "title": problem.title,
        "difficulty": problem.difficulty,
        "statement": render_statement(problem),
        "reference_solution": problem.reference,
        "answer": answer,
        "tags": problem.tags,
    }
    return record, [r["seconds"] for r in ref]


def _call_text(fn_name: str, args: list[Any]) -> str:
    return f"{fn_name}({', '.join(repr(a) for a in args)})"


def render_statement(problem: Problem) -> str:
    parts = [f"# {problem.title}", "", problem.statement, ""]
    for i, (inp, out) in enumerate(problem.examples, 1):
        parts.append(f"## Example {i}" if len(problem.examples) > 1 else "## Example")
        parts.append("")
        if problem.kind == "stdio":
            parts += [
                "Input:",
                "```",
                inp.rstrip("\n"),
                "```",
                "",
                "Output:",
                "```",
                out.rstrip("\n"),
                "```",
                "",
            ]
        else:
            assert problem.fn_name is not None
            parts += ["```python", f">>> {_call_text(problem.fn_name, inp)}", repr(out), "```", ""]
    return "\n".join(parts).rstrip() + "\n"


def docs_table(records: list[dict[str, Any]]) -> str:
    """The markdown table of docs/code_problems.md (kept in sync by the tests)."""
    rows = ["| id | difficulty | kind | tests | tags |", "|---|---|---|---|---|"]
    for r in records:
        answer = r["answer"]
        kind = f"call `{answer['fn_name']}`" if "fn_name" in answer else "stdin/stdout"
        count = len(answer.get("tests", answer.get("cases", [])))
        rows.append(f"| `{r['id']}` | {r['difficulty']} | {kind} | {count} | {', '.join(r['tags'])} |")
    return "\n".join(rows) + "\n"


def load_all(src: Path = SRC) -> list[Problem]:
    paths = sorted(p for p in src.glob("*.py") if not p.name.startswith("_"))
    if not paths:
        raise BuildError(f"no problem sources in {src}")
    return sorted((load_problem(p) for p in paths), key=lambda p: p.id)


def build(out: Path = OUT, src: Path = SRC, workers: int = 2) -> dict[str, list[float]]:
    """Write the JSONL; return the reference's seconds per test, by problem id."""
    problems = load_all(src)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        solved = list(pool.map(solve, problems))
    lines = [json.dumps(record, ensure_ascii=False) for record, _ in solved]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {record["id"]: times for record, times in solved}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the JSONL")
    parser.add_argument("--report", action="store_true", help="print the slowest reference solutions")
    parser.add_argument(
        "--table", action="store_true", help="print the markdown table for docs/code_problems.md"
    )
    args = parser.parse_args(argv)
    try:
        timings = build(args.out)
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(timings)} problems to {args.out}")
    if args.table:
        records = [json.loads(line) for line in args.out.read_text(encoding="utf-8").splitlines()]
        print(docs_table(records), end="")
    if args.report:
        print("reference CPU time in one warm interpreter: slowest test, all tests  (problem)")
        for pid, times in sorted(timings.items(), key=lambda kv: -max(kv[1]))[:10]:
            print(f"{max(times) * 1000:8.1f} ms {sum(times) * 1000:8.1f} ms  {pid}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
