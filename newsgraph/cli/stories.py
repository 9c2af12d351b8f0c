"""`newsgraph stories` and `newsgraph story ID`: one real development across outlets."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import asdict
from functools import partial
from typing import TYPE_CHECKING

import click

from newsgraph.cli.common import (
    FORMAT_OPTION,
    NotFound,
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

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.stories.queries import Story, StorySummary


@click.command("stories")
@db_option()
@since_option("Stories running on or after this date (2024, 2024-07 ...).")
@until_option("Stories begun up to this date (included whole: 2024-07 is all July).")
@click.option(
    "--min-articles", default=2, show_default=True, type=click.IntRange(min=1),
    help="Only stories told by at least this many articles.",
)  # fmt: skip
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0))
@FORMAT_OPTION
def stories_command(
    db: str,
    since: str | None,
    until: str | None,
    min_articles: int,
    limit: int,
    offset: int,
    output_format: str,
) -> None:
    """Stories: articles from different outlets about the same development, latest first."""
    from newsgraph.cli.titles import story_titles
    from newsgraph.stories.queries import list_stories

    with existing_store(db) as store:
        stories = list_stories(store, since, until, limit, offset, min_articles)
        titles = {}
        if output_format == "table":
            titles = story_titles(store, ((s.id, s.title) for s in stories))
    emit(stories, output_format, asdict, partial(_stories_table, titles=titles), f"stories in {db}")


def _stories_table(
    stories: Sequence[StorySummary], title: str, titles: dict[str, str] | None = None
) -> Records:
    table = Records(
        title,
        ("first", "last", "articles", "outlets", "title", "id"),
        id_column="id",
        numeric=frozenset({"articles", "outlets"}),
        whole=frozenset({"first", "last"}),
    )
    for s in stories:
        table.add(
            _day(s.first_published), _day(s.last_published), str(s.articles), str(s.sources),
            (titles or {}).get(s.id, s.title or ""), s.id,
        )  # fmt: skip
    return table


@click.command("story")
@click.argument("story_id")
@db_option()
@FORMAT_OPTION
def story_command(story_id: str, db: str, output_format: str) -> None:
    """One story: its articles side by side by outlet and the events they report, each
    merged event counting its mentions, articles and outlets."""
    from newsgraph.cli.titles import article_titles, story_titles
    from newsgraph.stories.queries import story

    with existing_store(db) as store:
        found = story(store, story_id)
        if found is None:
            raise NotFound(f"no story {story_id!r} in {db}")
        titles = {}
        if output_format == "table":
            titles = article_titles(store, ((a.id, a.title) for a in found.articles))
            titles.update(story_titles(store, [(found.id, found.title)]))
    if output_format == "json":
        write_json_lines([found.to_dict()])
    elif output_format == "csv":
        write_csv([{**asdict(a), "story_id": found.id} for a in found.articles], sys.stdout)
    else:
        _print_story(stdout_console(), found, titles)


def _print_story(console: Console, found: Story, titles: dict[str, str]) -> None:
    from rich.text import Text

    console.print(Text(titles.get(found.id) or found.id, style="bold"))
    articles = Records(
        "articles",
        ("published", "outlet", "title", "id"),
        id_column="id",
        whole=frozenset({"published"}),
    )
    for a in found.articles:
        articles.add(a.published or "", a.source or "", titles.get(a.id, ""), a.id)
    print_records(console, articles)
    events = Records(
        "events (merged across articles)",
        ("date", "source", "event", "target", "mentions", "articles", "outlets"),
        numeric=frozenset({"mentions", "articles", "outlets"}),
        whole=frozenset({"date"}),
    )
    for e in found.events:
        events.add(
            e.date or "", ", ".join(e.source_names), f"{e.type} {e.cameo or ''}",
            ", ".join(e.target_names), str(e.mentions), str(e.articles), str(e.sources),
        )  # fmt: skip
    print_records(console, events)


def _day(published: str | None) -> str:
    """The day of a publication time ("2024-07-11T15:20:00+00:00" -> "2024-07-11"): a
    story's first and last are days (the JSON output keeps the times)."""
    return (published or "")[:10]


__all__ = ["stories_command", "story_command"]
