"""`prorl-gym verify`: re-score a JSONL file (or stdin), resumably, or score one completion.

Every input line gets exactly one verdict line, in order, even a blank or broken one (scored
`malformed`, naming the line); after a crash, rerunning the same command skips the lines already
written. Memory stays bounded: the input is scored chunk by chunk.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from prorl_gym.errors import UsageError
from prorl_gym.report import Summary, verdict_table

ScoreFn = Callable[..., list[Any]]


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("verify", help="score a JSONL file (or stdin) of {task, completion} lines")
    p.add_argument("file", nargs="?", default="-", help="input JSONL (default: stdin)")
    p.add_argument("-o", "--output", help="verdict JSONL (default: FILE.verdicts.jsonl; stdout for stdin)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    p.add_argument("--timeout", type=float, default=None, help="hard timeout per item in seconds")
    p.add_argument("--chunk", type=int, default=512, help="items scored per batch (bounds memory)")
    p.add_argument("--ray", metavar="auto|ADDRESS", help="score on a Ray cluster (auto: running or local)")
    p.add_argument("--restart", action="store_true", help="overwrite the output instead of resuming it")
    p.add_argument("--json", action="store_true", help="print the summary as JSON instead of a table")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    one = p.add_argument_group("one completion (instead of a file)")
    one.add_argument("--kind", help="verifier kind, e.g. math")
    one.add_argument("--answer", help="the gold answer (parsed as JSON when it is JSON, else a string)")
    one.add_argument("--completion", help="the model's completion")
    p.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    if args.kind or args.answer is not None or args.completion is not None:
        return _verify_one(args)
    if args.chunk < 1:
        raise UsageError(f"--chunk must be >= 1, got {args.chunk}")
    source = None if args.file == "-" else Path(args.file)
    if source is not None and not source.is_file():
        raise UsageError(
            f'{source} does not exist; pass a JSONL file of {{"task": ..., "completion": ...}} lines'
        )
    output = _output_path(source, args.output)
    if output is not None and source is not None and output.resolve() == source.resolve():
        raise UsageError(f"--output {output} would overwrite the input file; choose another path")
    score = _scorer(args)
    summary = Summary()
    done = 0 if output is None or args.restart else _resume(output, source, summary)
    with _open_input(source) as lines, _open_output(output, append=done > 0) as out:
        total = _count_lines(source)
        written = _score_stream(_numbered(lines, skip=done), out, score, summary, args, total, done)
    _print_summary(summary, done + written, output, resumed=done, as_json=args.json)
    return 0


def _verify_one(args: argparse.Namespace) -> int:
    from verifiers import known_kinds, verify_batch

    if not (args.kind and args.answer is not None and args.completion is not None):
        raise UsageError("the one-off form needs all of --kind, --answer and --completion")
    if args.kind not in known_kinds():
        raise UsageError(f"unknown verifier kind {args.kind!r}; known kinds: {', '.join(known_kinds())}")
    try:
        answer = json.loads(args.answer)
    except json.JSONDecodeError:
        answer = args.answer
    item = {"verifier": args.kind, "answer": answer, "completion": args.completion}
    (verdict,) = verify_batch([item], workers=args.workers, timeout_s=args.timeout)
    print(verdict.model_dump_json(indent=None if args.json else 2))
    return 0


def _scorer(args: argparse.Namespace) -> ScoreFn:
    from verifiers import verify_batch

    if not args.ray:
        return verify_batch
    from verifiers.ray_backend import RayScorer

    return RayScorer(args.ray, workers_per_node=args.workers).verify_batch


def _output_path(source: Path | None, output: str | None) -> Path | None:
    if output == "-" or (output is None and source is None):
        return None  # stdout
    if output is not None:
        return Path(output)
    assert source is not None
    return source.with_suffix(".verdicts.jsonl")


@contextlib.contextmanager
def _open_input(source: Path | None) -> Iterator[IO[str]]:
    if source is None:
        yield sys.stdin
    else:
        with source.open(encoding="utf-8", errors="replace") as f:
            yield f


@contextlib.contextmanager
def _open_output(output: Path | None, *, append: bool) -> Iterator[IO[str]]:
    if output is None:
        yield sys.stdout
    else:
        with output.open("a" if append else "w", encoding="utf-8") as f:
            yield f


def _count_lines(source: Path | None) -> int | None:
    if source is None:
        return None
    with source.open("rb") as f:
        return sum(1 for _ in f)


def _numbered(lines: IO[str], *, skip: int) -> Iterator[tuple[int, Any]]:
    """(line number, item) per input line; a blank or non-JSON line becomes a marker scored malformed."""
    for number, line in enumerate(lines, 1):
        if number <= skip:
            continue
        if not line.strip():
            yield number, _Bad(f"line {number} is blank; each line must be a JSON object")
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, _Bad(f"line {number} is not valid JSON: {exc}")


class _Bad:
    """An input line that never reaches a verifier; it is scored `malformed` with this reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _resume(output: Path, source: Path | None, summary: Summary) -> int:
    """Keep the complete verdict lines already in `output` (dropping a torn last one); return their count."""
    from verifiers import Verdict

    if not output.is_file():
        return 0
    kept: list[bytes] = []
    rows: list[dict[str, Any]] = []
    for raw in output.read_bytes().splitlines(keepends=True):
        try:
            row = json.loads(raw)
            verdict = Verdict.model_validate(row["verdict"])
        except (ValueError, KeyError, TypeError):
            break  # a torn line from a crash: it and anything after it are scored again
        if not raw.endswith(b"\n") or row.get("line") != len(kept) + 1:
            break
        kept.append(raw)
        rows.append(row)
        summary.add(verdict, _groups(row, verdict))
    if kept and source is not None:
        _check_same_input(output, source, rows[-1])
    output.write_bytes(b"".join(kept))
    return len(kept)


def _check_same_input(output: Path, source: Path, last: dict[str, Any]) -> None:
    with source.open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if number == last["line"]:
                try:
                    task = json.loads(line).get("task")
                except (ValueError, AttributeError):
                    task = None
                seen = task.get("id") if isinstance(task, dict) else None
                if seen == last.get("task_id"):
                    return
                break
    raise UsageError(
        f"{output} holds verdicts that do not match {source} at line {last['line']}; "
        "pass --restart to overwrite it, or -o another file"
    )


def _score_stream(
    pairs: Iterator[tuple[int, Any]],
    out: IO[str],
    score: ScoreFn,
    summary: Summary,
    args: argparse.Namespace,
    total: int | None,
    done: int,
) -> int:
    """Score the input chunk by chunk, writing (and flushing) each chunk's verdict lines in order."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("verifying"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=args.quiet,
    )
    written = 0
    with progress:
        bar = progress.add_task("verify", total=total, completed=done)
        for chunk in _chunks(pairs, args.chunk):
            good = [item for _, item in chunk if not isinstance(item, _Bad)]
            verdicts = iter(score(good, args.workers, args.timeout, lambda k: progress.advance(bar, k)))
            for number, item in chunk:
                verdict = _bad_verdict(item) if isinstance(item, _Bad) else next(verdicts)
                if isinstance(item, _Bad):
                    progress.advance(bar, 1)
                row = _row(number, item, verdict)
                out.write(json.dumps(row) + "\n")
                summary.add(verdict, _groups(row, verdict))
                written += 1
            out.flush()
    return written


def _bad_verdict(item: _Bad) -> Any:
    from verifiers import Status, Verdict

    return Verdict.fail(Status.MALFORMED, item.reason)


def _chunks(pairs: Iterator[tuple[int, Any]], size: int) -> Iterator[list[tuple[int, Any]]]:
    chunk: list[tuple[int, Any]] = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _row(number: int, item: Any, verdict: Any) -> dict[str, Any]:
    task = item.get("task") if isinstance(item, dict) else None
    task = task if isinstance(task, dict) else {}
    kind = task.get("verifier") or (item.get("verifier") if isinstance(item, dict) else None)
    return {
        "index": number - 1,
        "line": number,
        "task_id": task.get("id"),
        "env": task.get("env"),
        "kind": kind if isinstance(kind, str) else None,
        "verdict": verdict.model_dump(mode="json"),
    }


def _groups(row: dict[str, Any], verdict: Any) -> tuple[str, ...]:
    return (f"env {row.get('env') or '?'}", f"kind {row.get('kind') or '?'}")


def _print_summary(summary: Summary, n: int, output: Path | None, *, resumed: int, as_json: bool) -> None:
    from rich.console import Console

    where = str(output) if output is not None else "stdout"
    stream = sys.stderr if output is None else sys.stdout
    if as_json:
        body = {"verdicts": n, "resumed": resumed, "output": where, "groups": summary.as_dict()}
        print(json.dumps(body), file=stream)
        return
    console = Console(file=stream)
    console.print(verdict_table(summary.ordered(), title=f"{n} verdicts"))
    note = f" (resumed after {resumed} already written)" if resumed else ""
    Console(stderr=True).print(f"wrote {n} verdicts to {where}{note}")
