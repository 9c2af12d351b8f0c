"""Reading inputs: formats by content and extension, records, feeds, and bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsgraph.ingest.reader import InputOptions, read_inputs
from newsgraph.ingest.sniff import sniff_format
from newsgraph.model import Failure, RawDocument

ARTICLE = "Leaders of the two countries met in Astana on Tuesday to sign trade agreements."


def read_all(*paths: str | Path, **options: object) -> list[RawDocument | Failure]:
    return list(read_inputs([str(p) for p in paths], InputOptions(**options)))  # type: ignore[arg-type]


def documents(items: list[RawDocument | Failure]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def failures(items: list[RawDocument | Failure]) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


@pytest.mark.parametrize(
    ("content", "suffixes", "expected"),
    [
        ("Plain prose about a summit.", [".txt"], "text"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", [".txt"], "html"),
        ("<html><body><p>x</p></body></html>", [], "html"),
        ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', [".html"], "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', [], "feed"),
        ('{"text": "a"}', [".txt"], "json"),
        ('[{"text": "a"}, {"text": "b"}]', [], "json"),
        ('{"text": "a"}\n{"text": "b"}\n', [".json"], "jsonl"),
        ('{"text": "a"}', [".jsonl"], "jsonl"),
        ("[Reuters] - The summit opened on Monday.", [".txt"], "text"),
        ("<p>A fragment saved as a page</p>", [".html"], "html"),
    ],
)
def test_sniff_format_recognises_content_over_extension(
    content: str, suffixes: list[str], expected: str
) -> None:
    assert sniff_format(content, suffixes) == expected


def test_read_folder_recursively_finds_every_sample_format(samples: Path) -> None:
    items = read_all(samples)
    assert not failures(items)
    formats = {d.format for d in documents(items)}
    assert formats == {"text", "html", "json", "jsonl", "feed"}
    assert len(documents(items)) == 34
    assert not any("README" in str(d.origin) for d in documents(items))


def test_read_gzip_html_by_content(tmp_path: Path) -> None:
    page = f"<html><head><title>T</title></head><body><p>{ARTICLE}</p></body></html>"
    target = tmp_path / "page.bin"  # no telling extension: the gzip magic and markup decide
    target.write_bytes(gzip.compress(page.encode()))
    [document] = read_all(target)
    assert isinstance(document, RawDocument)
    assert document.format == "html"
    assert document.html is not None and ARTICLE in document.html


def test_read_json_record_fields_aliases_and_metadata(tmp_path: Path) -> None:
    record = {
        "id": 17,
        "body": ARTICLE,
        "headline": "Summit",
        "link": "https://x.example/a",
        "outlet": "Steppe Wire",
        "date": "2024-07-03",
        "author": "A. Writer and B. Writer",
        "section": "World",
    }
    (tmp_path / "one.json").write_text(json.dumps(record))
    [document] = read_all(tmp_path / "one.json")
    assert isinstance(document, RawDocument)
    assert (document.id, document.text, document.title) == ("17", ARTICLE, "Summit")
    assert (document.url, document.source) == ("https://x.example/a", "Steppe Wire")
    assert document.published == "2024-07-03"
    assert document.authors == ["A. Writer", "B. Writer"]
    assert document.metadata == {"section": "World"}


def test_read_stdin_jsonl() -> None:
    data = b'{"text": "first article"}\n\n{"text": "second article", "id": "b"}\n'
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [d.text for d in documents(items)] == ["first article", "second article"]
    assert str(items[1].origin) == "<stdin> [line 3]"


def test_read_feed_prefers_full_content_over_summary(samples: Path) -> None:
    entries = documents(read_all(samples / "feeds" / "example-news-rss.xml"))
    assert len(entries) == 4
    first = entries[0]
    assert first.html is not None and first.source == "Example News"
    assert len(first.html) > len(first.metadata["summary"])
    assert entries[3].title is None  # the fourth item has no <title> in the feed


def test_options_set_metadata_and_change_the_input_identity(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    [plain] = documents(read_all(tmp_path / "a.txt"))
    [tagged] = documents(read_all(tmp_path / "a.txt", source="Wire", url="https://x.example/1"))
    assert (tagged.source, tagged.url) == ("Wire", "https://x.example/1")
    assert tagged.raw_hash != plain.raw_hash


def test_decode_latin1_text_by_detection(tmp_path: Path) -> None:
    text = "Le président français a rencontré son homologue à Pékin pour évoquer la guerre."
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    [document] = documents(read_all(tmp_path / "fr.txt"))
    assert document.text == text


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"   \n\t ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
        ("nul.txt", b"text with a \x00 NUL byte inside", "binary"),
        ("broken.json", b'{"text": "unterminated', "malformed"),
        ("norecord.json", b'{"title": "no text here"}', "malformed"),
        ("scalar.json", b"42", "malformed"),
        ("broken.gz", b"\x1f\x8b\x08\x00garbage", "malformed"),
        ("feed.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>x', "malformed"),
        (
            "sitemap.xml",
            b'<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>',
            "malformed",
        ),
    ],
)
def test_bad_input_becomes_a_failure_naming_the_file(
    tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(ARTICLE)
    items = read_all(tmp_path / name, tmp_path / "good.txt")
    [failure] = failures(items)
    assert failure.code == code
    assert name in str(failure)
    assert [d.text for d in documents(items)] == [ARTICLE]  # the batch goes on


def test_bad_jsonl_lines_are_named_and_the_rest_is_read(tmp_path: Path) -> None:
    lines = ['{"text": "one"}', "{oops", '["not", "an object"]', '{"text": "four"}']
    (tmp_path / "batch.jsonl").write_text("\n".join(lines))
    items = read_all(tmp_path / "batch.jsonl")
    assert [d.text for d in documents(items)] == ["one", "four"]
    assert [str(f.origin) for f in failures(items)] == [
        f"{tmp_path / 'batch.jsonl'} [line 2]",
        f"{tmp_path / 'batch.jsonl'} [line 3]",
    ]


def test_too_large_document_is_refused(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_text("word " * 1000)
    [failure] = failures(read_all(tmp_path / "huge.txt", max_document_bytes=1000))
    assert failure.code == "too_large"


def test_undecodable_bytes_are_an_encoding_failure(tmp_path: Path) -> None:
    # Bytes invalid in UTF-8 and unlike any text: no encoding should be guessed for them.
    (tmp_path / "junk.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    [item] = read_all(tmp_path / "junk.txt")
    assert isinstance(item, Failure)
    assert item.code in {"encoding", "binary"}


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    [failure] = failures(read_all(tmp_path / "nope.txt"))
    assert failure.code == "unreadable"
