"""Quotes and events in the store: round trips, full-text search, queries and CLI listings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from builders import decoded_article
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.output import article_to_dict, event_from_dict, quote_from_dict
from newsgraph.store.event_queries import find_events
from newsgraph.store.quote_queries import find_quotes, fts_query
from newsgraph.store.sqlite import Store


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "n.db"
    with Store(path) as store, store.transaction():
        store.save(decoded_article())
    return path


def test_quotes_and_events_survive_a_round_trip_through_the_store(db: Path) -> None:
    original = decoded_article()
    with Store(db) as store:
        loaded = store.load_article("a1")
    assert loaded is not None
    assert article_to_dict(loaded)["quotes"] == article_to_dict(original)["quotes"]
    assert article_to_dict(loaded)["events"] == article_to_dict(original)["events"]


def test_json_forms_of_quotes_and_events_read_back_to_the_same_objects() -> None:
    article = decoded_article()
    as_json = json.loads(json.dumps(article_to_dict(article)))
    assert [quote_from_dict(q) for q in as_json["quotes"]] == article.quotes
    assert [event_from_dict(e) for e in as_json["events"]] == article.events


def test_saving_an_article_again_replaces_its_quotes_in_the_search_index(db: Path) -> None:
    with Store(db) as store:
        with store.transaction():
            store.save(decoded_article())
        assert store.conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 1
        hits = store.conn.execute(
            "SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'cooperation'"
        ).fetchone()[0]
        assert hits == 1
        with store.transaction():
            store.conn.execute("DELETE FROM articles WHERE id = 'a1'")
        assert (
            store.conn.execute(
                "SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH 'cooperation'"
            ).fetchone()[0]
            == 0
        )
        assert store.conn.execute("SELECT COUNT(*) FROM event_actors").fetchone()[0] == 0


def test_quotes_are_found_by_speaker_words_and_date(db: Path) -> None:
    with Store(db) as store:
        assert [h.quote.id for h in find_quotes(store, speaker="tokayev")] == ["q1"]
        assert find_quotes(store, speaker="Putin") == []
        assert len(find_quotes(store, search="deepen cooperation")) == 1
        assert len(find_quotes(store, search='"our cooperation"')) == 1
        assert find_quotes(store, search="sanctions") == []
        assert len(find_quotes(store, since="2024-07")) == 1
        assert len(find_quotes(store, until="2024-07")) == 1
        assert find_quotes(store, since="2024-08") == []
        assert find_quotes(store, until="2024-06") == []


def test_quotes_are_filtered_by_attribution_in_the_store_and_the_cli(db: Path) -> None:
    with Store(db) as store:
        assert [h.quote.attribution for h in find_quotes(store, attribution="speech")] == ["speech"]
        assert find_quotes(store, attribution="belief") == []
    runner = CliRunner()
    result = runner.invoke(main, ["quotes", "--db", str(db), "--attribution", "belief"])
    assert result.exit_code == 0 and "deepen" not in result.output
    result = runner.invoke(
        main, ["quotes", "--db", str(db), "--attribution", "speech", "--format", "json"]
    )
    assert json.loads(result.output.splitlines()[0])["attribution"] == "speech"
    result = runner.invoke(main, ["quotes", "--db", str(db), "--attribution", "rumour"])
    assert result.exit_code == 2


def test_full_text_queries_with_operators_or_stray_quotes_are_not_errors(db: Path) -> None:
    with Store(db) as store:
        for query in ('"unbalanced', "AND OR NOT", "near(", "*", "-"):
            find_quotes(store, search=query)
    assert fts_query('deepen "our cooperation"') == '"deepen" AND "our cooperation"'


def test_events_are_found_by_actor_code_name_type_and_date(db: Path) -> None:
    with Store(db) as store:
        assert [h.event.id for h in find_events(store, actor="CHN")] == ["e1"]
        assert [h.event.id for h in find_events(store, actor="xi jinping")] == ["e1"]
        assert [h.event.id for h in find_events(store, type_="04")] == ["e1"]
        assert [h.event.id for h in find_events(store, type_="consult")] == ["e1"]
        assert find_events(store, since="2024-07-04") == []
        assert find_events(store, until="2024-07-02") == []
        hit = find_events(store, until="2024-07")[0]
        assert hit.trigger_text == "met"
        assert hit.sentence_text.startswith("President Tokayev met")
        assert [t.code for t in hit.event.target] == ["CHNGOV"]


def test_negated_and_future_events_are_listed_only_when_asked_for(db: Path) -> None:
    with Store(db) as store:
        assert {h.event.id for h in find_events(store)} == {"e1"}
        every = find_events(store, modalities=("asserted", "negated", "future", "hypothetical"))
        assert {h.event.id for h in every} == {"e1", "e2", "e3"}
        reported = next(h.event for h in every if h.event.id == "e2")
        assert reported.reported_by is not None and reported.reported_by.entity == "e1"


def test_quotes_command_prints_json_csv_and_a_table(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["quotes", "--db", str(db), "--speaker", "Tokayev", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.splitlines()[0])
    assert record["speaker"]["name"] == "Kassym-Jomart Tokayev"
    assert record["spans"] == [list(decoded_article().quotes[0].spans[0])]
    result = runner.invoke(main, ["quotes", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[0]["speaker.name"] == "Kassym-Jomart Tokayev"
    assert rows[0]["cue.text"] == "said"
    result = runner.invoke(main, ["quotes", "--db", str(db), "--search", "cooperation"])
    assert result.exit_code == 0 and "deepen" in result.output


def test_events_command_filters_and_rejects_unknown_modalities(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["events", "--db", str(db), "--format", "json", "--modality", "all"]
    )
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == 3
    result = runner.invoke(
        main, ["events", "--db", str(db), "--actor", "KAZ", "--type", "SANCTION"]
    )
    assert result.exit_code == 0 and "SANCTION" not in result.output  # negated: not listed
    result = runner.invoke(main, ["events", "--db", str(db), "--modality", "maybe"])
    assert result.exit_code == 2 and "unknown modality" in result.output


def test_markup_in_article_text_is_printed_literally(tmp_path: Path) -> None:
    article = decoded_article()
    article.quotes[0].text = "[bold red]not markup[/] <script>x</script>"
    path = tmp_path / "m.db"
    with Store(path) as store, store.transaction():
        store.save(article)
    result = CliRunner().invoke(main, ["quotes", "--db", str(path)])
    # Interpreted as markup, "[bold red]" would vanish from the output.
    assert result.exit_code == 0 and "[bold" in result.output
