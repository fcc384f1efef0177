"""The `stem`, `stem_mcq` and `stem_numeric` envs: generated science problems, or the user's dataset
(local files or a hub set such as EricLu/SCP-116K)."""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from itertools import islice
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from envs.core import ConfigError, Env, configure
from envs.datafiles import DataConfig, sources
from envs.stem import biology, chemistry, physics
from envs.stem.loaders import detect_format, gpqa_row, mcq_row, quantity_answer, read_rows, scp_row
from envs.stem.options import build_options, show
from envs.stem.problems import Problem, Template
from verifiers import Task

Kind = Literal["mixed", "mcq", "numeric"]
Area = Literal["physics", "chemistry", "biology"]
AREAS: tuple[Area, ...] = ("physics", "chemistry", "biology")
TEMPLATES: list[Template] = [*physics.TEMPLATES, *chemistry.TEMPLATES, *biology.TEMPLATES]
TOPICS = sorted({t.topic for t in TEMPLATES})
OPTION_LETTERS = string.ascii_uppercase

MCQ_PROMPT = (
    "{question}\n\n{options}\n\nThink step by step, then give the letter of the correct option as your final "
    "answer in \\boxed{{}}, for example \\boxed{{A}}."
)
NUMERIC_PROMPT = (
    "{question}\n\nThink step by step, then give your final answer in \\boxed{{}} as a number followed by its "
    "unit, for example \\boxed{{9.81 m/s^2}}."
)
NUMBER_PROMPT = "{question}\n\nThink step by step, then give your final answer as a number in \\boxed{{}}."
MATH_PROMPT = "{question}\n\nThink step by step, then put your final answer within \\boxed{{}}."


class StemShared(BaseModel):
    """Config both STEM variants take: how numeric answers are graded."""

    model_config = ConfigDict(extra="forbid")

    rel_tol: float = Field(0.01, gt=0.0, le=0.5)
    missing_unit: Literal["assume", "reject"] = "assume"


class StemConfig(StemShared):
    """Config of the generated STEM problems."""

    difficulty: int = Field(
        2, ge=1, le=5, description="1 = one step with SI givens; 5 = conversions, more genes"
    )
    areas: list[Area] = Field(default_factory=lambda: list(AREAS))
    topics: list[str] | None = None
    num_options: int = Field(4, ge=2, le=8)
    mcq_fraction: float = Field(
        0.5, ge=0.0, le=1.0, description="share of multiple-choice tasks (env `stem` only)"
    )

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, value: list[str] | None) -> list[str] | None:
        unknown = sorted(set(value or []) - set(TOPICS))
        if unknown:
            raise ValueError(f"unknown topic(s) {unknown}; topics: {', '.join(TOPICS)}")
        return value

    @field_validator("areas")
    @classmethod
    def _some_area(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError(f"give at least one of {', '.join(AREAS)}")
        return value


class StemDataConfig(DataConfig, StemShared):
    """Config of the STEM envs with data: GPQA, SCP-116K or multiple-choice rows (files or hub)."""

    format: Literal["gpqa", "scp", "mcq"] | None = None
    seed: int = Field(0, description="shuffles GPQA options")


def _mcq_task(env: str, question: str, options: list[str], letter: str, metadata: dict[str, Any]) -> Task:
    listing = "\n".join(f"{OPTION_LETTERS[i]}) {o}" for i, o in enumerate(options))
    prompt = [{"role": "user", "content": MCQ_PROMPT.format(question=question, options=listing)}]
    return Task(env=env, domain="stem", prompt=prompt, verifier="mcq", answer={"letter": letter, "options": options},
                metadata=metadata)  # fmt: skip


def _numeric_task(env: str, question: str, answer: dict[str, Any], metadata: dict[str, Any]) -> Task:
    template = NUMERIC_PROMPT if answer.get("unit") else NUMBER_PROMPT
    prompt = [{"role": "user", "content": template.format(question=question)}]
    return Task(env=env, domain="stem", prompt=prompt, verifier="numeric", answer=answer, metadata=metadata)


class StemEnv(Env):
    """Procedural science problems with computed answers; MCQ variants use mistake-based distractors."""

    domain = "stem"

    def __init__(
        self,
        config: StemConfig | None = None,
        *,
        env_name: str = "stem",
        kind: Kind = "mixed",
        **options: Any,
    ) -> None:
        super().__init__()
        name = env_name
        cfg = configure(StemConfig, config, options, name)
        if kind != "mixed" and "mcq_fraction" in cfg.model_fields_set:
            raise ConfigError(f"envs.make({name!r}): mcq_fraction applies to env 'stem' only")
        self.name, self.kind, self.cfg = name, kind, cfg
        self.verifier = "mixed" if kind == "mixed" else kind
        self.templates = [
            t
            for t in TEMPLATES
            if t.area in cfg.areas
            and (cfg.topics is None or t.topic in cfg.topics)
            and t.min_difficulty <= cfg.difficulty
        ]
        if not self.templates:
            raise ConfigError(
                f"envs.make({name!r}): no problem templates match areas={cfg.areas} topics={cfg.topics} at "
                f"difficulty {cfg.difficulty}; raise the difficulty or widen the topics"
            )

    def problem_at(self, seed: int) -> tuple[Problem, random.Random, bool]:
        rng = random.Random(seed)
        as_mcq = self.kind == "mcq" or (self.kind == "mixed" and rng.random() < self.cfg.mcq_fraction)
        template = rng.choice(self.templates)
        return template.make(rng, self.cfg.difficulty), rng, as_mcq

    def task_at(self, seed: int) -> Task:
        problem, rng, as_mcq = self.problem_at(seed)
        metadata: dict[str, Any] = {
            "seed": seed,
            "source": "procedural",
            "difficulty": self.cfg.difficulty,
            "area": problem.area,
            "topic": problem.topic,
        }
        if as_mcq:
            options, correct = build_options(problem, self.cfg.num_options, rng)
            metadata["distractors"] = {
                OPTION_LETTERS[i]: o.why for i, o in enumerate(options) if o.why is not None
            }
            return _mcq_task(
                self.name, problem.question, [o.text for o in options], OPTION_LETTERS[correct], metadata
            )
        answer: dict[str, Any] = {
            "value": float(f"{problem.value:.6g}"),
            "unit": problem.unit or None,
            "rel_tol": self.cfg.rel_tol,
            "missing_unit": self.cfg.missing_unit,
        }
        if problem.abs_tol:
            answer["abs_tol"] = problem.abs_tol
        wrong = [
            m for m in problem.mistakes if _differs(m.value, problem.value, self.cfg.rel_tol, problem.abs_tol)
        ]
        metadata["mistakes"] = [{"answer": show(m.value, problem.unit, 4), "why": m.why} for m in wrong]
        return _numeric_task(self.name, problem.question, answer, metadata)


def _differs(a: float, b: float, rel_tol: float, abs_tol: float) -> bool:
    return abs(a - b) > 3 * max(rel_tol * abs(b), abs_tol)


class StemDatasetEnv(Env):
    """GPQA, SCP-116K or generic multiple-choice files; every usable row becomes a Task, in file order."""

    domain = "stem"
    dataset_backed = True

    def __init__(
        self,
        config: StemDataConfig | None = None,
        *,
        env_name: str = "stem",
        kind: Kind = "mixed",
        **options: Any,
    ) -> None:
        super().__init__()
        cfg = configure(StemDataConfig, config, options, env_name)
        self.name, self.kind, self.cfg = env_name, kind, cfg
        self.verifier = "mixed" if kind == "mixed" else kind
        self.skipped: dict[str, int] = {}
        self.sources = sources(cfg, env_name)
        if cfg.format is not None:
            self._check_kind(cfg.format)

    def tasks(self) -> Iterator[Task]:
        return islice(self._tasks(), self.cfg.limit)

    def _tasks(self) -> Iterator[Task]:
        fmt: str | None = self.cfg.format
        self.skipped = {}
        for index, (where, row) in enumerate(read_rows(self.sources)):
            if fmt is None:
                fmt = detect_format(row, where)
                self._check_kind(fmt)
            task = self._row_task(fmt, row, where, index)
            if task is not None:
                yield task

    def _check_kind(self, fmt: str) -> None:
        if self.kind == "mcq" and fmt == "scp":
            raise ConfigError(
                f"env {self.name!r} is multiple choice; SCP-116K data belongs in 'stem' or 'stem_numeric'"
            )
        if self.kind == "numeric" and fmt != "scp":
            raise ConfigError(
                f"env {self.name!r} scores numbers; {fmt} data is multiple choice, use 'stem' or 'stem_mcq'"
            )

    def _skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1

    def _row_task(self, fmt: str, row: dict[str, Any], where: str, index: int) -> Task | None:
        source = {"source": fmt, "row": where}
        if fmt == "gpqa":
            question, options, letter, meta = gpqa_row(row, where, index, self.cfg.seed)
            return _mcq_task(self.name, question, options, letter, {**source, **meta})
        if fmt == "mcq":
            question, options, letter, meta = mcq_row(row, where)
            return _mcq_task(self.name, question, options, letter, {**source, **meta})
        problem, answer, meta = scp_row(row, where)
        if answer is None:
            self._skip("no final answer in the row")
            return None
        quantity = quantity_answer(answer)
        if quantity is not None:
            gold = {**quantity, "rel_tol": self.cfg.rel_tol, "missing_unit": self.cfg.missing_unit}
            return _numeric_task(self.name, problem, gold, {**source, **meta})
        if self.kind == "numeric":
            self._skip("answer is not a number with a unit")
            return None
        prompt = [{"role": "user", "content": MATH_PROMPT.format(question=problem)}]
        return Task(env=self.name, domain="stem", prompt=prompt, verifier="math", answer=answer,
                    metadata={**source, **meta})  # fmt: skip
