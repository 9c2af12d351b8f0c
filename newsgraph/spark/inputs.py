"""Which files of the inputs a Spark job reads, in which order, and with which reader.

Spark lists and reads the files (so any URI it reads works: local paths, `s3a://`,
`hdfs://`, `gs://`); each file's whole content then goes through a :class:`FileReader`
inside a task. The default reader is the one `newsgraph decode` uses for a local file
(:func:`newsgraph.ingest.reader.read_bytes`, WARC included); a reader for another format
plugs in with :func:`register_reader`, naming the file endings it takes.

Every document gets a sequence number `seq` = file number << 32 | record number, the
order `newsgraph decode` would read it in: inputs in the order given, a folder's files as
`os.walk` sorted (a folder's own files before its subfolders).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from newsgraph.ingest.reader import InputOptions, is_article_file, read_bytes
from newsgraph.model import Failure, Origin, RawDocument

RECORD_BITS = 32  # records per file < 2**32; files < 2**31


@dataclass(frozen=True)
class FileReader:
    """Reads the documents of one file's whole content; `endings` are the lower-case file
    name endings it takes (".warc.gz")."""

    name: str
    endings: tuple[str, ...]
    read: Callable[[bytes, str, InputOptions], Iterator[RawDocument | Failure]]


_READERS: list[FileReader] = []


def register_reader(reader: FileReader) -> None:
    """Make `reader` read the files whose names end with one of its endings (before the
    default reader; the last registered wins)."""
    _READERS.insert(0, reader)


def reader_for(name: str) -> FileReader | None:
    """The reader of a file name, or None when the file is not an article input."""
    lowered = name.lower()
    for reader in _READERS:
        if not name.startswith(".") and lowered.endswith(reader.endings):
            return reader
    return _DEFAULT if is_article_file(name) else None


def _read_with_ingest(
    data: bytes, path: str, options: InputOptions
) -> Iterator[RawDocument | Failure]:
    return read_bytes(data, path, options)


_DEFAULT = FileReader("ingest", (), _read_with_ingest)


@dataclass(frozen=True)
class InputFile:
    """A file to read: its `uri` as Spark names it, the `path` shown in the record (as the
    user gave it, like `newsgraph decode` shows it) and its number in the input order."""

    uri: str
    path: str
    number: int

    def seq(self, record: int) -> int:
        return (self.number << RECORD_BITS) | record


def order_files(argument: str, uris: Sequence[str], root_uri: str) -> list[tuple[str, str]]:
    """(uri, shown path) of the article files Spark listed under one input `argument`
    (whose own URI is `root_uri`), in `os.walk` order; other files are left out."""
    root = _uri_path(root_uri).rstrip("/")
    chosen = []
    for uri in uris:
        relative = posixpath.relpath(_uri_path(uri), root) if _uri_path(uri) != root else ""
        parts = [p for p in relative.split("/") if p not in ("", ".")]
        name = parts[-1] if parts else posixpath.basename(_uri_path(uri))
        if reader_for(name) is None or any(p.startswith(".") for p in parts[:-1]):
            continue
        shown = posixpath.join(argument, *parts) if parts else argument
        if "://" in argument or argument.startswith("file:"):
            shown = uri
        chosen.append((_walk_key(parts), uri, shown))
    return [(uri, shown) for _, uri, shown in sorted(chosen)]


def _walk_key(parts: list[str]) -> tuple[tuple[int, str], ...]:
    # os.walk yields a folder's files before descending into its subfolders.
    return tuple((1, p) for p in parts[:-1]) + tuple((0, p) for p in parts[-1:])


def _uri_path(uri: str) -> str:
    return unquote(urlparse(uri).path) if ":" in uri.split("/", 1)[0] else uri


def read_file(
    file: InputFile, content: bytes, options: InputOptions
) -> Iterator[tuple[int, RawDocument | Failure]]:
    """The documents of one file with their `seq`; a reader that breaks on a file costs
    that file only (a Failure naming it), never the task."""
    reader = reader_for(posixpath.basename(_uri_path(file.uri))) or _DEFAULT
    record = 0
    try:
        for record, item in enumerate(reader.read(content, file.path, options)):
            yield file.seq(record), item
    except Exception as exc:  # a reader's bug on one odd file must not kill the job
        message = f"the {reader.name} reader failed unexpectedly: {exc!r}"
        yield file.seq(record + 1), Failure(Origin(file.path), "internal", message)


__all__ = ["FileReader", "InputFile", "order_files", "read_file", "reader_for", "register_reader"]
