"""Regenerate math_verify_cases.json from Math-Verify's own test files (its sdist's `tests/`).

    pip download --no-binary :all: --no-deps math-verify==0.9.0 -d /tmp/mvsdist
    tar -xzf /tmp/mvsdist/math_verify-0.9.0.tar.gz -C /tmp/mvsdist
    python tests/data/math/extract_math_verify_cases.py /tmp/mvsdist/math_verify-0.9.0/tests

Reads the files with `ast` (nothing of theirs is imported or copied as code): every
`@pytest.mark.parametrize` list of (gold, pred, expected[, extra]) literals, plus the extraction
settings its test function passes to `compare_strings(...)`. Tests that check parser internals
(configs, string extraction, gamma, timeouts, raise_on_error) have no gold/pred pairs and are skipped.
"""

from __future__ import annotations

import ast
import json
import math
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("math_verify_cases.json")
DEFAULTS = {
    "match_types": ["latex", "expr"],
    "precision": 6,
    "strict": True,
    "allow_set_relation_comp": False,
}


def _settings(fn: ast.FunctionDef) -> tuple[dict[str, Any], dict[str, str]]:
    """Literal keyword settings of the compare_strings call, and which ones come from parameters."""
    fixed: dict[str, Any] = {}
    from_params: dict[str, str] = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "compare_strings":
            for kw in node.keywords:
                if kw.arg is None:
                    continue
                if isinstance(kw.value, ast.Name):
                    from_params[kw.arg] = kw.value.id
                else:
                    fixed[kw.arg] = ast.literal_eval(kw.value)
            return fixed, from_params
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "verify":
            fixed["config"] = "default_parse"  # plain parse(gold), parse(pred): Math-Verify's default configs
            return fixed, from_params
    return {}, {}


def _literal(node: ast.expr) -> Any:
    """A literal tuple; one of their cases builds a string with an f-string over `math`."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        code = compile(ast.Expression(node), "<case>", "eval")
        return eval(code, {"__builtins__": {}, "math": math})


def cases_from(path: Path) -> list[dict[str, Any]]:
    tree = ast.parse(path.read_text())
    out: list[dict[str, Any]] = []
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        fixed, from_params = _settings(fn)
        if not fixed and not from_params:
            continue
        for deco in fn.decorator_list:
            if not (isinstance(deco, ast.Call) and getattr(deco.func, "attr", "") == "parametrize"):
                continue
            names = [n.strip() for n in ast.literal_eval(deco.args[0]).split(",")]
            for index, element in enumerate(deco.args[1].elts):  # type: ignore[attr-defined]
                values = dict(zip(names, _literal(element), strict=True))
                expected = values.get("expected", values.get("result"))
                case = {
                    "id": f"{path.stem}::{fn.name}[{index}]",
                    "gold": values["gold"],
                    "pred": values["pred"],
                    "expected": bool(expected),
                    **DEFAULTS,
                    **fixed,
                }
                for arg, param in from_params.items():
                    case[arg] = values[param]
                out.append(case)
    return out


def main(tests_dir: str) -> None:
    cases: list[dict[str, Any]] = []
    for path in sorted(Path(tests_dir).glob("test_*.py")):
        cases.extend(cases_from(path))
    OUT.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
