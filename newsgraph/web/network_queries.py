"""The network and the map: who acts towards whom, and where events happened. Both are
drawn from a bounded number of the latest events in the filters, so that they take about
the same time on a store of any size.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.store.dates import date_bounds
from newsgraph.store.selectors import ActorSelector, select_actor
from newsgraph.store.sqlite import Store

# A network or map is drawn from at most this many events (the latest in the filters):
# enough for a readable picture of 150 edges, and it bounds the time of the aggregation
# (5,000 events: about 100 ms here; 20,000: 400 ms).
MAX_EVENTS_DRAWN = 5_000


@dataclass(frozen=True)
class Edge:
    source: str  # node keys: canonical id, else code, else name
    target: str
    events: int
    cooperation: int
    conflict: int
    goldstein: float


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    code: str | None


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    events_drawn: int


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    cooperation: int
    conflict: int


def _latest_events(
    since: str | None, until: str | None, type_: str | None
) -> tuple[str, list[object]]:
    """A subquery: keys of the latest asserted events in the filters (at most
    MAX_EVENTS_DRAWN)."""
    dates, params = date_bounds("ev.date", since, until)
    if type_:
        dates += " AND ev.type = ?"
        params.append(type_.upper())
    sql = (
        "SELECT ev.article_id, ev.event_id FROM events ev"
        f" WHERE ev.modality = 'asserted'{dates} ORDER BY ev.date DESC LIMIT ?"
    )
    return sql, [*params, MAX_EVENTS_DRAWN]


def _latest_events_of(
    selector: ActorSelector, since: str | None, until: str | None, type_: str | None
) -> tuple[str, list[object]]:
    """Like _latest_events, for the events one actor (or group) takes part in, found from
    its own index entries (a rare actor is not lost among the latest events overall)."""
    condition, actor_params = selector.sql("x")
    dates, date_params = date_bounds("x.date", since, until)
    if type_:
        dates += " AND x.type = ?"
        date_params.append(type_.upper())
    # One index walk per side, each already in date order (the index is actor, side, date);
    # ordering both sides together would sort every row of a busy actor.
    sides = [
        f"SELECT * FROM (SELECT x.article_id, x.event_id FROM event_actors x WHERE {condition}"
        f" AND x.side = '{side}' AND x.modality = 'asserted'{dates}"
        " ORDER BY x.date DESC LIMIT ?)"
        for side in ("source", "target")
    ]
    params = [*actor_params, *date_params, MAX_EVENTS_DRAWN // 2] * 2
    return " UNION ".join(sides), params


def network(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    type_: str | None = None,
    actor: str | None = None,
    max_edges: int = 150,
) -> Network:
    """Who acts towards whom: the `max_edges` strongest directed edges among the latest
    asserted events in the filters; with `actor`, only the edges that touch it."""
    keys, params = _latest_events(since, until, type_)
    touching = ""
    if actor:
        selector = select_actor(store, actor)
        keys, params = _latest_events_of(selector, since, until, type_)
        source_sql, source_params = selector.sql("d", "source_")
        target_sql, target_params = selector.sql("d", "target_")
        touching = f" WHERE ({source_sql}) OR ({target_sql})"
        params += source_params + target_params
    node = "COALESCE(d.{0}canonical_id, d.{0}code, d.{0}name)"
    rows = store.conn.execute(
        f"WITH k AS MATERIALIZED ({keys})"
        f" SELECT {node.format('source_')} AS s, {node.format('target_')} AS t,"
        " MAX(d.source_name), MAX(d.source_code), MAX(d.target_name), MAX(d.target_code),"
        " COUNT(*), SUM(d.quad_class IN (1, 2)), SUM(d.quad_class IN (3, 4)),"
        " COALESCE(SUM(d.goldstein), 0), (SELECT COUNT(*) FROM k)"
        f" FROM k JOIN event_dyads d"
        f" ON d.article_id = k.article_id AND d.event_id = k.event_id{touching}"
        " GROUP BY s, t ORDER BY COUNT(*) DESC, s, t LIMIT ?",
        (*params, max_edges),
    ).fetchall()
    nodes: dict[str, Node] = {}
    edges = []
    drawn = int(rows[0][-1]) if rows else 0
    for s, t, s_name, s_code, t_name, t_code, count, coop, conflict, goldstein, _ in rows:
        nodes.setdefault(s, Node(s, s_name, s_code))
        nodes.setdefault(t, Node(t, t_name, t_code))
        edges.append(Edge(s, t, int(count), int(coop or 0), int(conflict or 0), float(goldstein)))
    return Network(list(nodes.values()), edges, drawn)


def places(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    type_: str | None = None,
    limit: int = 500,
) -> list[Place]:
    """Where events happened: geocoded places with their count of asserted events (among
    the latest MAX_EVENTS_DRAWN events in the filters: walking the date index a bounded
    number of steps stays fast whatever share of events is geocoded)."""
    keys, params = _latest_events(since, until, type_)
    rows = store.conn.execute(
        "SELECT ev.location_name, ev.location_country, ev.lat, ev.lon, COUNT(*),"
        " SUM(ev.quad_class IN (1, 2)), SUM(ev.quad_class IN (3, 4))"
        f" FROM ({keys}) k JOIN events ev"
        " ON ev.article_id = k.article_id AND ev.event_id = k.event_id"
        " WHERE ev.lat IS NOT NULL AND ev.lon IS NOT NULL"
        " GROUP BY ev.location_name, ev.location_country, round(ev.lat, 2), round(ev.lon, 2)"
        " ORDER BY COUNT(*) DESC LIMIT ?",
        (*params, limit),
    )
    return [
        Place(str(r[0]), r[1], float(r[2]), float(r[3]), int(r[4]), int(r[5] or 0), int(r[6] or 0))
        for r in rows
    ]


__all__ = ["MAX_EVENTS_DRAWN", "Edge", "Network", "Node", "Place", "network", "places"]
