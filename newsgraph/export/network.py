"""The actor network: who did what to whom, as a directed graph for Gephi and other tools.

Nodes are actors: the store's canonical actors (``actors``), or, for an event actor the
actor layer could not resolve, its code ("code:KAZGOV") or else its name ("name:…").
Edges run from a source actor to a target actor of the chosen events (asserted ones by
default; an event with several actors on a side gives every source × target pair; an
actor acting on itself gives no edge). Counts and sums are aggregated in SQLite, so the
graph's size is bounded by the number of actor pairs, not of events.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import IO, TYPE_CHECKING

from newsgraph.export.event_filter import EventFilter, event_sql
from newsgraph.export.gdelt_codes import split_actor_code
from newsgraph.export.tables import ExportUsageError

if TYPE_CHECKING:
    # networkx ships no type information (its stubs are not installed here). It is imported
    # where a graph is made: it costs a sixth of a second to import.
    import networkx as nx  # type: ignore[import-untyped]

GRAPH_FORMATS = ("graphml", "gexf")

# An event actor's node: its canonical actor, else its code, else its name.
_NODE_KEY = "COALESCE({a}.canonical_id, 'code:' || {a}.code, 'name:' || lower(trim({a}.name)))"


def build_network(conn: sqlite3.Connection, chosen: EventFilter | None = None) -> nx.DiGraph:
    """The directed actor graph of the events `chosen`.

    Node attributes: ``label``/``name``, ``type`` (PERSON, ORG, GPE ... ; "" when
    unresolved), ``country``, ``code``, ``events`` (events it takes part in),
    ``events_as_source``, ``events_as_target``. Edge attributes: ``weight`` and ``events``
    (events from source to target), ``goldstein`` (their Goldstein sum), ``cooperation``
    (quad class 1-2) and ``conflict`` (3-4) counts, and for every PLOVER type present in the
    graph ``<type>_events`` and ``<type>_goldstein`` (0 on edges without that type)."""
    selected = event_sql(conn, chosen or EventFilter())
    events = (
        f"SELECT ev.article_id, ev.event_id, ev.type, ev.quad_class, ev.goldstein"
        f" FROM events ev{selected.joins} {selected.where}"
    )
    import networkx as nx

    graph = nx.DiGraph()
    _add_nodes(conn, graph, events, selected.params)
    _add_edges(conn, graph, events, selected.params)
    return graph


def _add_nodes(
    conn: sqlite3.Connection, graph: nx.DiGraph, events: str, params: list[object]
) -> None:
    rows = conn.execute(
        f"WITH ev AS ({events}), sides AS (SELECT DISTINCT {_NODE_KEY.format(a='ea')} AS node,"
        " ea.side, ea.article_id, ea.event_id, ea.code, ea.name FROM ev"
        " JOIN event_actors ea ON ea.article_id = ev.article_id AND ea.event_id = ev.event_id)"
        " SELECT s.node, act.name, act.type, act.country, COALESCE(act.code, MAX(s.code)),"
        " MAX(s.name), COUNT(DISTINCT s.article_id || char(31) || s.event_id),"
        " COUNT(DISTINCT CASE WHEN s.side = 'source' THEN s.article_id || char(31) || s.event_id"
        " END), COUNT(DISTINCT CASE WHEN s.side = 'target'"
        " THEN s.article_id || char(31) || s.event_id END)"
        " FROM sides s LEFT JOIN actors act ON act.canonical_id = s.node"
        " GROUP BY s.node ORDER BY s.node",
        params,
    )
    for node, name, type_, country, code, text_name, total, as_source, as_target in rows:
        label = str(name or text_name or node)
        graph.add_node(
            str(node),
            label=label,
            name=label,
            type=str(type_ or ""),
            country=str(country or split_actor_code(code).country),
            code=str(code or ""),
            events=int(total),
            events_as_source=int(as_source),
            events_as_target=int(as_target),
        )


def _add_edges(
    conn: sqlite3.Connection, graph: nx.DiGraph, events: str, params: list[object]
) -> None:
    rows = conn.execute(
        f"WITH ev AS ({events}), pairs AS (SELECT DISTINCT ev.article_id, ev.event_id,"
        f" ev.type, ev.quad_class, ev.goldstein, {_NODE_KEY.format(a='s')} AS source,"
        f" {_NODE_KEY.format(a='t')} AS target FROM ev"
        " JOIN event_actors s ON s.article_id = ev.article_id AND s.event_id = ev.event_id"
        " AND s.side = 'source'"
        " JOIN event_actors t ON t.article_id = ev.article_id AND t.event_id = ev.event_id"
        " AND t.side = 'target')"
        " SELECT source, target, type, COUNT(*), COALESCE(SUM(goldstein), 0),"
        " SUM(quad_class IN (1, 2)), SUM(quad_class IN (3, 4)) FROM pairs"
        " WHERE source != target GROUP BY source, target, type ORDER BY source, target, type",
        params,
    )
    by_pair: dict[tuple[str, str], dict[str, float]] = defaultdict(_edge_totals)
    types: set[str] = set()
    for source, target, type_, count, goldstein, cooperation, conflict in rows:
        totals = by_pair[(str(source), str(target))]
        kind = str(type_).lower()
        types.add(kind)
        totals["events"] += int(count)
        totals["goldstein"] += float(goldstein)
        totals["cooperation"] += int(cooperation or 0)
        totals["conflict"] += int(conflict or 0)
        totals[f"{kind}_events"] = int(count)
        totals[f"{kind}_goldstein"] = float(goldstein)
    for (source, target), totals in by_pair.items():
        attributes: dict[str, float] = {}
        for kind in sorted(types):
            attributes[f"{kind}_events"] = int(totals.get(f"{kind}_events", 0))
            attributes[f"{kind}_goldstein"] = float(totals.get(f"{kind}_goldstein", 0.0))
        graph.add_edge(
            source,
            target,
            weight=int(totals["events"]),
            events=int(totals["events"]),
            goldstein=round(totals["goldstein"], 4),
            cooperation=int(totals["cooperation"]),
            conflict=int(totals["conflict"]),
            **attributes,
        )


def _edge_totals() -> dict[str, float]:
    return {"events": 0, "goldstein": 0.0, "cooperation": 0, "conflict": 0}


def write_network(graph: nx.DiGraph, output_format: str, out: IO[bytes]) -> None:
    """Write `graph` as GraphML or GEXF (1.2) to the binary file `out`."""
    import networkx as nx

    if output_format == "graphml":
        nx.write_graphml(graph, out)
    elif output_format == "gexf":
        nx.write_gexf(graph, out)
    else:
        raise ExportUsageError(
            f"the network is written as {' or '.join(GRAPH_FORMATS)}, not {output_format!r}"
        )
