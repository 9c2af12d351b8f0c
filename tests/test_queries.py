"""Analyst queries over the record: actor profiles, dyads, timelines, search."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from builders import TEXT, decoded_article
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.model import Article, Event, EventActor
from newsgraph.store.profiles import actor_profile, relations_between, timeline
from newsgraph.store.search import search
from newsgraph.store.selectors import UnknownActor, select_actor
from newsgraph.store.sqlite import Store


def later_article() -> Article:
    """The same actors a month later, with an accusation from China to Kazakhstan."""
    article = decoded_article("a2", published="2024-08-10")
    article.url = "https://example.org/a2"
    article.source = "Other Outlet"
    article.title = "Beijing rebukes Astana"
    article.events = [
        replace(article.events[0], date="2024-08-09", date_source="text"),
        Event(
            "e4",
            "ACCUSE",
            (TEXT.index("China"), TEXT.index("China") + 5),
            (TEXT.index("China"), len(TEXT)),
            source=[EventActor("China", "e3", "CHN")],
            target=[EventActor("Kazakhstan", "e4", "KAZ")],
            cameo="112",
            quad_class=3,
            goldstein=-2.0,
            date="2024-08-10",
            date_source="published",
        ),
    ]
    return article


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    with Store(path) as store, store.transaction():
        store.save(decoded_article())
        store.save(later_article())
    return path


def test_a_country_name_selects_all_actors_of_the_country_and_a_person_only_himself(
    db: Path,
) -> None:
    with Store(db) as store:
        assert select_actor(store, "china").code_prefix == "CHN"
        assert select_actor(store, "KAZGOV").code_prefix == "KAZGOV"
        tokayev = select_actor(store, "Tokayev")
        assert tokayev.canonical_id is not None and tokayev.label == "Kassym-Jomart Tokayev"
        with pytest.raises(UnknownActor):
            select_actor(store, "Nobody Atall")


def test_actor_profile_gives_roles_events_quotes_and_relations(db: Path) -> None:
    with Store(db) as store:
        profile = actor_profile(store, "Tokayev")
    assert profile.name == "Kassym-Jomart Tokayev" and profile.code == "KAZGOV"
    assert profile.articles == 2
    assert {r.role for r in profile.roles} == {"President", "Kazakh president"}
    assert profile.events_as_source == {"CONSULT": 2}  # the future COOPERATE is not counted
    assert profile.events_as_target == {}
    assert [h.article_id for h in profile.quotes] == ["a2", "a1"]
    assert [(r.name, r.outgoing, r.cooperation) for r in profile.relations] == [
        ("Xi Jinping", 2, 2)
    ]


def test_dyad_separates_directions_and_cooperation_from_conflict(db: Path) -> None:
    with Store(db) as store:
        dyad = relations_between(store, "Kazakhstan", "China")
    assert [(p.period, p.events, p.cooperation) for p in dyad.a_to_b] == [
        ("2024-07", 1, 1),
        ("2024-08", 1, 1),
    ]
    # China's negated sanction in July did not happen; the August accusation did.
    assert [(p.period, p.events, p.conflict, p.goldstein) for p in dyad.b_to_a] == [
        ("2024-08", 1, 1, -2.0)
    ]
    assert [h.event.type for h in dyad.events] == ["ACCUSE", "CONSULT", "CONSULT"]


def test_timeline_counts_asserted_events_per_period(db: Path) -> None:
    with Store(db) as store:
        months = timeline(store)
        chinese = timeline(store, actor="CHN", type_="ACCUSE", by="day")
    assert [(p.period, p.events, p.cooperation, p.conflict) for p in months] == [
        ("2024-07", 1, 1, 0),
        ("2024-08", 2, 1, 1),
    ]
    assert [(p.period, p.events) for p in chinese] == [("2024-08-10", 1)]


def test_search_finds_articles_by_words_and_quotes_by_content(db: Path) -> None:
    with Store(db) as store:
        result = search(store, "Astana Wednesday")
        assert {h.article_id for h in result.articles} == {"a1", "a2"}
        assert "«Astana»" in result.articles[0].snippet
        assert search(store, "rebukes").articles[0].article_id == "a2"  # titles are indexed
        assert len(search(store, "deepen").quotes) == 2
        assert search(store, "Astana", source="other outlet").articles[0].article_id == "a2"
        assert search(store, "Astana", until="2024-07").articles[0].article_id == "a1"


def test_query_commands_print_tables_json_and_csv(db: Path) -> None:
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        return result.output

    profile = json.loads(run("actor", "Tokayev", "--format", "json"))
    assert profile["events_as_source"] == {"CONSULT": 2}
    assert "Xi Jinping" in run("actor", "Tokayev")
    dyad = json.loads(run("relations", "China", "Kazakhstan", "--format", "json"))
    assert dyad["a_to_b"][0]["conflict"] == 1
    rows = list(
        csv.DictReader(io.StringIO(run("relations", "China", "Kazakhstan", "--format", "csv")))
    )
    assert {r["direction"] for r in rows} == {"China -> Kazakhstan", "Kazakhstan -> China"}
    assert "2024-08" in run("timeline", "--by", "month")
    lines = run("search", "deepen", "--format", "json").splitlines()
    assert {json.loads(line)["result"] for line in lines} == {"article", "quote"}
    actors = list(csv.DictReader(io.StringIO(run("actors", "--sector", "GOV", "--format", "csv"))))
    assert [a["name"] for a in actors] == ["Kassym-Jomart Tokayev"]


def test_unknown_actor_is_a_clear_error(db: Path) -> None:
    result = CliRunner().invoke(main, ["actor", "Nobody Atall", "--db", str(db)])
    assert result.exit_code != 0
    assert "no actor named 'Nobody Atall'" in result.output


def test_stories_commands_list_stories_and_show_one(tmp_path: Path) -> None:
    from newsgraph.stories import update_stories

    path = tmp_path / "s.db"
    retold = decoded_article("a3", published="2024-07-05")
    retold.url, retold.source = "https://example.org/a3", "Third Outlet"
    with Store(path) as store, store.transaction():
        for article in (decoded_article(), later_article(), retold):
            store.save(article)
        update_stories(store, ["a1", "a2", "a3"])
    runner = CliRunner()
    listed = runner.invoke(main, ["stories", "--db", str(path), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    (story,) = [json.loads(line) for line in listed.output.splitlines()]
    assert (story["articles"], story["sources"]) == (2, 2)
    shown = runner.invoke(main, ["story", story["id"], "--db", str(path), "--format", "json"])
    record = json.loads(shown.output)
    assert sorted(record["articles"]) == ["a1", "a3"]
    consult = next(e for e in record["events"] if e["type"] == "CONSULT")
    assert (consult["mentions"], consult["articles"], consult["sources"]) == (2, 2, 2)
    assert "Leaders meet" in runner.invoke(main, ["story", story["id"], "--db", str(path)]).output
    missing = runner.invoke(main, ["story", "nope", "--db", str(path)])
    assert missing.exit_code == 1 and "no story 'nope'" in missing.output
