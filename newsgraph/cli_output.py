"""Output of the query commands: a rich table for reading, JSON Lines or CSV for tools."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

import click
from rich.console import Console
from rich.table import Table

FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for reading; json (one object a line) or csv for other tools.",
)


def emit(
    hits: list[Any],
    output_format: str,
    record: Callable[[Any], dict[str, Any]],
    table: Callable[[list[Any], str], Table],
    title: str,
) -> None:
    if output_format == "json":
        for hit in hits:
            sys.stdout.write(json.dumps(record(hit), ensure_ascii=False) + "\n")
    elif output_format == "csv":
        write_csv((flatten(record(hit)) for hit in hits), sys.stdout)
    else:
        Console().print(table(hits, title))


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects become dotted columns; lists stay JSON text in one cell."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def write_csv(rows: Iterable[dict[str, Any]], stream: Any) -> None:
    # Columns are the union over all rows (a quote without a speaker has no speaker.name).
    materialized = list(rows)
    columns: dict[str, None] = {}
    for row in materialized:
        columns.update(dict.fromkeys(row))
    writer = csv.DictWriter(stream, fieldnames=list(columns), restval="")
    writer.writeheader()
    writer.writerows(materialized)


__all__ = ["FORMAT_OPTION", "emit", "flatten", "write_csv"]
