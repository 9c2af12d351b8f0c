"""CLI tables on an 80-column terminal: every id is printed whole (so it can be copied into
the next command); the other columns wrap, and a table too wide for whole ids becomes one
block per record."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from builders import decoded_article
from click.testing import CliRunner
from rich.console import Console

from newsgraph.cli import main
from newsgraph.cli.common import Records, print_records
from newsgraph.store.sqlite import Store
from newsgraph.stories import update_stories

# Feeds give their entries' ids as ids: tag URIs and URLs, longer than a column.
LONG_ID = "tag:steppe.example-wire.net,2024-07-09:/news/tokayev-and-xi-meet-in-astana"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tables") / "t.db"
    short = decoded_article("a1")
    long = replace(decoded_article(LONG_ID, published="2024-07-05"), source="Steppe Wire")
    with Store(path) as store, store.transaction():
        store.save(short)
        store.save(long)
        update_stories(store, ["a1", LONG_ID])
    return path


def run(db: Path, *args: str, columns: int = 80) -> str:
    result = CliRunner().invoke(main, [*args, "--db", str(db)], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


def ids_of(db: Path, args: list[str], key: str) -> set[str]:
    lines = run(db, *args, "--format", "json").splitlines()
    return {json.loads(line)[key] for line in lines}


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["actors"], "canonical_id"),
        (["quotes"], "article_id"),
        (["events", "--modality", "all"], "article_id"),
        (["stories", "--min-articles", "1"], "id"),
        (["timeline"], "period"),
    ],
)
def test_tables_at_80_columns_print_every_id_whole(db: Path, args: list[str], key: str) -> None:
    ids = ids_of(db, args, key)
    assert ids
    for width in (80, 200):
        output = run(db, *args, columns=width)
        assert all(len(line) <= width for line in output.splitlines())
        lines = {line.strip(" │┃") for line in output.splitlines()}
        for found in ids:
            # whole, on one line: never folded onto the next line nor cut with "…"
            assert any(found in line for line in lines), (found, output)
    assert "…" not in run(db, *args, columns=80)


def test_sources_table_prints_every_url_whole(tmp_path: Path) -> None:
    from newsgraph.store.sources import add_sources

    url = "https://steppe.example-wire.net/feeds/world/central-asia/latest.atom?format=full"
    with Store(tmp_path / "s.db") as store, store.transaction():
        add_sources(store.conn, [(url, "Steppe Wire")])
    for width in (80, 200):
        output = run(tmp_path / "s.db", "sources", columns=width)
        assert any(url in line for line in output.splitlines()), output


def test_search_and_story_tables_print_article_ids_whole(db: Path) -> None:
    found = run(db, "search", "cooperation")
    assert LONG_ID in found and "a1" in found
    story = ids_of(db, ["stories", "--min-articles", "1"], "id")
    for story_id in story:
        output = run(db, "story", story_id)
        assert any(article_id in output for article_id in ("a1", LONG_ID))


def test_a_table_with_short_ids_stays_a_table_at_80_columns() -> None:
    records = Records("stories", ("first", "articles", "title", "id"), id_column="id")
    records.add("2024-07-03", "2", "Xi Jinping arrives in Astana for a state visit " * 2, "st_1")
    records.add("2024-07-04", "3", "Tokayev and Xi sign agreements", "st_0764282eb9565e29")
    out = io.StringIO()
    print_records(Console(file=out, width=80), records)
    text = out.getvalue()
    assert "┃ id " in text and "st_0764282eb9565e29 │" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_a_table_too_narrow_for_whole_ids_prints_a_block_per_record() -> None:
    records = Records(
        "quotes",
        ("published", "speaker", "kind", "quote", "cue", "tone", "article"),
        id_column="article",
    )
    records.add("2024-07-09", "The two leaders", "indirect", "trade [and] energy", "discussed",
                "+0.36", LONG_ID)  # fmt: skip
    out = io.StringIO()
    print_records(Console(file=out, width=80), records)
    lines = out.getvalue().splitlines()
    assert lines[0] == "quotes" and LONG_ID in lines
    assert any(line.startswith("quote") and "trade [and] energy" in line for line in lines)
    out = io.StringIO()
    print_records(Console(file=out, width=160), records)
    assert f"│ {LONG_ID} │" in out.getvalue()  # wide enough: a table


def test_a_whole_column_keeps_each_date_on_one_line() -> None:
    records = Records(
        "events",
        ("date", "source", "event", "target", "mentions", "articles", "outlets"),
        numeric=frozenset({"mentions", "articles", "outlets"}),
        whole=frozenset({"date"}),
    )
    records.add("2024-07-11", "Volodymyr Zelensky", "SUPPORT 051", "United States", "1", "1", "1")
    out = io.StringIO()
    print_records(Console(file=out, width=80), records)
    assert "│ 2024-07-11 │" in out.getvalue()


@pytest.fixture(scope="module")
def untitled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One development told by two outlets, neither of which gave a title."""
    path = tmp_path_factory.mktemp("untitled") / "u.db"
    with Store(path) as store, store.transaction():
        for article_id, outlet in (("u1", "Plain Wire"), ("u2", "Bare Post")):
            store.save(replace(decoded_article(article_id), title=None, source=outlet))
        update_stories(store, ["u1", "u2"])
    return path


FIRST_SENTENCE = "untitled: President Tokayev met Xi Jinping in Astana on Wednesday"


@pytest.mark.parametrize("args", [["stories"], ["search", "Tokayev"], ["story", "STORY"]])
def test_tables_title_an_untitled_article_from_its_first_sentence(
    untitled_db: Path, args: list[str]
) -> None:
    listed = run(untitled_db, "stories", "--format", "json").splitlines()
    [story] = [json.loads(line) for line in listed]
    assert story["title"] is None  # the records keep what the source gave
    args = [story["id"] if arg == "STORY" else arg for arg in args]
    shown = " ".join(run(untitled_db, *args, columns=200).split())
    assert FIRST_SENTENCE in shown
