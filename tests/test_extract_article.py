"""Building an Article from a RawDocument: notes, metadata, language, ids, dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import EmptyInput
from newsgraph.extract.article import build_article, content_key
from newsgraph.extract.dates import normalize_published
from newsgraph.extract.fragment import fragment_to_text
from newsgraph.extract.language import detect_language
from newsgraph.extract.notes import split_notes
from newsgraph.model import Origin, RawDocument

BODY = (
    "Kazakh President Kassym-Jomart Tokayev greeted Chinese President Xi Jinping in Astana.\n\n"
    "The two leaders signed agreements on trade and transport."
)


def raw_text(text: str, **fields: object) -> RawDocument:
    return RawDocument(origin=Origin("t.txt"), format="text", text=text, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("footer", "kind", "title", "source"),
    [
        (
            "The post Xi visits Astana appeared first on Steppe Wire.",
            "syndication_footer",
            "Xi visits Astana",
            "Steppe Wire",
        ),
        (
            "This article was originally published on Harbour Times.",
            "syndication_footer",
            None,
            "Harbour Times",
        ),
        (
            "This article was originally written in German and edited by Jane Doe.",
            "editorial_note",
            None,
            None,
        ),
        ("Reporting by A. Writer; Editing by B. Editor", "editorial_note", None, None),
        (
            "This story is part of our series on Central Asia's new trade routes.",
            "series_blurb",
            None,
            None,
        ),
    ],
)
def test_split_notes_removes_trailing_notes_into_metadata(
    footer: str, kind: str, title: str | None, source: str | None
) -> None:
    split = split_notes(f"{BODY}\n\n{footer}")
    assert split.text == BODY
    assert [(n.kind, n.text) for n in split.notes] == [(kind, footer)]
    assert (split.title, split.source) == (title, source)


def test_split_notes_keeps_a_note_like_sentence_inside_the_article() -> None:
    text = f"{BODY}\n\nThe post of envoy appeared first on the agenda, officials said.\n\nMore."
    assert split_notes(text).text == text


def test_split_notes_never_empties_the_article() -> None:
    only = "The post A appeared first on B."
    assert split_notes(only).text == only


def test_build_article_plain_text_keeps_offsets_of_the_stripped_input() -> None:
    article = build_article(raw_text(f"\n\n  {BODY}\r\n\nThe post T appeared first on S.\n"))
    assert article.text == BODY
    assert (article.title, article.source) == ("T", "S")
    assert article.language == "en"


def test_build_article_prefers_input_metadata_over_footer() -> None:
    article = build_article(raw_text(f"{BODY}\n\nThe post T appeared first on S.", title="Given"))
    assert (article.title, article.source) == ("Given", "S")


def test_build_article_ids_are_stable_and_from_url_or_text() -> None:
    first, second = build_article(raw_text(BODY)), build_article(raw_text(BODY + "  "))
    assert first.id == second.id and first.content_hash == second.content_hash
    with_url = build_article(raw_text(BODY, url="https://x.example/a"))
    assert with_url.id != first.id
    assert build_article(raw_text(BODY, id="given-1")).id == "given-1"


def test_content_key_ignores_whitespace_and_unicode_forms() -> None:
    assert content_key("A  summit\n\nin Astana") == content_key("A summit in Astana")
    assert content_key("ﬁnal") == content_key("final")  # NFKC ligature


def test_build_article_unparseable_date_is_kept_raw() -> None:
    article = build_article(raw_text(BODY, published="sometime soon"))
    assert article.published is None
    assert article.metadata["published_raw"] == "sometime soon"


def test_build_article_empty_after_extraction_is_an_error() -> None:
    with pytest.raises(EmptyInput):
        build_article(RawDocument(origin=Origin("x"), format="json", html="<p> </p><div></div>"))


def test_fragment_to_text_keeps_link_words_and_paragraphs() -> None:
    html = (
        '<p><a href="/p/tokayev">Tokayev</a> greeted <a href="/p/xi"><span>Xi</span></a> in '
        "<b>Astana</b>.</p><ul><li>First item</li><li>Second</li></ul>"
        "<script>var leak = 1;</script><p>Last<br>line</p>"
    )
    assert fragment_to_text(html) == (
        "Tokayev greeted Xi in Astana.\n\nFirst item\n\nSecond\n\nLast\n\nline"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-03", "2024-07-03"),
        ("2024-07-03T09:00:00Z", "2024-07-03T09:00:00+00:00"),
        ("Wed, 03 Jul 2024 09:00:00 GMT", "2024-07-03T09:00:00+00:00"),
        ("July 3, 2024", "2024-07-03"),
        ("July 2024", "2024-07"),
        ("2020", "2020"),
        ("not a date", None),
        ("", None),
    ],
)
def test_normalize_published_gives_iso_8601_at_the_precision_given(
    value: str, expected: str | None
) -> None:
    assert normalize_published(value) == expected


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        (
            "The Chancellor met the French president in Berlin on Tuesday to talk about the war, "
            "trade and energy prices, officials said after the meeting.",
            None,
            "en",
        ),
        ("Der Bundeskanzler traf am Dienstag den französischen Präsidenten in Berlin.", None, "de"),
        ("Short", "fr-FR", "fr"),
        ("Short", None, None),
    ],
)
def test_detect_language(text: str, declared: str | None, expected: str | None) -> None:
    assert detect_language(text, declared) == expected


def test_user_note_files_extend_the_packaged_patterns(tmp_path: Path) -> None:
    from newsgraph.config import Config
    from newsgraph.decoder import note_patterns_for

    extra = tmp_path / "house.tsv"
    extra.write_text("kind\twhere\tpattern\nhouse_ad\tend\t^support our journalism.*$\n")
    patterns = note_patterns_for(Config(notes_files=(str(extra),)))
    split = split_notes(f"{BODY}\n\nSupport our journalism today.", patterns)
    assert split.text == BODY and split.notes[0].kind == "house_ad"
    assert split_notes(f"{BODY}\n\nThe post T appeared first on S.", patterns).text == BODY


def test_unreadable_note_file_is_a_config_error(tmp_path: Path) -> None:
    from newsgraph.errors import ConfigError
    from newsgraph.extract.notes import load_patterns

    with pytest.raises(ConfigError, match=r"missing\.tsv"):
        load_patterns(tmp_path / "missing.tsv")
