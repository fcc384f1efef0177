"""JSON forms of task data: the canonical bytes that Task ids hash, and the plain values tasks carry.

orjson does both at a tenth of the stdlib's cost, which is most of what sampling a cheap task costs
on top of generating it. The stdlib takes over for what orjson refuses (integers beyond 64 bits,
nesting past its depth limit), so every value has a JSON form; the choice depends only on the value.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from typing import Any

import orjson

_SORTED = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
_PLAIN = orjson.OPT_NON_STR_KEYS


def _default(value: Any) -> Any:
    """Types JSON lacks, as a saved dataset would hold them."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if hasattr(value, "__index__"):  # numpy integers
        return int(value)
    return str(value)  # Fraction, Decimal, ...: their text form


def _stdlib_plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=_default))


def _stdlib_canonical(plain: Any) -> bytes:
    """What orjson's `_SORTED` output would be, for a plain value orjson refused."""
    return json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def canonical_json(value: Any) -> bytes:
    """Sorted keys (as strings), compact, UTF-8: equal values give equal bytes in any process."""
    try:
        return orjson.dumps(value, default=_default, option=_SORTED)
    except TypeError:  # orjson.JSONEncodeError: a huge integer or very deep nesting
        return _stdlib_canonical(_stdlib_plain(value))


def plain_json(value: Any) -> Any:
    """The value as JSON would give it back (tuples -> lists, dates -> ISO text, keys -> strings), key
    order kept. A Task holds its data in this form so that an in-memory Task equals a reloaded one."""
    try:
        return orjson.loads(orjson.dumps(value, default=_default, option=_PLAIN))
    except TypeError:
        return _stdlib_plain(value)


def canonical_and_plain(value: Any) -> tuple[bytes, Any]:
    """`canonical_json(value)` and the plain value it encodes (keys sorted), for one encoding's cost."""
    try:
        blob = orjson.dumps(value, default=_default, option=_SORTED)
    except TypeError:
        plain = _stdlib_plain(value)
        return _stdlib_canonical(plain), plain
    return blob, orjson.loads(blob)  # only orjson's own output: no integer here exceeds 64 bits
