"""When an event happened: the time expression that modifies its trigger, resolved
against the publication date.

Time expressions are found with patterns over the sentence (spaCy's DATE entities miss
"Wednesday evening" parts and mis-span others), kept only when the dependency tree attaches
them to the trigger or to the trigger's clause, and resolved relative to the publication
date: "on Wednesday" is the most recent Wednesday on or before it for a past event and the
next one for a future event; "last month" keeps month precision ("2024-06"), "last week" is
an ISO week ("2024-W26"). Expressions that are not the event's time are skipped: spans
("since 2014", "until March"), deadlines ("by 2030"), durations ("for the past year"),
modifiers of other nouns ("the 2008 crisis") and birth dates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.model import Span
from newsgraph.nlp.events.timex import Timex, find_timexes, is_absolute, resolve_timex


@dataclass(frozen=True)
class EventDate:
    """ISO 8601 `value` at the precision the text gives ("2024-07-03", "2024-W27",
    "2024-07", "2024"); `source` is "text" (from the words at `span`), "published", or None
    (no date at all)."""

    value: str | None
    source: str | None
    span: Span | None


# Clause heads whose complement happens later: "plans to visit", "is due to sign".
_FUTURE_HEADS = frozenset(
    {"plan", "intend", "expect", "schedule", "set", "due", "prepare", "aim", "hope", "want"}
)
# Modals put the event after the time of writing ("would" reports a future in the past).
_FUTURE_AUX = frozenset(
    {"will", "'ll", "shall", "wo", "would", "could", "may", "might", "can", "should", "must"}
)
# Dependency labels by which a time expression modifies a noun rather than a clause.
_NOUN_MODIFIER = frozenset({"compound", "poss", "nmod", "amod", "nummod", "appos"})


def resolve_event_date(
    text: str, doc: Any, sentence: Span, trigger: Span, published: datetime.date | None
) -> EventDate:
    """The date of the event whose trigger is at `trigger` in sentence `sentence`: the time
    expression attached to the trigger (or nearest in its clause), resolved against
    `published` (without it, only a date that names its year: "on 3 March 2021"); else the
    publication date; else no date."""
    chosen = _choose(text, doc, sentence, trigger, published)
    if chosen is not None:
        return chosen
    if published is not None:
        return EventDate(published.isoformat(), "published", None)
    return EventDate(None, None, None)


def _choose(
    text: str, doc: Any, sentence: Span, trigger: Span, published: datetime.date | None
) -> EventDate | None:
    timexes = _timexes_in(text[sentence[0] : sentence[1]])
    if published is None:
        # Without a publication date only dates that carry their year can be resolved.
        timexes = tuple(t for t in timexes if is_absolute(t))
    if not timexes:
        return None
    trigger_token = _token_at(doc, trigger)
    future = _is_future(trigger_token) if trigger_token is not None else False
    present = _is_simple_present(trigger_token) if trigger_token is not None else False
    ranked: list[tuple[int, int, EventDate]] = []
    for timex in timexes:
        span = (sentence[0] + timex.start, sentence[0] + timex.end)
        score = _attachment(doc, span, trigger_token)
        if score is None:
            continue
        # "meets Thursday" is a schedule ("The summit opens Thursday"); "is seen on
        # September 13" in a caption is past: the simple present looks ahead for weekdays.
        ahead = future or (present and timex.kind == "weekday")
        value = resolve_timex(timex, published or datetime.date(timex.year or 1, 1, 1), ahead)
        if value is not None:
            distance = min(abs(span[0] - trigger[1]), abs(trigger[0] - span[1]))
            ranked.append((score, distance, EventDate(value, "text", span)))
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


@lru_cache(maxsize=4096)
def _timexes_in(sentence_text: str) -> tuple[Timex, ...]:
    # Several events share a sentence: find its time expressions once.
    return tuple(find_timexes(sentence_text))


# ---------------------------------------------------------------- the dependency tree


def _token_at(doc: Any, span: Span) -> Any:
    """The syntactic head of the tokens covering `span` (None when nothing aligns)."""
    if doc is None:
        return None
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    return tokens.root if tokens is not None and len(tokens) else None


def _is_clause_head(token: Any) -> bool:
    return bool(token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound", "aux"))


def _clause_of(token: Any) -> Any:
    """The verb heading the clause a token belongs to (the sentence root at worst)."""
    while not _is_clause_head(token) and token.head.i != token.i:
        token = token.head
    return token


def _attachment(doc: Any, span: Span, trigger: Any) -> int | None:
    """How closely the time expression at `span` modifies the trigger: 0 attached to the
    trigger itself, 1 in its clause, 2 in a clause coordinated with it; None for another
    clause, or a modifier of another noun ("the 2008 crisis")."""
    if trigger is None:
        return 1  # no tree to go by: nearest in the sentence
    root = _token_at(doc, span)
    if root is None or root.i == trigger.i:
        return None if root is None else 0
    head = root.head.head if root.dep_ == "pobj" else root.head
    if _born(head):
        return None
    if root.dep_ in _NOUN_MODIFIER and root.head.pos_ in ("NOUN", "PROPN"):
        return 0 if root.head.i == trigger.i else None
    token = head
    while True:
        if token.i == trigger.i:
            return 0
        if _is_clause_head(token) or token.head.i == token.i:
            break
        token = token.head
    trigger_clause = _clause_of(trigger)
    if token.i == trigger_clause.i:
        return 1
    if _coordinated(token, trigger_clause):
        return 2
    return None


def _coordinated(first: Any, second: Any) -> bool:
    """Whether two clauses are conjuncts ("met on Tuesday and signed a deal")."""
    return bool(
        (first.dep_ == "conj" and first.head.i == second.i)
        or (second.dep_ == "conj" and second.head.i == first.i)
    )


def _born(token: Any) -> bool:
    return bool(token.lower_ == "born" or (token.dep_ == "acl" and token.lemma_ == "bear"))


_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# "is scheduled for Friday", "are due to meet", "is set to sign".
_SCHEDULED = frozenset({"due", "set", "scheduled", "expected", "planned", "slated", "poised"})


def _is_future(trigger: Any) -> bool:
    """Whether the event lies after the time of writing: "will meet", "could take place",
    "plans to visit", "is due to sign", "is going to". A bare present tense does not count:
    captions and headlines tell past events in it ("Damage is seen on September 13")."""
    clause = _clause_of(trigger)
    for verb in (trigger, clause, clause.head if clause.dep_ == "xcomp" else clause):
        if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_HEADS:
            return True
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lemma_ == "have" for a in auxes):
            return False  # "could have met", "has agreed to meet"
        if verb.lower_ in _SCHEDULED and any(a.tag_ in _PRESENT_TAGS for a in auxes):
            return True
        if any(a.lower_ in _FUTURE_AUX for a in auxes):
            return True
        if any(a.lower_ == "going" for a in auxes) and any(a.lower_ == "to" for a in auxes):
            return True
    return False


def _is_simple_present(trigger: Any) -> bool:
    """An active simple present clause ("meets", "open"), not a passive or progressive."""
    clause = _clause_of(trigger)
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return bool(clause.tag_ in _PRESENT_TAGS and not auxes)


__all__ = ["EventDate", "resolve_event_date"]
