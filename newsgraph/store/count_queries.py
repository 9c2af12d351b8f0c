"""Profile, dyad and timeline figures read from the record's counts (migration 0006).

Each function answers only what the counts answer exactly and returns None otherwise, so
the caller falls back to counting the events: an actor the counts do not key (a code
prefix longer than a country), date bounds finer than the period the counts are kept by
(a day), a timeline by day or of one actor's events of one type.
"""

from __future__ import annotations

from newsgraph.store.counts import COUNTRY, EVERYONE
from newsgraph.store.dates import date_bounds
from newsgraph.store.selectors import ActorSelector
from newsgraph.store.sqlite import Store

_WIDTHS = {"month": 7, "year": 4}

Row = tuple[object, ...]


def count_key(selector: ActorSelector) -> str | None:
    """The counts' name for the actor(s) `selector` selects, if they keep them."""
    if selector.canonical_id is not None:
        return selector.canonical_id
    if selector.code_prefix is not None and len(selector.code_prefix) == 3:
        return COUNTRY + selector.code_prefix
    return None


def _bounds(by: str, since: str | None, until: str | None) -> tuple[str, list[object]] | None:
    """Conditions on `period` equal to those on the event date, when they exist: the
    bounds no finer than the period ('2024-07' on months, '2024' on years)."""
    width = _WIDTHS.get(by)
    if width is None or any(b and len(b) > width for b in (since, until)):
        return None
    sql, params = date_bounds("period", since, until)
    if since or until:
        sql += " AND period <> ''"  # an undated event is in no period
    return sql, params


def type_counts(
    store: Store, selector: ActorSelector, side: str, since: str | None, until: str | None
) -> dict[str, int] | None:
    key, bounds = count_key(selector), _bounds("month", since, until)
    if key is None or bounds is None:
        return None
    rows = store.conn.execute(
        "SELECT type, SUM(events) FROM actor_months WHERE actor = ? AND side = ?"
        f" AND by = 'month'{bounds[0]} GROUP BY type ORDER BY 2 DESC, type",
        (key, side, *bounds[1]),
    )
    return {str(r[0]): int(r[1]) for r in rows}


def actor_periods(
    store: Store,
    selector: ActorSelector | None,
    type_: str | None,
    by: str,
    since: str | None,
    until: str | None,
) -> list[Row] | None:
    """(period, events, cooperation, conflict, goldstein, articles) of the events the
    actor is in (either side; every event without an actor), for each dated period."""
    key = EVERYONE if selector is None else count_key(selector)
    bounds = _bounds(by, since, until)
    if key is None or bounds is None or (type_ and key != EVERYONE):
        return None
    return store.conn.execute(
        "SELECT period, events, cooperation, conflict, goldstein, articles FROM actor_months"
        " WHERE actor = ? AND side = 'any' AND by = ? AND type = ? AND length(period) = ?"
        f"{bounds[0]} ORDER BY period",
        (key, by, type_.upper() if type_ else "*", _WIDTHS[by], *bounds[1]),
    ).fetchall()


def country_dyad_periods(
    store: Store,
    source: ActorSelector,
    target: ActorSelector,
    by: str,
    since: str | None,
    until: str | None,
) -> list[Row] | None:
    """The same for the events from one country's actors to another's."""
    bounds = _bounds(by, since, until)
    s_key, t_key = count_key(source), count_key(target)
    if bounds is None or not (s_key and t_key and s_key.startswith(COUNTRY)):
        return None
    if not t_key.startswith(COUNTRY):
        return None
    return store.conn.execute(
        "SELECT period, events, cooperation, conflict, goldstein, articles"
        " FROM country_dyad_months WHERE source = ? AND target = ? AND by = ?"
        f"{bounds[0]} ORDER BY period",
        (s_key[len(COUNTRY) :], t_key[len(COUNTRY) :], by, *bounds[1]),
    ).fetchall()


def mentions(store: Store, canonical_id: str) -> tuple[int, int]:
    """The actor's mentions and the articles with one."""
    row = store.conn.execute(
        "SELECT mentions, articles FROM actor_totals WHERE canonical_id = ?", (canonical_id,)
    ).fetchone()
    return (0, 0) if row is None else (int(row[0]), int(row[1]))


def roles(store: Store, canonical_id: str) -> list[Row]:
    """(role, first published, last published, mentions), the earliest role first."""
    return store.conn.execute(
        "SELECT role, MIN(NULLIF(published, '')), MAX(NULLIF(published, '')), SUM(mentions)"
        " FROM actor_roles WHERE canonical_id = ? GROUP BY lower(role)"
        " ORDER BY 2, 4 DESC, lower(role)",
        (canonical_id,),
    ).fetchall()


def relations(
    store: Store, selector: ActorSelector, since: str | None, until: str | None, limit: int
) -> list[Row] | None:
    """(counterpart, name, code, outgoing, incoming, cooperation, conflict, goldstein) of an
    actor's strongest relations over all time, strongest first."""
    key = count_key(selector)
    if since or until or key is None:
        return None
    # Only the counterparts at least as strong as the limit-th strongest (ties included).
    least = store.conn.execute(
        "SELECT rows FROM actor_relation_totals WHERE actor = ? ORDER BY rows DESC"
        " LIMIT 1 OFFSET ?",
        (key, limit - 1),
    ).fetchone()
    return store.conn.execute(
        "SELECT counterpart, MAX(name), MAX(NULLIF(code, '')),"
        " TOTAL(CASE side WHEN 'source' THEN rows END),"
        " TOTAL(CASE side WHEN 'target' THEN rows END),"
        " SUM(cooperation), SUM(conflict), TOTAL(goldstein) FROM actor_relations"
        " WHERE actor = ? AND counterpart IN (SELECT counterpart FROM actor_relation_totals"
        " WHERE actor = ? AND rows >= ?)"
        " GROUP BY counterpart ORDER BY SUM(rows) DESC, MAX(name) LIMIT ?",
        (key, key, 0 if least is None else least[0], limit),
    ).fetchall()


__all__ = [
    "actor_periods",
    "count_key",
    "country_dyad_periods",
    "mentions",
    "relations",
    "roles",
    "type_counts",
]
