"""The records that cross every layer: a Task to solve and the Verdict on an answer to it."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from verifiers.canonical import canonical_json


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
        reward = float(reward)
        if reward >= 1.0:
            reward, status = 1.0, Status.CORRECT
        elif reward > 0.0:
            status = Status.PARTIAL
        else:  # NaN lands here too
            reward, status = 0.0, Status.WRONG
        return cls._trusted(reward, status, extracted, reason, details)

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
        return cls._trusted(0.0, Status(status), extracted, reason, details)

    @classmethod
    def _trusted(
        cls,
        reward: float,
        status: Status,
        extracted: str | None,
        reason: str | None,
        details: dict[str, Any] | None,
    ) -> Verdict:
        # Skips pydantic validation (a fifth of a cheap verifier's time); the callers above check
        # reward and status, and the text fields are made str here.
        obj = cls.__new__(cls)
        _fill(
            obj,
            {
                "reward": reward,
                "correct": status is Status.CORRECT,
                "status": status,
                "extracted": extracted if extracted is None or type(extracted) is str else str(extracted),
                "reason": reason if reason is None or type(reason) is str else str(reason),
                "details": dict(details) if details else {},
                "elapsed_s": 0.0,
            },
        )
        return obj


def _fill(obj: BaseModel, values: dict[str, Any]) -> None:
    """Make a bare `cls.__new__(cls)` instance hold `values` (every field) as `model_construct` would.

    At a third of `model_construct`'s cost; tests compare the two, so a pydantic upgrade that changes
    the instance layout fails loudly.
    """
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)


def content_id(env: str, prompt: list[dict[str, str]], verifier: str, answer: Any) -> str:
    """Stable across processes and machines: a hash of the canonical JSON of what defines a task,
    `canonical_json({"answer": answer, "env": env, "prompt": prompt, "verifier": verifier})`."""
    return content_id_from_json(
        canonical_json(answer), canonical_json(env), canonical_json(prompt), canonical_json(verifier)
    )


def content_id_from_json(answer: bytes, env: bytes, prompt: bytes, verifier: bytes) -> str:
    """`content_id` from the fields' `canonical_json`, for samplers that already hold some of them."""
    blob = b'{"answer":%s,"env":%s,"prompt":%s,"verifier":%s}' % (answer, env, prompt, verifier)
    return hashlib.sha256(blob).hexdigest()[:20]


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

    @classmethod
    def trusted(
        cls,
        *,
        id: str,
        env: str,
        domain: str,
        prompt: list[dict[str, str]],
        verifier: str,
        answer: Any,
        metadata: dict[str, Any],
    ) -> Task:
        """A Task from fields its env family built itself (JSON-normal, id filled), without validation.

        For samplers whose per-task cost matters; anything read from outside goes through `Task(...)`.
        """
        obj = cls.__new__(cls)
        _fill(
            obj,
            {
                "id": id,
                "env": env,
                "domain": domain,
                "prompt": prompt,
                "verifier": verifier,
                "answer": answer,
                "metadata": metadata,
            },
        )
        return obj

    @property
    def question(self) -> str:
        """The last user message: what the model is asked."""
        for message in reversed(self.prompt):
            if message["role"] == "user":
                return message["content"]
        return ""
