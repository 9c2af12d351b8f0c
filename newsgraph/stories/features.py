"""What an article is compared by: what happened, who it is about, its distinctive words,
and the words it shares with other outlets' reports.

A story is a development ("the US, Britain and France strike Syria"), not a topic
("Syria"), and in a dense week many developments of one topic arrive together. So:

- words are lemmas: of the title alone (``t:``, the densest summary), of the title and the
  lead (``w:``, the title counted twice) and the body's most frequent ones (``b:``: the
  body drifts into background every article on the topic shares, but also repeats the
  development's particulars). The outlet's own name and host ("Fox", "CNN") are not words
  of its articles;
- actors (``a:``, canonical ids: the same real-world actor in every article) weigh by how
  central they are to the article: a mention in the title counts most, then one in the
  lead, then one further down; an actor quoted speaks for the article's subject;
- events (``e:``) are what happened: the PLOVER type with its target, and with its
  source, the place (``p:``) and a day the text names (``d:``, not the publication date);
- the day the title or lead says its events happened (``n:``): the weekday a relative
  expression names ("on Tuesday": ``n:wd:1``) or the month and day of a calendar date
  ("April 14": ``n:md:04-14``). Within one week two reports of a development name the same
  day and a neighbouring development ("the summit is back on", the day after "the summit is
  off") names another; kept without the year and without the publication date, so that
  they mean the same whatever date a feed gives the article;
- quotations (``q:``, hashed five-word shingles of what stands between quotation marks)
  are the wording every outlet copies from the same speaker: sharing one is strong
  evidence of one development, whichever outlets wrote the rest.

The weights here are raw; :mod:`~newsgraph.stories.similarity` turns them into vectors.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from urllib.parse import urlsplit

from newsgraph.model import Entity, Event, EventActor
from newsgraph.stories.lemmas import lemma

# Words of the text after the title that count as its lead: about the first two or three
# paragraphs of a news article.
LEAD_WORDS = 120
TITLE_WEIGHT = 2.0
BODY_TERMS = 50  # the body's most frequent lemmas kept
# An actor's weight: per mention in the title, in the lead, further down, and per quote
# it speaks (the body's mentions count sublinearly: see actor_weights).
ACTOR_TITLE, ACTOR_LEAD, ACTOR_BODY, ACTOR_SPEAKER = 3.0, 1.5, 1.0, 1.0
EVENT_LEAD_WEIGHT = 2.0  # an event told in the title or lead is what the article reports
SHINGLE_WORDS = 5
SHINGLE_SAMPLE = 3  # one shingle in three (by hash) is kept: a shared sentence keeps some
QUOTE_MIN_WORDS = 6  # shorter quotations are phrases ("red line"), not statements
# Actor types that say who is involved; DATE-like and WORK_OF_ART entities do not.
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW"})
TITLE_PREFIX, WORD_PREFIX, BODY_PREFIX = "t:", "w:", "b:"
ACTOR_PREFIX, EVENT_PREFIX = "a:", "e:"
PLACE_PREFIX, DAY_PREFIX, QUOTE_PREFIX = "p:", "d:", "q:"
NAMED_DAY_PREFIX = "n:"

# Letters with inner apostrophes or hyphens ("Jong-un", "Panmunjom"); digits are left out:
# counts and years are shared by unrelated articles and differ between reports of one.
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_POSSESSIVE_RE = re.compile(r"['’]s$")
# Text between double quotation marks (straight or curly), within one paragraph.
_QUOTATION_RE = re.compile(r"[\"“]([^\"“”\n]{20,}?)[\"”]")
_QUOTE_WORD_RE = re.compile(r"[^\W_]+")
# A date expression that names a calendar day ("April 14", "14/4") rather than a weekday
# or a relative day ("Tuesday", "yesterday").
_CALENDAR_RE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)


@cache
def _stop_words() -> frozenset[str]:
    # spaCy's English list, imported on first use: reading stories must not load spaCy.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass
class StoryFeatures:
    """The raw term weights of an article (prefixed terms, see the module docstring) and
    its quotation shingles."""

    terms: dict[str, float] = field(default_factory=dict)
    shingles: frozenset[str] = frozenset()


def words(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """Lemmas of the content words of `text`: no stop words, no words under three letters,
    none of `drop` (lower-cased words, compared before and after lemmatizing)."""
    found = []
    stop_words = _stop_words()
    for match in _WORD_RE.finditer(text):
        word = match.group().lower()
        if "'" in word or "’" in word:
            word = _POSSESSIVE_RE.sub("", word).replace("’", "'")
        if len(word) < 3 or word in stop_words or word in drop:
            continue
        base = lemma(word)
        if base not in stop_words and base not in drop:
            found.append(base)
    return found


def lead_span(title: str | None, text: str, limit: int = LEAD_WORDS) -> tuple[int, int]:
    """Where the lead is in `text`: from after the title (when the text repeats it) to
    the end of its `limit`-th word."""
    start = len(text) - len(text.lstrip())
    if title and text[start:].startswith(title.strip()):
        start += len(title.strip())
    end = start
    for count, match in enumerate(re.finditer(r"\S+", text[start:]), 1):
        end = start + match.end()
        if count >= limit:
            break
    return start, end


def outlet_words(source: str | None, url: str | None) -> frozenset[str]:
    """The words of an outlet's name and host: what its own articles say about themselves
    ("told Fox News", "(CNN)"), no evidence of what happened."""
    names = [source or ""]
    if url:
        host = urlsplit(url).hostname or ""
        names.append(re.sub(r"^www\.|\.(com|org|net|co\.uk|co|uk)$", "", host))
    return frozenset(w.lower() for name in names for w in _WORD_RE.findall(name))


def actor_key(type_: str, name: str, canonical_id: str | None) -> str | None:
    """The term of an actor: its canonical id (else type and name); None for entity types
    that are not actors."""
    if type_ not in ACTOR_TYPES:
        return None
    return ACTOR_PREFIX + (canonical_id or f"{type_}:{name.lower()}")


def actor_weights(
    entities: Iterable[Entity],
    title_end: int,
    lead_end: int,
    speakers: Iterable[str] = (),
    drop: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """Each actor's weight by where the article names it (title, lead, body: the body's
    mentions count as 1 + ln n) and how often it is quoted (`speakers`: entity ids).
    Actors whose name is made of `drop` words (the outlet itself) are left out."""
    spoken: defaultdict[str, int] = defaultdict(int)
    for speaker in speakers:
        spoken[speaker] += 1
    weights: defaultdict[str, float] = defaultdict(float)
    for entity in entities:
        key = actor_key(entity.type, entity.name, entity.canonical_id)
        if key is None or not entity.mentions:
            continue
        if drop and drop.issuperset(w.lower() for w in _WORD_RE.findall(entity.name)):
            continue
        body = sum(1 for start, _ in entity.mentions if start >= lead_end)
        weights[key] += sum(
            ACTOR_TITLE if start < title_end else ACTOR_LEAD
            for start, _ in entity.mentions
            if start < lead_end
        )
        weights[key] += ACTOR_BODY * (1.0 + math.log(body)) if body else 0.0
        weights[key] += ACTOR_SPEAKER * math.log1p(spoken[entity.id])
    return dict(weights)


def named_day(event: Event, text: str) -> str | None:
    """The day an event's own date expression names, as a term (see the module docstring):
    None when the text names no single day for it."""
    if event.date_source != "text" or not event.date or len(event.date) != 10:
        return None
    try:
        day = date.fromisoformat(event.date)
    except ValueError:
        return None
    span = text[event.date_span[0] : event.date_span[1]] if event.date_span else ""
    if _CALENDAR_RE.search(span):
        return f"{NAMED_DAY_PREFIX}md:{event.date[5:10]}"
    return f"{NAMED_DAY_PREFIX}wd:{day.weekday()}"


def event_terms(
    events: Iterable[Event], entities: Iterable[Entity], lead_end: int, text: str = ""
) -> dict[str, float]:
    """Terms of what happened: the type with each target and with each source (outlets
    agree on one side of an event more often than on both), its place, the day the text
    names (and, for events of the title and lead, that day without its year: ``n:``).
    Events told in the title or lead count double."""
    keys = {e.id: actor_key(e.type, e.name, e.canonical_id) or e.name.lower() for e in entities}
    terms: defaultdict[str, float] = defaultdict(float)
    for event in events:
        weight = EVENT_LEAD_WEIGHT if event.sentence[0] < lead_end else 1.0
        named = named_day(event, text) if event.sentence[0] < lead_end else None
        if named is not None:
            terms[named] += 1.0
        for target in _side_keys(event.target, keys):
            terms[f"{EVENT_PREFIX}{event.type}>{target}"] += weight
        for source in _side_keys(event.source, keys):
            terms[f"{EVENT_PREFIX}{event.type}<{source}"] += weight
        if event.location and event.location.name:
            terms[PLACE_PREFIX + event.location.name.lower()] += weight / 2
        if event.date_source == "text" and event.date and len(event.date) >= 10:
            terms[DAY_PREFIX + event.date[:10]] += weight / 2
    return dict(terms)


def _side_keys(side: list[EventActor], keys: dict[str, str]) -> list[str]:
    found = []
    for actor in side:
        key = keys.get(actor.entity or "") or (
            f"code:{actor.code}" if actor.code else f"name:{actor.name.lower()}"
        )
        found.append(key.removeprefix(ACTOR_PREFIX))
    return sorted(set(found))


def quotation_shingles(text: str) -> frozenset[str]:
    """Hashed five-word shingles of every quotation of six words or more in `text`; of
    those, the third whose hash is divisible by three: the same third in every article, so
    that two articles quoting one sentence share about a third of its shingles, and the
    store keeps a third of them."""
    shingles = set()
    for match in _QUOTATION_RE.finditer(text):
        tokens = [w.lower() for w in _QUOTE_WORD_RE.findall(match.group(1))]
        if len(tokens) < QUOTE_MIN_WORDS:
            continue
        for start in range(len(tokens) - SHINGLE_WORDS + 1):
            shingle = " ".join(tokens[start : start + SHINGLE_WORDS])
            digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=6).hexdigest()
            if int(digest, 16) % SHINGLE_SAMPLE == 0:
                shingles.add(QUOTE_PREFIX + digest)
    return frozenset(shingles)


def story_features(
    title: str | None,
    text: str,
    source: str | None = None,
    url: str | None = None,
    entities: Iterable[Entity] = (),
    events: Iterable[Event] = (),
    speakers: Iterable[str] = (),
) -> StoryFeatures:
    """The features of one article (`speakers`: the entity id of each quote's speaker)."""
    entities = list(entities)
    drop = outlet_words(source, url)
    lead_start, lead_end = lead_span(title, text)
    title_end = lead_start if lead_start > 0 else 0
    terms: defaultdict[str, float] = defaultdict(float)
    for word in words(title or "", drop):
        terms[TITLE_PREFIX + word] += 1.0
        terms[WORD_PREFIX + word] += TITLE_WEIGHT
    for word in words(text[lead_start:lead_end], drop):
        terms[WORD_PREFIX + word] += 1.0
    body = Counter(words(text[lead_end:], drop))
    for word, count in sorted(body.items(), key=lambda kv: (-kv[1], kv[0]))[:BODY_TERMS]:
        terms[BODY_PREFIX + word] += count
    for key, weight in actor_weights(entities, title_end, lead_end, speakers, drop).items():
        terms[key] += weight
    for key, weight in event_terms(events, entities, lead_end, text).items():
        terms[key] += weight
    return StoryFeatures(dict(terms), quotation_shingles(text))


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


__all__ = [
    "ACTOR_PREFIX",
    "ACTOR_TYPES",
    "BODY_PREFIX",
    "EVENT_PREFIX",
    "LEAD_WORDS",
    "NAMED_DAY_PREFIX",
    "QUOTE_PREFIX",
    "TITLE_PREFIX",
    "WORD_PREFIX",
    "StoryFeatures",
    "actor_key",
    "actor_weights",
    "article_day",
    "event_terms",
    "lead_span",
    "named_day",
    "outlet_words",
    "quotation_shingles",
    "story_features",
    "words",
]
