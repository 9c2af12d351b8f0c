"""Which stored events an export covers: a date range, modalities, types, and (when the
story layer has merged the articles' events) one member per merged event."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from newsgraph.export.tables import date_bounds, table_names

MODALITIES = ("asserted", "negated", "future", "hypothetical")


@dataclass(frozen=True)
class EventFilter:
    """`since`/`until` bound the event date (ISO 8601 dates or weeks; an `until` of "2024-07"
    includes July); `types` are PLOVER types ("CONSULT") or CAMEO code prefixes ("04");
    `merged` counts an event that several articles report once, where stories merged it."""

    since: str | None = None
    until: str | None = None
    modalities: tuple[str, ...] = ("asserted",)
    types: tuple[str, ...] = field(default_factory=tuple)
    merged: bool = True


@dataclass(frozen=True)
class EventSql:
    """Pieces of a query over ``events ev``: joins (``me`` is the merged event, when
    merging), a WHERE clause and its parameters, and whether merged counts are available."""

    joins: str
    where: str
    params: list[object]
    merged: bool


def event_sql(conn: sqlite3.Connection, chosen: EventFilter) -> EventSql:
    """The joins and conditions that select the events `chosen` describes."""
    where, params = date_bounds("ev.date", chosen.since, chosen.until)
    clauses = [where.removeprefix("WHERE ")] if where else []
    clauses.append(f"ev.modality IN ({', '.join('?' for _ in chosen.modalities)})")
    params += list(chosen.modalities)
    if chosen.types:
        clauses.append(f"({' OR '.join(_type_clause(t) for t in chosen.types)})")
        params += [_type_param(t) for t in chosen.types]
    merged = chosen.merged and "merged_events" in table_names(conn)
    joins = ""
    if merged:
        joins = (
            " LEFT JOIN merged_event_members m ON m.article_id = ev.article_id"
            " AND m.event_id = ev.event_id LEFT JOIN merged_events me ON me.id = m.merged_id"
        )
        # A merged event stands for all its members: keep its earliest member only.
        clauses.append(
            "(me.id IS NULL OR (ev.article_id, ev.event_id) = (SELECT f.article_id, f.event_id"
            " FROM merged_event_members f WHERE f.merged_id = me.id"
            " ORDER BY f.day, f.article_id, f.event_id LIMIT 1))"
        )
    return EventSql(joins, f"WHERE {' AND '.join(clauses)}", params, merged)


def _type_clause(value: str) -> str:
    return "ev.cameo LIKE ?" if value.strip().isdigit() else "ev.type = ?"


def _type_param(value: str) -> str:
    value = value.strip()
    return value + "%" if value.isdigit() else value.upper()
