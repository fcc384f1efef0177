"""Verifiers: typed, trustworthy rewards for model completions, each under a hard timeout."""

from verifiers.batch import verify, verify_batch, verify_task, warmup
from verifiers.pool import VerifierPool, shared_pool
from verifiers.registry import get_verifier, known_kinds, register_verifier, verify_local
from verifiers.types import Status, Task, Verdict

__all__ = [
    "Status",
    "Task",
    "Verdict",
    "VerifierPool",
    "get_verifier",
    "known_kinds",
    "register_verifier",
    "shared_pool",
    "verify",
    "verify_batch",
    "verify_local",
    "verify_task",
    "warmup",
]
