"""The network and the map: who acts towards whom, and where events happened. Both are
drawn from a bounded number of the latest events in the filters, so that they take about
the same time on a store of any size.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.dates import date_bounds
from newsgraph.store.selectors import ActorSelector, select_actor
from newsgraph.store.sqlite import Store

# A network or map is drawn from at most this many events (the latest in the filters):
# enough for a readable picture of 150 edges, and it bounds the time of the aggregation
# (5,000 events: about 100 ms here; 20,000: 400 ms).
MAX_EVENTS_DRAWN = 5_000
# At most this many actors are drawn: every end of a kept edge, then the busiest others.
MAX_NODES = 300
# The entity types that act in events (CAMEO's actors: people, organisations, states and
# their places, groups by nationality or religion). Venues (FAC), regions and seas (LOC),
# laws and agreements (LAW), products and works are what an event is about or where it
# happened, never one of its sides in the network.
NETWORK_TYPES = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True)
class Edge:
    source: str  # canonical ids
    target: str
    events: int
    cooperation: int
    conflict: int
    goldstein: float


@dataclass(frozen=True)
class Node:
    id: str  # canonical id
    name: str
    type: str
    country: str | None
    code: str | None
    events: int  # of the events drawn, those it takes part in (either side)


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
    max_nodes: int = MAX_NODES,
) -> Network:
    """Who acts towards whom: the `max_edges` strongest directed edges between actors among
    the latest asserted events in the filters (with `actor`, only the edges that touch it).
    The nodes are their ends and then the busiest other actors of those events, at most
    `max_nodes` in all: a node without an edge took part only in events with no actor on
    the other side, or in weaker relations than those kept.

    An actor here is a canonical actor of one of NETWORK_TYPES: a side known only by a code
    or a common noun ("leaders", "children"), a venue or an agreement is no node, and an
    actor's events towards itself are no edge."""
    keys, key_params = _latest_events(since, until, type_)
    touching, touch_params = "", []
    if actor:
        selector = select_actor(store, actor)
        keys, key_params = _latest_events_of(selector, since, until, type_)
        source_sql, source_params = selector.sql("d", "source_")
        target_sql, target_params = selector.sql("d", "target_")
        touching = f" AND (({source_sql}) OR ({target_sql}))"
        touch_params = source_params + target_params
    # The strongest pairs of canonical actors first; their kinds are checked afterwards for
    # the few pairs kept (a join with the actors table for every pair would cost more than
    # the whole aggregation).
    pairs = store.conn.execute(
        f"WITH k AS MATERIALIZED ({keys})"
        " SELECT d.source_canonical_id AS s, d.target_canonical_id AS t, COUNT(*) AS n,"
        " SUM(d.quad_class IN (1, 2)), SUM(d.quad_class IN (3, 4)), COALESCE(SUM(d.goldstein), 0)"
        " FROM k JOIN event_dyads d ON d.article_id = k.article_id AND d.event_id = k.event_id"
        " WHERE d.source_canonical_id IS NOT NULL AND d.target_canonical_id IS NOT NULL"
        f" AND d.source_canonical_id <> d.target_canonical_id{touching}"
        " GROUP BY s, t ORDER BY n DESC, s, t LIMIT ?",
        (*key_params, *touch_params, max_edges * _PAIRS_PER_EDGE),
    ).fetchall()
    kinds = _Actors(store)
    kinds.load({str(p[0]) for p in pairs} | {str(p[1]) for p in pairs})
    edges = [
        Edge(s, t, int(count), int(coop or 0), int(conflict or 0), float(goldstein))
        for s, t, count, coop, conflict, goldstein in pairs
        if kinds.acts(s) and kinds.acts(t)
    ][:max_edges]
    counts, drawn = _events_per_actor(store, keys, key_params)
    ends = list(dict.fromkeys(end for e in edges for end in (e.source, e.target)))
    linked = set(ends)
    others = sorted((a for a in counts if a not in linked), key=lambda a: (-counts[a], a))
    chosen = ends + kinds.first_acting(others, max_nodes - len(ends))
    nodes = [kinds.node(a, counts.get(a, 0)) for a in chosen]
    nodes.sort(key=lambda n: (-n.events, n.id))
    return Network(nodes, edges, drawn)


# Pairs read per edge kept: pairs whose end is not an actor of NETWORK_TYPES (a venue, an
# agreement the model took for an organisation) are dropped after reading.
_PAIRS_PER_EDGE = 4
_CHUNK = 500  # ids per IN (...) list


def _events_per_actor(store: Store, keys: str, params: list[object]) -> tuple[dict[str, int], int]:
    """Canonical actor -> the number of the events `keys` selects that it takes part in
    (either side), and the number of those events."""
    rows = store.conn.execute(
        f"WITH k AS MATERIALIZED ({keys})"
        " SELECT x.canonical_id, COUNT(DISTINCT x.article_id || char(31) || x.event_id),"
        " (SELECT COUNT(*) FROM k) FROM k JOIN event_actors x"
        " ON x.article_id = k.article_id AND x.event_id = k.event_id"
        " WHERE x.canonical_id IS NOT NULL GROUP BY x.canonical_id",
        params,
    ).fetchall()
    if not rows:
        drawn = store.conn.execute(f"SELECT COUNT(*) FROM ({keys})", params).fetchone()[0]
        return {}, int(drawn)
    return {str(r[0]): int(r[1]) for r in rows}, int(rows[0][2])


class _Actors:
    """Canonical actors' names and kinds, read from the actors table by the chunk."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.rows: dict[str, tuple[str, str, str | None, str | None] | None] = {}

    def load(self, ids: set[str] | list[str]) -> None:
        wanted = [i for i in ids if i not in self.rows]
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            self.rows.update(dict.fromkeys(chunk))
            marks = ", ".join("?" for _ in chunk)
            for id_, name, type_, country, code in self.store.conn.execute(
                "SELECT canonical_id, name, type, country, code FROM actors"
                f" WHERE canonical_id IN ({marks})",
                chunk,
            ):
                self.rows[id_] = (name, type_, country, code)

    def acts(self, actor_id: str) -> bool:
        row = self.rows.get(actor_id)
        return row is not None and row[1] in NETWORK_TYPES

    def first_acting(self, ids: list[str], wanted: int) -> list[str]:
        """The first `wanted` of `ids` that are actors of NETWORK_TYPES."""
        found: list[str] = []
        for start in range(0, len(ids), _CHUNK):
            if len(found) >= wanted:
                break
            chunk = ids[start : start + _CHUNK]
            self.load(chunk)
            found += [i for i in chunk if self.acts(i)]
        return found[: max(0, wanted)]

    def node(self, actor_id: str, events: int) -> Node:
        row = self.rows[actor_id]
        assert row is not None  # only actors that act are chosen
        name, type_, country, code = row
        return Node(actor_id, name, type_, country, code, events)


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


__all__ = [
    "MAX_EVENTS_DRAWN",
    "MAX_NODES",
    "NETWORK_TYPES",
    "Edge",
    "Network",
    "Node",
    "Place",
    "network",
    "places",
]
