"""`newsgraph stories` and `newsgraph story ID`: one real development across outlets."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsgraph.cli_output import FORMAT_OPTION, emit, write_csv
from newsgraph.store.sqlite import DEFAULT_DB
from newsgraph.stories import Story, StorySummary, list_stories, story


@click.command("stories")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("--since", help="Stories running on or after this date (2024, 2024-07 ...).")
@click.option("--until", help="Stories begun up to this date (inclusive prefix).")
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
    from newsgraph.cli import existing_store

    with existing_store(db) as store:
        stories = list_stories(store, since, until, limit, offset, min_articles)
    emit(stories, output_format, asdict, _stories_table, f"stories in {db}")


def _stories_table(stories: list[StorySummary], title: str) -> Table:
    table = Table(title=Text(title), title_justify="left")
    for column in ("first", "last", "articles", "outlets", "title", "id"):
        table.add_column(column, overflow="fold")
    for s in stories:
        table.add_row(
            Text(s.first_published or ""), Text(s.last_published or ""), str(s.articles),
            str(s.sources), Text(s.title or ""), Text(s.id),
        )  # fmt: skip
    return table


@click.command("story")
@click.argument("story_id")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@FORMAT_OPTION
def story_command(story_id: str, db: str, output_format: str) -> None:
    """One story: its articles side by side by outlet and the events they report, each
    merged event counting its mentions, articles and outlets."""
    from newsgraph.cli import existing_store

    with existing_store(db) as store:
        found = story(store, story_id)
    if found is None:
        raise click.ClickException(f"no story {story_id!r} in {db}")
    if output_format == "json":
        sys.stdout.write(json.dumps(found.to_dict(), ensure_ascii=False) + "\n")
    elif output_format == "csv":
        write_csv([{**asdict(a), "story_id": found.id} for a in found.articles], sys.stdout)
    else:
        _print_story(Console(), found)


def _print_story(console: Console, found: Story) -> None:
    console.print(Text(found.title or found.id, style="bold"))
    table = Table(title="articles", title_justify="left")
    for column in ("published", "outlet", "title", "id"):
        table.add_column(column, overflow="fold")
    for a in found.articles:
        table.add_row(
            Text(a.published or ""), Text(a.source or ""), Text(a.title or ""), Text(a.id)
        )
    console.print(table)
    table = Table(title="events (merged across articles)", title_justify="left")
    for column in ("date", "source", "event", "target", "mentions", "articles", "outlets"):
        table.add_column(column, overflow="fold")
    for e in found.events:
        table.add_row(
            Text(e.date or ""), Text(", ".join(e.source_names)), Text(f"{e.type} {e.cameo or ''}"),
            Text(", ".join(e.target_names)), str(e.mentions), str(e.articles), str(e.sources),
        )  # fmt: skip
    console.print(table)


__all__ = ["stories_command", "story_command"]
