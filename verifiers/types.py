"""The records that cross every layer: a Task to solve and the Verdict on an answer to it."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Status(StrEnum):
    """Why a completion got the reward it got; a shift in this distribution is how hacks show up."""

    CORRECT = "correct"
    PARTIAL = "partial"
    WRONG = "wrong"
    NO_ANSWER = "no_answer"
    MALFORMED = "malformed"
    TIMEOUT = "timeout"
    ERROR = "error"
    SANDBOX_ERROR = "sandbox_error"


class Verdict(BaseModel):
    """A typed reward: the float a trainer needs plus what a researcher needs to trust it."""

    model_config = ConfigDict(extra="forbid")

    reward: float = Field(ge=0.0, le=1.0)
    correct: bool
    status: Status
    extracted: str | None = None
    reason: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    elapsed_s: float = 0.0

    @classmethod
    def scored(
        cls,
        reward: float,
        *,
        extracted: str | None = None,
        details: dict[str, Any] | None = None,
        reason: str | None = None,
    ) -> Verdict:
        """A verdict whose status follows from the reward (1 correct, 0 wrong, between partial)."""
        reward = min(1.0, max(0.0, float(reward)))
        if reward >= 1.0:
            status = Status.CORRECT
        elif reward <= 0.0:
            status = Status.WRONG
        else:
            status = Status.PARTIAL
        return cls(
            reward=reward,
            correct=status is Status.CORRECT,
            status=status,
            extracted=extracted,
            details=details or {},
            reason=reason,
        )

    @classmethod
    def fail(
        cls,
        status: Status,
        reason: str,
        *,
        extracted: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> Verdict:
        """A zero-reward verdict that says why (no answer, timeout, error, ...)."""
        return cls(
            reward=0.0,
            correct=False,
            status=status,
            extracted=extracted,
            reason=reason,
            details=details or {},
        )


def content_id(env: str, prompt: list[dict[str, str]], verifier: str, answer: Any) -> str:
    """Stable across processes and machines: a hash of the canonical JSON of what defines a task."""
    blob = json.dumps(
        {"env": env, "prompt": prompt, "verifier": verifier, "answer": answer},
        sort_keys=True,
        ensure_ascii=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


class Task(BaseModel):
    """One problem, self-contained: `verify_task` re-scores it without the generator that made it."""

    model_config = ConfigDict(extra="forbid")

    id: str = ""
    env: str
    domain: str
    prompt: list[dict[str, str]]
    verifier: str
    answer: Any = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("prompt")
    @classmethod
    def _prompt_is_chat(cls, value: list[dict[str, str]]) -> list[dict[str, str]]:
        for message in value:
            if "role" not in message or "content" not in message:
                raise ValueError("each prompt message needs 'role' and 'content'")
        return value

    @model_validator(mode="after")
    def _fill_id(self) -> Task:
        if not self.id:
            self.id = content_id(self.env, self.prompt, self.verifier, self.answer)
        return self

    @property
    def question(self) -> str:
        """The last user message: what the model is asked."""
        for message in reversed(self.prompt):
            if message["role"] == "user":
                return message["content"]
        return ""
