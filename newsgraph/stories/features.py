"""What an article is compared by: the words of its title and lead, and its actors.

A story is a development ("the US, Britain and France strike Syria"), not a topic ("Syria"):
the title and the first paragraphs say what happened, while the body drifts into background
shared by every article on the topic. So the words come from the title (counted twice: it
is the densest summary) and the lead only; the actors (canonical ids, the same real-world
actor in every article) come from the whole article, weighted by how often it names them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date
from functools import cache

from newsgraph.model import Entity

# Words of the text after the title that count as its lead: about the first two or three
# paragraphs of a news article.
LEAD_WORDS = 120
TITLE_WEIGHT = 2.0
# Actor types that say who is involved; DATE-like and WORK_OF_ART entities do not.
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"})
WORD_PREFIX = "w:"
ACTOR_PREFIX = "a:"

# Letters with inner apostrophes or hyphens ("Jong-un", "Panmunjom"); digits are left out:
# counts and years are shared by unrelated articles and differ between reports of one.
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE_RE = re.compile(r"['’]s$")


@cache
def _stop_words() -> frozenset[str]:
    # spaCy's English list, imported on first use: reading stories must not load spaCy.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    """Lower-cased content words of `text`: no stop words, no words under three letters."""
    found = []
    stop_words = _stop_words()
    for match in _WORD_RE.finditer(text):
        word = _POSSESSIVE_RE.sub("", match.group().lower()).replace("’", "'")
        if len(word) >= 3 and word not in stop_words:
            found.append(word)
    return found


def lead(title: str | None, text: str, limit: int = LEAD_WORDS) -> str:
    """The first `limit` words of `text`, after the title when the text repeats it."""
    body = text
    if title and body.lstrip().startswith(title.strip()):
        body = body.lstrip()[len(title.strip()) :]
    return " ".join(body.split()[:limit])


def actor_key(type_: str, name: str, canonical_id: str | None) -> str | None:
    """The term of an actor: its canonical id (else type and name); None for entity types
    that are not actors."""
    if type_ not in ACTOR_TYPES:
        return None
    return ACTOR_PREFIX + (canonical_id or f"{type_}:{name.lower()}")


def actor_counts(entities: list[Entity]) -> dict[str, int]:
    """Mentions of each actor of an article, by actor term."""
    counts: Counter[str] = Counter()
    for entity in entities:
        key = actor_key(entity.type, entity.name, entity.canonical_id)
        if key is not None and entity.mentions:
            counts[key] += len(entity.mentions)
    return dict(counts)


def article_terms(title: str | None, text: str, actors: dict[str, int]) -> dict[str, float]:
    """Raw term weights of an article: its title and lead words, and `actors` (mentions by
    actor term, see :func:`actor_counts`)."""
    terms: defaultdict[str, float] = defaultdict(float)
    for word in words(title or ""):
        terms[WORD_PREFIX + word] += TITLE_WEIGHT
    for word in words(lead(title, text)):
        terms[WORD_PREFIX + word] += 1.0
    for key, mentions in actors.items():
        terms[key] += float(mentions)
    return dict(terms)


def article_day(published: str | None, fallback: str) -> int:
    """The article's day as an ordinal: its publication date, else `fallback` (the day it
    was stored), for inputs that carry no date."""
    for value in (published, fallback):
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10]).toordinal()
            except ValueError:
                continue
    return date.fromisoformat(fallback[:10]).toordinal()


def tfidf(terms: dict[str, float], df: dict[str, int], articles: int) -> dict[str, float]:
    """Unit-length TF-IDF vector: sublinear term weight (1 + ln w) times smoothed IDF."""
    vector = {}
    for term, weight in terms.items():
        idf = math.log((articles + 1) / (df.get(term, 0) + 1)) + 1.0
        vector[term] = (1.0 + math.log(weight)) * idf if weight >= 1 else weight * idf
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)


__all__ = [
    "ACTOR_PREFIX",
    "ACTOR_TYPES",
    "LEAD_WORDS",
    "WORD_PREFIX",
    "actor_counts",
    "actor_key",
    "article_day",
    "article_terms",
    "cosine",
    "lead",
    "tfidf",
    "words",
]
