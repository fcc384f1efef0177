"""One answer-extraction module (verifiers/extract.py) for every kind: the same hostile completion is read
the same way by math, logic, mcq, numeric, ifeval and code (think stripping, which `<answer>` block
counts, which boxes), and each reading is the one `verifiers.extract` gives."""

from __future__ import annotations

import pytest

import envs
from verifiers import Status, Task, verify_local
from verifiers.extract import answer_tags, boxed_all, final_text, last_answer_tag


@pytest.fixture(scope="module")
def logic_task() -> Task:
    """A logic task whose gold is one number, so every kind can be asked about the same value."""
    env = envs.make("basic_arithmetic")
    return next(t for t in env.sample(40, seed=3) if t.answer["entry"]["answer"].lstrip("-").isdigit())


TAG_KINDS = ("logic", "math_tag")  # read the last <answer> block
BOX_KINDS = ("math", "numeric")  # read the boxes


def _verify(kind: str, completion: str, task: Task) -> float:
    gold = task.answer["entry"]["answer"]
    if kind == "logic":
        return verify_local("logic", completion, task.answer).reward
    if kind == "numeric":
        return verify_local("numeric", completion, {"value": float(gold), "unit": None}).reward
    options = {"extract": ["answer_tag"]} if kind == "math_tag" else {}
    return verify_local("math", completion, gold, **options).reward


# (template, the tag readers win, the box readers win): G is the gold, W far from it.
HOSTILE = [
    pytest.param(
        "<think><answer>{G}</answer> \\boxed{{{G}}}</think>\nI am not sure.",
        False,
        False,
        id="only-in-reasoning",
    ),
    pytest.param("<think>so <answer>{G}</answer> \\boxed{{{G}}} and", False, False, id="unclosed-think"),
    pytest.param(
        "<think>a</think><answer>{W}</answer>\\boxed{{{W}}}<think>b</think><answer>{G}</answer>\\boxed{{{G}}}",
        True,
        True,
        id="after-the-last-think",
    ),
    pytest.param("<answer>{G}</answer> \\boxed{{{G}}}", True, True, id="no-think"),
    pytest.param("<ANSWER>{G}</Answer> \\boxed{{{G}}}", True, True, id="tag-case"),
    pytest.param("<answer>{W} <answer>{G}</answer> \\boxed{{{W}}}", False, False, id="nested-open-tag"),
    pytest.param("<answer>{G}</answer></answer><answer>{W}", True, False, id="stray-close-then-unclosed"),
    pytest.param("<answer>{W}</answer> then <answer>{G}</answer>", True, False, id="last-tag-wins"),
    pytest.param("\\boxed{{{G}}} \\boxed{{\\frac{{1}}{{2}}", False, True, id="unclosed-box-ignored"),
]


@pytest.mark.parametrize(("template", "tag_wins", "box_wins"), HOSTILE)
def test_every_kind_reads_the_same_slot(
    logic_task: Task, template: str, tag_wins: bool, box_wins: bool
) -> None:
    gold = logic_task.answer["entry"]["answer"]
    completion = template.format(G=gold, W=str(abs(int(gold)) * 3 + 1000))
    text = final_text(completion)
    # What the shared reader says the completion committed to.
    assert (text is not None and last_answer_tag(text) == gold) is tag_wins
    boxes = boxed_all(text) if text is not None else []
    assert (bool(boxes) and boxes[-1].strip() == gold) is box_wins
    for kind in TAG_KINDS:
        assert (_verify(kind, completion, logic_task) == 1.0) is tag_wins, (kind, completion)
    for kind in BOX_KINDS:
        assert (_verify(kind, completion, logic_task) == 1.0) is box_wins, (kind, completion)


def test_mcq_reads_the_same_answer_tags() -> None:
    answer = {"letter": "B", "options": ["one", "two", "three", "four"]}
    cases = {
        "<think><answer>B</answer></think>\nno idea": 0.0,
        "<think>a</think><answer>C</answer><think>b</think><answer>B</answer>": 1.0,
        "<answer>C <answer>B</answer>": 0.0,  # the block is "C <answer>B": not the letter B
        "<ANSWER>B</Answer>": 1.0,
    }
    for completion, reward in cases.items():
        assert verify_local("mcq", completion, answer).reward == reward, completion
        text = final_text(completion)
        assert text is None or answer_tags(text) == answer_tags(text, 16)


def test_boxes_skip_escaped_braces_for_every_kind() -> None:
    # `\{` is a literal brace, not the end of the box: the box holds `3\{x` (not a number) in both readers.
    completion = "\\boxed{3\\{x} then \\boxed{7}"
    text = final_text(completion)
    assert text is not None and boxed_all(text) == ["3\\{x", "7"]
    assert verify_local("numeric", completion, {"value": 7, "unit": None}).reward == 0.0  # two boxes disagree
    assert verify_local("math", "\\boxed{a\\{b} \\boxed{7}", "7").extracted != "b"


def test_ifeval_and_code_judge_only_the_text_after_the_reasoning() -> None:
    ifeval = {"instructions": [{"id": "punctuation:no_comma"}]}
    assert verify_local("ifeval", "<think>a, b, c</think>No commas here at all.", ifeval).reward == 1.0
    assert verify_local("ifeval", "<think>no commas yet", ifeval).status is Status.NO_ANSWER
    code = {"language": "python", "tests": [{"stdin": "", "stdout": "1\n"}]}
    hidden = "<think>```python\nprint(1)\n```</think>\nDone."
    assert verify_local("code", hidden, code).status is Status.NO_ANSWER
    assert verify_local("code", "<think>```python\nprint(1)\n```", code).status is Status.NO_ANSWER


def test_limit_keeps_the_last_blocks() -> None:
    text = "".join(f"<answer>{i}</answer>\\boxed{{{i}}}" for i in range(40))
    assert answer_tags(text, 3) == ["37", "38", "39"] == boxed_all(text, 3)
    assert len(answer_tags(text)) == 40 == len(boxed_all(text))
