"""The reward server's request and response bodies (they are also its OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException

from verifiers import Task, Verdict

MAX_TIMEOUT_S = 600.0  # no request may hold a worker longer than this


def _timeout_ok(options: Any, where: str) -> None:
    limit = options.get("timeout_s") if isinstance(options, dict) else None
    if limit is not None and not (isinstance(limit, int | float) and 0 < limit <= MAX_TIMEOUT_S):
        raise ValueError(f"{where}.timeout_s must be a number in (0, {MAX_TIMEOUT_S:g}], got {limit!r}")


class VerifyItem(BaseModel):
    """One completion to score: with its `task` record, or with a `verifier` kind and an `answer`."""

    model_config = ConfigDict(extra="forbid")

    completion: str
    task: dict[str, Any] | None = None
    verifier: str | None = Field(None, max_length=200)
    answer: Any = None
    options: dict[str, Any] = Field(default_factory=dict)
    timeout_s: float | None = Field(None, gt=0, le=MAX_TIMEOUT_S, description="only used by POST /verify")

    @model_validator(mode="after")
    def _bounded_timeouts(self) -> VerifyItem:
        _timeout_ok(self.options, "options")
        metadata = (self.task or {}).get("metadata")
        if isinstance(metadata, dict):
            _timeout_ok(metadata.get("verifier_options"), "task.metadata.verifier_options")
        return self

    def as_batch_item(self) -> dict[str, Any]:
        """The item as local `verify_batch` takes it (an item with neither part is scored malformed)."""
        if self.task is not None:
            return {"task": self.task, "completion": self.completion}
        if self.verifier is not None:
            return {
                "verifier": self.verifier,
                "answer": self.answer,
                "options": self.options,
                "completion": self.completion,
            }
        return {"completion": self.completion}

    def kind(self) -> str:
        kind = (self.task or {}).get("verifier") if self.task is not None else self.verifier
        return kind if isinstance(kind, str) else "?"


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[VerifyItem]
    timeout_s: float | None = Field(None, gt=0, le=MAX_TIMEOUT_S, description="overrides every item's")


class BatchResponse(BaseModel):
    verdicts: list[Verdict]


class SampleRequest(BaseModel):
    """Tasks from `env` (with `config`) or from a `mix` of env name -> weight; the same seed, the same tasks."""

    model_config = ConfigDict(extra="forbid")

    env: str | None = Field(None, max_length=200)
    mix: dict[str, float] | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    n: int = Field(10, ge=0)
    seed: int = Field(0, ge=0, lt=2**63)

    @model_validator(mode="after")
    def _one_source(self) -> SampleRequest:
        if (self.env is None) == (self.mix is None):
            raise ValueError("give exactly one of 'env' (a name) or 'mix' (name -> weight)")
        if self.mix is not None and self.config:
            raise ValueError("'config' applies to a single env; a mixture takes its envs' defaults")
        return self

    def run(self) -> SampleResponse:
        """Sample in this thread; a bad name or config is a 4xx naming it."""
        import envs

        env: envs.Env
        try:
            if self.mix is not None:
                env = envs.make_mix(dict(self.mix), seed=self.seed)
            else:
                env = envs.make(str(self.env), **self.config)
        except envs.UnknownEnvError as exc:
            raise HTTPException(404, str(exc.args[0] if exc.args else exc)) from None
        except envs.ConfigError as exc:
            raise HTTPException(400, str(exc)) from None
        try:
            return SampleResponse(tasks=env.sample(self.n, seed=self.seed))
        finally:
            env.close()


class SampleResponse(BaseModel):
    tasks: list[Task]


class EnvInfo(BaseModel):
    name: str
    domain: str
    verifier: str
    description: str

    @classmethod
    def all(cls) -> list[EnvInfo]:
        import envs

        out = []
        for name in envs.list_envs():
            s = envs.spec(name)
            out.append(cls(name=name, domain=s.domain, verifier=s.verifier, description=s.description))
        return out


class Health(BaseModel):
    status: str
    kinds: list[str]
    sandbox_backends: dict[str, bool]
    queue_depth: int
    queue_limit: int
    workers: int


class ErrorBody(BaseModel):
    """Every error the server returns: a short `error` and a `detail` that names the problem."""

    error: str
    detail: Any
