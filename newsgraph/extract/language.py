"""Language identification with py3langid (offline, ships its own model)."""

from __future__ import annotations

from functools import cache
from typing import Any

# Below this many letters the identifier guesses; a declared language is then better.
MIN_LETTERS = 40
MIN_CONFIDENCE = 0.8
SHORT_TEXT_CONFIDENCE = 0.9


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of `text`'s language; `declared` (e.g. an HTML lang) when the
    identifier is unsure; None when neither knows."""
    declared_code = _primary(declared)
    sample = text[:5000]
    language, confidence = _identifier().classify(sample)
    # A sentence or two full of names fools the identifier ("pcm" at 0.1 for an English
    # sentence about Tokayev): an unsure answer is no answer.
    short = sum(ch.isalpha() for ch in sample) < MIN_LETTERS
    if confidence < (SHORT_TEXT_CONFIDENCE if short else MIN_CONFIDENCE):
        return declared_code
    return str(language)


def _primary(tag: str | None) -> str | None:
    """ "en-US" → "en"."""
    if not tag:
        return None
    code = tag.strip().lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


__all__ = ["detect_language"]
