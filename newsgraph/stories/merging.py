"""Merged events in the store: each article's asserted events joined to the real events
they report (see :mod:`newsgraph.stories.event_keys` for when two events are the same).

A new event is compared only with the merged events of its type and actors whose dates
are close (an index on type, signature, first day); those and the new event are regrouped
together, so the result does not depend on arrival order. Negated, future and
hypothetical events did not happen: they are never merged or counted.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

from newsgraph.stories.clusters import group_id
from newsgraph.stories.event_keys import (
    DATE_SLACK_DAYS,
    EventActorKey,
    EventRef,
    day_range,
    merge_groups,
    signature,
)
from newsgraph.stories.features import article_day
from newsgraph.stories.grouping import StoryUpdate

MERGED_PREFIX = "ev_"


def merge_events(conn: sqlite3.Connection, article_ids: list[str], update: StoryUpdate) -> None:
    """Recount the merged events that lost members, then merge the events of each article
    not merged yet."""
    for (merged_id,) in conn.execute("SELECT merged_id FROM merged_events_dirty").fetchall():
        _remerge(conn, [str(merged_id)], [], update)
    new_refs: dict[tuple[str, str], list[EventRef]] = {}
    for article_id in dict.fromkeys(article_ids):
        if conn.execute(
            "SELECT 1 FROM merged_event_members WHERE article_id = ? LIMIT 1", (article_id,)
        ).fetchone():
            continue  # merged already: merging twice changes nothing
        for ref in _article_refs(conn, article_id):
            new_refs.setdefault((ref.type, ref.signature), []).append(ref)
    # All new events of one type and signature are merged with their stored matches at once:
    # one regrouping per signature and batch, not one per event.
    for refs in new_refs.values():
        matching = dict.fromkeys(m for ref in refs for m in _matching(conn, ref))
        _remerge(conn, list(matching), refs, update)
    # The rewrites above marked the merged events they replaced; all are counted now.
    conn.execute("DELETE FROM merged_events_dirty")
    update.merged_events = {m for m in update.merged_events if _exists(conn, m)}
    update.removed_merged_events -= update.merged_events


def _matching(conn: sqlite3.Connection, ref: EventRef) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT id FROM merged_events WHERE type = ? AND signature = ?"
            " AND first_day <= ? AND last_day >= ?",
            (
                ref.type,
                ref.signature,
                ref.last_day + DATE_SLACK_DAYS,
                ref.first_day - DATE_SLACK_DAYS,
            ),
        )
    ]


def _remerge(
    conn: sqlite3.Connection, merged_ids: list[str], new: list[EventRef], update: StoryUpdate
) -> None:
    """Replace `merged_ids` with the real events their members and `new` form."""
    refs = list(new)
    for merged_id in merged_ids:
        refs += [r for a, e in _members(conn, merged_id) if (r := _event_ref(conn, a, e))]
        conn.execute("DELETE FROM merged_event_members WHERE merged_id = ?", (merged_id,))
        if conn.execute("DELETE FROM merged_events WHERE id = ?", (merged_id,)).rowcount:
            update.removed_merged_events.add(merged_id)
    for group in merge_groups(refs):
        update.merged_events.add(_write_merged(conn, group))


def _members(conn: sqlite3.Connection, merged_id: str) -> list[tuple[str, str]]:
    return [
        (str(a), str(e))
        for a, e in conn.execute(
            "SELECT article_id, event_id FROM merged_event_members WHERE merged_id = ?",
            (merged_id,),
        )
    ]


def _article_refs(conn: sqlite3.Connection, article_id: str) -> list[EventRef]:
    refs = []
    for (event_id,) in conn.execute(
        "SELECT event_id FROM events WHERE article_id = ? AND modality = 'asserted'"
        " ORDER BY trigger_start, event_id",
        (article_id,),
    ).fetchall():
        ref = _event_ref(conn, article_id, str(event_id))
        if ref is not None:
            refs.append(ref)
    return refs


def _event_ref(conn: sqlite3.Connection, article_id: str, event_id: str) -> EventRef | None:
    row = conn.execute(
        "SELECT ev.type, ev.date, ev.location_country, ev.modality, a.published, a.decoded_at"
        " FROM events ev JOIN articles a ON a.id = ev.article_id"
        " WHERE ev.article_id = ? AND ev.event_id = ?",
        (article_id, event_id),
    ).fetchone()
    if row is None or row["modality"] != "asserted":
        return None
    actors = [
        EventActorKey(str(side), canonical, code, str(name))
        for side, canonical, code, name in conn.execute(
            "SELECT side, canonical_id, code, name FROM event_actors"
            " WHERE article_id = ? AND event_id = ? ORDER BY side, position",
            (article_id, event_id),
        )
    ]
    days = day_range(row["date"])
    if days is None:  # no date in the text: the report's own day
        day = article_day(row["published"], row["decoded_at"])
        days = (day, day)
    return EventRef(
        article_id=article_id,
        event_id=event_id,
        type=str(row["type"]),
        # An event without actors cannot be told apart from others: it stays alone.
        signature=signature(row["type"], actors) or f"solo:{article_id}:{event_id}",
        first_day=days[0],
        last_day=days[1],
        country=row["location_country"],
    )


def _write_merged(conn: sqlite3.Connection, group: list[EventRef]) -> str:
    """Write one merged event from its members (the earliest gives the id and actors)."""
    first = group[0]
    merged_id = group_id(MERGED_PREFIX, f"{first.article_id}:{first.event_id}")
    rows = [_member_row(conn, ref) for ref in group]
    cameo = _most_common([r["cameo"] for r in rows])
    goldstein = next((r["goldstein"] for r in rows if r["cameo"] == cameo), None)
    country = _most_common([r["location_country"] for r in rows])
    place = _most_common([r["location_name"] for r in rows if r["location_country"] == country])
    day_dates = [r["date"] for r in rows if r["date"] and len(r["date"]) >= 10]
    sides = _sides(conn, first)
    conn.execute(
        "INSERT INTO merged_events (id, type, signature, cameo, goldstein, source_codes,"
        " source_names, target_codes, target_names, date, first_day, last_day,"
        " location_country, location_name, mentions, articles, sources)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            merged_id,
            first.type,
            first.signature,
            cameo,
            goldstein,
            *sides,
            _most_common(day_dates) or _most_common([r["date"] for r in rows]),
            min(r.first_day for r in group),
            max(r.last_day for r in group),
            country,
            place,
            len(group),
            len({r.article_id for r in group}),
            len({row["source"] or ref.article_id for row, ref in zip(rows, group, strict=True)}),
        ),
    )
    conn.executemany(
        "INSERT INTO merged_event_members (merged_id, article_id, event_id, day)"
        " VALUES (?, ?, ?, ?)",
        [(merged_id, r.article_id, r.event_id, r.first_day) for r in group],
    )
    return merged_id


def _member_row(conn: sqlite3.Connection, ref: EventRef) -> sqlite3.Row:
    row: sqlite3.Row = conn.execute(
        "SELECT ev.cameo, ev.goldstein, ev.date, ev.location_country, ev.location_name,"
        " a.source FROM events ev JOIN articles a ON a.id = ev.article_id"
        " WHERE ev.article_id = ? AND ev.event_id = ?",
        (ref.article_id, ref.event_id),
    ).fetchone()
    return row


def _sides(conn: sqlite3.Connection, ref: EventRef) -> tuple[str, str, str, str]:
    """JSON lists of the source codes and names, then of the target's."""
    found: dict[str, tuple[list[str | None], list[str]]] = {
        "source": ([], []),
        "target": ([], []),
    }
    for side, code, name in conn.execute(
        "SELECT side, code, name FROM event_actors WHERE article_id = ? AND event_id = ?"
        " ORDER BY side, position",
        (ref.article_id, ref.event_id),
    ):
        found[str(side)][0].append(code)
        found[str(side)][1].append(str(name))
    (source_codes, source_names), (target_codes, target_names) = found["source"], found["target"]
    return (
        json.dumps(source_codes),
        json.dumps(source_names, ensure_ascii=False),
        json.dumps(target_codes),
        json.dumps(target_names, ensure_ascii=False),
    )


def _most_common(values: list[str | None]) -> str | None:
    """The most frequent non-empty value; ties go to the smallest, so that the result
    does not depend on the order of the members."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _exists(conn: sqlite3.Connection, merged_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM merged_events WHERE id = ?", (merged_id,)).fetchone()
    return row is not None


__all__ = ["MERGED_PREFIX", "merge_events"]
