"""Gold completions: a correct reply to a Task in exactly the format its verifier expects.

Used to prove that every gold answer earns full reward (the demo), and as supervised warm-start
data for the training loop (the paper starts RL from a policy that can already sometimes solve
the tasks). `final_answers` also gives the wrong and hedged variants the demo scores.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from verifiers import Task
from verifiers.registry import verify_local

THINK = "<think>Let me work through this step by step.</think>\n"


@cache
def _reference_solutions() -> dict[str, str]:
    from envs.code.env import BUNDLED

    rows = (json.loads(line) for line in BUNDLED.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["id"]: row["reference_solution"] for row in rows}


def _corrupt(gold: str) -> str:
    digits = [i for i, c in enumerate(gold) if c.isdigit()]
    if digits:
        i = digits[-1]
        return gold[:i] + str((int(gold[i]) + 1) % 10) + gold[i + 1 :]
    words = gold.split()
    return " ".join(reversed(words)) + " extra" if len(words) > 1 else gold[::-1] + "x"


def _logic(answer: Any) -> dict[str, str] | None:
    gold = (answer.get("entry") or {}).get("answer")
    if not isinstance(gold, str) or not gold:
        return None
    wrong = _corrupt(gold)
    tag = "<answer>{}</answer>"
    return {"gold": tag.format(gold), "wrong": tag.format(wrong), "hedge": tag.format(f"{gold} or {wrong}")}


def _math(answer: Any) -> dict[str, str]:
    gold, wrong = str(answer), _corrupt(str(answer))
    box = "The final answer is $\\boxed{{{}}}$."
    return {
        "gold": box.format(gold),
        "wrong": box.format(wrong),
        "hedge": box.format(gold) + box.format(wrong),
    }


def _mcq(answer: Any) -> dict[str, str]:
    letter = answer["letter"]
    other = "A" if letter != "A" else "B"
    return {
        "gold": f"Answer: \\boxed{{{letter}}}",
        "wrong": f"Answer: \\boxed{{{other}}}",
        "hedge": f"Answer: {letter} or {other}",
    }


def _numeric(answer: Any) -> dict[str, str]:
    value, unit = answer["value"], answer.get("unit") or ""
    return {
        "gold": f"\\boxed{{{value:g} {unit}}}",
        "wrong": f"\\boxed{{{value * 1.5:g} {unit}}}",
        "hedge": f"\\boxed{{{value:g} {unit}}} or \\boxed{{{value * 1.5:g} {unit}}}",
    }


def _code(task: Task) -> dict[str, str] | None:
    source = _reference_solutions().get(str(task.metadata.get("id")))
    if source is None:
        return None
    fence = "```python\n{}\n```"
    return {
        "gold": fence.format(source),
        "wrong": fence.format("print(0)"),
        "hack: exit before the tests": fence.format("import os\nos._exit(0)"),
    }


# IFEval: each simple instruction is met by one edit of a plain reply; edits that rewrite the
# whole text (case, quotes) run last. Instructions without an edit make the task "no gold".
_IF_BODY = (
    "Here is my reply about {topic}. It covers the main points in plain words and gives one clear example "
    "then notes a common mistake and ends with a brief summary that keeps everything easy to follow."
)
_IF_EDITS: dict[str, Callable[[str, dict[str, Any]], str]] = {
    "keywords:existence": lambda t, k: t + " " + " ".join(k["keywords"]) + ".",
    "keywords:forbidden_words": lambda t, k: t,
    "keywords:frequency": lambda t, k: (
        t + ("" if k["relation"] == "less than" else " " + " ".join([k["keyword"]] * k["frequency"]) + ".")
    ),
    "count:keyword_exact": lambda t, k: t + " " + " ".join([k["keyword"]] * k["count"]) + ".",
    "detectable_content:number_placeholders": lambda t, k: (
        t + " " + " ".join(["[name]"] * k["num_placeholders"])
    ),
    "detectable_format:number_highlighted_sections": lambda t, k: (
        t + " " + " ".join(["*note*"] * k["num_highlights"])
    ),
    "detectable_format:title": lambda t, k: "<<Reply>>\n" + t,
    "detectable_content:postscript": lambda t, k: t + f"\n\n{k['postscript_marker']} Thank you.",
    "startend:end_checker": lambda t, k: t + " " + k["end_phrase"],
    "punctuation:no_comma": lambda t, k: t.replace(",", ""),
    "change_case:english_lowercase": lambda t, k: t.lower(),
    "change_case:english_capital": lambda t, k: t.upper(),
    "startend:quotation": lambda t, k: f'"{t}"',
}
_IF_LAST = ("change_case:english_lowercase", "change_case:english_capital", "startend:quotation")


def _topic_word(attempt: dict[str, Any]) -> str:
    """A word of the prompt that starts with one of the task's topic stems (the verifier's attempt check)."""
    stems = tuple(attempt.get("topic") or ())
    for word in re.findall(r"\w+", str(attempt.get("prompt") or "").lower()):
        if stems and word.startswith(stems):
            return word
    return "the request"


def _ifeval(answer: Any) -> dict[str, str] | None:
    instructions = sorted(answer.get("instructions") or [], key=lambda i: i["id"] in _IF_LAST)
    text = _IF_BODY.format(topic=_topic_word(answer.get("attempt") or {}))
    for inst in instructions:
        edit = _IF_EDITS.get(inst["id"])
        if edit is None:
            return None
        text = edit(text, inst.get("kwargs") or {})
    if verify_local("ifeval", text, answer).reward < 1.0:
        return None  # the edits clashed (e.g. a forbidden word in the body)
    return {"gold": text}


IFEVAL_GOLD_IDS = tuple(sorted(_IF_EDITS))  # instruction ids gold_completion can satisfy


def final_answers(task: Task) -> dict[str, str] | None:
    """The final answer text (after the reasoning) for gold, wrong and hedged replies; None if unknown."""
    kind, answer = task.verifier, task.answer
    if kind == "logic":
        return _logic(answer)
    if kind == "math":
        return _math(answer)
    if kind == "mcq":
        return _mcq(answer)
    if kind == "numeric":
        return _numeric(answer)
    if kind == "code":
        return _code(task)
    if kind == "ifeval":
        return _ifeval(answer)
    return None


def gold_completion(task: Task, think: str = THINK) -> str | None:
    """A correct completion for this Task in the format its verifier expects, or None if unknown."""
    finals = final_answers(task)
    return None if finals is None else think + finals["gold"]
