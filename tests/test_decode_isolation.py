"""What one article cannot do to a run: a failing component costs only its own part, a long
article is analyzed in pieces, duplicates are counted as such, every article left
unanalyzed says why. The real pipeline throughout; one registered test component raises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph import Config, decode
from newsgraph.cli import main
from newsgraph.decoder import Decoder, text_blocks
from newsgraph.model import Article, Entity, Origin, RawDocument
from newsgraph.nlp.registry import ComponentFn, component
from newsgraph.store.sqlite import Store

ARTICLE = (
    "Kazakh President Kassym-Jomart Tokayev greeted Chinese President Xi Jinping in Astana "
    'on Tuesday. "We will build the road together," Tokayev said.'
)
BOOM = "BOOM"  # the test component raises on articles holding this word


@component("test_boom", requires=("entities",), provides=())
def make_boom(config: Config) -> ComponentFn:
    def boom(article: Article, doc: Any) -> Article:
        # Half-done work first, as a real component failing half-way would leave.
        article.entities.append(Entity(id="junk", name="junk", type="PERSON"))
        if BOOM in article.text:
            raise RuntimeError("the test component fails on purpose")
        article.entities.pop()
        return article

    return boom


COMPONENTS = ("sentences", "actors", "test_boom", "quotes", "events", "damage")


def boom_config(tmp_path: Path) -> Path:
    path = tmp_path / "boom.toml"
    path.write_text(f"[decode]\ncomponents = {json.dumps(list(COMPONENTS))}\n")
    return path


pytestmark = pytest.mark.model


def test_failing_component_keeps_the_article_with_what_the_others_found(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{ARTICLE} {BOOM}.")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("Tuesday", "Monday"))
    run = decode([tmp_path], config=Config(components=COMPONENTS), db=tmp_path / "x.db")
    hit, spared = list(run)
    assert hit.metadata["failed_components"] == ["test_boom"]
    assert "junk" not in [e.id for e in hit.entities]  # its half-done work is undone
    assert {"Kassym-Jomart Tokayev", "Xi Jinping"} <= {e.name for e in hit.entities}
    assert hit.quotes and hit.analyzed  # the components after it ran
    assert "failed_components" not in spared.metadata
    assert run.counts.component_failures == 1 and not run.failures
    [failure] = run.component_failures
    assert failure.error.component == "test_boom" and failure.article_id == hit.id
    assert "a.txt" in str(failure) and "RuntimeError" in failure.error.traceback
    with Store(tmp_path / "x.db") as store:
        stored = store.load_article(hit.id)
    assert stored is not None and stored.metadata["failed_components"] == ["test_boom"]


def test_failing_component_is_reported_in_jsonl_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{ARTICLE} {BOOM}.")
    args = ["decode", str(tmp_path / "a.txt"), "--no-store", "--format", "jsonl"]
    args += ["--config", str(boom_config(tmp_path))]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["failed_components"] == ["test_boom"] and record["entities"]
    assert "component failed" in result.stderr and "test_boom" in result.stderr
    assert "Traceback" not in result.stderr
    verbose = CliRunner().invoke(main, [*args, "--verbose"])
    assert verbose.exit_code == 1 and "RuntimeError: the test component" in verbose.stderr
    assert "Traceback (most recent call last)" in verbose.stderr


def test_jsonl_of_a_sound_article_has_no_failed_components(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = CliRunner().invoke(
        main, ["decode", str(tmp_path / "a.txt"), "--no-store", "--format", "jsonl", "-q"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["failed_components"] == []


def test_three_copies_of_a_page_are_one_article_and_two_duplicates(tmp_path: Path) -> None:
    page = f"<html><body><article><p>{ARTICLE}</p></article></body></html>"
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.html").write_text(page.replace("<body>", f"<body><!-- {name} -->"))
    stored = CliRunner().invoke(main, ["decode", str(tmp_path), "--db", str(tmp_path / "d.db")])
    assert stored.exit_code == 0, stored.stderr
    assert "decoded 1 articles" in stored.stderr and "2 duplicates" in stored.stderr
    printed = CliRunner().invoke(
        main, ["decode", str(tmp_path), "--no-store", "--format", "jsonl", "-q"]
    )
    ids = [json.loads(line)["id"] for line in printed.stdout.splitlines()]
    assert len(ids) == 1


def test_long_article_is_analyzed_in_blocks_with_offsets_into_the_whole_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    decoder = Decoder(Config())
    # A small model limit and block size stand for the million characters of a real case.
    monkeypatch.setattr(decoder.nlp, "max_length", 5_000)
    monkeypatch.setattr("newsgraph.decoder.BLOCK_CHARS", 2_000)
    paragraphs = [ARTICLE.replace("Tuesday", f"day {i}") for i in range(60)]
    text = "\n\n".join(paragraphs)
    assert len(text) > 5_000
    article = decoder.decode(RawDocument(origin=Origin("long.txt"), format="text", text=text))
    assert isinstance(article, Article) and article.analyzed
    assert "not_analyzed" not in article.metadata
    names = {e.name for e in article.entities}
    assert {"Kassym-Jomart Tokayev", "Xi Jinping"} <= names
    for entity in article.entities:
        for detail in entity.details:
            if detail.kind == "name":
                assert article.text[detail.span[0] : detail.span[1]] == entity.name
    starts = {0} | {i + 2 for i in range(len(text)) if text.startswith("\n\n", i)}
    blocks = text_blocks(text, 2_000)
    bounds = [sum(len(b) for b in blocks[:i]) for i in range(len(blocks))]
    for start, end in article.sentences:  # no sentence runs over a block's end
        assert not any(start < bound < end for bound in bounds)
    assert set(bounds) <= starts
    assert len(article.quotes) >= 60  # every paragraph's quote, in every block


def test_text_blocks_are_contiguous_and_end_at_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {i} says one thing. And another." for i in range(200))
    blocks = text_blocks(text, 500)
    assert "".join(blocks) == text
    assert all(len(b) <= 500 for b in blocks)
    assert all(b.endswith("\n\n") for b in blocks[:-1])
    assert text_blocks("x" * 1200, 500) == ["x" * 500, "x" * 500, "x" * 200]


def test_unanalyzed_article_says_why_in_its_record_and_the_summary(tmp_path: Path) -> None:
    german = (
        "Der schwedische Ministerpräsident traf am Dienstag in Stockholm den Generalsekretär "
        "der NATO, um über den Beitritt des Landes zu sprechen."
    )
    (tmp_path / "de.txt").write_text(german)
    result = CliRunner().invoke(main, ["decode", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.stderr
    assert "stored, not analyzed: 1 language 'de'" in result.stderr
    printed = CliRunner().invoke(
        main, ["decode", str(tmp_path), "--no-store", "--format", "jsonl", "-q"]
    )
    record = json.loads(printed.stdout)
    assert record["analyzed"] is False and "language 'de'" in record["metadata"]["not_analyzed"]


def test_utf8_article_with_bad_bytes_keeps_its_names_and_warns(tmp_path: Path) -> None:
    text = "Finnish President Sauli Niinistö met Kazakh President Kassym-Jomart Tokayev."
    (tmp_path / "fi.txt").write_bytes(text.encode() + b" Talks \xff went \xfe well.")
    result = CliRunner().invoke(main, ["decode", str(tmp_path), "--no-store", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert "Sauli Niinistö" in {e["name"] for e in record["entities"]}
    assert record["metadata"]["encoding_replaced"] == 2
    assert "1 articles had bytes that are not UTF-8" in result.stderr


def test_reprocess_keeps_an_article_a_component_fails_on_and_reports_it(tmp_path: Path) -> None:
    from newsgraph.reprocess import reprocess

    (tmp_path / "a.txt").write_text(f"{ARTICLE} {BOOM}.")
    db = tmp_path / "x.db"
    [article] = list(decode([tmp_path / "a.txt"], db=db))
    result = reprocess(db, Config(components=COMPONENTS))
    assert result.articles == 1 and not result.failures
    [failure] = result.component_failures
    assert "test_boom" in failure.message and failure.origin.path == article.id
    with Store(db) as store:
        stored = store.load_article(article.id)
    assert stored is not None and stored.metadata["failed_components"] == ["test_boom"]
    assert stored.entities and stored.quotes


def build_hostile_folder(folder: Path) -> None:
    """Every kind of hostile input found so far, beside good articles, made here."""
    import gzip
    import os

    deep = "[" * 200_000 + "]" * 200_000
    (folder / "deep.json").write_text(deep)
    good_line = json.dumps({"id": "line3", "text": ARTICLE.replace("Tuesday", "Friday")})
    (folder / "batch.jsonl").write_text(
        f'{{"id": {{"x": 1}}, "text": "an object id"}}\n{deep}\n{good_line}\n'
    )
    with gzip.open(folder / "bomb.txt.gz", "wb") as bomb:
        for _ in range(16):
            bomb.write(b"0" * (1024 * 1024))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    (folder / "feed.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x "y">]>\n<rss version="2.0"><channel>'
        "<title>Wire</title><item><title>Summit</title><description>"
        f"{ARTICLE.replace('Tuesday', 'Sunday')}</description></item></channel></rss>"
    )
    text = "Finnish President Sauli Niinistö met Kassym-Jomart Tokayev in Astana."
    (folder / "fi.txt").write_bytes(text.encode() + b" Talks \xff went well.")
    page = f"<html><body><article><p>{ARTICLE}</p></article></body></html>"
    for name in ("a", "b", "c"):
        (folder / f"copy-{name}.html").write_text(page.replace("<p>", f"<p><!-- {name} -->"))


def test_hostile_folder_fails_each_bad_input_by_name_and_keeps_every_good_article(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    build_hostile_folder(folder)
    config = tmp_path / "small.toml"
    config.write_text("[decode]\nmax_file_bytes = 4194304\nmax_document_bytes = 4194304\n")
    args = ["decode", str(folder), "--no-store", "--format", "jsonl", "--config", str(config)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.stderr
    assert "Traceback" not in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == 4  # line3, the feed entry, fi.txt, one of three copies
    assert "line3" in ids
    assert "Sauli Niinistö" in {e["name"] for r in records for e in r["entities"]}
    for name in ("deep.json", "batch.jsonl [line 1]", "batch.jsonl [line 2]", "bomb.txt.gz"):
        assert f"{folder / name}" in result.stderr, name
    assert "2 duplicates" in result.stderr
    assert "Wire" in {r["source"] for r in records}  # the DOCTYPE feed read as a feed
    assert "not a regular file (FIFO)" in result.stderr


def test_the_docs_the_components_get_know_their_text_as_spacy_builds_it() -> None:
    # The decoder tells each Doc its text instead of letting the components rebuild it from
    # the tokens: that is only right if spaCy keeps every character, odd spacing included.
    from newsgraph.nlp.docs import doc_text

    decoder = Decoder(Config())
    texts = [
        ARTICLE,
        "  Tokayev  met Xi.\u00a0\u00a0They spoke\t\tfor an hour.\n\n\n",
        "\n“We agree,” he said \u2009— and left.  ",
    ]
    for text, doc in zip(texts, decoder._docs(texts), strict=True):
        assert doc_text(doc) == doc.text == text
