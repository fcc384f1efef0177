"""STEM QA envs: generated physics/chemistry/biology problems, or GPQA / SCP-116K / MCQ files or hub sets.

Registration only: the problem templates load when `make` first builds a STEM env.
"""

from envs.registry import register

_VARIANTS = {
    "stem": ("mixed", "science problems, half multiple choice, half numeric answers with units"),
    "stem_mcq": (
        "mcq",
        "multiple-choice science problems with distractors from common mistakes (or GPQA files)",
    ),
    "stem_numeric": ("numeric", "science problems answered as a number with a unit (or SCP-116K files)"),
}
for _name, (_kind, _description) in _VARIANTS.items():
    register(
        _name,
        "envs.stem.env:StemEnv",
        config="envs.stem.env:StemConfig",
        data=("envs.stem.env:StemDatasetEnv", "envs.stem.env:StemDataConfig"),
        hidden=() if _kind == "mixed" else ("mcq_fraction",),
        domain="stem",
        verifier="mixed" if _kind == "mixed" else _kind,
        description=_description,
        env_name=_name,
        kind=_kind,
    )
