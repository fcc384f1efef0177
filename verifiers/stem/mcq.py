"""Verifier kind `mcq`: the one option letter the model committed to after its reasoning.

answer: `{"letter": "B", "options": ["...", "...", ...]}` (any number of options, letters A..Z;
`options` may be left out, then any letter A..Z is a valid choice and there is no text fallback).

Where the choice is read, strongest first; the first kind present decides, and every choice of
that kind must name the same letter (two different letters are a hedge and score 0):
1. `\\boxed{B}` (also `\\boxed{(B)}`, `\\boxed{\\text{B}}`, `\\boxed{B: option text}`);
2. an answer phrase: "Answer: B", "**Answer:** (B)", "The (correct|final) answer is B",
   "correct option is B", "I choose B", `<answer>B</answer>`;
3. the last line alone: "(B)", "B", "**B**", "B) option text", or ending in "(B)".
A choice written as a hedge ("A or B", "A/B", "A and C", "A, C") scores 0. When a slot holds no
letter, its text is matched against the options and counts only if it equals exactly one of them.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Any

from verifiers.extract import answer_tags, boxed_all
from verifiers.registry import register_verifier
from verifiers.types import Status, Verdict

MAX_TEXT = 50_000
MAX_SLOT = 300
MAX_SLOTS = 32  # boxes / answer phrases looked at, counted from the end
LETTERS = string.ascii_uppercase

_WRAPPER = re.compile(r"\\(?:text|textbf|mathrm|mathbf|textrm|mathit|textit|mbox)\s*\{([^{}]*)\}")
_MARKUP = re.compile(r"\*\*|__|`|\$|\\\(|\\\)|\\\[|\\\]|\\,|\\;|\\ ")
_LETTER = re.compile(
    r"\s*(?:(?:[Oo]ption|[Cc]hoice)\s+)?(?:\(([A-Za-z])\)|\[([A-Za-z])\]|\{([A-Za-z])\}|([A-Z]))(?![A-Za-z0-9])"
)
_JOIN = re.compile(
    r"\s*(?:,|/|&|;|\+|\\lor|\\vee|\||\bor\b|\band\b|\bor\s+maybe\b|\bnor\b)\s*", re.IGNORECASE
)
_PHRASE = re.compile(
    r"(?:\b(?:final|correct|right|best|true)\s+(?:answer|option|choice)|\banswer|\bI(?:'ll|\s+would|\s+will)?\s+"
    r"(?:choose|select|pick|go\s+with))\b[\s*_]*"
    r"(?:(?:is|would\s+be|should\s+be|must\s+be|will\s+be)\b[\s*_]*:?|[:=][\s*_]*)?",
    re.IGNORECASE,
)
_PROSE_I = re.compile(r"I\s+[a-z']{2,}")
_PAREN_LETTER = re.compile(r"\(([A-Z])\)")
_TRAILING_PAREN = re.compile(r"\(([A-Z])\)[\s.*!]*$")


class Hedge(ValueError):
    """Two or more different choices where one was asked for."""


@dataclass
class Choice:
    letter: str | None = None
    method: str = ""
    invalid: list[str] = field(default_factory=list)


def _clean(slot: str) -> str:
    s = slot[:MAX_SLOT]
    for _ in range(3):
        s = _WRAPPER.sub(r"\1", s)
    return _MARKUP.sub(" ", s).strip()


def _norm_text(text: str) -> str:
    s = _clean(text).lower()
    s = re.sub(r"[\s{}\\]+", "", s)
    return s.strip(".:;,!")


def _option_letter(slot: str, options: list[str]) -> str | None:
    """The letter of the single option whose text the slot is; None when it is not exactly one."""
    target = _norm_text(slot)
    if not target:
        return None
    hits = [LETTERS[i] for i, opt in enumerate(options) if _norm_text(str(opt)) == target]
    return hits[0] if len(hits) == 1 else None


def read_slot(slot: str, options: list[str], *, whole: bool = False) -> list[str]:
    """The letters a slot commits to, in order; [] when it names none.

    `whole`: the slot must be only the choice (a box, a bare last line), optionally followed by a
    separator and the option's text. A letter followed by a different option's text is a hedge.
    """
    s = _clean(slot)
    if whole and re.fullmatch(r"\(?([a-z])\)?\.?", s):  # a lone lower-case letter in a box or last line
        return [s.strip("().").upper()]
    m = _LETTER.match(s)
    if m is None or (m.group(4) == "I" and _PROSE_I.match(s, m.start(4))):  # "I think ..." is prose
        letter = _option_letter(s, options) if options else None
        return [letter] if letter else []
    letters = [next(g for g in m.groups() if g).upper()]
    pos = m.end()
    while (j := _JOIN.match(s, pos)) is not None and (nxt := _LETTER.match(s, j.end())) is not None:
        letters.append(next(g for g in nxt.groups() if g).upper())
        pos = nxt.end()
    rest = s[pos:].strip()
    if whole and rest and not re.match(r"[).:\-–—]", rest):
        letter = _option_letter(s, options) if options else None
        return [letter] if letter else []
    if len(letters) == 1 and options and rest:
        named = _option_letter(re.sub(r"^[).:\-–—\s]+", "", rest), options)
        if named is not None and named != letters[0]:
            raise Hedge(f"letter {letters[0]} is followed by the text of option {named}")
    return letters


def _decide(slots: list[list[str]], valid: set[str], method: str, choice: Choice) -> bool:
    """Fold one kind's slots into `choice`; True when this kind committed to a letter."""
    seen: list[str] = []
    for letters in slots:
        if len(set(letters)) > 1:
            raise Hedge(f"{' / '.join(letters)} named together")
        seen.extend(letters[:1])
    if len(set(seen)) > 1:
        raise Hedge(f"different letters committed to: {', '.join(dict.fromkeys(seen))} ({method})")
    if not seen:
        return False
    if seen[-1] not in valid:
        choice.invalid.append(seen[-1])
        return False
    choice.letter, choice.method = seen[-1], method
    return True


def read_choice(text: str, options: list[str], n_options: int) -> Choice:
    """The committed letter and how it was found; raises Hedge."""
    text = text[-MAX_TEXT:]
    valid = set(LETTERS[:n_options])
    choice = Choice()
    boxes = [read_slot(b, options, whole=True) for b in boxed_all(text, MAX_SLOTS)]
    if _decide(boxes, valid, "boxed", choice):
        return choice
    marks = list(_PHRASE.finditer(text))[-MAX_SLOTS:]
    phrases = [read_slot(text[m.end() : m.end() + MAX_SLOT].split("\n", 1)[0], options) for m in marks]
    phrases += [read_slot(t, options, whole=True) for t in answer_tags(text, MAX_SLOTS)]
    if _decide(phrases, valid, "answer_phrase", choice):
        return choice
    last = next((ln for ln in reversed(text.splitlines()) if _clean(ln)), None)
    if last is not None:
        letters = read_slot(last, options, whole=True)
        if not letters and _TRAILING_PAREN.search(_clean(last)):
            letters = list(
                dict.fromkeys(_PAREN_LETTER.findall(_clean(last)))
            )  # every "(X)": more than one is a hedge
        if _decide([letters], valid, "final_line", choice):
            return choice
    return choice


def _gold(answer: Any) -> tuple[str, list[str]]:
    if isinstance(answer, str):
        answer = {"letter": answer}
    if not isinstance(answer, dict) or "letter" not in answer:
        raise ValueError('mcq answer must be a dict like {"letter": "B", "options": ["...", "..."]}')
    letter = str(answer["letter"]).strip().strip("()").upper()
    options = answer.get("options") or []
    if not isinstance(options, list) or len(options) > len(LETTERS):
        raise ValueError(f"options must be a list of at most {len(LETTERS)} strings")
    if len(letter) != 1 or letter not in LETTERS[: len(options) or len(LETTERS)]:
        raise ValueError(f"letter {answer['letter']!r} is not one of the {len(options) or 26} options")
    return letter, [str(o) for o in options]


@register_verifier("mcq")
def verify_mcq(text: str, answer: Any, **options: Any) -> Verdict:
    """The final option letter against the gold letter; hedges and unreadable choices score 0."""
    if options:
        return Verdict.fail(Status.ERROR, f"mcq takes no options, got {sorted(options)}")
    try:
        gold, opts = _gold(answer)
    except (ValueError, TypeError) as exc:
        return Verdict.fail(Status.ERROR, f"bad mcq answer spec: {exc}")
    n = len(opts) or len(LETTERS)
    try:
        choice = read_choice(text, opts, n)
    except Hedge as exc:
        return Verdict.scored(0.0, details={"hedge": True, "gold": gold}, reason=f"hedge: {exc}")
    if choice.letter is None:
        if choice.invalid:
            bad = choice.invalid[-1]
            return Verdict.scored(
                0.0,
                extracted=bad,
                details={"gold": gold},
                reason=f"{bad} is not one of the options A-{LETTERS[n - 1]}",
            )
        return Verdict.fail(Status.NO_ANSWER, "no option letter after the reasoning", details={"gold": gold})
    details = {"method": choice.method, "gold": gold}
    reason = None if choice.letter == gold else f"chose {choice.letter}, the answer is {gold}"
    return Verdict.scored(
        float(choice.letter == gold), extracted=choice.letter, details=details, reason=reason
    )
