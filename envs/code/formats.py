"""Readers for the public code datasets' row formats: each turns one row into a `Problem`.

Formats (detected from the columns when `format=` is left out):
  apps / taco      question, input_output (JSON: inputs, outputs, optional fn_name), starter_code
  eurus / prime    verl parquet: prompt (chat), ability, reward_model.ground_truth (JSON inputs/outputs)
  codecontests     description, public_tests / private_tests / generated_tests {input: [], output: []}
  livecodebench    question_content, public_test_cases / private_test_cases (JSON, or base64-zlib-pickle),
                   metadata.func_name for functional problems
  humaneval        prompt, test (a `check(candidate)` function), entry_point
  mbpp             text or prompt, test_list (asserts), test_setup_code / test_imports
  bundled          our own problems.jsonl: statement, answer, reference_solution
  tasks            exported prorl-gym Task records (env, prompt, verifier, answer)
"""

from __future__ import annotations

import ast
import base64
import builtins
import io
import json
import pickle
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from envs.core import ConfigError
from envs.datafiles import Source


@dataclass
class Problem:
    """One problem before it becomes a Task: the question text, the `code` answer, and what to keep."""

    statement: str
    answer: dict[str, Any]
    metadata: dict[str, Any] = field(default_factory=dict)
    messages: list[dict[str, str]] | None = None  # a ready-made prompt (Eurus rows ship theirs)
    starter_code: str = ""


class RowError(ValueError):
    """This row cannot be turned into a problem (the message says which field is wrong)."""


class NotCode(Exception):
    """A row of a mixed dataset that is not a code problem (Eurus-2-RL mixes math and code): skipped."""


# --- reading rows ----------------------------------------------------------------------------------------
def _json_field(value: Any, what: str) -> Any:
    """Datasets store nested fields either as JSON strings or as already-parsed structures."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise RowError(f"{what} is not valid JSON: {exc}") from None
    return value


def _text(value: Any) -> str:
    """A test input/output as text (APPS sometimes stores a list of lines)."""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value) + "\n"
    return value if isinstance(value, str) else str(value)


# --- per-format converters ----------------------------------------------------------------------------------
def _io_tests(inputs: list[Any], outputs: list[Any], public: int = 0) -> list[dict[str, Any]]:
    if len(inputs) != len(outputs):
        raise RowError(f"{len(inputs)} test inputs but {len(outputs)} outputs")
    return [
        {"stdin": _text(i), "stdout": _text(o), "public": n < public}
        for n, (i, o) in enumerate(zip(inputs, outputs, strict=True))
    ]


def _input_output_answer(spec: Any, what: str) -> dict[str, Any]:
    """The APPS/TACO/PRIME `input_output` record -> a `code` answer (call-based when it names fn_name)."""
    spec = _json_field(spec, what)
    if not isinstance(spec, dict) or "inputs" not in spec or "outputs" not in spec:
        raise RowError(f"{what} needs 'inputs' and 'outputs'")
    inputs, outputs = list(spec["inputs"]), list(spec["outputs"])
    if not inputs:
        raise RowError(f"{what} has no tests")
    fn_name = spec.get("fn_name")
    if not fn_name:
        return {"tests": _io_tests(inputs, outputs)}
    if len(inputs) != len(outputs):
        raise RowError(f"{len(inputs)} test inputs but {len(outputs)} outputs")
    cases = []
    for args, expected in zip(inputs, outputs, strict=True):
        case: dict[str, Any] = {"args": args if isinstance(args, list) else [args], "expected": expected}
        if isinstance(expected, list) and len(expected) == 1:  # APPS wraps many expected values in a list
            case["alternatives"] = [expected[0]]
        cases.append(case)
    return {"fn_name": str(fn_name), "cases": cases}


def apps(row: dict[str, Any]) -> Problem:
    answer = _input_output_answer(row.get("input_output"), "input_output")
    keep = {k: row[k] for k in ("problem_id", "difficulty", "source", "url") if row.get(k) is not None}
    return Problem(str(row["question"]), answer, keep, starter_code=str(row.get("starter_code") or ""))


def eurus(row: dict[str, Any]) -> Problem:
    if row.get("ability") not in (None, "code"):
        raise NotCode
    reward_model = _json_field(row.get("reward_model"), "reward_model")
    if not isinstance(reward_model, dict) or "ground_truth" not in reward_model:
        raise RowError("reward_model needs a 'ground_truth'")
    answer = _input_output_answer(reward_model["ground_truth"], "reward_model.ground_truth")
    messages = _json_field(row.get("prompt"), "prompt")
    if not isinstance(messages, list) or not all(
        isinstance(m, dict) and "role" in m and "content" in m for m in messages
    ):
        raise RowError("prompt must be a list of chat messages with 'role' and 'content'")
    chat = [{"role": str(m["role"]), "content": str(m["content"])} for m in messages]
    keep = {k: row[k] for k in ("data_source", "ability") if row.get(k) is not None}
    extra = row.get("extra_info")
    if isinstance(extra, dict) and "index" in extra:
        keep["index"] = extra["index"]
    statement = next((m["content"] for m in reversed(chat) if m["role"] == "user"), "")
    return Problem(statement, answer, keep, messages=chat)


def codecontests(
    row: dict[str, Any], splits: tuple[str, ...] = ("public", "private", "generated")
) -> Problem:
    tests: list[dict[str, Any]] = []
    for split in splits:
        block = _json_field(row.get(f"{split}_tests") or {}, f"{split}_tests")
        if not isinstance(block, dict):
            raise RowError(f"{split}_tests must be an object with 'input' and 'output' lists")
        inputs, outputs = list(block.get("input") or []), list(block.get("output") or [])
        tests.extend(_io_tests(inputs, outputs, public=len(inputs) if split == "public" else 0))
    if not tests:
        raise RowError(f"no tests in {', '.join(s + '_tests' for s in splits)}")
    answer: dict[str, Any] = {"tests": tests}
    limit = row.get("time_limit")
    if isinstance(limit, dict) and (limit.get("seconds") or limit.get("nanos")):
        seconds = float(limit.get("seconds") or 0) + float(limit.get("nanos") or 0) * 1e-9
        answer["time_limit_s"] = min(max(seconds, 0.5), 60.0)
    keep = {
        k: row[k]
        for k in ("name", "source", "difficulty", "cf_contest_id", "cf_index")
        if row.get(k) is not None
    }
    return Problem(str(row["description"]), answer, keep)


class _PlainUnpickler(pickle.Unpickler):
    """LiveCodeBench packs private tests as pickled strings; refuse any pickle that names a class."""

    def find_class(self, module: str, name: str) -> Any:
        raise RowError(f"refusing to unpickle {module}.{name}: test data must be plain")


def _lcb_cases(value: Any, what: str) -> list[dict[str, Any]]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            try:
                value = json.loads(
                    _PlainUnpickler(io.BytesIO(zlib.decompress(base64.b64decode(value)))).load()
                )
            except (ValueError, zlib.error, pickle.UnpicklingError, EOFError, TypeError) as exc:
                raise RowError(f"{what} is neither JSON nor base64(zlib(pickle(JSON))): {exc}") from None
    if not isinstance(value, list):
        raise RowError(f"{what} must be a list of test cases")
    return value


def livecodebench(row: dict[str, Any]) -> Problem:
    metadata = _json_field(row.get("metadata") or {}, "metadata")
    fn_name = metadata.get("func_name") if isinstance(metadata, dict) else None
    tests: list[dict[str, Any]] = []
    cases: list[dict[str, Any]] = []
    for split in ("public", "private"):
        for case in _lcb_cases(row.get(f"{split}_test_cases") or [], f"{split}_test_cases"):
            public = split == "public"
            if case.get("testtype") == "functional":
                if not fn_name:
                    raise RowError("a functional test case needs metadata.func_name")
                try:
                    args = [json.loads(line) for line in str(case["input"]).split("\n") if line.strip()]
                    expected = json.loads(case["output"])
                except ValueError as exc:
                    raise RowError(f"functional test case is not JSON per line: {exc}") from None
                cases.append({"args": args, "expected": expected, "public": public})
            else:
                tests.append({"stdin": str(case["input"]), "stdout": str(case["output"]), "public": public})
    if not tests and not cases:
        raise RowError("no public or private test cases")
    answer: dict[str, Any] = {"tests": tests} if tests else {}
    if cases:
        answer.update({"fn_name": str(fn_name), "cases": cases})
    keep = {
        k: row[k] for k in ("question_id", "platform", "contest_date", "difficulty") if row.get(k) is not None
    }
    return Problem(
        str(row["question_content"]), answer, keep, starter_code=str(row.get("starter_code") or "")
    )


def humaneval(row: dict[str, Any]) -> Problem:
    answer = {
        "fn_name": str(row["entry_point"]),
        "prompt": str(row["prompt"]),
        "asserts": str(row["test"]),
        "assert_entry": "check",
    }
    return Problem(
        str(row["prompt"]), answer, {"task_id": row.get("task_id")}, starter_code=str(row["prompt"])
    )


def _called_function(asserts: list[str]) -> str:
    for line in asserts:
        try:
            tree = ast.parse(line.strip())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and not hasattr(builtins, node.func.id)
            ):
                return node.func.id
    raise RowError("cannot tell which function test_list calls")


def mbpp(row: dict[str, Any]) -> Problem:
    test_list = row.get("test_list")
    if isinstance(test_list, str):
        test_list = _json_field(test_list, "test_list")
    if not isinstance(test_list, list) or not test_list:
        raise RowError("test_list must be a non-empty list of assert statements")
    fn_name = _called_function([str(t) for t in test_list])
    setup = [str(row.get("test_setup_code") or "")] + [str(t) for t in (row.get("test_imports") or [])]
    answer: dict[str, Any] = {"fn_name": fn_name, "asserts": "\n".join(str(t) for t in test_list)}
    if any(s.strip() for s in setup):
        answer["setup_code"] = "\n".join(s for s in setup if s.strip())
    text = str(row.get("text") or row.get("prompt") or "")
    statement = f"{text}\nYour code should pass this test:\n{str(test_list[0]).strip()}"
    return Problem(statement, answer, {"task_id": row.get("task_id")})


def bundled(row: dict[str, Any]) -> Problem:
    """Our problems.jsonl: the answer is already a `code` answer (its statement examples marked public)."""
    answer = dict(row["answer"]) if isinstance(row.get("answer"), dict) else {}
    if not answer:
        raise RowError("answer must be a code answer object")
    keep = {k: row[k] for k in ("id", "title", "difficulty", "tags") if row.get(k) is not None}
    return Problem(str(row["statement"]), answer, keep)


@dataclass(frozen=True)
class Format:
    name: str
    columns: tuple[str, ...]  # all present -> this format (checked in FORMATS order)
    convert: Callable[[dict[str, Any]], Problem] | None  # None: rows are Task records already


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("tasks", ("env", "verifier", "answer", "prompt"), None),
        Format("bundled", ("statement", "answer", "reference_solution"), bundled),
        Format("eurus", ("reward_model", "prompt"), eurus),
        Format("apps", ("question", "input_output"), apps),
        Format("codecontests", ("description", "public_tests"), codecontests),
        Format("livecodebench", ("question_content", "public_test_cases"), livecodebench),
        Format("humaneval", ("prompt", "test", "entry_point"), humaneval),
        Format("mbpp", ("test_list",), mbpp),
    )
}
ALIASES = {
    "taco": "apps",
    "prime": "eurus",
    "eurus-2-rl": "eurus",
    "code_contests": "codecontests",
    "lcb": "livecodebench",
}


def resolve_format(name: str) -> Format:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        names = sorted([*FORMATS, *ALIASES])
        raise ConfigError(
            f"unknown code dataset format {name!r}; formats: {', '.join(names)} (or leave it out to detect)"
        )
    return FORMATS[key]


def detect(row: dict[str, Any], path: Source) -> Format:
    columns = set(row)
    for fmt in FORMATS.values():
        if set(fmt.columns) <= columns:
            return fmt
    raise ConfigError(
        f"{path}: cannot tell the code dataset format from columns {sorted(columns)}; expected one of: "
        + "; ".join(f"{f.name} ({', '.join(f.columns)})" for f in FORMATS.values())
        + ". Pass format=..."
    )


def problems(source: Source, format: str | None) -> Iterator[tuple[int, dict[str, Any], Format]]:
    """(row index, row, format) for every row of a file or hub set; the format is detected from the
    first row when not given."""
    fmt = resolve_format(format) if format else None
    for i, (_, row) in enumerate(source.rows()):
        fmt = fmt or detect(row, source)
        yield i, row, fmt
