"""Env `ifeval` (procedural): a bundled writing task plus 1-3 compatible verifiable constraints,
the way ProRL's synthetic instruction-following data was made. Same seed, same task, anywhere."""

from __future__ import annotations

import random
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from envs.core import ConfigError, Env, configure
from envs.ifeval.attempt import attempt_record
from envs.ifeval.constraints import compatible_ids, feasible
from envs.ifeval.kwargs import Kwargs
from envs.ifeval.templates import TEMPLATES
from verifiers import Task
from verifiers.ifeval import IFEVAL_IDS, bind
from verifiers.ifeval.text import count_words, word_tokens

REPEAT = "combination:repeat_prompt"


@lru_cache(maxsize=1)
def base_prompts() -> tuple[str, ...]:
    """The bundled writing tasks (envs/ifeval/base_prompts.txt), one per line."""
    text = resources.files("envs.ifeval").joinpath("base_prompts.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


class IFEvalConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_constraints: int = Field(1, ge=1, le=5)
    max_constraints: int = Field(3, ge=1, le=5)
    constraint_set: Literal["all", "ifeval", "extra"] = (
        "all"  # IFEval's ids, the IFBench-style extras, or both
    )
    include: list[str] | None = None  # only these instruction ids
    exclude: list[str] = Field(default_factory=list)
    mode: Literal["fraction", "all"] = "fraction"
    strict: bool = True

    @model_validator(mode="after")
    def _ordered(self) -> IFEvalConfig:
        if self.min_constraints > self.max_constraints:
            raise ValueError(
                f"min_constraints ({self.min_constraints}) > max_constraints ({self.max_constraints})"
            )
        return self


class IFEvalEnv(Env):
    """Procedural instruction following: base prompt + constraints, scored by the `ifeval` verifier."""

    domain = "instruction_following"
    verifier = "ifeval"

    def __init__(
        self, config: IFEvalConfig | None = None, *, env_name: str = "ifeval", **options: Any
    ) -> None:
        super().__init__()
        self.name = env_name
        self.config = configure(IFEvalConfig, config, options, env_name)
        self.pool = _pool(self.config, env_name)

    def task_at(self, seed: int) -> Task:
        rng = random.Random(seed)
        prompts = base_prompts()
        for _ in range(50):  # redraw when the repeated request would break an upper bound
            index = rng.randrange(len(prompts))
            chosen = draw_constraints(rng, self.pool, prompts[index], self.config)
            prompt_text, instructions = assemble(prompts[index], chosen)
            if instructions is not None:
                break
        else:  # pragma: no cover - 50 failed draws would mean a broken template table
            raise RuntimeError(f"ifeval: no feasible constraint set for seed {seed}")
        answer = {
            "instructions": instructions,
            "strict": self.config.strict,
            "mode": self.config.mode,
            "attempt": attempt_record(prompts[index], prompt_text, chosen),
        }
        return Task(
            env=self.name,
            domain=self.domain,
            prompt=[{"role": "user", "content": prompt_text}],
            verifier="ifeval",
            answer=answer,
            metadata={
                "seed": seed,
                "source": "prorl-gym ifeval",
                "base_prompt": index,
                "constraints": [i["id"] for i in instructions],
            },
        )


def _pool(cfg: IFEvalConfig, env_name: str) -> list[str]:
    ids = sorted(TEMPLATES)
    if cfg.constraint_set == "ifeval":
        ids = [i for i in ids if i in IFEVAL_IDS]
    elif cfg.constraint_set == "extra":
        ids = [i for i in ids if i not in IFEVAL_IDS]
    unknown = sorted(set(cfg.include or []) | set(cfg.exclude)) if cfg.include or cfg.exclude else []
    unknown = [i for i in unknown if i not in TEMPLATES]
    if unknown:
        raise ConfigError(
            f"envs.make({env_name!r}): unknown instruction id(s) {', '.join(unknown)}; the env can generate: "
            f"{', '.join(sorted(TEMPLATES))}"
        )
    if cfg.include is not None:
        ids = [i for i in ids if i in cfg.include]
    ids = [i for i in ids if i not in cfg.exclude]
    if not ids:
        raise ConfigError(
            f"envs.make({env_name!r}): include/exclude/constraint_set leave no instruction to draw"
        )
    return ids


def draw_constraints(
    rng: random.Random, pool: list[str], base: str, cfg: IFEvalConfig
) -> list[tuple[str, Kwargs]]:
    """1-3 (by default) mutually compatible constraints with drawn kwargs; fewer if the pool runs dry."""
    want = rng.randint(cfg.min_constraints, cfg.max_constraints)
    chosen: list[tuple[str, Kwargs]] = []
    candidates = list(pool)
    while len(chosen) < want:
        candidates = [c for c in candidates if all(compatible_ids(c, i) for i, _ in chosen)]
        if not candidates:
            break
        iid = rng.choice(candidates)
        candidates.remove(iid)
        for _ in range(10):
            kwargs = TEMPLATES[iid].sample(rng, base)
            if feasible([*chosen, (iid, kwargs)]):
                chosen.append((iid, kwargs))
                break
    return chosen


def assemble(base: str, chosen: list[tuple[str, Kwargs]]) -> tuple[str, list[dict[str, Any]] | None]:
    """The prompt text and the answer's instruction list (None when the repeated request itself
    would break another constraint's upper bound)."""
    rest = [(i, k) for i, k in chosen if i != REPEAT]
    text = join_sentences([base, *(TEMPLATES[i].render(k) for i, k in rest)])
    instructions: list[dict[str, Any]] = [{"id": i, "kwargs": dict(k)} for i, k in rest]
    if len(rest) < len(chosen):
        if not _repeat_fits(text, rest):
            return text, None
        instructions.append({"id": REPEAT, "kwargs": {"prompt_to_repeat": text}})
        text = text + "\n" + TEMPLATES[REPEAT].render({})
    for item in instructions:  # every generated instruction must bind: a broken template fails loudly
        bind(item["id"], item["kwargs"])
    return text, instructions


def join_sentences(parts: list[str]) -> str:
    """Instructions follow the task on the same line; one with an example block ends its line."""
    text = parts[0]
    for previous, part in zip(parts, parts[1:], strict=False):
        text += ("\n" if "\n" in previous else " ") + part
    return text


def _repeat_fits(request: str, rest: list[tuple[str, Kwargs]]) -> bool:
    """The answer starts with `request`, so its counts must leave room under every upper bound."""
    lowered, words = request.lower(), count_words(request) + 40  # 40 words for the answer itself
    capitals = sum(w.isupper() for w in word_tokens(request))
    for iid, kw in rest:
        over = (
            (
                iid == "length_constraints:number_words"
                and kw["relation"] == "less than"
                and words >= kw["num_words"]
            )
            or (iid == "count:word_count_range" and words > kw["max_words"])
            or (
                iid == "keywords:frequency"
                and kw["relation"] == "less than"
                and lowered.count(kw["keyword"]) >= kw["frequency"]
            )
            or (
                iid == "keywords:letter_frequency"
                and kw["let_relation"] == "less than"
                and lowered.count(kw["letter"]) >= kw["let_frequency"]
            )
            or (
                iid == "change_case:capital_word_frequency"
                and kw["capital_relation"] == "less than"
                and capitals >= kw["capital_frequency"]
            )
        )
        if over:
            return False
    return True
