"""Properties of every input reader, on inputs hypothesis makes up: random bytes under every
extension, random nesting, random encodings. A reader never raises, names the file of each
failure, and keeps what it reads."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.ingest.bytes import decode_text
from newsgraph.ingest.reader import InputOptions, read_bytes, read_inputs
from newsgraph.ingest.records import MAX_JSON_DEPTH
from newsgraph.model import Failure, RawDocument, Unread

EXTENSIONS = [".txt", ".html", ".json", ".jsonl", ".xml", ".rss", ".txt.gz", ""]
SMALL = InputOptions(max_document_bytes=64 * 1024, max_file_bytes=256 * 1024)
PROPERTIES = settings(max_examples=60, deadline=None)


def read_file(
    name: str, data: bytes, options: InputOptions = SMALL
) -> list[RawDocument | Failure | Unread]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(read_inputs([str(path)], options))
    for item in items:
        assert isinstance(item, RawDocument | Failure | Unread)
        assert item.origin.path == str(path)  # every outcome names its file
    return items


@PROPERTIES
@given(data=st.binary(max_size=4096), extension=st.sampled_from(EXTENSIONS))
def test_random_bytes_never_break_a_reader(data: bytes, extension: str) -> None:
    read_file(f"input{extension}", data)
    for item in read_bytes(data, f"input{extension}", SMALL):
        assert isinstance(item, RawDocument | Failure)


@PROPERTIES
@given(data=st.binary(max_size=4096), extension=st.sampled_from(EXTENSIONS))
def test_gzip_of_random_bytes_reads_like_the_bytes_or_fails_cleanly(
    data: bytes, extension: str
) -> None:
    plain = [type(i) for i in read_file(f"input{extension}", data)]
    packed = [type(i) for i in read_file(f"input{extension}.gz", gzip.compress(data))]
    assert packed == plain


nesting = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=30,
)


@PROPERTIES
@given(value=nesting, depth=st.integers(min_value=0, max_value=300_000))
def test_random_nesting_in_a_jsonl_line_is_a_record_or_a_record_error(
    value: object, depth: int
) -> None:
    line = "[" * depth + json.dumps({"text": "Talks in Astana.", "extra": value}) + "]" * depth
    good = json.dumps({"text": "A good record after it."})
    items = read_file("batch.jsonl", f"{line}\n{good}\n".encode(), InputOptions())
    *first, last = items
    assert isinstance(last, RawDocument) and last.text == "A good record after it."
    [item] = first
    assert item.origin.record == "line 1"
    if depth > 0:
        assert isinstance(item, Failure)  # an array is no record, however deep
    if depth + 2 > MAX_JSON_DEPTH:
        assert isinstance(item, Failure) and item.code == "malformed"


ENCODINGS = ["utf-8", "utf-16", "cp1252", "cp1251", "latin-1", "koi8-r", "iso-8859-7", "cp1250"]


@PROPERTIES
@given(text=st.text(min_size=1, max_size=400), encoding=st.sampled_from(ENCODINGS))
def test_random_encodings_decode_to_text_or_fail_cleanly(text: str, encoding: str) -> None:
    items = read_file("article.txt", text.encode(encoding, "ignore"))
    plain = [i for i in items if isinstance(i, RawDocument) and i.format == "text"]
    if encoding in ("utf-8", "utf-16") and plain:
        assert [d.text for d in plain] == [text]  # Unicode encodings are never guessed at


@PROPERTIES
@given(
    text=st.text(st.characters(codec="utf-8", exclude_characters="\ufffd\x00")),
    accented=st.sampled_from(["ö", "é", "Ž", "й", "中"]),
    bad=st.lists(st.sampled_from([b"\xff", b"\xfe", b"\xc3"]), min_size=1, max_size=3),
    where=st.lists(st.integers(min_value=0), min_size=3, max_size=3),
)
def test_utf8_with_a_few_bad_bytes_stays_utf8(
    text: str, accented: str, bad: list[bytes], where: list[int]
) -> None:
    original = f"Text: {text}{accented}"
    pieces = [char.encode() for char in original]
    for byte, position in zip(bad, where, strict=False):
        # Between characters, never inside one, and never first: "\xff\xfe" or "\xfe\xff"
        # at the start is a UTF-16 byte-order mark, which declares the text UTF-16.
        pieces.insert(1 + position % len(pieces), byte)
    decoded = decode_text(b"".join(pieces))
    assert decoded.encoding == "utf-8" and decoded.replaced == len(bad)
    assert decoded.text.replace("\ufffd", "") == original
