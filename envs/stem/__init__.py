"""STEM QA envs: generated physics/chemistry/biology problems, or GPQA / SCP-116K / MCQ files."""

from envs.registry import register
from envs.stem.env import TOPICS, StemConfig, StemDatasetEnv, StemEnv, make_stem

register(
    "stem",
    make_stem,
    domain="stem",
    verifier="mixed",
    description="science problems, half multiple choice, half numeric answers with units",
    env_name="stem",
    kind="mixed",
)
register(
    "stem_mcq",
    make_stem,
    domain="stem",
    verifier="mcq",
    description="multiple-choice science problems with distractors from common mistakes (or GPQA files)",
    env_name="stem_mcq",
    kind="mcq",
)
register(
    "stem_numeric",
    make_stem,
    domain="stem",
    verifier="numeric",
    description="science problems answered as a number with a unit (or SCP-116K files)",
    env_name="stem_numeric",
    kind="numeric",
)

__all__ = ["TOPICS", "StemConfig", "StemDatasetEnv", "StemEnv", "make_stem"]
