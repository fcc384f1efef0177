"""The HTTP reward server: the verifier pool behind FastAPI, so other machines and processes can score.

Code submitted here runs in THIS host's sandbox (see docs/server.md): bind to 127.0.0.1 (the default)
or put the server behind a token and a network you trust. Every error is a JSON body
`{"error": ..., "detail": ...}` that names the problem; the queue is bounded (429 + Retry-After when
full), bodies and batches are bounded (413 naming the limit), and on shutdown work in flight finishes
while new work gets 503.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from prorl_gym.server_metrics import Metrics
from prorl_gym.server_models import (
    BatchRequest,
    BatchResponse,
    EnvInfo,
    ErrorBody,
    Health,
    SampleRequest,
    SampleResponse,
    VerifyItem,
)
from verifiers import Verdict, known_kinds, shared_pool, verify_batch


@dataclass
class ServerConfig:
    """Limits and wiring of one server; the defaults suit one machine's pool."""

    workers: int | None = None  # verifier worker processes (default: one per core)
    token: str | None = None  # bearer token; None: no auth (only sensible on loopback)
    max_queue: int = 4096  # items admitted (running + waiting) before 429
    max_batch: int = 4096  # items in one /verify/batch request before 413
    max_body_bytes: int = 64 * 1024 * 1024
    max_sample: int = 10_000
    retry_after_s: int = 1


class Backpressure(Exception):
    """The queue is full: answered 429 with Retry-After."""


class _Admission:
    """A count of admitted items, bounded; the event loop is its only user, so no lock is needed."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.depth = 0

    def admit(self, n: int) -> None:
        if self.depth + n > self.limit:
            raise Backpressure(f"queue full: {self.depth} items admitted, limit {self.limit} (max_queue)")
        self.depth += n

    def done(self, n: int) -> None:
        self.depth -= n


def _error(status: int, error: str, detail: Any, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        ErrorBody(error=error, detail=detail).model_dump(), status_code=status, headers=headers
    )


def create_app(config: ServerConfig | None = None) -> FastAPI:
    """A FastAPI app scoring with the process's shared verifier pool under `config`'s limits."""
    config = config or ServerConfig()
    state = _State(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        state.draining = True
        state.executor.shutdown(wait=True)

    app = FastAPI(
        title="prorl-gym reward server",
        version="1",
        description=__doc__,
        lifespan=lifespan,
        responses={
            400: {"model": ErrorBody},
            401: {"model": ErrorBody},
            403: {"model": ErrorBody},
            413: {"model": ErrorBody},
            429: {"model": ErrorBody},
            503: {"model": ErrorBody},
        },
    )
    app.state.prorl = state
    _install_error_handlers(app, state)
    _install_middleware(app, state)
    _install_routes(app, state)
    return app


class _State:
    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.admission = _Admission(config.max_queue)
        self.executor = ThreadPoolExecutor(max_workers=max(4, 4 * (config.workers or 2)))
        self.metrics = Metrics(lambda: self.admission.depth, lambda: shared_pool(config.workers).replaced)
        self.draining = False
        self._backends: dict[str, bool] | None = None

    def sandbox_backends(self) -> dict[str, bool]:
        if self._backends is None:
            from sandbox.doctor import diagnose

            self._backends = {c.backend: c.usable for c in diagnose(trial=False)}
        return self._backends

    async def score(self, items: list[VerifyItem], timeout_s: float | None) -> list[Verdict]:
        """Admit, score in a thread (the pool blocks), release; a full queue raises Backpressure."""
        self.admission.admit(len(items))
        try:
            raw = [item.as_batch_item() for item in items]
            loop = asyncio.get_running_loop()
            verdicts = await loop.run_in_executor(
                self.executor, lambda: verify_batch(raw, workers=self.config.workers, timeout_s=timeout_s)
            )
        finally:
            self.admission.done(len(items))
        self.metrics.observe_verdicts([item.kind() for item in items], verdicts)
        return verdicts


def _install_error_handlers(app: FastAPI, state: _State) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, _phrase(exc.status_code), exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        return _error(422, "invalid request", problems)

    @app.exception_handler(Backpressure)
    async def full(request: Request, exc: Backpressure) -> JSONResponse:
        retry = str(state.config.retry_after_s)
        return _error(429, "too many requests", str(exc), {"Retry-After": retry})

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal error", f"{type(exc).__name__}: {exc}"[:2000])


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return "error"


def _install_middleware(app: FastAPI, state: _State) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Any:
        start = time.perf_counter()
        endpoint = request.url.path
        if state.draining:
            response = _error(
                503, "shutting down", "the server is draining; retry on another", {"Retry-After": "1"}
            )
        else:
            response = await _limited(request, call_next, state.config.max_body_bytes)
        state.metrics.observe_request(endpoint, response.status_code, time.perf_counter() - start)
        return response


async def _limited(request: Request, call_next: Any, limit: int) -> Any:
    """413 before reading a body whose declared length is over `limit`, or as soon as one grows past it."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return _error(413, "request too large", f"body of {declared} bytes exceeds max_body_bytes={limit}")
    if request.method in ("POST", "PUT", "PATCH"):
        size = 0
        chunks = []
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                return _error(413, "request too large", f"body exceeds max_body_bytes={limit}")
            chunks.append(chunk)
        request._body = b"".join(chunks)  # starlette reuses a read body for the route
    return await call_next(request)


def _install_routes(app: FastAPI, state: _State) -> None:
    bearer = HTTPBearer(auto_error=False)

    def authorized(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        token = state.config.token
        if token is None:
            return
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
            raise HTTPException(403, "wrong bearer token")

    auth = [Depends(authorized)]

    @app.post("/verify", response_model=Verdict, dependencies=auth)
    async def verify_one(item: VerifyItem) -> Verdict:
        """Score one completion; the verdict says why it got its reward."""
        return (await state.score([item], item.timeout_s))[0]

    @app.post("/verify/batch", response_model=BatchResponse, dependencies=auth)
    async def verify_many(body: BatchRequest) -> BatchResponse:
        """Score many completions; verdict i belongs to item i."""
        limit, name = min((state.config.max_batch, "max_batch"), (state.config.max_queue, "max_queue"))
        if len(body.items) > limit:  # a batch over max_queue could never be admitted: 413, not 429
            raise HTTPException(413, f"batch of {len(body.items)} items exceeds {name}={limit}")
        return BatchResponse(verdicts=await state.score(body.items, body.timeout_s))

    @app.post(
        "/sample", response_model=SampleResponse, dependencies=auth, responses={404: {"model": ErrorBody}}
    )
    async def sample(body: SampleRequest) -> SampleResponse:
        """Tasks from one env or a mixture, reproducible for a seed."""
        if body.n > state.config.max_sample:
            raise HTTPException(413, f"n={body.n} exceeds max_sample={state.config.max_sample}")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(state.executor, body.run)

    @app.get("/envs", response_model=list[EnvInfo], dependencies=auth)
    async def list_envs() -> list[EnvInfo]:
        """Every registered environment."""
        return EnvInfo.all()

    @app.get("/health", response_model=Health)
    async def health() -> Health:
        """Liveness, the verifier kinds, which sandbox backends work here, and the queue."""
        return Health(
            status="draining" if state.draining else "ok",
            kinds=known_kinds(),
            sandbox_backends=state.sandbox_backends(),
            queue_depth=state.admission.depth,
            queue_limit=state.config.max_queue,
            workers=shared_pool(state.config.workers).size,
        )

    @app.get("/metrics", response_class=PlainTextResponse, dependencies=auth)
    async def metrics() -> PlainTextResponse:
        """Prometheus text format: requests, verdicts by kind and status, latencies, queue, restarts."""
        body, content_type = state.metrics.render()
        return PlainTextResponse(body, media_type=content_type)
