"""Code environment family: `code` (bundled problems, the user's public-format files or hub sets;
multi-turn option). Registration only: the env loads when `make` first builds it."""

from typing import Any

from envs.registry import register

__all__ = ["CodeConfig", "CodeEnv", "feedback"]


def __getattr__(name: str) -> Any:
    """`from envs.code import CodeEnv` and friends, loaded on first use."""
    if name not in __all__:
        raise AttributeError(f"module 'envs.code' has no attribute {name!r}")
    from envs.code import env

    return getattr(env, name)


register(
    "code",
    "envs.code.env:CodeEnv",
    config="envs.code.env:CodeConfig",
    domain="code",
    verifier="code",
    description="programs run against hidden tests in the sandbox (bundled set, APPS/TACO, PRIME, CodeContests, "
    "LCB, HumanEval, MBPP; files or hub ids)",
)
