"""Files, folders, stdin and URLs → RawDocuments (or Failures naming the file and record).

A bad input never stops the batch: it becomes a :class:`Failure` and reading goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

from newsgraph.errors import InputError, MalformedInput, TooLargeInput
from newsgraph.ingest.bytes import (
    GZIP_MAGIC,
    DecodedText,
    compression_of,
    content_hash,
    decode_text,
    decompressing,
    maybe_gunzip,
    read_limited,
)
from newsgraph.ingest.feeds import entries_from_feed
from newsgraph.ingest.fetch_rules import FetchConfig
from newsgraph.ingest.records import record_from_line, records_from_json
from newsgraph.ingest.sniff import KNOWN_EXTENSIONS, sniff_format
from newsgraph.ingest.urls import is_url
from newsgraph.model import Failure, Origin, RawDocument, Unread

if TYPE_CHECKING:
    from newsgraph.ingest.web import WebReader

STDIN = "-"
_PEEK_BYTES = 64 * 1024
_LINE_PIECE = 64 * 1024


@dataclass(frozen=True)
class InputOptions:
    """Metadata set by the user for the inputs (`--source`, `--published`, `--url`) and limits."""

    source: str | None = None
    published: str | None = None
    url: str | None = None
    max_document_bytes: int = 20 * 1024 * 1024
    max_file_bytes: int = 512 * 1024 * 1024
    max_parse_seconds: float = 60.0  # parsing one feed (0: no limit)
    fetch: FetchConfig = field(default_factory=FetchConfig)

    def overrides(self) -> dict[str, str]:
        fields = {"source": self.source, "published": self.published, "url": self.url}
        return {k: v for k, v in fields.items() if v is not None}


def read_inputs(
    paths: Iterable[str | Path],
    options: InputOptions | None = None,
    stdin: BinaryIO | None = None,
    known: Callable[[str], str | None] | None = None,
) -> Iterator[RawDocument | Failure | Unread]:
    """Every document in `paths`: files, folders read recursively, "-" for stdin, http(s)
    URLs of pages and feeds (fetched under `options.fetch`). `known` looks an input key up
    in the store, so that a page already stored is not fetched again."""
    options = options or InputOptions()
    web = _WebInputs(options, known)
    try:
        for path in paths:
            name = str(path)
            items = web.read(name) if is_url(name) else _read_path(name, options, stdin)
            for item in items:
                yield _apply_overrides(item, options) if isinstance(item, RawDocument) else item
    finally:
        web.close()


class _WebInputs:
    """The reader of URL inputs, made (and httpx imported) at the first URL."""

    def __init__(self, options: InputOptions, known: Callable[[str], str | None] | None):
        self.options = options
        self.known = known
        self.reader: WebReader | None = None

    def read(self, url: str) -> Iterator[RawDocument | Failure | Unread]:
        if self.reader is None:
            from newsgraph.ingest.fetch import Fetcher
            from newsgraph.ingest.web import WebReader

            fetcher = Fetcher(self.options.fetch)
            self.reader = WebReader(
                fetcher, self.known, max_document_bytes=self.options.max_document_bytes
            )
        return self.reader.read(url)

    def close(self) -> None:
        if self.reader is not None:
            self.reader.fetcher.close()


def _read_path(
    path: str, options: InputOptions, stdin: BinaryIO | None
) -> Iterator[RawDocument | Failure | Unread]:
    if path == STDIN:
        yield from _guard(Origin("<stdin>"), partial(_read_stdin, stdin, options))
    elif os.path.isdir(path):
        for file_path in walk_folder(path):
            kind = special_file_kind(file_path)
            if kind is not None:
                # Opening a FIFO blocks until a writer comes, a device may never end: a
                # folder of articles holds neither, so they are not opened.
                yield Unread(Origin(file_path), f"not a regular file ({kind})")
                continue
            yield from _guard(Origin(file_path), partial(_read_file, file_path, options))
    elif os.path.exists(path) and special_file_kind(path) is not None:
        # Named by the user (a pipe from `<(zcat ...)`): read once, as stdin is.
        yield from _guard(Origin(path), partial(_read_special, path, options))
    elif os.path.exists(path):
        yield from _guard(Origin(path), partial(_read_file, path, options))
    else:
        yield Failure(Origin(path), "unreadable", "no such file or folder")


def walk_folder(folder: str) -> Iterator[str]:
    """Article files under `folder`, sorted, skipping hidden ones and unknown extensions
    (a folder of articles often holds images or READMEs that are not articles)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if is_article_file(name):
                yield os.path.join(root, name)


def special_file_kind(path: str) -> str | None:
    """What a path that is no regular file is ("FIFO", "socket", "device"), by its status
    alone (never opened); None for a regular file (or a link to one) or a folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reported when it is read
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return None


def is_article_file(name: str) -> bool:
    """Whether a file found in a folder is read as an article: not hidden, and with an
    extension of a format we read (`.gz` aside)."""
    suffixes = _suffixes(name)
    return not name.startswith(".") and bool(suffixes) and suffixes[-1] in KNOWN_EXTENSIONS


def _suffixes(name: str) -> list[str]:
    suffixes = [s.lower() for s in Path(name).suffixes]
    return suffixes[:-1] if suffixes[-1:] in ([".gz"], [".bz2"], [".xz"]) else suffixes


def _guard(
    origin: Origin, produce: Callable[[], Iterator[RawDocument | Failure | Unread]]
) -> Iterator[RawDocument | Failure | Unread]:
    """Run a reader, turning an input error into a Failure for that origin."""
    try:
        yield from produce()
    except InputError as exc:
        yield Failure(origin, exc.code, exc.message)
    except OSError as exc:
        yield Failure(origin, "unreadable", f"cannot read: {exc.strerror or exc}")


def read_bytes(
    data: bytes, path: str, options: InputOptions | None = None
) -> Iterator[RawDocument | Failure]:
    """Every document in the whole content `data` of the file `path`, already read by
    someone else (a Spark task reading any URI); the same readers as for a local file."""
    options = options or InputOptions()
    suffixes = _suffixes(path.rsplit("/", 1)[-1])
    produce: Callable[[], Iterator[RawDocument | Failure | Unread]]
    if suffixes[-1:] == [".warc"] or _looks_like_warc_bytes(data):
        from newsgraph.ingest.warc import read_warc

        produce = partial(read_warc, io.BytesIO(data), path, options.max_document_bytes)
    else:
        produce = partial(_read_bytes_input, data, path, suffixes, options)
    for item in _guard(Origin(path), produce):
        if isinstance(item, RawDocument):
            yield _apply_overrides(item, options)
        elif isinstance(item, Failure):
            yield item
        # an Unread (a WARC record that holds no article) is no document and no failure


def _looks_like_warc_bytes(data: bytes) -> bool:
    head = data[:_PEEK_BYTES]
    if head.startswith(GZIP_MAGIC):
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(8)
        except (OSError, EOFError):
            return False
    return head.startswith(b"WARC/")


def _read_stdin(stdin: BinaryIO | None, options: InputOptions) -> Iterator[RawDocument | Failure]:
    stream = stdin or sys.stdin.buffer
    data = read_limited(stream, options.max_file_bytes, "holds")
    yield from _read_bytes_input(data, "<stdin>", [], options)


def _read_special(path: str, options: InputOptions) -> Iterator[RawDocument | Failure]:
    with open(path, "rb") as handle:
        data = read_limited(handle, options.max_file_bytes, "holds")
    yield from _read_bytes_input(data, path, _suffixes(os.path.basename(path)), options)


def _read_file(path: str, options: InputOptions) -> Iterator[RawDocument | Failure | Unread]:
    suffixes = _suffixes(os.path.basename(path))
    with open(path, "rb") as handle:
        head = handle.read(_PEEK_BYTES)
    compression = compression_of(head)
    peek = _peek_text(path, head, compression)
    if suffixes[-1:] == [".warc"] or (peek or "").startswith("WARC/"):
        from newsgraph.ingest.warc import read_warc  # streamed, so never read whole here

        yield from read_warc(path, path, options.max_document_bytes)
        return
    if peek is not None and sniff_format(peek, suffixes) == "jsonl":
        yield from _stream_jsonl(path, compression, options)
        return
    with open(path, "rb") as handle:
        if compression is None:
            data = read_limited(handle, options.max_file_bytes, "holds")
        else:  # inflated as it is read, so a bomb stops at the limit
            data = read_limited(decompressing(handle, compression), options.max_file_bytes)
    yield from _read_bytes_input(data, path, suffixes, options)


def _peek_text(path: str, head: bytes, compression: bytes | None) -> str | None:
    if compression is not None:
        try:
            with open(path, "rb") as raw, decompressing(raw, compression) as handle:
                head = handle.read(_PEEK_BYTES)
        except (OSError, EOFError, ValueError):
            return None  # reported properly when the whole file is read
    return head.decode("utf-8", "ignore")


def _read_bytes_input(
    data: bytes, path: str, suffixes: list[str], options: InputOptions
) -> Iterator[RawDocument | Failure]:
    if len(data) > options.max_file_bytes:
        raise TooLargeInput(f"too large: over the limit of {options.max_file_bytes:,} bytes")
    raw = maybe_gunzip(data, options.max_file_bytes)
    looks_html = bool(set(suffixes) & {".html", ".htm", ".xhtml"}) or b"<html" in raw[:4096].lower()
    decoded = decode_text(raw, is_html=looks_html)
    text = decoded.text
    fmt = sniff_format(text, suffixes)
    if fmt == "jsonl":
        yield from _with_encoding(_jsonl_lines(text.splitlines(), path, options), decoded)
    elif fmt == "json":
        yield from _sized(_with_encoding(records_from_json(text, path), decoded), options)
    elif fmt == "feed":
        yield from _sized(entries_from_feed(raw, path, options.max_parse_seconds), options)
    elif fmt == "text" and text.lstrip("\ufeff \t\r\n").startswith("<?xml"):
        raise MalformedInput("an XML document that is neither an RSS/Atom feed nor HTML")
    else:
        _check_document_size(raw, options)
        document = RawDocument(
            origin=Origin(path), format=fmt, raw_hash=content_hash(raw), metadata=decoded.metadata()
        )
        if fmt == "html":
            document.html = text
        else:
            document.text = text
        yield document


def _sized(
    items: Iterable[RawDocument | Failure], options: InputOptions
) -> Iterator[RawDocument | Failure]:
    """The records of a file read whole (JSON, feed), each held to the limit of one
    document, as a file of one document is."""
    limit = options.max_document_bytes
    for item in items:
        body = item.text or item.html or "" if isinstance(item, RawDocument) else ""
        # A character is at most 4 bytes: most records are judged without encoding them.
        if len(body) * 4 > limit and len(body.encode("utf-8", "surrogatepass")) > limit:
            yield Failure(
                item.origin, TooLargeInput.code, f"record too large: over {limit:,} bytes"
            )
        else:
            yield item


def _check_document_size(raw: bytes, options: InputOptions) -> None:
    if len(raw) > options.max_document_bytes:
        raise TooLargeInput(
            f"too large: {len(raw):,} bytes, over the limit of {options.max_document_bytes:,} "
            "for one document (raise max_document_bytes to accept it)"
        )


def _stream_jsonl(
    path: str, compression: bytes | None, options: InputOptions
) -> Iterator[RawDocument | Failure]:
    with open(path, "rb") as raw:
        handle = raw if compression is None else decompressing(raw, compression)
        try:
            lines = _bounded_lines(handle, options.max_document_bytes)
            yield from _jsonl_lines(lines, path, options)
        except (OSError, EOFError, ValueError) as exc:  # corrupt compressed data, mid-file
            raise MalformedInput(f"corrupt or truncated compressed data ({exc})") from exc


def _bounded_lines(handle: IO[bytes] | io.BufferedIOBase, limit: int) -> Iterator[bytes | None]:
    """The lines of `handle`, read in pieces; None for a line longer than `limit`, whose
    bytes are read and dropped as they come: a 10 GB line never sits in memory."""
    while True:
        line: bytearray | None = bytearray()
        read = 0
        while piece := handle.readline(_LINE_PIECE):
            read += len(piece)
            if line is not None:
                line += piece
                if (
                    len(line.rstrip(b"\r\n")) > limit
                    if piece.endswith(b"\n")
                    else len(line) > limit
                ):
                    line = None
            if piece.endswith(b"\n"):
                break
        if not read:
            return
        yield None if line is None else bytes(line)


def _jsonl_lines(
    lines: Iterable[bytes | str | None], path: str, options: InputOptions
) -> Iterator[RawDocument | Failure]:
    for number, line in enumerate(lines, 1):
        origin = Origin(path, f"line {number}")
        if line is None:
            yield Failure(origin, TooLargeInput.code, _line_too_large(options))
            continue
        if not line.strip():
            continue
        try:
            decoded = _line_text(line, options)
            document = record_from_line(decoded.text, origin)
        except InputError as exc:
            yield Failure(origin, exc.code, exc.message)
            continue
        yield from _with_encoding([document], decoded)


def _line_text(line: bytes | str, options: InputOptions) -> DecodedText:
    data = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
    if len(data.rstrip(b"\r\n")) > options.max_document_bytes:
        raise TooLargeInput(_line_too_large(options))
    return DecodedText(line, "utf-8") if isinstance(line, str) else decode_text(line)


def _line_too_large(options: InputOptions) -> str:
    return f"record too large: over the limit of {options.max_document_bytes:,} bytes"


def _with_encoding(
    items: Iterable[RawDocument | Failure], decoded: DecodedText
) -> Iterator[RawDocument | Failure]:
    """Records of a JSON input, which is UTF-8 by its standard: their metadata says how it
    was decoded only when it was not plain UTF-8."""
    plain = decoded.encoding == "utf-8" and not decoded.replaced
    for item in items:
        if isinstance(item, RawDocument) and not plain:
            for key, value in decoded.metadata().items():
                item.metadata.setdefault(key, value)
        yield item


def _apply_overrides(document: RawDocument, options: InputOptions) -> RawDocument:
    overrides = options.overrides()
    if not overrides:
        return document
    # The options change the result, so they are part of what makes an input "the same".
    raw_hash = content_hash(document.raw_hash + json.dumps(overrides, sort_keys=True))
    return replace(
        document,
        raw_hash=raw_hash,
        source=options.source or document.source,
        published=options.published or document.published,
        url=options.url or document.url,
    )


__all__ = ["STDIN", "InputOptions", "is_article_file", "read_bytes", "read_inputs", "walk_folder"]
