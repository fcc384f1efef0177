"""Where reasoning-gym's scorers are too lenient, and what we do instead (see docs/logic_audit.md).

Three generic gates run for every dataset whose entry has a gold answer string, before its scorer:
a hedge word that the gold lacks, the gold plus other content, and (for a one-number gold) a second
number. Then a small table replaces the scorers that are wrong in other ways.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from reasoning_gym.dataset import ProceduralDataset
from reasoning_gym.factory import DATASETS
from reasoning_gym.games.rush_hour import Board

from verifiers.logic.rg import scorer
from verifiers.logic.sudoku import score_sudoku
from verifiers.types import Status, Verdict

# Answers longer than this many characters are refused unread; the gold sets a higher cap when it is long.
MIN_ANSWER_CAP = 4_000
GOLD_CAP_FACTOR = 8

# Searched for in lowercased text without `\b` or IGNORECASE, which make a regex try every position
# (~100 us on a 2 KB answer); word boundaries are checked per hit instead (~10 us).
_HEDGE = re.compile(
    r"or|either|maybe|perhaps|possibly|probably|likely|unsure|not sure|alternatively|otherwise|could be"
)
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]+")
# Datasets whose scorer pulls tokens out of free text: the answer must be those tokens only.
FORMATS: dict[str, re.Pattern[str]] = {
    "rush_hour": re.compile(r"(?:[A-Z][+-]\d+[\s,]*)+"),
    # Its scorer collects every "X is a Y" in the text, so a statement copied from the puzzle
    # ("if Aria is an altruist then Chloe is an altruist") scored 1.0: only the list of roles is an answer.
    "knights_knaves": re.compile(r"[A-Z][\w'-]* is an? \w+(?:(?:,|,? and) [A-Z][\w'-]* is an? \w+)*\.?"),
}


def _norm(text: str) -> str:
    """Runs of whitespace as one space, none at the ends (str.split splits where regex `\\s` matches)."""
    return " ".join(text.split())


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def hedge_word(text: str) -> str | None:
    """The first hedge word (or, maybe, ...) standing as a whole word in `text`, as written there."""
    low = text.lower()
    m = _HEDGE.search(low)
    while m is not None:
        start, end = m.span()
        if (start == 0 or not _is_word_char(low[start - 1])) and (
            end == len(low) or not _is_word_char(low[end])
        ):
            return text[start:end] if len(low) == len(text) else m.group(0)
        m = _HEDGE.search(low, start + 1)
    return None


def answer_cap(gold: str | None) -> int:
    """The longest answer we read for this gold."""
    return max(MIN_ANSWER_CAP, GOLD_CAP_FACTOR * len(gold or ""))


# Every character str.isspace() accepts (what str.split() splits on); translate is ~20x faster than split/join.
_DROP_SPACE = dict.fromkeys(
    [*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029]
    + [0x202F, 0x205F, 0x3000]
)
_WHOLE_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.0+(?![\d.])")


def compact(text: str) -> str:
    """Lowercased, every whitespace character removed, `7.0` written `7`: what the text says, however
    it is spaced or its whole numbers are written."""
    low = text.lower()
    return (_WHOLE_DECIMAL.sub(r"\1", low) if "." in low else low).translate(_DROP_SPACE)


def _same_number(a: str, g: str) -> bool:
    """Both are one number of equal value ("3.50" for "3.5", "05" for "5")."""
    if not (_NUMBER.fullmatch(a) and _NUMBER.fullmatch(g)):
        return False
    try:
        return Decimal(a) == Decimal(g)
    except InvalidOperation:
        return False


def _more_digits(a: str, g: str) -> bool:
    """A decimal gold written with more digits ("22.45" or "22.4500" for "22.4"): a more precise value,
    which tolerant scorers judge, not the gold glued to something else."""
    return "." in g and a.startswith(g) and a[len(g) :].isdigit() and bool(_NUMBER.fullmatch(g))


def padded(answer: str, gold: str) -> bool:
    """The gold's content occurs in the answer next to other letters or digits, glued or spaced
    ("2 days, 3 days", "3 days2 days", "4243" for "43", the gold plus "x"); a numeral of the same value
    ("3.50" for "3.5"), a decimal gold given to more digits, and punctuation around the gold ("2 days.")
    are not padding."""
    a, g = compact(answer), compact(gold)
    if not g or a == g:
        return False
    start = a.find(g)
    if start < 0 or not _ALNUM.search(a[:start] + a[start + len(g) :]):
        return False
    plain_a, plain_g = _norm(answer), _norm(gold)
    return not (_same_number(plain_a, plain_g) or _more_digits(plain_a, plain_g))


def hedge_gate(answer: str, gold: str) -> str | None:
    """A hedge word (or, maybe, ...) that the gold does not contain."""
    hedge = hedge_word(answer)
    if hedge and not hedge_word(gold):
        return f"hedged answer ({hedge!r})"
    return None


def gate(answer: str, gold: str) -> str | None:
    """Why `answer` cannot be an honest single answer for `gold`, or None when it may be."""
    reason = hedge_gate(answer, gold)
    if reason:
        return reason
    a, g = _norm(answer), _norm(gold)
    if padded(a, g):
        return "the expected answer plus other content (a hedge or extra text)"
    if _NUMBER.fullmatch(g) and len(_NUMBER.findall(a)) > 1:
        return "several numbers where one is expected"
    if _WORD.fullmatch(g) and not _WORD.fullmatch(a.strip(" .!\"'")):
        return "one word is expected"
    return None


# Scorers that pass the answer text to Python's eval, directly (n_queens, string_insertion,
# spiral_matrix, binary_matrix: `eval(answer)` for a list form) or through sympy's parse_expr (which
# evals too). Only text that cannot call anything may reach them: no parentheses for the literal ones;
# for the sympy ones, parentheses but no names beyond one-letter symbols and a few functions.
_LITERAL_ONLY = re.compile(r"[\w\s\[\],'\"+\-.]*")
_ARITHMETIC_ONLY = re.compile(r"[\d\s+\-*/().]*")
_MATH_TEXT = re.compile(r"[\w\s+\-*/^().,]*")
_NAME = re.compile(r"[A-Za-z_]\w*")
SAFE_NAMES = frozenset(
    [
        "sin",
        "cos",
        "tan",
        "cot",
        "sec",
        "csc",
        "asin",
        "acos",
        "atan",
        "sinh",
        "cosh",
        "tanh",
        "exp",
        "log",
        "ln",
        "sqrt",
        "pi",
        "E",
        "I",
        "oo",
        "Abs",
        "Integral",  # intermediate_integration sometimes stores an unevaluated integral as its gold
    ]
)
EVALUATED: dict[str, str] = {
    "n_queens": "literal",
    "string_insertion": "literal",
    "spiral_matrix": "literal",
    "binary_matrix": "literal",
    "countdown": "arithmetic",
    "puzzle24": "arithmetic",
    "simple_integration": "math",
    "intermediate_integration": "math",
    "polynomial_multiplication": "math",
}


def eval_gate(dataset: str, answer: str) -> str | None:
    """Why `answer` must not reach a scorer that evaluates it as Python (None when it is safe)."""
    kind = EVALUATED.get(dataset)
    if kind is None:
        return None
    if "__" in answer:
        return "answer contains code-like text ('__')"
    if kind == "literal" and not _LITERAL_ONLY.fullmatch(answer):
        return "answer contains characters this task's scorer would evaluate as code"
    if kind == "arithmetic" and (not _ARITHMETIC_ONLY.fullmatch(answer) or "**" in answer):
        return "answer must be an arithmetic expression of numbers, + - * / and parentheses"
    if kind == "math":
        if not _MATH_TEXT.fullmatch(answer):
            return "answer contains characters outside a math expression"
        unsafe = sorted({n for n in _NAME.findall(answer) if len(n) > 1 and n not in SAFE_NAMES})
        if unsafe:
            return f"answer uses names outside a math expression: {', '.join(unsafe[:5])}"
    return None


def coin_flip_strict(answer: str, entry: dict[str, Any]) -> float:
    """The probability within 1e-4 (reasoning-gym's coin_flip gives 1.0 to any prefix of the gold's
    digits, so `0` was right for every probability below 1, and credit for a shared leading digit)."""
    try:
        value = float(Fraction(answer.replace(",", "").strip()))
        gold = float(Fraction(str(entry["answer"]).replace(",", "")))
    except (ValueError, ZeroDivisionError, TypeError):
        return 0.0
    return 1.0 if abs(value - gold) <= 1e-4 else 0.0


def format_gate(dataset: str, answer: str) -> str | None:
    """Why `answer` is not in the only form `dataset` accepts (for scorers that scan text for tokens)."""
    pattern = FORMATS.get(dataset)
    if pattern is not None and not pattern.fullmatch(answer.strip()):
        return f"answer is not in the expected form ({pattern.pattern})"
    return None


def exact_match(answer: str, entry: dict[str, Any]) -> float:
    """The base reasoning-gym scorer without its length-ratio credit for text containing the gold."""
    gold = entry.get("answer")
    return 1.0 if isinstance(gold, str) and _norm(answer) == _norm(gold) else 0.0


def keyword_match(answer: str, entry: dict[str, Any]) -> float:
    """Case-insensitive equality with a one-word gold (reasoning-gym's game_of_life_halting accepts any
    non-empty text when the gold is True, since it compares `bool(answer)`)."""
    return 1.0 if _norm(answer).lower() == _norm(str(entry.get("answer"))).lower() else 0.0


def _grid_tuples(entry: dict[str, Any]) -> dict[str, Any]:
    """ARC scorers compare the parsed grid (tuples) with metadata["output"], a list after JSON."""
    meta = dict(entry["metadata"])
    meta["output"] = tuple(tuple(row) for row in meta["output"])
    return {**entry, "metadata": meta}


# dataset -> entry as its scorer expects it (the JSON form turned tuples into lists).
ENTRY_ADAPTERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "arc_agi": _grid_tuples,
    "rearc": _grid_tuples,
}


def strict_rush_hour(answer: str, entry: dict[str, Any]) -> float | Verdict:
    """Every move must be legal and move its car the full distance; reasoning-gym skips blocked moves
    silently, so a solution followed by any junk moves (or moves before it) still scores 1.0 there."""
    board = Board(entry["metadata"]["board_config"])
    moves = re.findall(r"([A-Z])([+-])(\d+)", answer)
    if not moves:
        return Verdict.fail(Status.MALFORMED, "no moves like 'A+1' found", extracted=answer)
    for letter, sign, count in moves:
        i = ord(letter) - ord("A")
        steps = int(count) if sign == "+" else -int(count)
        if i >= len(board._pieces) or board._pieces[i].fixed or steps == 0:
            return Verdict.scored(0.0, extracted=answer, reason=f"illegal move {letter}{sign}{count}")
        before = board._pieces[i].position
        board.move(letter, steps)
        if board._pieces[i].position != before + steps * board._pieces[i].stride:
            return Verdict.scored(0.0, extracted=answer, reason=f"blocked move {letter}{sign}{count}")
    return 1.0 if board.solved else 0.0


_FORMULA_TOKEN = re.compile(r"\s*([A-Z]|[()∧∨¬→↔])")


def single_formula(answer: str, entry: dict[str, Any]) -> float | Verdict:
    """One well-formed formula, then reasoning-gym's truth-table check (its parser reads the first
    formula of "(P ∧ Q), (R)" and ignores the rest, so a list of candidates scored 1.0)."""
    tokens: list[str] = []
    pos, text = 0, answer.strip()
    while pos < len(text):
        m = _FORMULA_TOKEN.match(text, pos)
        if not m:
            return Verdict.fail(
                Status.MALFORMED,
                f"unexpected text in a formula at {text[pos : pos + 10]!r}",
                extracted=answer,
            )
        tokens.append(m.group(1))
        pos = m.end()
    depth = 0
    for prev, tok in zip([""] + tokens, tokens, strict=False):
        depth += {"(": 1, ")": -1}.get(tok, 0)
        ends = prev == ")" or prev.isalpha()
        starts = tok in "(¬" or tok.isalpha()
        if depth < 0 or (ends and starts):
            return Verdict.scored(0.0, extracted=answer, reason="more than one formula")
    if depth:
        return Verdict.fail(Status.MALFORMED, "unbalanced parentheses", extracted=answer)
    # reasoning-gym gives 0.25 to a tautology (it follows from any premises: a universal answer) and
    # 0.05 to any formula that parses; neither is credit a grader would give.
    return 1.0 if scorer("propositional_logic")(answer, entry) >= 1.0 else 0.0


Fix = Callable[[str, dict[str, Any]], "float | Verdict"]

# dataset -> replacement scorer. Every dataset still on reasoning-gym's base `score_answer` gets the
# exact match (the base gives len(gold)/len(answer) to any answer containing the gold).
FIXES: dict[str, Fix] = {
    name: exact_match
    for name, (cls, _cfg) in DATASETS.items()
    if cls.score_answer is ProceduralDataset.score_answer
}
FIXES.update(
    {
        "sudoku": score_sudoku,
        "mini_sudoku": score_sudoku,
        "game_of_life_halting": keyword_match,
        "rush_hour": strict_rush_hour,
        "propositional_logic": single_formula,
        "coin_flip": coin_flip_strict,
    }
)

# Fixes that accept only the gold itself (up to spacing or case): the generic gates cannot refuse
# anything they accept, so the verifier runs the gates only to say why they refused.
EXACT_FIXES = frozenset({exact_match, keyword_match})
