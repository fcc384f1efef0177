"""Plain data across process boundaries: what a return value may be, and how values travel as JSON.

Standard library only: shipped inside the code harness (see `harness_source`) and imported by the judge.
"""

from __future__ import annotations

import json
from typing import Any

_MAX_DEPTH = 200


def plain(value: Any, depth: int = 0, keep: tuple[type, ...] = ()) -> Any:
    """A copy of `value` built only from exact built-in types; subclass overrides (`__eq__`, `__iter__`,
    `__repr__`) are bypassed by calling the base types' own slots. Instances of `keep` pass through as
    they are; anything else is a TypeError."""
    if depth > _MAX_DEPTH:
        raise TypeError("return value is nested too deeply")
    if value is None or value is True or value is False:
        return value
    kind = type(value)
    if kind is int or kind is float or kind is str or (keep and isinstance(value, keep)):
        return value
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, str):
        return str.__str__(value)
    down = depth + 1
    if isinstance(value, list):
        return [plain(item, down, keep) for item in list.__iter__(value)]
    if isinstance(value, tuple):
        return tuple(plain(item, down, keep) for item in tuple.__iter__(value))
    if isinstance(value, dict):
        return {plain(k, down, keep): plain(v, down, keep) for k, v in dict.items(value)}
    if isinstance(value, frozenset):
        return frozenset(plain(item, down, keep) for item in frozenset.__iter__(value))
    if isinstance(value, set):
        return {plain(item, down, keep) for item in set.__iter__(value)}
    if getattr(kind, "__module__", "") == "numpy":  # numpy scalars and arrays: their plain Python value
        converted = value.tolist() if hasattr(value, "tolist") else value.item()
        if type(converted) in (int, float, bool, list, str):
            return plain(converted, down, keep)
    raise TypeError(
        f"return value of type {kind.__name__} is not plain data (int, float, str, list, dict, ...)"
    )


def to_json(value: Any) -> Any:
    """Plain Python -> JSON-ready: tuples become lists, sets a sorted `{"__set__": [...]}`, keys strings."""
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, set | frozenset):
        items = [to_json(item) for item in value]
        return {"__set__": sorted(items, key=lambda item: json.dumps(item, sort_keys=True))}
    if isinstance(value, dict):
        return {_key(k): to_json(v) for k, v in value.items()}
    return value


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool | int | float):
        return json.dumps(key)
    return repr(key)


def encode(value: Any) -> str:
    """The JSON text of a return value, as the judge will read it."""
    return json.dumps(to_json(plain(value)), allow_nan=True)


def to_tagged(value: Any, handle: Any = None) -> Any:
    """Plain Python -> JSON that `from_json` turns back into the same types (tuples, sets, any dict keys);
    `handle(value)` names what is not plain data (an object living in another process) when given."""
    if handle is not None:
        named = handle(value)
        if named is not None:
            return {"__handle__": named}
    if isinstance(value, list):
        return [to_tagged(item, handle) for item in value]
    if isinstance(value, tuple):
        return {"__tuple__": [to_tagged(item, handle) for item in value]}
    if isinstance(value, set | frozenset):
        return {"__set__": [to_tagged(item, handle) for item in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and not (
            len(value) == 1 and next(iter(value)).startswith("__")
        ):
            return {k: to_tagged(v, handle) for k, v in value.items()}
        return {"__dict__": [[to_tagged(k, handle), to_tagged(v, handle)] for k, v in value.items()]}
    return value


def from_json(value: Any, handles: Any = None) -> Any:
    """Tagged JSON -> Python: `{"__tuple__": [...]}`, `{"__set__": [...]}` and `{"__dict__": [...]}`
    restore those types; `{"__handle__": n}` becomes `handles(n)` when given."""
    if isinstance(value, list):
        return [from_json(item, handles) for item in value]
    if isinstance(value, dict):
        if len(value) == 1:
            tag, inner = next(iter(value.items()))
            if tag == "__tuple__":
                return tuple(from_json(item, handles) for item in inner)
            if tag == "__set__":
                return {from_json(item, handles) for item in inner}
            if tag == "__dict__":
                return {from_json(k, handles): from_json(v, handles) for k, v in inner}
            if tag == "__handle__" and handles is not None and isinstance(inner, int):
                return handles(inner)
        return {k: from_json(v, handles) for k, v in value.items()}
    return value
