"""Deterministic, offline language identification (langdetect with its profiles loaded at import)."""

from __future__ import annotations

from functools import lru_cache

from langdetect import DetectorFactory, LangDetectException, detect
from langdetect.detector_factory import init_factory

# langdetect samples n-grams at random; a fixed seed makes the same text get the same language in
# every process (the reference left it unseeded, so its scores move between runs).
DetectorFactory.seed = 0
init_factory()  # load the 55 language profiles now: verifier workers are forked warm


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when langdetect finds no features (e.g. digits only).

    Loose scoring asks about the same text several times, so short texts are cached; long ones are
    not, so a few huge completions cannot pin hundreds of megabytes.
    """
    return _cached(text) if len(text) <= _CACHE_MAX_CHARS else _detect(text)


_CACHE_MAX_CHARS = 20_000


def _detect(text: str) -> str | None:
    try:
        return str(detect(text))
    except LangDetectException:
        return None


_cached = lru_cache(maxsize=256)(_detect)
