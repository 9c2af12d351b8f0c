"""`newsgraph watch` (poll feeds and pages) and `newsgraph sources` (what they did)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from newsgraph.cli.common import (
    ALLOW_PRIVATE_OPTION,
    CONTACT_OPTION,
    DEFAULT_DB,
    EXIT_FAILED,
    FORMAT_OPTION,
    Records,
    db_option,
    emit,
    existing_store,
    fatal_errors,
    stderr_console,
)

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.store.sources import SourceState
    from newsgraph.watch import Cycle, Poll, Poller


def _every(ctx: click.Context, param: click.Parameter, value: str) -> float:
    from newsgraph.errors import ConfigError
    from newsgraph.watch.schedule import parse_duration

    try:
        return parse_duration(value)
    except ConfigError as exc:
        raise click.BadParameter(exc.message) from exc


@click.command("watch")
@click.argument("sources_file", metavar="SOURCES", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--every",
    default="15m",
    show_default=True,
    callback=_every,
    help="How often each source is polled (90s, 15m, 1h ...).",
)
@click.option("--once", is_flag=True, help="Poll the due sources once, then stop.")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to write.")
@ALLOW_PRIVATE_OPTION
@CONTACT_OPTION
@click.option("--model", help="spaCy model to analyze with (an installed package or a path).")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="TOML file with a [decode] table of settings.",
)
@click.option("--quiet", "-q", is_flag=True, help="Only failures are reported.")
def watch_command(
    sources_file: str,
    every: float,
    once: bool,
    db: str,
    allow_private_addresses: bool,
    contact: str | None,
    model: str | None,
    config_path: str | None,
    quiet: bool,
) -> None:
    """Poll the feeds and pages listed in SOURCES (one URL a line, optionally a tab and
    the outlet's name) and decode what is new, forever or --once.

    Requests are conditional (ETag, Last-Modified), so an unchanged feed costs one 304;
    a page already stored is never fetched again. Each host is asked at most once per
    host_delay (robots.txt's Crawl-delay if longer); failures back off; Retry-After is
    honoured. Ctrl-C stops after the current source, with everything fetched stored (a
    second Ctrl-C stops at once; the unfinished batch is fetched again next time).

    Exit code with --once: 1 if a source or an article failed."""
    from newsgraph.errors import ConfigError

    err = stderr_console()
    with fatal_errors():
        from newsgraph.watch.sources_file import read_sources_file

        try:
            listed = read_sources_file(sources_file)
        except ConfigError as exc:
            raise click.BadParameter(exc.message, param_hint="SOURCES") from exc
        from newsgraph.cli.decode import checked_config

        config = checked_config(
            config_path,
            model=model,
            contact=contact,
            allow_private_addresses=allow_private_addresses or None,
        )
        if not config.contact and not quiet:
            err.print(
                "note: no contact given (--contact or the key contact): sites cannot reach "
                "you about this crawler",
                style="yellow",
                highlight=False,
            )
        failed = _watch(listed, config, every, once, db, err, quiet)
    if once and failed:
        sys.exit(EXIT_FAILED)


def _watch(
    listed: Any, config: Any, every: float, once: bool, db: str, err: Console, quiet: bool
) -> bool:
    """Run the poller; whether a source or an article failed."""
    from newsgraph.store.sqlite import Store
    from newsgraph.watch import Poller

    failed = False

    def report(poll: Poll) -> None:
        nonlocal failed
        failed = failed or poll.outcome == "failed" or bool(poll.failures)
        _print_poll(err, poll, quiet)

    with Store(db) as store:
        poller = Poller(store, config, every, on_poll=report)
        try:
            urls = poller.add(listed)
            with _stop_on_signals(poller, err):
                for cycle in poller.run(urls, once=once):
                    if not quiet:
                        _print_cycle(err, cycle)
        finally:
            poller.close()
    return failed


@contextmanager
def _stop_on_signals(poller: Poller, err: Console) -> Iterator[None]:
    """Ctrl-C (or SIGTERM) stops after the current source; a second Ctrl-C at once."""

    def stop(signum: int, frame: FrameType | None) -> None:
        if poller.stopping.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        poller.stop()
        err.print("stopping after the current source (Ctrl-C again to stop at once)")

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _print_poll(err: Console, poll: Poll, quiet: bool) -> None:
    from rich.markup import escape

    if poll.outcome == "failed":
        err.print(f"[red]failed[/] {escape(poll.url)}: {escape(poll.message or '')}")
    elif not quiet:
        details = [poll.outcome]
        if poll.articles:
            details.append(f"{poll.articles:,} new articles")
        if poll.pages_fetched or poll.pages_known:
            details.append(f"{poll.pages_fetched:,} pages fetched, {poll.pages_known:,} known")
        if poll.message and poll.outcome != "failed":
            details.append(poll.message)
        err.print(f"{escape(poll.url)}: {escape('; '.join(details))}", highlight=False)
    for failure in poll.failures:
        err.print(f"  [red]failed[/] {escape(str(failure))}", highlight=False, soft_wrap=True)


def _print_cycle(err: Console, cycle: Cycle) -> None:
    err.print(
        f"cycle: {len(cycle.polls):,} sources polled, {cycle.articles:,} new articles; "
        f"{cycle.requests:,} requests, {cycle.bytes_received:,} bytes received"
        + ("; stopped" if cycle.stopped else ""),
        highlight=False,
    )


@click.command("sources")
@db_option()
@FORMAT_OPTION
def sources_command(db: str, output_format: str) -> None:
    """The sources `newsgraph watch` polls, with what fetching each last did: status,
    last success, last error, when it is due, articles stored, requests and bytes."""
    from newsgraph.store.sources import list_sources

    with existing_store(db) as store:  # migrated: an older database has no sources table
        sources = list_sources(store.conn)
    emit(sources, output_format, _record, _table, f"{len(sources):,} sources in {db}")


def _record(source: SourceState) -> dict[str, Any]:
    return dict(source.__dict__)


def _table(sources: Sequence[SourceState], title: str) -> Records:
    records = Records(
        title,
        ("url", "name", "status", "last success", "next due", "articles", "last error"),
        id_column="url",  # what `newsgraph watch` reads: printed whole, to be copied
        numeric=frozenset({"articles"}),
        whole=frozenset({"last success", "next due"}),
    )
    for s in sources:
        status = s.last_status or "never polled"
        if s.errors:
            status += f" ({s.errors} failures in a row)"
        records.add(
            s.url, s.name or "", status, s.last_success or "", s.next_due or "",
            f"{s.articles:,}", s.last_error or "",
        )  # fmt: skip
    return records


__all__ = ["sources_command", "watch_command"]
