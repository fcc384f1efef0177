"""Code environment family: `code` (bundled problems or the user's public-format files; multi-turn option)."""

from envs.code.env import CodeConfig, CodeEnv, feedback
from envs.registry import register

__all__ = ["CodeConfig", "CodeEnv", "feedback"]

register(
    "code",
    CodeEnv,
    domain="code",
    verifier="code",
    description="programs run against hidden tests in the sandbox (bundled set, APPS/TACO, PRIME, CodeContests, LCB, HumanEval, MBPP)",
)
