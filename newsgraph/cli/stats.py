"""The record at a glance: `newsgraph stats`, `actors` (the most mentioned) and `article`
(one stored article in the JSONL contract's form)."""

from __future__ import annotations

import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from newsgraph.cli.common import (
    DATE,
    FORMAT_OPTION,
    NotFound,
    Records,
    db_option,
    existing_store,
    print_records,
    stdout_console,
    write_csv,
    write_json_lines,
)

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.store.queries import StoreSummary


@click.command("stats")
@db_option()
@click.option("--top", default=10, show_default=True, help="How many names to list.")
def stats_command(db: str, top: int) -> None:
    """Summarize the database: articles, entities by type, most mentioned names, damage."""
    from newsgraph.store.queries import summarize

    with existing_store(db, readonly=True) as store:
        summary = summarize(store, top)
    print_summary(stdout_console(), summary, db)


@click.command("actors")
@db_option()
@click.option("--top", default=20, show_default=True, help="How many actors to list.")
@click.option("--country", help="Only actors of this country code (e.g. KAZ, IGO).")
@click.option("--type", "type_", help="Only this entity type (PERSON, ORG, GPE, NORP ...).")
@click.option("--sector", help="Only actors of this CAMEO sector (GOV, MIL, BUS ...).")
@click.option(
    "--since", type=DATE, help="Mentions in articles published from this date (2024-07 ...)."
)
@click.option("--until", type=DATE, help="Mentions in articles published up to this date.")
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
    from newsgraph.store.queries import top_actors

    with existing_store(db) as store:
        actors = top_actors(store, top, country, type_, sector, since, until)
    if output_format == "json":
        write_json_lines(asdict(actor) for actor in actors)
    elif output_format == "csv":
        write_csv([{**asdict(a), "roles": "; ".join(a.roles)} for a in actors], sys.stdout)
    else:
        table = Records(
            f"most mentioned actors in {db}",
            ("actor", "type", "code", "mentions", "articles", "roles", "id"),
            id_column="id",
            numeric=frozenset({"mentions", "articles"}),
        )
        for a in actors:
            table.add(
                a.name, a.type, a.code or "", str(a.mentions), str(a.articles),
                "; ".join(a.roles), a.canonical_id,
            )  # fmt: skip
        print_records(stdout_console(), table)


@click.command("article")
@click.argument("article_id")
@db_option()
def article_command(article_id: str, db: str) -> None:
    """Print one stored article as JSON (the same form as `decode --format jsonl`)."""
    from newsgraph.output import write_jsonl

    with existing_store(db, readonly=True) as store:
        article = store.load_article(article_id)
    if article is None:
        raise NotFound(f"no article {article_id!r} in {db}")
    write_jsonl(article, sys.stdout)


def print_summary(console: Console, summary: StoreSummary, db: str) -> None:
    """The summary `stats` prints (and `decode` after a run)."""
    from rich.markup import escape

    def say(line: str) -> None:
        console.print(line, highlight=False, soft_wrap=True)

    say(
        f"[bold]{escape(db)}[/]: {summary.articles:,} articles ({summary.analyzed:,} analyzed; "
        f"languages: {escape(_pairs(summary.languages))})"
    )
    say(f"entities by type: {escape(_pairs(summary.entities_by_type))}")
    say(
        f"quotes: {summary.quotes:,}; events: {sum(summary.events_by_modality.values()):,} "
        f"({escape(_pairs(summary.events_by_modality)) or 'none'}); "
        f"stories told by several articles: {summary.stories:,}"
    )
    names = Records(
        "most mentioned names",
        ("name", "type", "mentions", "articles"),
        numeric=frozenset({"mentions", "articles"}),
    )
    for name, kind, mentions, articles in summary.top_names:
        names.add(name, kind, str(mentions), str(articles))
    print_records(console, names)
    say(
        f"damaged spans: {sum(summary.damage_by_kind.values()):,} in "
        f"{summary.damaged_articles:,} articles "
        f"({escape(_pairs(summary.damage_by_kind)) or 'none'})"
    )


def _pairs(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {value:,}" for key, value in counts.items())


__all__ = ["actors_command", "article_command", "print_summary", "stats_command"]
