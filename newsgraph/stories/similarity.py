"""How alike two articles' reports are (pure functions over their features).

The similarity of two articles is a weighted sum of cosines, one per channel of their
terms (see :mod:`~newsgraph.stories.features`): title words, title-and-lead words, body
words, actors, and events with their places and days; plus a bonus for the quotations they
share; scaled down by the days between them. Each channel is a TF-IDF vector of its own,
so that many weak terms of one kind (an article with thirty coded events) cannot drown the
few strong ones of another (a shared rare name in the title). The weights were fitted on
the tuning sets (logistic regression of "same story" on the channels' cosines, pairs at
most a week apart, with real dates and with every date moved into one week).

- IDF comes from the document frequencies of the grouped articles, kept in the store as
  articles arrive (``story_term_df``): a word every report of the week uses separates
  nothing, a rare name or a rare event separates a lot.
- A shared quotation shingle is strong evidence only when it is rare: a phrase a hundred
  articles quote ("fire and fury") is a slogan, not one development's wording.
- Time: reports of one development mostly come within a day or two, but a feed or a crawl
  may date them by when it fetched them. Reports a day apart or less get a small bonus
  (`near_bonus`), the similarity is kept whole up to `full_days` and halves every
  `half_life_days` after: mild enough that reports dated days apart are still grouped by
  what they say (with every date moved into one week, see eval/stories.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsgraph.stories.features import StoryFeatures

# The channel of each term prefix, and each channel's weight in the similarity.
CHANNELS = {
    "t:": "t",
    "w:": "w",
    "b:": "b",
    "a:": "a",
    "e:": "e",
    "p:": "e",
    "d:": "e",
    "n:": "n",
}
DEFAULT_CHANNEL_WEIGHTS = {"t": 0.12, "w": 0.45, "b": 0.16, "a": 0.26, "e": 0.03, "n": 0.05}


@dataclass(frozen=True)
class SimilaritySettings:
    """The weights of the similarity (defaults chosen on the tuning sets, eval/stories.py)."""

    channel_weights: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_CHANNEL_WEIGHTS)
    )
    quote_weight: float = 0.05  # added for quotations shared in full (see quote_score)
    quote_saturation: int = 2  # shared (sampled) shingles that make a shared quotation
    quote_max_df: int = 20  # shingles quoted by more articles than this are slogans
    near_days: int = 1
    near_bonus: float = 0.3
    full_days: int = 2
    half_life_days: float = 3.0
    # The similarity is multiplied by this when both articles' leads name the day of
    # their events and they name no day in common (see day_factor). Off: at 0.4 it lifted
    # the dense week on the tuning set (pairwise 0.336 -> 0.388) but cost the check set
    # real-date pairwise 0.593 -> 0.557 (eval/stories_tune.py), continuing coverage naming
    # the next day; a shared named day (channel "n") is kept instead.
    day_conflict: float = 1.0


def idf(df: int, articles: int) -> float:
    """Smoothed inverse document frequency."""
    return math.log((articles + 1) / (df + 1)) + 1.0


def vectors(
    terms: Mapping[str, float], df: Mapping[str, int], articles: int
) -> dict[str, dict[str, float]]:
    """One unit-length TF-IDF vector per channel: sublinear term weight (1 + ln w, or w
    below 1) times IDF. Terms of no channel are left out."""
    channels: dict[str, dict[str, float]] = {}
    for term, weight in terms.items():
        channel = CHANNELS.get(term[:2])
        if channel is None or weight <= 0:
            continue
        tf = 1.0 + math.log(weight) if weight >= 1 else weight
        channels.setdefault(channel, {})[term] = tf * idf(df.get(term, 0), articles)
    for vector in channels.values():
        norm = math.sqrt(sum(v * v for v in vector.values()))
        for term in vector:
            vector[term] /= norm
    return channels


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


def quote_score(
    a: frozenset[str], b: frozenset[str], df: Mapping[str, int], settings: SimilaritySettings
) -> float:
    """0..1: the rare quotation shingles two articles share, saturating at
    `quote_saturation` (of the sampled shingles: a quoted sentence of ten words or so)."""
    if not a or not b:
        return 0.0
    shared = sum(1 for s in a & b if df.get(s, 0) <= settings.quote_max_df)
    return min(1.0, shared / settings.quote_saturation)


def time_factor(days_apart: int, settings: SimilaritySettings) -> float:
    """1 + `near_bonus` within `near_days`, 1 within `full_days`, then halving every
    `half_life_days`."""
    days = abs(days_apart)
    if days <= settings.near_days:
        return 1.0 + settings.near_bonus
    extra = days - settings.full_days
    return 1.0 if extra <= 0 else 0.5 ** (extra / settings.half_life_days)


def day_factor(
    a: Mapping[str, float] | None, b: Mapping[str, float] | None, settings: SimilaritySettings
) -> float:
    """`day_conflict` when both articles name days for their lead's events (``n:``
    vectors `a` and `b`) and none is the same, else 1: reports of one development name
    its day alike."""
    if not a or not b or settings.day_conflict == 1.0:
        return 1.0
    return 1.0 if any(day in b for day in a) else settings.day_conflict


@dataclass(frozen=True)
class Prepared:
    """An article ready to compare: its channels' vectors, its shingles and its day."""

    vectors: dict[str, dict[str, float]]
    shingles: frozenset[str]
    day: int


def prepare(
    features: StoryFeatures,
    day: int,
    df: Mapping[str, int],
    articles: int,
    settings: SimilaritySettings,
) -> Prepared:
    return Prepared(vectors(features.terms, df, articles), features.shingles, day)


def similarity(
    a: Prepared, b: Prepared, df: Mapping[str, int], settings: SimilaritySettings
) -> float:
    """How alike two prepared articles are: the channels' weighted cosines plus shared
    quotations, times the time factor."""
    score = settings.quote_weight * quote_score(a.shingles, b.shingles, df, settings)
    for channel, weight in settings.channel_weights.items():
        mine, other = a.vectors.get(channel), b.vectors.get(channel)
        if mine and other:
            score += weight * cosine(mine, other)
    named = day_factor(a.vectors.get("n"), b.vectors.get("n"), settings)
    return score * time_factor(a.day - b.day, settings) * named


def terms_of(features: Iterable[StoryFeatures]) -> set[str]:
    """Every term and shingle of `features` (those whose frequencies a comparison needs)."""
    found: set[str] = set()
    for f in features:
        found.update(f.terms)
        found.update(f.shingles)
    return found


__all__ = [
    "CHANNELS",
    "DEFAULT_CHANNEL_WEIGHTS",
    "Prepared",
    "SimilaritySettings",
    "cosine",
    "day_factor",
    "idf",
    "prepare",
    "quote_score",
    "similarity",
    "terms_of",
    "time_factor",
    "vectors",
]
