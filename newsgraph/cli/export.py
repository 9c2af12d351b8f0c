"""`newsgraph export`: store tables, the GDELT events table and the actor network, for
other tools. A thin shell over :mod:`newsgraph.export`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from newsgraph.cli.common import (
    DATE,
    db_option,
    existing_store,
    parse_modalities,
    until_option,
)
from newsgraph.export import (
    DEFAULT_CHUNK_ROWS,
    GDELT_FORMATS,
    GRAPH_FORMATS,
    TABLE_FORMATS,
    EventFilter,
    ExportUsageError,
    export_gdelt,
    export_network,
    export_table,
)

_DEFAULT_FORMAT = {"gdelt": "tsv", "network": "graphml"}
_ALL_FORMATS = tuple(dict.fromkeys((*TABLE_FORMATS, *GDELT_FORMATS, *GRAPH_FORMATS)))


@click.command("export")
@click.argument("table")
@db_option()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(_ALL_FORMATS),
    help="Tables: jsonl (default), csv, tsv or parquet. gdelt: tsv (default, no header, as "
    "GDELT's files), csv, jsonl or parquet. network: graphml (default) or gexf.",
)
@click.option("--output", "-o", default="-", show_default=True, help="File to write, or -.")
@click.option(
    "--since",
    type=DATE,
    help="From this date on (2024, 2024-07, 2024-07-03): events by their date, other rows by "
    "their own date, their event's or their article's publication date.",
)
@until_option()
@click.option("--type", "types", help="gdelt, network: PLOVER types or CAMEO prefixes (a,b).")
@click.option(
    "--modality",
    default="asserted",
    show_default=True,
    help="gdelt, network: comma-separated modalities (asserted, negated, future, "
    "hypothetical) or all.",
)
@click.option(
    "--per-article",
    is_flag=True,
    help="gdelt, network: one event per article's report, even where stories merged them.",
)
@click.option(
    "--chunk-size",
    default=DEFAULT_CHUNK_ROWS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows read from SQLite at a time (and Parquet row group size).",
)
def export_command(
    table: str,
    db: str,
    output_format: str | None,
    output: str,
    since: str | None,
    until: str | None,
    types: str | None,
    modality: str,
    per_article: bool,
    chunk_size: int,
) -> None:
    """Export TABLE: any store table (articles, entities, mentions, actors, quotes, events,
    event_actors, damage, stories ...), or `gdelt` (the GDELT 2.0 events table) or
    `network` (the actor network for Gephi)."""
    output_format = output_format or _DEFAULT_FORMAT.get(table, "jsonl")
    if table not in _DEFAULT_FORMAT and (types or per_article or modality != "asserted"):
        raise click.UsageError("--type, --modality and --per-article apply to gdelt and network")
    if output == "-" and output_format == "parquet" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: write it to a file with --output PATH")
    chosen = EventFilter(since, until, parse_modalities(modality), _types(types), not per_article)
    with existing_store(db) as store, _usage_errors(), _opened(output) as out:
        if table == "gdelt":
            count = export_gdelt(store.conn, output_format, out, chosen, chunk_size)
        elif table == "network":
            graph = export_network(store.conn, output_format, out, chosen)
            count = graph.number_of_edges()
        else:
            count = export_table(store.conn, table, output_format, out, since, until, chunk_size)
    if output != "-":
        what = "edges" if table == "network" else "rows"
        click.echo(f"wrote {count:,} {what} of {table} to {output}", err=True)


@contextmanager
def _usage_errors() -> Iterator[None]:
    """An export that cannot be made as asked is bad usage (exit code 2), not a fatal error."""
    try:
        yield
    except ExportUsageError as error:
        raise click.UsageError(error.message) from error


@contextmanager
def _opened(output: str) -> Iterator[IO[bytes]]:
    """stdout, or a file that appears complete or not at all (written aside, then renamed)."""
    if output == "-":
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    partial = f"{output}.part"
    try:
        with open(partial, "wb") as out:
            yield out
        os.replace(partial, output)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def _types(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())
