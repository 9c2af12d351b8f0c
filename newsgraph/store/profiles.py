"""Questions an analyst asks of the record: an actor's profile, a dyad over time, a timeline.

Only asserted events count: a negated, future or hypothetical event did not happen.
Cooperation is CAMEO quad classes 1-2 (verbal and material cooperation), conflict 3-4.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from newsgraph.dates import date_bounds, start_sql
from newsgraph.store import count_queries
from newsgraph.store.event_queries import EventHit, find_events_where
from newsgraph.store.quote_queries import QuoteHit, find_quotes_where
from newsgraph.store.selectors import ActorSelector, after_prefix, select_actor
from newsgraph.store.sqlite import Store

PERIODS = {"year": 4, "month": 7, "day": 10}


@dataclass(frozen=True)
class RoleSpan:
    role: str
    first: str | None
    last: str | None
    mentions: int


@dataclass(frozen=True)
class Relation:
    """Events between the profiled actor and one counterpart (either direction)."""

    counterpart: str  # canonical id, or the code when the counterpart has no canonical id
    name: str
    code: str | None
    outgoing: int
    incoming: int
    cooperation: int
    conflict: int
    goldstein: float


@dataclass
class ActorProfile:
    """An actor, or a group of actors (a code prefix): events, quotes and relations are
    the group's; identity, roles, mentions and articles are those of the actor the group
    was named by (a country), else mentions and articles count every actor of the group."""

    label: str
    selector: ActorSelector
    name: str | None = None
    type: str | None = None
    country: str | None = None
    code: str | None = None
    mentions: int = 0
    articles: int = 0
    roles: list[RoleSpan] = field(default_factory=list)
    events_as_source: dict[str, int] = field(default_factory=dict)
    events_as_target: dict[str, int] = field(default_factory=dict)
    recent_as_source: list[EventHit] = field(default_factory=list)
    recent_as_target: list[EventHit] = field(default_factory=list)
    quotes: list[QuoteHit] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass(frozen=True)
class Period:
    period: str
    events: int
    cooperation: int
    conflict: int
    goldstein: float
    articles: int


@dataclass
class Dyad:
    a: ActorSelector
    b: ActorSelector
    a_to_b: list[Period] = field(default_factory=list)
    b_to_a: list[Period] = field(default_factory=list)
    events: list[EventHit] = field(default_factory=list)


def actor_profile(
    store: Store, query: str, since: str | None = None, until: str | None = None, top: int = 10
) -> ActorProfile:
    """Who an actor is (roles over time), what it said and did, and its strongest relations."""
    selector = select_actor(store, query)
    profile = ActorProfile(selector.label, selector)
    named = selector.canonical_id or selector.named
    if named is not None:
        _fill_identity(store, profile, named)
    else:
        profile.mentions, profile.articles = _group_mentions(store, selector.code_prefix or "")
    dates = date_bounds("x.date", since, until)
    for side, counts in (
        ("source", profile.events_as_source),
        ("target", profile.events_as_target),
    ):
        counted = count_queries.type_counts(store, selector, side, since, until)
        counts.update(_type_counts(store, selector, side, dates) if counted is None else counted)
    profile.recent_as_source = _recent(store, selector, "source", dates, top)
    profile.recent_as_target = _recent(store, selector, "target", dates, top)
    profile.quotes = _quotes_of(store, selector, since, until, top)
    counted_relations = count_queries.relations(store, selector, since, until, top)
    profile.relations = (
        _relations(store, selector, date_bounds("d.date", since, until), top)
        if counted_relations is None
        else [_relation(r) for r in counted_relations]
    )
    return profile


def relations_between(
    store: Store,
    a: str,
    b: str,
    since: str | None = None,
    until: str | None = None,
    by: str = "month",
    limit: int = 50,
) -> Dyad:
    """The dyad's events in both directions, by period, and the latest events themselves."""
    dyad = Dyad(select_actor(store, a), select_actor(store, b))
    dates = date_bounds("d.date", since, until)
    dyad.a_to_b = _dyad_periods(store, dyad.a, dyad.b, (since, until), by)
    dyad.b_to_a = _dyad_periods(store, dyad.b, dyad.a, (since, until), by)
    keys: list[tuple[str, str, str]] = []
    for source, target in ((dyad.a, dyad.b), (dyad.b, dyad.a)):
        s_cond, s_params = source.sql("d", "source_")
        t_cond, t_params = target.sql("d", "target_")
        keys += store.conn.execute(
            "SELECT DISTINCT d.date, d.article_id, d.event_id FROM event_dyads d"
            f" WHERE {s_cond} AND {t_cond} AND d.modality = 'asserted'{dates[0]}"
            " ORDER BY d.date DESC LIMIT ?",
            (*s_params, *t_params, *dates[1], limit),
        ).fetchall()
    latest = sorted(set(keys), key=lambda k: (k[0] or "", k[1], k[2]), reverse=True)[:limit]
    dyad.events = _events_by_key(store, [(k[1], k[2]) for k in latest])
    return dyad


def timeline(
    store: Store,
    actor: str | None = None,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    by: str = "month",
) -> list[Period]:
    """Asserted events per period (optionally of one actor, either side, or one type)."""
    width = _period_width(by)
    selector = select_actor(store, actor) if actor else None
    counted = count_queries.actor_periods(store, selector, type_, by, since, until)
    if counted is not None:
        return [_period(r) for r in counted]
    dates = date_bounds("x.date", since, until)
    clauses, params = ["x.modality = 'asserted'", "x.date IS NOT NULL"], []
    if selector is not None:
        # From the actor's rows: distinct events (an actor may be on both sides).
        cond, cond_params = selector.sql("x")
        clauses.append(cond)
        params += cond_params
        if type_:
            clauses.append("x.type = ?")
            params.append(type_.upper())
        source = (
            "(SELECT DISTINCT x.article_id, x.event_id, x.date, x.quad_class, x.goldstein"
            f" FROM event_actors x WHERE {' AND '.join(clauses)}{dates[0]})"
        )
    else:
        if type_:
            clauses.append("x.type = ?")
            params.append(type_.upper())
        source = f"(SELECT * FROM events x WHERE {' AND '.join(clauses)}{dates[0]})"
    rows = store.conn.execute(
        f"SELECT substr({start_sql('e.date')}, 1, {width}) AS period, COUNT(*),"
        " SUM(e.quad_class IN (1, 2)), SUM(e.quad_class IN (3, 4)),"
        " COALESCE(SUM(e.goldstein), 0), COUNT(DISTINCT e.article_id)"
        f" FROM {source} e GROUP BY period HAVING length(period) = ? ORDER BY period",
        (*params, *dates[1], width),
    ).fetchall()
    return [_period(r) for r in rows]


def _fill_identity(store: Store, profile: ActorProfile, canonical_id: str) -> None:
    row = store.conn.execute(
        "SELECT name, type, country, code FROM actors WHERE canonical_id = ?", (canonical_id,)
    ).fetchone()
    profile.name, profile.type, profile.country, profile.code = tuple(row)
    profile.mentions, profile.articles = count_queries.mentions(store, canonical_id)
    profile.roles = [
        RoleSpan(str(r[0]), _text(r[1]), _text(r[2]), int(r[3]))  # type: ignore[call-overload]
        for r in count_queries.roles(store, canonical_id)
    ]


def _group_mentions(store: Store, prefix: str) -> tuple[int, int]:
    """Mentions and articles of every actor whose code starts with `prefix`."""
    row = store.conn.execute(
        "SELECT COUNT(*), COUNT(DISTINCT m.article_id) FROM entities e JOIN mentions m"
        " ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
        " WHERE e.code >= ? AND e.code < ?",
        (prefix, after_prefix(prefix)),
    ).fetchone()
    return int(row[0]), int(row[1])


def _type_counts(
    store: Store, selector: ActorSelector, side: str, dates: tuple[str, list[object]]
) -> dict[str, int]:
    cond, params = selector.sql("x")
    # A group (a country) may fill several actors of one side of an event: count it once.
    counted = (
        "COUNT(DISTINCT x.article_id || '/' || x.event_id)" if selector.is_group else "COUNT(*)"
    )
    rows = store.conn.execute(
        f"SELECT x.type, {counted} FROM event_actors x"
        f" WHERE {cond} AND x.side = ? AND x.modality = 'asserted'{dates[0]}"
        " GROUP BY x.type ORDER BY 2 DESC, x.type",
        (*params, side, *dates[1]),
    )
    return {str(r[0]): int(r[1]) for r in rows}


def _recent(
    store: Store,
    selector: ActorSelector,
    side: str,
    dates: tuple[str, list[object]],
    limit: int,
) -> list[EventHit]:
    cond, params = selector.sql("x")
    keys = store.conn.execute(
        "SELECT DISTINCT x.date, x.article_id, x.event_id FROM event_actors x"
        f" WHERE {cond} AND x.side = ? AND x.modality = 'asserted'{dates[0]}"
        " ORDER BY x.date DESC LIMIT ?",
        (*params, side, *dates[1], limit),
    ).fetchall()
    return _events_by_key(store, [(k[1], k[2]) for k in keys])


def _events_by_key(store: Store, keys: list[tuple[str, str]]) -> list[EventHit]:
    """The events of `keys` (article id, event id), in that order: one primary-key lookup
    each (a row-value IN list would scan the events table)."""
    hits = []
    for article_id, event_id in keys:
        hits += find_events_where(
            store, "ev.article_id = ? AND ev.event_id = ?", [article_id, event_id], 1
        )
    return hits


def _quotes_of(
    store: Store, selector: ActorSelector, since: str | None, until: str | None, limit: int
) -> list[QuoteHit]:
    if selector.canonical_id is not None:
        condition, params = "q.speaker_canonical = ?", [cast(object, selector.canonical_id)]
    else:
        prefix = selector.code_prefix or ""
        condition = "q.speaker_code >= ? AND q.speaker_code < ?"
        params = [prefix, after_prefix(prefix)]
    dates = date_bounds("a.published", since, until)
    return find_quotes_where(store, condition + dates[0], [*params, *dates[1]], limit)


def _relations(
    store: Store, selector: ActorSelector, dates: tuple[str, list[object]], limit: int
) -> list[Relation]:
    totals: dict[str, list[object]] = {}
    for own, other in (("source_", "target_"), ("target_", "source_")):
        cond, params = selector.sql("d", own)
        rows = store.conn.execute(
            f"SELECT COALESCE(d.{other}canonical_id, d.{other}code, d.{other}name) AS other,"
            f" MAX(d.{other}name), MAX(d.{other}code), COUNT(*),"
            " SUM(d.quad_class IN (1, 2)), SUM(d.quad_class IN (3, 4)),"
            " COALESCE(SUM(d.goldstein), 0) FROM event_dyads d"
            f" WHERE {cond} AND d.modality = 'asserted'{dates[0]}"
            " GROUP BY other",
            (*params, *dates[1]),
        )
        for key, name, code, count, coop, conflict, goldstein in rows:
            total = totals.setdefault(str(key), [str(name), code, 0, 0, 0, 0, 0.0])
            total[2 if own == "source_" else 3] = int(count)
            total[4] = int(total[4]) + int(coop or 0)  # type: ignore[call-overload]
            total[5] = int(total[5]) + int(conflict or 0)  # type: ignore[call-overload]
            total[6] = float(total[6]) + float(goldstein)  # type: ignore[arg-type]
    relations = [Relation(key, *values) for key, values in totals.items()]  # type: ignore[arg-type]
    relations.sort(key=lambda r: (-(r.outgoing + r.incoming), r.name))
    return relations[:limit]


def _dyad_periods(
    store: Store,
    source: ActorSelector,
    target: ActorSelector,
    bounds: tuple[str | None, str | None],
    by: str,
) -> list[Period]:
    width = _period_width(by)
    counted = count_queries.country_dyad_periods(store, source, target, by, *bounds)
    if counted is not None:
        return [_period(r) for r in counted]
    dates = date_bounds("d.date", *bounds)
    s_cond, s_params = source.sql("d", "source_")
    t_cond, t_params = target.sql("d", "target_")
    # One row per event even when several actors of a group fill a side.
    rows = store.conn.execute(
        f"SELECT substr({start_sql('e.date')}, 1, {width}) AS period, COUNT(*),"
        " SUM(e.quad_class IN (1, 2)), SUM(e.quad_class IN (3, 4)),"
        " COALESCE(SUM(e.goldstein), 0), COUNT(DISTINCT e.article_id) FROM"
        " (SELECT DISTINCT d.article_id, d.event_id, d.date, d.quad_class, d.goldstein"
        f" FROM event_dyads d WHERE {s_cond} AND {t_cond} AND d.modality = 'asserted'{dates[0]}) e"
        " GROUP BY period ORDER BY period",
        (*s_params, *t_params, *dates[1]),
    ).fetchall()
    return [_period(r) for r in rows]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _relation(row: tuple[object, ...]) -> Relation:
    key, name, code, outgoing, incoming, coop, conflict, goldstein = row
    return Relation(
        str(key),
        str(name),
        None if code is None else str(code),
        int(outgoing),  # type: ignore[call-overload]
        int(incoming),  # type: ignore[call-overload]
        int(coop),  # type: ignore[call-overload]
        int(conflict),  # type: ignore[call-overload]
        float(goldstein),  # type: ignore[arg-type]
    )


def _period(row: tuple[object, ...]) -> Period:
    return Period(
        str(row[0] or "?"),
        int(row[1]),  # type: ignore[call-overload]
        int(row[2] or 0),  # type: ignore[call-overload]
        int(row[3] or 0),  # type: ignore[call-overload]
        float(row[4] or 0),  # type: ignore[arg-type]
        int(row[5]),  # type: ignore[call-overload]
    )


def _period_width(by: str) -> int:
    if by not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    return PERIODS[by]


__all__ = [
    "ActorProfile",
    "Dyad",
    "Period",
    "Relation",
    "RoleSpan",
    "actor_profile",
    "relations_between",
    "timeline",
]
