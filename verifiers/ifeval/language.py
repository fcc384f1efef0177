"""Deterministic, offline language identification (langdetect with its profiles loaded at import)."""

from __future__ import annotations

from functools import lru_cache

from langdetect import DetectorFactory, LangDetectException, detect
from langdetect.detector_factory import init_factory

# langdetect samples n-grams at random; a fixed seed makes the same text get the same language in
# every process (the reference left it unseeded, so its scores move between runs).
DetectorFactory.seed = 0
init_factory()  # load the 55 language profiles now: verifier workers are forked warm


@lru_cache(maxsize=256)
def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when langdetect finds no features (e.g. digits only)."""
    try:
        return str(detect(text))
    except LangDetectException:
        return None
