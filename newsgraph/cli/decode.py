"""`newsgraph decode` and `newsgraph reprocess`: the commands that analyze text.

Everything the user gave is checked (options, dates, the configuration, the model's name,
the inputs, the ids) before the pipeline, and with it spaCy, is imported.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from newsgraph.cli.common import (
    ALLOW_PRIVATE_OPTION,
    CONTACT_OPTION,
    DEFAULT_DB,
    EXIT_FAILED,
    db_option,
    existing_store,
    fatal_errors,
    stderr_console,
)

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.config import Config
    from newsgraph.ingest.reader import InputOptions
    from newsgraph.pipeline import DecodeResult

_CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="TOML file with a [decode] table of settings.",
)
_MODEL_OPTION = click.option(
    "--model", help="spaCy model to analyze with (an installed package or a path)."
)


@click.command("decode")
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
@click.option(
    "--verbose", "-v", is_flag=True, help="Print the traceback of every component that failed."
)
@click.option("--source", help="Source (outlet) of the input articles.")
@click.option("--published", help="Publication date of the input articles (any date format).")
@click.option("--url", help="URL of the input article (for a single file).")
@ALLOW_PRIVATE_OPTION
@CONTACT_OPTION
@_MODEL_OPTION
@click.option(
    "--workers",
    callback=lambda _ctx, _param, value: _workers(value),
    metavar="N|auto",
    help="Processes decoding in parallel. Default auto: one per core (at most 4) when the "
    "input files hold 1 MB or more, else 1.",
)
@click.option("--batch-size", type=click.IntRange(min=1), help="Most articles per batch.")
@click.option("--languages", help="Comma-separated languages to analyze (default: en).")
@_CONFIG_OPTION
def decode_command(
    inputs: tuple[str, ...],
    db: str,
    no_store: bool,
    output_format: str,
    quiet: bool,
    verbose: bool,
    source: str | None,
    published: str | None,
    url: str | None,
    allow_private_addresses: bool,
    contact: str | None,
    model: str | None,
    workers: int | None,
    batch_size: int | None,
    languages: str | None,
    config_path: str | None,
) -> None:
    """Decode INPUTS (files, folders, - for stdin, or http(s) URLs of pages and feeds):
    text, HTML (also .gz), JSON, JSON Lines, RSS and Atom, WARC (.warc, .warc.gz). Inputs
    already in the database are not decoded again; with --format jsonl their stored
    articles are written, so the output covers every input."""
    if url and len(inputs) != 1:
        raise click.UsageError("--url applies to a single input file")
    _check_published(published)
    err = stderr_console()
    with fatal_errors():
        config = checked_config(
            config_path,
            model=model,
            workers=workers,
            batch_size=batch_size,
            languages=languages,
            contact=contact,
            allow_private_addresses=allow_private_addresses or None,
        )
        from newsgraph.ingest.fetch_rules import FetchConfig
        from newsgraph.ingest.reader import InputOptions

        options = InputOptions(
            source=source,
            published=published,
            url=url,
            max_document_bytes=config.max_document_bytes,
            max_file_bytes=config.max_file_bytes,
            max_parse_seconds=config.max_extract_seconds,
            fetch=FetchConfig.of(config),
        )
        _check_inputs(inputs, options)
        run = _decode(inputs, config, None if no_store else db, options, output_format, err, quiet)
        report_run(err, run, quiet, verbose)
        if not no_store and output_format == "none" and not quiet:
            from newsgraph.cli.stats import print_summary
            from newsgraph.store.queries import summarize
            from newsgraph.store.sqlite import Store

            with Store(db) as store:
                print_summary(err, summarize(store), db)
    if run.failures or run.component_failures:
        sys.exit(EXIT_FAILED)


def _check_published(published: str | None) -> None:
    from newsgraph.extract.dates import normalize_published

    if published is not None and normalize_published(published) is None:
        raise click.BadParameter(
            f"{published!r} is not a date (2024-07-03, 3 July 2024 ...)", param_hint="--published"
        )


def _workers(value: str | None) -> int | None:
    """--workers as Config takes it: a count, or 0 for "auto"."""
    if value is None:
        return None
    if value.strip().lower() == "auto":
        return 0
    if value.strip().isdigit() and int(value) >= 1:
        return int(value)
    raise click.BadParameter(f"{value!r} is neither a number of processes (1 or more) nor auto")


def checked_config(config_path: str | None, **overrides: Any) -> Config:
    """The configuration, with its model's name checked: a ConfigError or ModelError now,
    not after the inputs were read."""
    from newsgraph.config import load_config
    from newsgraph.nlp.model import check_model

    config = load_config(config_path, **overrides)
    check_model(config.model)
    return config


def _check_inputs(inputs: tuple[str, ...], options: InputOptions) -> None:
    """When no input exists, say so (as the run would) and stop: there is nothing to
    decode, so no database is made and no model loaded. Some missing among others are
    failures of the run, which goes on."""
    from newsgraph.ingest.urls import is_url

    if any(name == "-" or is_url(name) or os.path.exists(name) for name in inputs):
        return
    from newsgraph.ingest.reader import read_inputs

    for failure in read_inputs(inputs, options):  # only failures: no input is there
        click.echo(f"  failed {failure}", err=True)
    sys.exit(EXIT_FAILED)


def _decode(
    inputs: tuple[str, ...],
    config: Config,
    db: str | None,
    options: InputOptions,
    output_format: str,
    err: Console,
    quiet: bool,
) -> DecodeResult:
    from newsgraph.output import write_jsonl
    from newsgraph.pipeline import decode

    with decode_progress(err, quiet) as on_progress:
        run = decode(
            inputs,
            config=config,
            db=db,
            options=options,
            progress=on_progress,
            include_known=output_format == "jsonl",
        )
        for article in run:
            if output_format == "jsonl":
                write_jsonl(article, sys.stdout)
    return run


@click.command("reprocess")
@db_option("SQLite database to update.")
@click.option("--id", "ids", multiple=True, help="Only this article (repeatable); default: all.")
@_MODEL_OPTION
@click.option("--batch-size", type=click.IntRange(min=1), help="Articles per batch.")
@_CONFIG_OPTION
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
    err = stderr_console()
    with existing_store(db) as store:
        config = checked_config(config_path, model=model, batch_size=batch_size)
        unknown = store.unknown_articles(ids)
        for article_id in unknown:
            err.print(f"no article {article_id!r} in {db}", style="red", markup=False)
        wanted = [article_id for article_id in ids if article_id not in unknown]
        if ids and not wanted:
            sys.exit(EXIT_FAILED)  # before the model loads: there is nothing to analyze
        from newsgraph.reprocess import reprocess

        with _counter(err, quiet, "reprocessing") as on_progress:
            result = reprocess(store, config, wanted or None, on_progress)
    for failure in [*result.failures, *result.component_failures]:
        err.print(f"failed: {failure}", style="red", markup=False)
    missing = len(unknown) + len(result.missing)
    if not quiet:
        err.print(
            f"{result.articles:,} articles re-analyzed ({result.analyzed:,} analyzed), "
            f"{len(result.failures):,} failed, {missing:,} not found",
            markup=False,
        )
    if result.failures or result.component_failures or missing:
        sys.exit(EXIT_FAILED)


@contextmanager
def _counter(err: Console, quiet: bool, label: str) -> Iterator[Callable[[int, int], None] | None]:
    if quiet:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn(f"{label} {{task.completed}}/{{task.total}}"),
        TimeElapsedColumn(), console=err, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


@contextmanager
def decode_progress(err: Console, quiet: bool) -> Iterator[Any]:
    """A live counter on stderr, only for a person watching a terminal."""
    if quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from newsgraph.pipeline import Counts

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    # Redrawn at each batch rather than by rich's refresh thread: with no other thread
    # running, worker processes can be forked with the model already loaded (newsgraph.pool).
    with Progress(*columns, console=err, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("decoding")

        def update(counts: Counts) -> None:
            progress.update(
                task,
                description=(
                    f"decoded {counts.decoded:,} · duplicates {counts.duplicates:,} · "
                    f"known {counts.skipped - counts.duplicates:,} · "
                    f"failed {counts.failed:,} · {counts.words:,} words"
                ),
                refresh=True,
            )

        yield update


def report_run(err: Console, run: DecodeResult, quiet: bool, verbose: bool = False) -> None:
    """Counts of the run, then every failure (failures are shown even when quiet) and every
    component that failed on an article (with its traceback when `verbose`)."""
    from rich.markup import escape

    counts = run.counts
    if not quiet:
        err.print(
            f"decoded {counts.decoded:,} articles ({counts.analyzed:,} analyzed, "
            f"{counts.words:,} words); {counts.duplicates:,} duplicates; skipped "
            f"{counts.skipped - counts.duplicates:,} already known; {counts.failed:,} failed",
            highlight=False,
            soft_wrap=True,
        )
    if run.unread and not quiet:
        reasons = ", ".join(f"{n:,} {escape(r)}" for r, n in run.unread.most_common())
        err.print(
            f"  not articles, skipped: {reasons}", highlight=False, soft_wrap=True, style="dim"
        )
    _report_warnings(err, run, quiet)
    for failure in run.failures:
        err.print(f"  [red]failed[/] {escape(str(failure))}", highlight=False, soft_wrap=True)
    for broken in run.component_failures:
        err.print(
            f"  [red]component failed[/] {escape(str(broken))} (article kept without it)",
            highlight=False,
            soft_wrap=True,
        )
        if verbose:
            err.print(broken.error.traceback, markup=False, highlight=False, soft_wrap=True)
    if run.component_failures and not verbose:
        err.print("  (--verbose prints each traceback)", style="dim", highlight=False)


def _report_warnings(err: Console, run: DecodeResult, quiet: bool) -> None:
    from rich.markup import escape

    if quiet:
        return
    if run.not_analyzed:
        reasons = ", ".join(f"{n:,} {escape(r)}" for r, n in run.not_analyzed.most_common())
        err.print(f"  stored, not analyzed: {reasons}", highlight=False, soft_wrap=True)
    if run.replaced:
        err.print(
            f"  [yellow]warning[/] {run.replaced:,} articles had bytes that are not UTF-8, "
            "replaced by U+FFFD (metadata.encoding_replaced counts them)",
            highlight=False,
            soft_wrap=True,
        )


__all__ = [
    "checked_config",
    "decode_command",
    "decode_progress",
    "report_run",
    "reprocess_command",
]
