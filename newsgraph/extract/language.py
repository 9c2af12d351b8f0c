"""Language identification with py3langid (offline, ships its own model)."""

from __future__ import annotations

from functools import cache
from typing import Any

# Below this many letters the identifier guesses; a declared language is then better.
MIN_LETTERS = 40
MIN_CONFIDENCE = 0.8


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, declared: str | None = None) -> str | None:
    """ISO 639-1 code of `text`'s language; `declared` (e.g. an HTML lang) breaks ties."""
    declared_code = _primary(declared)
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return declared_code
    language, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE and declared_code:
        return declared_code
    return str(language)


def _primary(tag: str | None) -> str | None:
    """ "en-US" → "en"."""
    if not tag:
        return None
    code = tag.strip().lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


__all__ = ["detect_language"]
