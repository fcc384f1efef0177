"""The instruction table: id -> checker function and the kwargs it takes, with their validation.

A checker is `fn(text, **kwargs) -> bool`. Task data names it by id (`"punctuation:no_comma"`) with a
kwargs dict; `bind` checks the kwargs once (dropping None values, as the reference's loaders do) and
returns a one-argument predicate. Bad ids or kwargs are task-data errors, raised as InstructionError.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Check = Callable[[str], bool]

RELATIONS = ("less than", "at least")


class InstructionError(ValueError):
    """An instruction in the task data that cannot be checked (unknown id, bad or missing kwargs)."""


@dataclass(frozen=True)
class Param:
    """One kwarg: how to convert and validate it, and whether it may be left out (then `default`)."""

    convert: Callable[[Any], Any]
    default: Any = None
    required: bool = True


@dataclass(frozen=True)
class Instruction:
    id: str
    fn: Callable[..., bool]
    params: dict[str, Param] = field(default_factory=dict)
    doc: str = ""
    validate: Callable[[dict[str, Any]], str | None] | None = None  # kwargs -> problem, or None


INSTRUCTIONS: dict[str, Instruction] = {}


def instruction(
    instruction_id: str, validate: Callable[[dict[str, Any]], str | None] | None = None, **params: Param
) -> Callable[[Callable[..., bool]], Callable[..., bool]]:
    """Decorator: register `fn(text, **kwargs) -> bool` as the checker for `instruction_id`;
    `validate(kwargs)` names a problem across kwargs (e.g. a range whose min exceeds its max)."""

    def wrap(fn: Callable[..., bool]) -> Callable[..., bool]:
        if instruction_id in INSTRUCTIONS:
            raise ValueError(f"instruction {instruction_id!r} registered twice")
        doc = ((fn.__doc__ or "").strip().splitlines() or [""])[0]
        INSTRUCTIONS[instruction_id] = Instruction(instruction_id, fn, dict(params), doc, validate)
        return fn

    return wrap


# --- kwarg converters: they accept what JSON datasets hold (ints as 3, 3.0 or "3") -----------------
def positive_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("expected an integer, got a boolean")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"expected an integer, got {value}")
    number = int(value)
    if number < 0:
        raise ValueError(f"expected a non-negative integer, got {number}")
    return number


def ratio(value: Any) -> float:
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"expected a number between 0 and 1, got {number}")
    return number


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a non-empty string, got {value!r}")
    return value


def text_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"expected a non-empty list of strings, got {value!r}")
    return [text(v) for v in value]


def relation(value: Any) -> str:
    if value not in RELATIONS:
        raise ValueError(f"expected one of {RELATIONS}, got {value!r}")
    return str(value)


def string_map(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError(f"expected an object mapping names to strings, got {value!r}")
    return {str(k): str(v) for k, v in value.items()}


def req(convert: Callable[[Any], Any]) -> Param:
    return Param(convert)


def opt(convert: Callable[[Any], Any], default: Any) -> Param:
    return Param(convert, default, required=False)


def bind(instruction_id: str, kwargs: Mapping[str, Any] | None) -> Check:
    """The predicate for one instruction of the task data; InstructionError says what is wrong."""
    spec = INSTRUCTIONS.get(instruction_id) if isinstance(instruction_id, str) else None
    if spec is None:
        close = difflib.get_close_matches(str(instruction_id), list(INSTRUCTIONS), n=3)
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        raise InstructionError(f"unknown instruction id {instruction_id!r}.{hint}")
    if kwargs is None:
        kwargs = {}
    if not isinstance(kwargs, Mapping):
        raise InstructionError(f"{instruction_id}: kwargs must be an object, got {type(kwargs).__name__}")
    given = {k: v for k, v in kwargs.items() if v is not None}
    unknown = sorted(set(given) - set(spec.params))
    if unknown:
        raise InstructionError(
            f"{instruction_id}: unknown kwarg(s) {', '.join(unknown)}; "
            f"it takes {', '.join(spec.params) or 'no kwargs'}"
        )
    values: dict[str, Any] = {}
    for name, param in spec.params.items():
        if name not in given:
            if param.required:
                raise InstructionError(f"{instruction_id}: missing kwarg {name!r}")
            values[name] = param.default
            continue
        try:
            values[name] = param.convert(given[name])
        except (TypeError, ValueError) as exc:
            raise InstructionError(f"{instruction_id}: bad kwarg {name}={given[name]!r}: {exc}") from None
    problem = spec.validate(values) if spec.validate else None
    if problem:
        raise InstructionError(f"{instruction_id}: {problem}")
    fn = spec.fn
    return lambda response: bool(fn(response, **values))


def ordered(low: str, high: str) -> Callable[[dict[str, Any]], str | None]:
    """A `validate` for ranges: `low` may not exceed `high`."""
    return lambda v: f"{low} ({v[low]}) is larger than {high} ({v[high]})" if v[low] > v[high] else None
