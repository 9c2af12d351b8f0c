"""Tone: the VADER compound sentiment score of a quote's content, in [-1, 1]."""

from __future__ import annotations

from functools import cache

# vaderSentiment ships no type information (and pyproject's mypy overrides do not list it).
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    # Building the analyzer reads its lexicon file: once per process.
    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    """VADER's compound score of `text` (0.0 for neutral or empty text)."""
    if not text.strip():
        return 0.0
    return round(float(_analyzer().polarity_scores(text)["compound"]), 4)


__all__ = ["tone"]
