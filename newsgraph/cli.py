"""The `newsgraph` command: a thin shell over the library.

Exit codes: 0 success; 1 some inputs could not be decoded (the rest were); 2 bad usage;
3 a fatal error (configuration, model or database unusable).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsgraph.cli_export import export_command
from newsgraph.cli_output import FORMAT_OPTION, write_csv
from newsgraph.cli_queries import actor_command, relations_command, search_command, timeline_command
from newsgraph.cli_records import events_command, quotes_command
from newsgraph.cli_stories import stories_command, story_command
from newsgraph.cli_web import serve_command
from newsgraph.config import load_config
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.reader import InputOptions
from newsgraph.output import write_jsonl
from newsgraph.pipeline import Counts, DecodeResult, decode
from newsgraph.store.queries import StoreSummary, summarize, top_actors
from newsgraph.store.sqlite import DEFAULT_DB, Store

EXIT_INPUT_FAILED = 1
EXIT_FATAL = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def main() -> None:
    """Turn news articles into a traceable record of who said what and who did what to whom."""


@main.command("decode")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@click.option("--no-store", is_flag=True, help="Write no database (output only).")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "none"]),
    default="none",
    show_default=True,
    help="Write each decoded article to stdout in this format.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--source", help="Source (outlet) of the input articles.")
@click.option("--published", help="Publication date of the input articles (any date format).")
@click.option("--url", help="URL of the input article (for a single file).")
@click.option("--model", help="spaCy model to analyze with (an installed package or a path).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes decoding in parallel.")
@click.option("--batch-size", type=click.IntRange(min=1), help="Articles per batch.")
@click.option("--languages", help="Comma-separated languages to analyze (default: en).")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="TOML file with a [decode] table of settings.",
)
def decode_command(
    inputs: tuple[str, ...],
    db: str,
    no_store: bool,
    output_format: str,
    quiet: bool,
    source: str | None,
    published: str | None,
    url: str | None,
    model: str | None,
    workers: int | None,
    batch_size: int | None,
    languages: str | None,
    config_path: str | None,
) -> None:
    """Decode INPUTS (files, folders, or - for stdin): text, HTML (also .gz), JSON, JSON
    Lines, RSS and Atom. Inputs already in the database are not decoded again; with
    --format jsonl their stored articles are written, so the output covers every input."""
    if url and len(inputs) != 1:
        raise click.UsageError("--url applies to a single input file")
    err = Console(stderr=True)
    with _fatal_errors(err):
        config = load_config(
            config_path,
            model=model,
            workers=workers,
            batch_size=batch_size,
            languages=languages,
        )
        options = InputOptions(
            source=source,
            published=published,
            url=url,
            max_document_bytes=config.max_document_bytes,
            max_file_bytes=config.max_file_bytes,
        )
        with _progress(err, quiet) as on_progress:
            run = decode(
                inputs,
                config=config,
                db=None if no_store else db,
                options=options,
                progress=on_progress,
                include_known=output_format == "jsonl",
            )
            for article in run:
                if output_format == "jsonl":
                    write_jsonl(article, sys.stdout)
        _report_run(err, run, quiet)
        if not no_store and output_format == "none" and not quiet:
            with Store(db) as store:
                _print_summary(err, summarize(store), db)
    if run.failures:
        sys.exit(EXIT_INPUT_FAILED)


@main.command("reprocess")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to update.")
@click.option("--id", "ids", multiple=True, help="Only this article (repeatable); default: all.")
@click.option("--model", help="spaCy model to analyze with (an installed package or a path).")
@click.option("--batch-size", type=click.IntRange(min=1), help="Articles per batch.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="TOML file with a [decode] table of settings.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary.")
def reprocess_command(
    db: str,
    ids: tuple[str, ...],
    model: str | None,
    batch_size: int | None,
    config_path: str | None,
    quiet: bool,
) -> None:
    """Analyze stored articles again (after newsgraph or its configuration changed), from
    their stored text: inputs are not read again. Old records are replaced."""
    from newsgraph.reprocess import reprocess

    err = Console(stderr=True)
    with existing_store(db) as store:
        config = load_config(config_path, model=model, batch_size=batch_size)
        with _counter(err, quiet, "reprocessing") as on_progress:
            result = reprocess(store, config, ids or None, on_progress)
    for failure in result.failures:
        err.print(Text(f"failed: {failure}", style="red"))
    for article_id in result.missing:
        err.print(Text(f"no article {article_id!r} in {db}", style="red"))
    if not quiet:
        err.print(
            Text(f"{result.articles:,} articles re-analyzed ({result.analyzed:,} analyzed), "
                 f"{len(result.failures):,} failed, {len(result.missing):,} not found")
        )  # fmt: skip
    if result.failures or result.missing:
        sys.exit(EXIT_INPUT_FAILED)


@contextmanager
def _counter(err: Console, quiet: bool, label: str) -> Iterator[Any]:
    if quiet:
        yield None
        return
    with Progress(
        SpinnerColumn(), TextColumn(f"{label} {{task.completed}}/{{task.total}}"),
        TimeElapsedColumn(), console=err, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


@main.command("stats")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--top", default=10, show_default=True, help="How many names to list.")
def stats_command(db: str, top: int) -> None:
    """Summarize the database: articles, entities by type, most mentioned names, damage."""
    console = Console()
    with _fatal_errors(Console(stderr=True)), Store(_existing(db), readonly=True) as store:
        _print_summary(console, summarize(store, top), db)


@main.command("actors")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--top", default=20, show_default=True, help="How many actors to list.")
@click.option("--country", help="Only actors of this country code (e.g. KAZ, IGO).")
@click.option("--type", "type_", help="Only this entity type (PERSON, ORG, GPE, NORP ...).")
@click.option("--sector", help="Only actors of this CAMEO sector (GOV, MIL, BUS ...).")
@click.option("--since", help="Mentions in articles published from this date (2024-07 ...).")
@click.option("--until", help="Mentions in articles published up to this date (prefix).")
@FORMAT_OPTION
def actors_command(
    db: str,
    top: int,
    country: str | None,
    type_: str | None,
    sector: str | None,
    since: str | None,
    until: str | None,
    output_format: str,
) -> None:
    """List the most mentioned actors across articles, with codes and roles."""
    with existing_store(db) as store:
        actors = top_actors(store, top, country, type_, sector, since, until)
    if output_format == "json":
        for actor in actors:
            sys.stdout.write(json.dumps(asdict(actor), ensure_ascii=False) + "\n")
        return
    if output_format == "csv":
        write_csv([{**asdict(a), "roles": "; ".join(a.roles)} for a in actors], sys.stdout)
        return
    table = Table(title=f"most mentioned actors in {escape(db)}", title_justify="left")
    for column in ("actor", "type", "code", "mentions", "articles", "roles", "id"):
        table.add_column(column, justify="right" if column in {"mentions", "articles"} else "left")
    for a in actors:
        # Names and roles come from article text: Text() keeps "[...]" from being markup.
        table.add_row(
            Text(a.name),
            a.type,
            a.code or "",
            str(a.mentions),
            str(a.articles),
            Text("; ".join(a.roles)),
            Text(a.canonical_id),
        )
    Console().print(table)


@main.command("article")
@click.argument("article_id")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
def article_command(article_id: str, db: str) -> None:
    """Print one stored article as JSON (the same form as `decode --format jsonl`)."""
    with _fatal_errors(Console(stderr=True)), Store(_existing(db), readonly=True) as store:
        article = store.load_article(article_id)
        if article is None:
            raise click.ClickException(f"no article {article_id!r} in {db}")
        write_jsonl(article, sys.stdout)


@contextmanager
def existing_store(db: str) -> Iterator[Store]:
    """The database at `db` (migrated to this version), or a clear error if there is none."""
    with _fatal_errors(Console(stderr=True)), Store(_existing(db)) as store:
        yield store


def _existing(db: str) -> str:
    import os

    if not os.path.exists(db):
        raise click.ClickException(f"no database at {db}: run `newsgraph decode` first")
    return db


@contextmanager
def _fatal_errors(err: Console) -> Iterator[None]:
    try:
        yield
    except NewsgraphError as exc:
        err.print(
            f"[bold red]error[/] {escape(f'[{exc.code}]')}: {escape(exc.message)}",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(EXIT_FATAL)


@contextmanager
def _progress(err: Console, quiet: bool) -> Iterator[Any]:
    """A live counter on stderr, only for a person watching a terminal."""
    if quiet or not err.is_terminal:
        yield None
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("decoding")

        def update(counts: Counts) -> None:
            progress.update(
                task,
                description=(
                    f"decoded {counts.decoded:,} · skipped {counts.skipped:,} · "
                    f"failed {counts.failed:,} · {counts.words:,} words"
                ),
            )

        yield update


def _report_run(err: Console, run: DecodeResult, quiet: bool) -> None:
    """Counts of the run, then every failure (failures are shown even when quiet)."""
    counts = run.counts
    if not quiet:
        err.print(
            f"decoded {counts.decoded:,} articles ({counts.analyzed:,} analyzed, "
            f"{counts.words:,} words); skipped {counts.skipped:,} already known or duplicate; "
            f"{counts.failed:,} failed",
            highlight=False,
            soft_wrap=True,
        )
    for failure in run.failures:
        err.print(f"  [red]failed[/] {escape(str(failure))}", highlight=False, soft_wrap=True)


def _print_summary(console: Console, summary: StoreSummary, db: str) -> None:
    console.print(
        f"[bold]{escape(db)}[/]: {summary.articles:,} articles ({summary.analyzed:,} analyzed; "
        f"languages: {_pairs(summary.languages)})",
        highlight=False,
        soft_wrap=True,
    )
    console.print(
        f"entities by type: {_pairs(summary.entities_by_type)}", highlight=False, soft_wrap=True
    )
    console.print(
        f"quotes: {summary.quotes:,}; events: {sum(summary.events_by_modality.values()):,} "
        f"({_pairs(summary.events_by_modality) or 'none'}); "
        f"stories told by several articles: {summary.stories:,}",
        highlight=False,
        soft_wrap=True,
    )
    table = Table(title="most mentioned names", title_justify="left")
    for column in ("name", "type", "mentions", "articles"):
        table.add_column(column, justify="right" if column in {"mentions", "articles"} else "left")
    for name, kind, mentions, articles in summary.top_names:
        table.add_row(Text(name), kind, str(mentions), str(articles))
    console.print(table)
    console.print(
        f"damaged spans: {sum(summary.damage_by_kind.values()):,} in "
        f"{summary.damaged_articles:,} articles ({_pairs(summary.damage_by_kind) or 'none'})",
        highlight=False,
        soft_wrap=True,
    )


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {value:,}" for key, value in counts.items())


for command in (
    quotes_command,
    events_command,
    actor_command,
    relations_command,
    timeline_command,
    search_command,
    export_command,
    stories_command,
    story_command,
    serve_command,
):
    main.add_command(command)

if __name__ == "__main__":
    main()
