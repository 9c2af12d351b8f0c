"""What every command shares: exit codes, options, opening an existing store, errors, and
the output of records as a table (for reading), JSON Lines or CSV (for other tools).

Cheap to import (click and the standard library): `newsgraph --help` imports every command
module, and through them this one. rich and the store are imported where they are used.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.store.sqlite import Store

# Exit codes (the README lists them): a record that is not there (an unknown article, story
# or actor) is not a fatal error: like grep finding nothing, it exits 1.
EXIT_OK = 0
EXIT_FAILED = 1  # some inputs could not be decoded, or what was asked for is not there
EXIT_USAGE = 2  # bad usage: options, arguments, dates, a missing database (click's own code)
EXIT_FATAL = 3  # configuration, model or database unusable

DEFAULT_DB = "newsgraph.db"  # the same default as newsgraph.store.sqlite.Store's


class NotFound(click.ClickException):
    """What the command names (an article, a story, an actor) is not in the store."""

    exit_code = EXIT_FAILED


# -- options ------------------------------------------------------------------------------

F = TypeVar("F", bound=Callable[..., Any])


def db_option(help: str = "SQLite database to read.") -> Callable[[F], F]:
    return click.option("--db", default=DEFAULT_DB, show_default=True, help=help)


if TYPE_CHECKING:
    _TextParam = click.ParamType[str, Any]  # generic in click 8.5; not subscriptable before
else:
    _TextParam = click.ParamType


class IsoDate(_TextParam):
    """An ISO 8601 year, month, day or week (2024, 2024-07, 2024-07-03, 2024-W27), checked
    to exist; given to the queries in its canonical form."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from newsgraph.dates import InvalidDate, parse_date

        try:
            return parse_date(str(value)).text
        except InvalidDate as error:
            self.fail(error.message, param, ctx)


DATE = IsoDate()


def since_option(
    help: str = "From this date on (2024, 2024-07, 2024-07-03, 2024-W27).",
) -> Callable[[F], F]:
    return click.option("--since", type=DATE, help=help)


def until_option(
    help: str = "Up to this date (included whole: 2024-07 is all July).",
) -> Callable[[F], F]:
    return click.option("--until", type=DATE, help=help)


def parse_modalities(value: str) -> tuple[str, ...]:
    """`--modality`: comma-separated modalities, or all."""
    from newsgraph.store.event_queries import choose_modalities

    try:
        return choose_modalities([value])
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--modality") from None


FORMAT_OPTION = click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for reading; json (one object a line) or csv for other tools.",
)

# Fetching URLs (decode, watch): the address rule and who to contact.
ALLOW_PRIVATE_OPTION = click.option(
    "--allow-private-addresses",
    is_flag=True,
    help="Fetch from private, loopback, link-local and multicast addresses (refused by "
    "default; configuration key allow_private_addresses).",
)
CONTACT_OPTION = click.option(
    "--contact",
    help="Your e-mail address or URL, sent in the User-Agent when fetching (key contact).",
)

# -- the store and errors -----------------------------------------------------------------


def existing_db(db: str) -> str:
    """`db` if a file is there; naming a database that does not exist is bad usage."""
    if not os.path.isfile(db):
        raise click.BadParameter(
            f"no database at {db}: run `newsgraph decode` first", param_hint="--db"
        )
    return db


@contextmanager
def existing_store(db: str, readonly: bool = False) -> Iterator[Store]:
    """The database at `db` (an older one migrated to this version unless `readonly`), or
    a clear error if there is none. An unknown actor named in a query raised inside the
    block is reported as not found."""
    from newsgraph.store.selectors import UnknownActor
    from newsgraph.store.sqlite import Store

    path = existing_db(db)
    with fatal_errors():
        try:
            with Store(path, readonly=readonly) as store:
                yield store
        except UnknownActor as exc:
            raise NotFound(exc.message) from exc


@contextmanager
def fatal_errors() -> Iterator[None]:
    """A NewsgraphError (configuration, model, store) ends the command with exit code 3."""
    from newsgraph.errors import NewsgraphError

    try:
        yield
    except NewsgraphError as exc:
        fail_fatally(f"[{exc.code}]: {exc.message}")


def fail_fatally(message: str) -> NoReturn:
    click.echo(f"{click.style('error', fg='red', bold=True)} {message}", err=True)
    sys.exit(EXIT_FATAL)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def stdout_console() -> Console:
    from rich.console import Console

    return Console()


# -- records out --------------------------------------------------------------------------


@dataclass
class Records:
    """A table of plain-text cells, printed by :func:`print_records`. Cells are never read
    as rich markup (article text is full of "[...]"). The `id_column` is printed whole, and
    so are the `whole` columns (dates: "2024-07-1" over "0" reads as another date)."""

    title: str
    columns: tuple[str, ...]
    id_column: str | None = None
    numeric: frozenset[str] = frozenset()  # right-aligned columns
    whole: frozenset[str] = frozenset()  # never wrapped, like the id column
    lines: bool = False  # a rule between rows, for cells of several lines
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, *cells: str) -> None:
        assert len(cells) == len(self.columns), (cells, self.columns)
        self.rows.append(cells)


def emit(
    hits: Sequence[Any],
    output_format: str,
    record: Callable[[Any], dict[str, Any]],
    table: Callable[[Sequence[Any], str], Records],
    title: str,
) -> None:
    """`hits` as JSON Lines (`record` of each), CSV (the records flattened) or a table."""
    if output_format == "json":
        write_json_lines(record(hit) for hit in hits)
    elif output_format == "csv":
        write_csv((flatten(record(hit)) for hit in hits), sys.stdout)
    else:
        print_records(stdout_console(), table(hits, title))


def write_json_lines(records: Iterable[dict[str, Any]]) -> None:
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


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


# Narrower than this, a column breaks words and numbers apart ("menti/ons"): when the ids
# and every other column at least this wide (or as wide as its widest cell, if less) do
# not fit the terminal, the records are printed one block each instead.
_READABLE_WIDTH = 8


def print_records(console: Console, records: Records) -> None:
    """A table whose id column holds every id whole (never wrapped or cut, so it can be
    copied into the next command); where the terminal is too narrow for that, one block
    per record headed by its id (as psql's expanded display)."""
    if records.id_column is not None and not _ids_fit(records, console.width):
        _print_blocks(console, records)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(records.title), title_justify="left", show_lines=records.lines)
    for column in records.columns:
        if column == records.id_column or column in records.whole:
            table.add_column(column, no_wrap=True, min_width=_widest(records, column))
        else:
            right = column in records.numeric
            table.add_column(
                column,
                justify="right" if right else "left",
                overflow="fold",
                min_width=_readable(records, column) if records.id_column else None,
            )
    for row in records.rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)


def _widest(records: Records, column: str) -> int:
    index = records.columns.index(column)
    return max(
        [len(column), *(len(line) for row in records.rows for line in row[index].split("\n"))]
    )


def _readable(records: Records, column: str) -> int:
    return min(_widest(records, column), _READABLE_WIDTH)


def _ids_fit(records: Records, width: int) -> bool:
    # A box table takes three characters per column (a rule and a space each side) and one.
    needed = 3 * len(records.columns) + 1
    for column in records.columns:
        if column == records.id_column or column in records.whole:
            needed += _widest(records, column)
        else:
            needed += _readable(records, column)
    return needed <= width


def _print_blocks(console: Console, records: Records) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(Text(records.title))
    index = records.columns.index(str(records.id_column))
    for row in records.rows:
        console.print()
        console.print(Text(row[index], style="bold"), soft_wrap=True)
        block = Table.grid(padding=(0, 2))
        block.add_column(style="dim", no_wrap=True)
        block.add_column(overflow="fold")
        for column, cell in zip(records.columns, row, strict=True):
            if column != records.id_column:
                block.add_row(column, Text(cell))
        console.print(block)


__all__ = [
    "ALLOW_PRIVATE_OPTION",
    "CONTACT_OPTION",
    "DATE",
    "DEFAULT_DB",
    "EXIT_FAILED",
    "EXIT_FATAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "FORMAT_OPTION",
    "IsoDate",
    "NotFound",
    "Records",
    "db_option",
    "emit",
    "existing_db",
    "existing_store",
    "fail_fatally",
    "fatal_errors",
    "flatten",
    "parse_modalities",
    "print_records",
    "since_option",
    "stderr_console",
    "stdout_console",
    "until_option",
    "write_csv",
    "write_json_lines",
]
