"""Hostile input to the readers: every one a failure naming its file and record, the batch
going on, no hang, memory bounded. The hostile folder is built here, at test time."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from web_server import LOCAL, STORY, allow_robots, page

from newsgraph.config import Config
from newsgraph.decoder import Decoder
from newsgraph.errors import TooSlowInput
from newsgraph.ingest.bytes import decode_text
from newsgraph.ingest.reader import InputOptions, read_inputs
from newsgraph.model import Failure, Origin, RawDocument, Unread
from newsgraph.timeouts import time_limit

ARTICLE = "Leaders of the two countries met in Astana on Tuesday to sign trade agreements."
DEEP = "[" * 200_000 + "]" * 200_000

Item = RawDocument | Failure | Unread


def read_all(*paths: Path, **options: int) -> list[Item]:
    return list(read_inputs([str(p) for p in paths], InputOptions(**options)))  # type: ignore[arg-type]


def documents(items: list[Item]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def failures(items: list[Item]) -> list[Failure]:
    return [i for i in items if isinstance(i, Failure)]


def test_deeply_nested_json_file_is_a_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text(DEEP)
    (tmp_path / "good.txt").write_text(ARTICLE)
    items = read_all(tmp_path / "deep.json", tmp_path / "good.txt")
    [failure] = failures(items)
    assert failure.code == "malformed" and "nested too deep" in failure.message
    assert "deep.json" in str(failure)
    assert [d.text for d in documents(items)] == [ARTICLE]


def test_deeply_nested_jsonl_line_is_a_failure_of_that_line(tmp_path: Path) -> None:
    lines = ['{"text": "one"}', DEEP, '{"text": "three", "meta": ' + "[" * 80 + "]" * 80 + "}"]
    (tmp_path / "batch.jsonl").write_text("\n".join([*lines, '{"text": "four"}']))
    items = read_all(tmp_path / "batch.jsonl")
    assert [d.text for d in documents(items)] == ["one", "four"]
    assert [f.origin.record for f in failures(items)] == ["line 2", "line 3"]


def test_json_array_record_nested_too_deep_is_a_failure_of_that_record(tmp_path: Path) -> None:
    deep_record = '{"text": "two", "x": ' + "[" * 100 + "]" * 100 + "}"
    (tmp_path / "records.json").write_text(f'[{{"text": "one"}}, {deep_record}]')
    items = read_all(tmp_path / "records.json")
    assert [d.text for d in documents(items)] == ["one"]
    assert [f.origin.record for f in failures(items)] == ["record 1"]


@pytest.mark.parametrize("value", ['{"x": 1}', "[1, 2]", "true"])
def test_json_id_that_is_not_a_string_or_number_is_a_record_error(
    tmp_path: Path, value: str
) -> None:
    (tmp_path / "ids.jsonl").write_text(
        f'{{"id": {value}, "text": "bad id"}}\n{{"id": 7, "text": "good id"}}\n'
    )
    items = read_all(tmp_path / "ids.jsonl")
    [failure] = failures(items)
    assert failure.origin.record == "line 1" and "field 'id'" in failure.message
    assert [(d.id, d.text) for d in documents(items)] == [("7", "good id")]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("records.json", '[{{"text": "{big}"}}, {{"text": "{small}"}}]'),
        (
            "feed.xml",
            '<rss version="2.0"><channel><title>T</title><item><title>A</title>'
            "<description>{big}</description></item><item><title>B</title>"
            "<description>{small}</description></item></channel></rss>",
        ),
    ],
)
def test_record_over_the_document_limit_in_a_file_read_whole_is_refused(
    tmp_path: Path, name: str, content: str
) -> None:
    (tmp_path / name).write_text(content.format(big="word " * 1000, small=ARTICLE))
    items = read_all(tmp_path / name, max_document_bytes=2000)
    [failure] = failures(items)
    assert failure.code == "too_large" and failure.origin.record in ("record 0", "entry 1")
    assert [d.text or d.html for d in documents(items)] == [ARTICLE]


def _read_in_thread(produce: Callable[[], list[Item]]) -> list[Item]:
    # A reader that opens a FIFO blocks for ever: the test must fail, not hang.
    result: list[list[Item]] = []
    worker = threading.Thread(target=lambda: result.append(produce()), daemon=True)
    worker.start()
    worker.join(60)
    assert result, "reading the folder hung"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_a_folder_is_skipped_with_a_message_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(ARTICLE)
    items = _read_in_thread(lambda: read_all(tmp_path))
    [unread] = [i for i in items if isinstance(i, Unread)]
    assert unread.reason == "not a regular file (FIFO)"
    assert unread.origin.path.endswith("pipe.txt")
    assert [d.text for d in documents(items)] == [ARTICLE]


def test_fifo_named_as_an_input_is_read_once_like_stdin(tmp_path: Path) -> None:
    fifo = tmp_path / "named.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(ARTICLE), daemon=True)
    writer.start()
    items = _read_in_thread(lambda: read_all(fifo))
    assert [d.text for d in documents(items)] == [ARTICLE]


def _peak_while(produce: Callable[[], list[Item]]) -> tuple[list[Item], int]:
    tracemalloc.start()
    try:
        items = produce()
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.jsonl.gz", "bomb.html.gz"])
def test_gzip_bomb_stops_at_the_limit_while_inflating(tmp_path: Path, name: str) -> None:
    limit = 4 * 1024 * 1024
    with gzip.open(tmp_path / name, "wb") as bomb:  # 64 MiB inflated, 64 KiB on disk
        for _ in range(64):
            bomb.write(b"0" * (1024 * 1024))
    (tmp_path / "good.txt").write_text(ARTICLE)
    options = {"max_file_bytes": limit, "max_document_bytes": limit}
    items, peak = _peak_while(lambda: read_all(tmp_path / name, tmp_path / "good.txt", **options))
    [failure] = failures(items)
    assert failure.code == "too_large" and name in str(failure.origin)
    assert [d.text for d in documents(items)] == [ARTICLE]
    # Memory stays near the limit, never near the 64 MiB the bomb holds, nor twice the limit.
    assert peak < 1.6 * limit


@pytest.mark.parametrize(
    ("name", "compress"),
    [("a.txt.gz", gzip.compress), ("a.txt.bz2", bz2.compress), ("a.txt.xz", lzma.compress)],
)
def test_compressed_text_is_read_whole(
    tmp_path: Path, name: str, compress: Callable[[bytes], bytes]
) -> None:
    (tmp_path / name).write_bytes(compress(ARTICLE.encode()))
    assert [d.text for d in documents(read_all(tmp_path))] == [ARTICLE]


def test_jsonl_line_over_the_limit_is_refused_without_being_held(tmp_path: Path) -> None:
    limit = 1024 * 1024
    path = tmp_path / "long.jsonl"
    with path.open("w") as handle:
        handle.write('{"text": "one"}\n{"text": "')
        for _ in range(16):
            handle.write("x" * limit)
        handle.write('"}\n{"text": "three"}\n')
    items, peak = _peak_while(lambda: read_all(path, max_document_bytes=limit))
    assert [d.text for d in documents(items)] == ["one", "three"]
    [failure] = failures(items)
    assert failure.code == "too_large" and failure.origin.record == "line 2"
    assert peak < 6 * limit  # the line is 16 times the limit


FEED_WITH_DOCTYPE = b"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<rss version="2.0"><channel><title>Steppe Wire</title>
<item><title>Summit</title><link>https://example.org/1</link>
<description>Leaders met in Astana on Tuesday. &lol2;</description></item>
<item><title>Trade</title><link>https://example.org/2</link>
<description>Trade grew by a tenth this year.</description></item>
</channel></rss>"""


def test_feed_with_a_doctype_is_read_as_a_feed_without_expanding_it(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_bytes(FEED_WITH_DOCTYPE)
    items = read_all(tmp_path / "feed.xml")
    assert not failures(items)
    feed = documents(items)
    assert [(d.format, d.title, d.origin.record) for d in feed] == [
        ("feed", "Summit", "entry 1"),
        ("feed", "Trade", "entry 2"),
    ]
    assert "lollol" not in (feed[0].html or "")  # the entities were not expanded


def test_utf8_text_with_a_few_bad_bytes_stays_utf8(tmp_path: Path) -> None:
    text = "President Sauli Niinistö met Kassym-Jomart Tokayev in Helsinki on Tuesday."
    data = text.encode() + b" The talks \xff went on \xfe late."
    (tmp_path / "fi.txt").write_bytes(data)
    [document] = documents(read_all(tmp_path / "fi.txt"))
    assert "Sauli Niinistö met" in (document.text or "")
    assert (document.text or "").count("\ufffd") == 2
    assert document.metadata == {"encoding": "utf-8", "encoding_replaced": 2}


def test_legacy_text_is_detected_and_its_encoding_recorded(tmp_path: Path) -> None:
    text = "Президент России провёл переговоры с лидером Казахстана в Москве во вторник."
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    [document] = documents(read_all(tmp_path / "ru.txt"))
    assert document.text == text
    assert document.metadata["encoding"] == "cp1251"
    assert "encoding_replaced" not in document.metadata


def test_jsonl_line_with_a_bad_byte_records_it_in_its_metadata(tmp_path: Path) -> None:
    (tmp_path / "one.jsonl").write_bytes(b'{"text": "Niinist\xc3\xb6 spoke \xff today."}\n')
    [document] = documents(read_all(tmp_path / "one.jsonl"))
    assert document.text == "Niinistö spoke \ufffd today."
    assert document.metadata == {"encoding": "utf-8", "encoding_replaced": 1}


def test_decode_text_keeps_plain_utf8_unmarked() -> None:
    decoded = decode_text("Niinistö".encode())
    assert (decoded.text, decoded.encoding, decoded.replaced) == ("Niinistö", "utf-8", 0)


def test_extraction_over_its_time_limit_is_a_failure_of_that_document() -> None:
    paragraphs = "".join(f"<div><p>{ARTICLE} ({i})</p></div>" for i in range(5_000))
    page = f"<html><body><article>{paragraphs}</article></body></html>"
    raw = RawDocument(origin=Origin("slow.html"), format="html", html=page)
    decoder = Decoder(Config(components=(), max_extract_seconds=0.001))  # far less than it takes
    [outcome] = decoder.decode_batch([raw])
    assert isinstance(outcome, Failure) and outcome.code == "too_slow"
    assert str(outcome).startswith("slow.html: too slow: extracting the article took longer")


def test_fetched_page_utf8_with_a_bad_byte_stays_utf8_and_says_so(server: HTTPServer) -> None:
    allow_robots(server)
    body = page("Niinistö", ["Sauli Niinistö met the delegation in Helsinki.", *STORY]).encode()
    server.expect_request("/fi").respond_with_data(
        body.replace(b"delegation", b"delegation \xff"),
        content_type="text/html; charset=windows-1251",  # a wrong declaration, as is common
    )
    [document] = documents(list(read_inputs([server.url_for("/fi")], InputOptions(fetch=LOCAL))))
    assert "Sauli Niinistö met" in str(document.html)
    assert (document.metadata["encoding"], document.metadata["encoding_replaced"]) == ("utf-8", 1)


# The alarm may land in a callback that drops it (see timeouts.py): not an error here.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_feed_over_its_parse_time_limit_is_a_failure_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    nested = "<b>" * 20_000 + "x" + "</b>" * 20_000
    (tmp_path / "slow.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A'
        f"</title><description><![CDATA[{nested}]]></description></item></channel></rss>"
    )
    (tmp_path / "good.txt").write_text(ARTICLE)
    options = InputOptions(max_parse_seconds=0.001)  # far less than this feed takes
    items = list(read_inputs([str(tmp_path / "slow.xml"), str(tmp_path / "good.txt")], options))
    [failure] = failures(items)
    assert failure.code == "too_slow" and "parsing the feed" in failure.message
    assert [d.text for d in documents(items)] == [ARTICLE]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_time_limit_whose_signal_was_swallowed_still_fails_the_work() -> None:
    # The alarm lands inside a __del__, where Python prints and drops the exception.
    class Swallows:
        def __del__(self) -> None:
            time.sleep(0.05)

    with pytest.raises(TooSlowInput), time_limit(0.01, "the work"):
        Swallows()
