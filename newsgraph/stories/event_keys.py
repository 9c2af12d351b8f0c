"""When two reported events are the same real event (pure functions).

GDELT counts one real event reported by 300 articles as 300 events. Here events are the
same when they have the same PLOVER type, the same actors (a signature of their keys), a
compatible place (the same country when both name one) and day dates at most one day apart
(reports written on either side of midnight, or in different time zones, date one event a
day apart), and no merged event spans more than three days. An event the text dates only
by month or year ("in June") is never merged: it would join every event of its kind that
month, and bridge them into one.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from newsgraph.stories.clusters import components

# Types where "X met Y" and "Y met X" (or "X and Y met") are one event: the sides are
# compared as one set (PLOVER codes symmetric events with both actors as sources).
RECIPROCAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
DATE_SLACK_DAYS = 1
# The widest a merged event may be: its members within a day of its middle day.
MAX_SPAN_DAYS = 2 * DATE_SLACK_DAYS


@dataclass(frozen=True)
class EventActorKey:
    """One actor of an event as the merge compares it."""

    side: str  # "source" or "target"
    canonical_id: str | None
    code: str | None
    name: str

    @property
    def key(self) -> str:
        """The same real-world actor (canonical id), else the same code, else the name."""
        if self.canonical_id:
            return self.canonical_id
        if self.code:
            return f"code:{self.code}"
        return f"name:{' '.join(self.name.lower().split())}"


@dataclass(frozen=True)
class EventRef:
    """An asserted event of one article, with what the merge compares."""

    article_id: str
    event_id: str
    type: str
    signature: str
    first_day: int
    last_day: int
    country: str | None

    @property
    def day_precise(self) -> bool:
        return self.first_day == self.last_day


def signature(type_: str, actors: list[EventActorKey]) -> str | None:
    """The actors' part of the merge key; None when the event names no actor (such an
    event cannot be told apart from another of its type and is never merged)."""
    if not actors:
        return None
    if type_ in RECIPROCAL_TYPES:
        return "<>".join(sorted({a.key for a in actors}))
    sources = sorted({a.key for a in actors if a.side == "source"})
    targets = sorted({a.key for a in actors if a.side == "target"})
    return "|".join(sources) + ">" + "|".join(targets)


def day_range(value: str | None) -> tuple[int, int] | None:
    """First and last day (ordinals) an ISO date covers: a day, a month or a year."""
    if not value:
        return None
    try:
        if len(value) >= 10:
            day = date.fromisoformat(value[:10]).toordinal()
            return day, day
        year = int(value[:4])
        if len(value) >= 7:
            month = int(value[5:7])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).toordinal(), date(year, month, last).toordinal()
        return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    except ValueError:
        return None


def same_event(a: EventRef, b: EventRef) -> bool:
    """Same type and actors, day dates at most a day apart, countries not in conflict."""
    if a.type != b.type or a.signature != b.signature:
        return False
    if not (a.day_precise and b.day_precise):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return (
        a.first_day - DATE_SLACK_DAYS <= b.last_day and b.first_day - DATE_SLACK_DAYS <= a.last_day
    )


def merge_groups(events: list[EventRef]) -> list[list[EventRef]]:
    """The events grouped into real events, in the order of their earliest member: the
    connected groups of :func:`same_event`, each cut into runs of days no wider than
    `MAX_SPAN_DAYS`, so that daily reports of like events ("the US struck Syria" on
    Thursday, Friday, Saturday ...) cannot chain into one event. The result does not depend
    on the input order."""
    ordered = sorted(events, key=_order)
    by_signature: dict[tuple[str, str], list[EventRef]] = {}
    for event in ordered:
        by_signature.setdefault((event.type, event.signature), []).append(event)
    pairs = [pair for same in by_signature.values() for pair in _linked_pairs(same)]
    return [run for group in components(ordered, pairs) for run in _day_runs(group)]


def _linked_pairs(events: list[EventRef]) -> list[tuple[EventRef, EventRef]]:
    """The pairs :func:`same_event` links among events of one type and signature, in day
    order, by a sweep: each event is compared only with earlier events whose days still
    reach it, and of those only with one per (country, days): events alike in both are
    linked to each other, so linking to one of them links to all. Linear in the number of
    events for a day's many reports of one event (quadratic pairs would not be)."""
    pairs: list[tuple[EventRef, EventRef]] = []
    reach: dict[tuple[str | None, int, int], EventRef] = {}
    for event in events:
        if not event.day_precise:
            continue  # never the same as another event
        reach = {k: a for k, a in reach.items() if a.last_day + DATE_SLACK_DAYS >= event.first_day}
        pairs += [(a, event) for a in reach.values() if same_event(a, event)]
        reach.setdefault((event.country, event.first_day, event.last_day), event)
    return pairs


def _day_runs(group: list[EventRef]) -> list[list[EventRef]]:
    """`group` (in day order) cut greedily from its earliest day into runs of days."""
    runs: list[list[EventRef]] = []
    for event in group:
        if runs and event.first_day - runs[-1][0].first_day <= MAX_SPAN_DAYS:
            runs[-1].append(event)
        else:
            runs.append([event])
    return runs


def _order(event: EventRef) -> tuple[int, str, str]:
    return event.first_day, event.article_id, event.event_id


__all__ = [
    "DATE_SLACK_DAYS",
    "MAX_SPAN_DAYS",
    "RECIPROCAL_TYPES",
    "EventActorKey",
    "EventRef",
    "day_range",
    "merge_groups",
    "same_event",
    "signature",
]
