"""The exports: store tables, the GDELT 2.0 events table and the actor network, each
written to a binary file as it is read from SQLite."""

from __future__ import annotations

import sqlite3
from typing import IO, Any

from newsgraph.export.event_filter import EventFilter
from newsgraph.export.gdelt import stream_gdelt
from newsgraph.export.network import GRAPH_FORMATS, build_network, write_network
from newsgraph.export.stories import stream_stories
from newsgraph.export.tables import DEFAULT_CHUNK_ROWS, ExportUsageError, stream_table
from newsgraph.export.writers import ROW_FORMATS, write_rows

TABLE_FORMATS = ("jsonl", "csv", "tsv", "parquet")
GDELT_FORMATS = ("tsv", "csv", "jsonl", "parquet")


def export_table(
    conn: sqlite3.Connection,
    table: str,
    output_format: str,
    out: IO[bytes],
    since: str | None = None,
    until: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> int:
    """Write every row of the store's `table` (see ``tables.table_names``) to `out`;
    returns the number of rows. ``stories`` in JSON Lines is nested: each story with its
    article ids and merged events (see ``stories.stream_stories``); in the other formats it
    is the plain table."""
    _check_format(output_format, TABLE_FORMATS, table)
    if table == "stories" and output_format == "jsonl":
        stream = stream_stories(conn, since, until, chunk_rows)
    else:
        stream = stream_table(conn, table, since, until, chunk_rows)
    return write_rows(stream, output_format, out)


def export_gdelt(
    conn: sqlite3.Connection,
    output_format: str,
    out: IO[bytes],
    chosen: EventFilter | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> int:
    """Write the GDELT 2.0 events table (``tsv`` without a header, as GDELT's files; ``csv``
    with one) of the events `chosen`; returns the number of records."""
    _check_format(output_format, GDELT_FORMATS, "gdelt")
    return write_rows(stream_gdelt(conn, chosen, chunk_rows), output_format, out)


def export_network(
    conn: sqlite3.Connection,
    output_format: str,
    out: IO[bytes],
    chosen: EventFilter | None = None,
) -> Any:
    """Write the actor network of the events `chosen` as GraphML or GEXF; returns the
    graph (a ``networkx.DiGraph``)."""
    _check_format(output_format, GRAPH_FORMATS, "network")
    graph = build_network(conn, chosen)
    write_network(graph, output_format, out)
    return graph


def _check_format(output_format: str, allowed: tuple[str, ...], what: str) -> None:
    if output_format not in allowed:
        raise ExportUsageError(
            f"{what} cannot be written as {output_format!r}: use {', '.join(allowed)}"
        )


__all__ = [
    "GDELT_FORMATS",
    "GRAPH_FORMATS",
    "ROW_FORMATS",
    "TABLE_FORMATS",
    "export_gdelt",
    "export_network",
    "export_table",
]
