"""WARC archives: every HTML response an article (url from WARC-Target-URI, the page's
date or else WARC-Date), every other record skipped and counted, payloads decoded, one bad
record reported while the others are read, and archives written here with FastWARC."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from fastwarc import GzipWriter, WarcRecord, WarcRecordType
from web_server import OTHER_STORY, STORY, page

from newsgraph.extract.article import build_article
from newsgraph.ingest.reader import InputOptions, read_bytes, read_inputs
from newsgraph.ingest.warc import read_warc, warc_documents
from newsgraph.model import Failure, RawDocument, Unread
from newsgraph.pipeline import decode

WARC_DATE = "2024-06-04T10:00:00Z"


def record(
    kind: WarcRecordType, uri: str | None, block: bytes, http: bool = True, **headers: str
) -> WarcRecord:
    made = WarcRecord()
    made.init_headers(kind)
    if uri is not None:
        made.headers["WARC-Target-URI"] = uri
    made.headers["WARC-Date"] = WARC_DATE
    for name, value in headers.items():
        made.headers[name.replace("_", "-")] = value
    made.set_bytes_content(block)
    made.is_http = http
    return made


def response(uri: str, body: bytes, content_type: str = "text/html", status: str = "200 OK",
             extra: str = "") -> WarcRecord:  # fmt: skip
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}\r\n".encode()
    return record(WarcRecordType.response, uri, head + body)


def write_warc(path: Path, records: list[WarcRecord]) -> Path:
    with open(path, "wb") as handle:
        writer = GzipWriter(handle) if path.suffix == ".gz" else handle
        for made in records:
            made.write(writer)
        if isinstance(writer, GzipWriter):
            writer.close()
    return path


def crawl() -> list[WarcRecord]:
    dated = page("Tokayev meets Xi", STORY).replace(
        "<head>", '<head><meta property="article:published_time" content="2024-05-30">'
    )
    latin = page("Labels", ["Le président a signé à Genève.", *OTHER_STORY])
    gzipped = gzip.compress(page("Compressed", OTHER_STORY).encode())
    return [
        record(WarcRecordType.warcinfo, None, b"software: test\r\n", http=False),
        record(WarcRecordType.request, "https://a.example/1", b"GET /1 HTTP/1.1\r\n\r\n"),
        response("https://a.example/1", dated.encode(), "text/html; charset=utf-8"),
        response("https://a.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        response("https://a.example/old", b"", status="301 Moved Permanently"),
        response("https://a.example/2", latin.encode("cp1252"), "text/html; charset=iso-8859-1"),
        response("https://a.example/3", gzipped, extra="Content-Encoding: gzip\r\n"),
        record(WarcRecordType.metadata, "https://a.example/1", b"fetchTimeMs: 12\r\n", http=False),
    ]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_each_html_response_is_an_article_and_the_rest_are_counted(
    tmp_path: Path, name: str
) -> None:
    path = write_warc(tmp_path / name, crawl())
    items = list(read_warc(str(path)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    unread = [i.reason for i in items if isinstance(i, Unread)]
    assert [d.url for d in docs] == [
        "https://a.example/1",
        "https://a.example/2",
        "https://a.example/3",
    ]
    assert unread == [
        "warcinfo record", "request record", "response image/png", "response 301", "metadata record"
    ]  # fmt: skip
    assert str(docs[0].origin) == f"{path} [record 3]"
    dated, latin, compressed = (build_article(d) for d in docs)
    assert dated.published == "2024-05-30"  # the page's own date
    assert latin.published == "2024-06-04T10:00:00+00:00"  # none in the page: WARC-Date
    assert "président" in latin.text and compressed.title == "Compressed"


def test_a_bad_record_is_a_failure_and_the_others_are_read(tmp_path: Path) -> None:
    records = crawl()
    records.insert(3, response("https://a.example/huge", b"<html>" + b"x" * 5000))
    path = write_warc(tmp_path / "crawl.warc.gz", records)
    items = list(read_warc(str(path), max_document_bytes=4000))
    failures = [i for i in items if isinstance(i, Failure)]
    assert [(str(f.origin), f.code) for f in failures] == [(f"{path} [record 4]", "too_large")]
    assert len([i for i in items if isinstance(i, RawDocument)]) == 3


def test_a_damaged_archive_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc", crawl()).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: whole.index(b"https://a.example/2") + 400])
    items = list(read_inputs([str(cut)]))
    assert [i.url for i in items if isinstance(i, RawDocument)][:1] == ["https://a.example/1"]


def test_warc_files_are_inputs_of_decode_by_name_or_content(tmp_path: Path) -> None:
    folder = tmp_path / "crawls"
    folder.mkdir()
    write_warc(folder / "a.warc.gz", crawl())
    write_warc(tmp_path / "no_extension", crawl()[:3])
    items = list(read_inputs([str(folder), str(tmp_path / "no_extension")], InputOptions()))
    assert len([i for i in items if isinstance(i, RawDocument)]) == 4


def test_warc_documents_is_a_plain_iterator_of_documents(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", crawl())
    with open(path, "rb") as stream:
        docs = list(warc_documents(stream, "stream.warc.gz"))
    assert all(isinstance(d, RawDocument) for d in docs) and len(docs) == 3
    assert str(docs[0].origin) == "stream.warc.gz [record 3]"


def test_a_warc_read_whole_from_bytes_gives_the_same_documents(tmp_path: Path) -> None:
    # The way a Spark task reads a file of any URI: its whole content, by name or content.
    path = write_warc(tmp_path / "crawl.warc.gz", crawl())
    streamed = [i for i in read_warc(str(path)) if isinstance(i, RawDocument)]
    for name in ("crawl.warc.gz", "renamed.bin"):
        whole = list(read_bytes(path.read_bytes(), name))
        assert all(isinstance(d, RawDocument) for d in whole)
        assert [(d.url, d.html) for d in whole] == [(d.url, d.html) for d in streamed] and len(
            whole
        ) == 3


def test_a_decode_run_counts_the_records_that_are_not_articles(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", crawl())
    from newsgraph.config import Config

    run = decode([path], config=Config(model="blank:en", components=()), db=None).run()
    assert run.counts.decoded == 3 and run.counts.failed == 0
    assert run.counts.unread == 5
    assert run.unread["response image/png"] == 1
