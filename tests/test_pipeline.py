"""decode end to end on the bundled samples: store, duplicates, offsets, resumption."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsgraph
from newsgraph import Config, decode
from newsgraph.errors import ConfigError
from newsgraph.model import Article
from newsgraph.nlp.registry import build_components
from newsgraph.store.sqlite import Store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def decoded(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("store") / "samples.db"
    run = decode([samples], db=db)
    articles = list(run)
    return {"db": db, "run": run, "articles": articles}


def by_input(articles: list[Article], fragment: str) -> Article:
    [article] = [a for a in articles if a.origin and fragment in str(a.origin)]
    return article


def test_decode_samples_counts_and_duplicate(decoded: dict[str, object]) -> None:
    run = decoded["run"]
    assert isinstance(run, newsgraph.DecodeResult)
    assert (run.counts.inputs, run.counts.decoded, run.counts.failed) == (34, 33, 0)
    [skipped] = run.skipped
    assert skipped.reason == "duplicate" and "iran-joins-sco.txt" in str(skipped.origin)


def test_every_offset_is_an_index_into_the_text(decoded: dict[str, object]) -> None:
    articles = decoded["articles"]
    assert isinstance(articles, list)
    for article in articles:
        for entity in article.entities:
            assert entity.mentions == sorted(entity.mentions)
            for start, end in entity.mentions:
                surface = article.text[start:end]
                assert 0 <= start < end <= len(article.text) and surface == surface.strip()
            for detail in entity.details:
                assert detail.span in entity.mentions
                if entity.type == "PERSON" and detail.kind in {"name", "surname"}:
                    words = set(article.text[detail.span[0] : detail.span[1]].lower().split())
                    assert words <= set(entity.name.lower().split())
        for start, end in article.sentences:
            assert 0 <= start < end <= len(article.text)
            assert article.text[start:end].strip() == article.text[start:end]
        for damage in article.damage:
            assert 0 <= damage.span[0] < damage.span[1] <= len(article.text)


def test_link_words_are_kept_from_html(decoded: dict[str, object]) -> None:
    article = by_input(decoded["articles"], "links-in-sentences.html")  # type: ignore[arg-type]
    assert "Kazakh President Kassym-Jomart Tokayev greeted Xi at the airport" in article.text
    assert {"Astana", "Xi Jinping"} <= {e.name for e in article.entities}
    assert article.damage == []
    assert (article.source, article.published) == ("Steppe Wire", "2024-07-03")


def test_feed_footer_becomes_title_and_source(decoded: dict[str, object]) -> None:
    article = by_input(decoded["articles"], "example-news-rss.xml [entry 4]")  # type: ignore[arg-type]
    assert article.title == "Japan and the Philippines sign reciprocal troop access pact"
    assert article.source == "Example News"
    assert "appeared first on" not in article.text
    assert article.notes[0].kind == "syndication_footer"


def test_editorial_note_is_stored_but_not_analyzed(decoded: dict[str, object]) -> None:
    article = by_input(decoded["articles"], "editorial-note.txt")  # type: ignore[arg-type]
    assert "originally written in German" not in article.text
    assert "originally written in German" in article.notes[0].text
    with Store(decoded["db"]) as store:  # type: ignore[arg-type]
        stored = store.load_article(article.id)
    assert stored is not None and stored.notes == article.notes


def test_non_english_article_is_stored_and_marked_not_analyzed(
    decoded: dict[str, object],
) -> None:
    article = by_input(decoded["articles"], "schweden-nato-de.txt")  # type: ignore[arg-type]
    assert (article.language, article.analyzed, article.entities) == ("de", False, [])
    with Store(decoded["db"]) as store:  # type: ignore[arg-type]
        assert store.load_article(article.id) is not None


@pytest.mark.parametrize(
    "gap",
    [
        "greeted his at",
        "was ‘s first",
        "between and Xi",
        "to the , the and",
        "blames the for",
        "to strengthen cooperation",
    ],
)
def test_dropped_link_words_are_flagged_as_damage(decoded: dict[str, object], gap: str) -> None:
    article = by_input(decoded["articles"], "dropped-links.txt")  # type: ignore[arg-type]
    at = article.text.index(gap)
    assert any(d.span[0] < at + len(gap) and at < d.span[1] for d in article.damage), (
        f"no damage flagged at {gap!r}: {article.damage}"
    )


def test_samples_tell_one_story_by_three_outlets(decoded: dict[str, object]) -> None:
    from newsgraph.stories import list_stories, story

    with Store(decoded["db"], readonly=True) as store:  # type: ignore[arg-type]
        [summary] = list_stories(store, min_articles=2)
        told = story(store, summary.id)
    assert told is not None and summary.sources == 3
    assert {a.source for a in told.articles} == {
        "Meridian Times", "Northern Ledger", "Lakeshore Dispatch"
    }  # fmt: skip
    assert all("NATO" in (a.title or "") for a in told.articles)


def test_second_run_adds_nothing(decoded: dict[str, object], samples: Path) -> None:
    db = decoded["db"]
    with Store(db) as store:  # type: ignore[arg-type]
        before = store.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    again = decode([samples], db=db).run()  # type: ignore[arg-type]
    assert (again.counts.decoded, again.counts.skipped) == (0, 34)
    assert {s.reason for s in again.skipped} == {"known input"}
    with Store(db) as store:  # type: ignore[arg-type]
        assert len(store.article_ids()) == 33
        assert store.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == before


def test_interrupted_run_keeps_committed_batches_and_resumes(samples: Path, tmp_path: Path) -> None:
    db = tmp_path / "resume.db"
    config = Config(batch_size=4)
    run = decode([samples / "jsonl", samples / "json"], config=config, db=db)
    for count, _article in enumerate(run, 1):
        if count == 5:
            break  # the consumer stops mid-batch, as a killed process would
    run.close()
    with Store(db) as store:
        committed = len(store.article_ids())
    assert committed == 8  # two whole batches of four
    resumed = decode([samples / "jsonl", samples / "json"], config=config, db=db).run()
    assert resumed.counts.decoded == 12 - committed
    assert resumed.counts.skipped == committed


def test_no_store_writes_nothing(
    samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    articles = list(decode([samples / "text" / "aukus-pact.txt"], db=None))
    assert len(articles) == 1 and articles[0].analyzed
    assert list(tmp_path.iterdir()) == []


def test_two_workers_give_the_same_articles_as_one(samples: Path) -> None:
    inputs = [samples / "html", samples / "feeds"]
    one = [a.__dict__ for a in decode(inputs, config=Config(workers=1, batch_size=2))]
    two = [a.__dict__ for a in decode(inputs, config=Config(workers=2, batch_size=2))]
    assert one == two and len(one) == 16


def test_decode_text_from_python() -> None:
    article = newsgraph.decode_text(
        "Chinese President Xi Jinping arrived in Astana on Tuesday.", source="Wire"
    )
    assert article.source == "Wire" and article.analyzed
    assert "Xi Jinping" in [e.name for e in article.entities]


def test_components_are_checked_when_the_pipeline_is_built() -> None:
    with pytest.raises(ConfigError, match="unknown component"):
        build_components(Config(components=("sentences", "no_such_thing")))


def test_other_model_name_is_a_clear_error() -> None:
    from newsgraph.errors import ModelError
    from newsgraph.nlp.model import load_model

    with pytest.raises(ModelError, match="no_such_model"):
        load_model("no_such_model")


def test_decode_text_raises_the_input_error_of_its_failure() -> None:
    from newsgraph.errors import EmptyInput

    with pytest.raises(EmptyInput):
        newsgraph.decode_text("   ")
