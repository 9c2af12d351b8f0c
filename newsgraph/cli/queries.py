"""Analyst queries: `actor` (a profile), `relations` (a dyad over time), `timeline` and
`search`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import click

from newsgraph.cli.common import (
    FORMAT_OPTION,
    Records,
    db_option,
    emit,
    existing_store,
    print_records,
    since_option,
    stdout_console,
    until_option,
    write_csv,
    write_json_lines,
)
from newsgraph.cli.records import event_record, quote_record

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.store.profiles import ActorProfile, Dyad, Period
    from newsgraph.store.search import SearchResult

_DB = db_option()
_SINCE = since_option()
_UNTIL = until_option()
_BY = click.option(
    "--by", type=click.Choice(["year", "month", "day"]), default="month", show_default=True
)


@click.command("actor")
@click.argument("name")
@_DB
@_SINCE
@_UNTIL
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=1))
@FORMAT_OPTION
def actor_command(
    name: str, db: str, since: str | None, until: str | None, top: int, output_format: str
) -> None:
    """Profile of one actor (a name, a canonical id or a code such as CHNGOV): roles over
    time, quotes, events as source and as target, strongest relations."""
    from newsgraph.store.profiles import actor_profile

    with existing_store(db) as store:
        profile = actor_profile(store, name, since, until, top)
    if output_format == "json":
        write_json_lines([_profile_record(profile)])
    elif output_format == "csv":
        write_csv(_profile_rows(profile), sys.stdout)
    else:
        _print_profile(stdout_console(), profile)


@click.command("relations")
@click.argument("actor_a")
@click.argument("actor_b")
@_DB
@_SINCE
@_UNTIL
@_BY
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@FORMAT_OPTION
def relations_command(
    actor_a: str,
    actor_b: str,
    db: str,
    since: str | None,
    until: str | None,
    by: str,
    limit: int,
    output_format: str,
) -> None:
    """Events between two actors over time, both directions: cooperation against conflict
    (e.g. `newsgraph relations China Kazakhstan`; a country covers all its actors)."""
    from newsgraph.store.profiles import relations_between

    with existing_store(db) as store:
        dyad = relations_between(store, actor_a, actor_b, since, until, by, limit)
    if output_format == "json":
        write_json_lines([_dyad_record(dyad)])
    elif output_format == "csv":
        write_csv(_dyad_rows(dyad), sys.stdout)
    else:
        _print_dyad(stdout_console(), dyad)


@click.command("timeline")
@_DB
@click.option("--actor", help="Only events of this actor (either side).")
@click.option("--type", "type_", help="Only this PLOVER event type.")
@_SINCE
@_UNTIL
@_BY
@FORMAT_OPTION
def timeline_command(
    db: str,
    actor: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    by: str,
    output_format: str,
) -> None:
    """Events per period: how many, cooperation against conflict, Goldstein sum."""
    from newsgraph.store.profiles import timeline

    with existing_store(db) as store:
        periods = timeline(store, actor, type_, since, until, by)
    emit(periods, output_format, asdict, _periods_table, f"events by {by}")


@click.command("search")
@click.argument("text")
@_DB
@_SINCE
@_UNTIL
@click.option("--source", help="Only articles of this outlet.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@FORMAT_OPTION
def search_command(
    text: str,
    db: str,
    since: str | None,
    until: str | None,
    source: str | None,
    limit: int,
    output_format: str,
) -> None:
    """Articles and quotes containing every word of TEXT ("quoted phrases" too)."""
    from newsgraph.cli.titles import article_titles
    from newsgraph.store.search import search

    with existing_store(db) as store:
        result = search(store, text, since, until, source, limit)
        titles = {}
        if output_format == "table":
            titles = article_titles(store, ((h.article_id, h.title) for h in result.articles))
    rows = _search_rows(result)
    if output_format == "json":
        write_json_lines(rows)
    elif output_format == "csv":
        write_csv(rows, sys.stdout)
    else:
        _print_search(stdout_console(), result, titles)


# -- records ----------------------------------------------------------------------------


def _profile_record(profile: ActorProfile) -> dict[str, Any]:
    return {
        "label": profile.label,
        "canonical_id": profile.selector.canonical_id,
        "code_prefix": profile.selector.code_prefix,
        "name": profile.name,
        "type": profile.type,
        "country": profile.country,
        "code": profile.code,
        "mentions": profile.mentions,
        "articles": profile.articles,
        "roles": [asdict(r) for r in profile.roles],
        "events_as_source": profile.events_as_source,
        "events_as_target": profile.events_as_target,
        "recent_as_source": [event_record(h) for h in profile.recent_as_source],
        "recent_as_target": [event_record(h) for h in profile.recent_as_target],
        "quotes": [quote_record(h) for h in profile.quotes],
        "relations": [asdict(r) for r in profile.relations],
    }


def _profile_rows(profile: ActorProfile) -> list[dict[str, Any]]:
    """A profile as one table: a `section` column says what each row is."""
    rows: list[dict[str, Any]] = []
    for role in profile.roles:
        rows.append({"section": "role", **asdict(role)})
    for side, counts in (
        ("source", profile.events_as_source),
        ("target", profile.events_as_target),
    ):
        for type_, count in counts.items():
            rows.append({"section": f"events_as_{side}", "type": type_, "events": count})
    for relation in profile.relations:
        rows.append({"section": "relation", **asdict(relation)})
    for hit in profile.quotes:
        rows.append({"section": "quote", "article_id": hit.article_id, "text": hit.quote.text})
    return rows


def _dyad_record(dyad: Dyad) -> dict[str, Any]:
    return {
        "a": asdict(dyad.a),
        "b": asdict(dyad.b),
        "a_to_b": [asdict(p) for p in dyad.a_to_b],
        "b_to_a": [asdict(p) for p in dyad.b_to_a],
        "events": [event_record(h) for h in dyad.events],
    }


def _dyad_rows(dyad: Dyad) -> list[dict[str, Any]]:
    rows = [{"direction": f"{dyad.a.label} -> {dyad.b.label}", **asdict(p)} for p in dyad.a_to_b]
    rows += [{"direction": f"{dyad.b.label} -> {dyad.a.label}", **asdict(p)} for p in dyad.b_to_a]
    return rows


def _search_rows(result: SearchResult) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [{"result": "article", **asdict(hit)} for hit in result.articles]
    for hit in result.quotes:
        rows.append({"result": "quote", **quote_record(hit)})
    return rows


# -- tables (cells are plain text: never read as markup) --------------------------------


def _print_profile(console: Console, p: ActorProfile) -> None:
    from rich.text import Text

    head = p.name or p.label
    detail = ", ".join(x for x in (p.type, p.code or p.selector.code_prefix) if x)
    console.print(Text(f"{head} ({detail})" if detail else head, style="bold"))
    if p.selector.canonical_id:
        console.print(Text(f"{p.mentions:,} mentions in {p.articles:,} articles"))
    if p.roles:
        roles = Records(
            "roles",
            ("role", "first", "last", "mentions"),
            numeric=frozenset({"mentions"}),
            whole=frozenset({"first", "last"}),
        )
        for r in p.roles:
            roles.add(r.role, r.first or "", r.last or "", str(r.mentions))
        print_records(console, roles)
    events = Records(
        "events (asserted)",
        ("type", "as source", "as target"),
        numeric=frozenset({"as source", "as target"}),
    )
    for type_ in sorted(set(p.events_as_source) | set(p.events_as_target)):
        events.add(
            type_, str(p.events_as_source.get(type_, 0)), str(p.events_as_target.get(type_, 0))
        )
    print_records(console, events)
    if p.relations:
        relations = Records(
            "strongest relations",
            ("counterpart", "code", "out", "in", "coop", "conflict", "goldstein"),
            numeric=frozenset({"out", "in", "coop", "conflict", "goldstein"}),
        )
        for rel in p.relations:
            relations.add(
                rel.name, rel.code or "", str(rel.outgoing), str(rel.incoming),
                str(rel.cooperation), str(rel.conflict), f"{rel.goldstein:+.1f}",
            )  # fmt: skip
        print_records(console, relations)
    for hit in p.quotes:
        console.print(Text(f"“{hit.quote.text}” ({hit.published or '?'}, {hit.article_id})"))


def _print_dyad(console: Console, dyad: Dyad) -> None:
    from rich.text import Text

    print_records(console, _periods_table(dyad.a_to_b, f"{dyad.a.label} → {dyad.b.label}"))
    print_records(console, _periods_table(dyad.b_to_a, f"{dyad.b.label} → {dyad.a.label}"))
    for hit in dyad.events:
        e = hit.event
        line = (
            f"{e.date or '?'} {e.type} [{hit.trigger_text}] {hit.sentence_text} ({hit.article_id})"
        )
        console.print(Text(line))


def _periods_table(periods: Sequence[Period], title: str) -> Records:
    table = Records(
        title,
        ("period", "events", "cooperation", "conflict", "goldstein", "articles"),
        numeric=frozenset({"events", "cooperation", "conflict", "goldstein", "articles"}),
        whole=frozenset({"period"}),
    )
    for p in periods:
        table.add(
            p.period, str(p.events), str(p.cooperation), str(p.conflict),
            f"{p.goldstein:+.1f}", str(p.articles),
        )  # fmt: skip
    return table


def _print_search(console: Console, result: SearchResult, titles: dict[str, str]) -> None:
    from rich.text import Text

    articles = Records(
        "articles",
        ("published", "source", "title", "match", "id"),
        id_column="id",
        lines=True,
        whole=frozenset({"published"}),
    )
    for hit in result.articles:
        articles.add(
            hit.published or "",
            hit.source or "",
            titles.get(hit.article_id, ""),
            hit.snippet,
            hit.article_id,
        )
    print_records(console, articles)
    for quoted in result.quotes:
        speaker = quoted.quote.speaker.name if quoted.quote.speaker else "?"
        console.print(Text(f"{speaker}: “{quoted.quote.text}” ({quoted.article_id})"))


__all__ = ["actor_command", "relations_command", "search_command", "timeline_command"]
