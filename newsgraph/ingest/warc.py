"""WARC archives (`.warc`, `.warc.gz`; Common Crawl's CC-NEWS) → one RawDocument per HTML
response, streamed with FastWARC: memory stays bounded by one record's payload (at most
`max_document_bytes`), whatever the archive's size.

    for item in read_warc("crawl.warc.gz"):
        if isinstance(item, RawDocument): ...

Each `response` record (and `resource` record) whose payload is HTML with a 2xx status is
an article: `url` from WARC-Target-URI, the date from the page, else WARC-Date. Every other
record (warcinfo, request, metadata, revisit, a response that is an image, a redirect or a
404) is an :class:`Unread` whose `reason` says what it was, so that runs can count them.
Payloads are decoded from their transfer and content encodings as archived.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc import ArchiveIterator, WarcRecord, WarcRecordType

from newsgraph.errors import InputError, MalformedInput, TooLargeInput
from newsgraph.ingest.bytes import GZIP_MAGIC, content_hash, decode_text
from newsgraph.model import Failure, Origin, RawDocument, Unread

WARC_MAGIC = b"WARC/"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ARTICLE_TYPES = WarcRecordType.response | WarcRecordType.resource
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.I)

WarcItem = RawDocument | Failure | Unread


def looks_like_warc(head: bytes) -> bool:
    """Whether the first bytes of a (decompressed) file are a WARC record's."""
    return head.startswith(WARC_MAGIC)


def is_warc_name(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith((".warc", ".warc.gz"))


def read_warc(
    source: str | BinaryIO, path: str | None = None, max_document_bytes: int = 20 * 1024 * 1024
) -> Iterator[WarcItem]:
    """Every record of the WARC at `source` (a file name or a binary stream, plain or
    gzip): documents, failures naming the record, and records that hold no article.
    `path` names the archive in origins (default: `source` when it is a name)."""
    name = path or (source if isinstance(source, str) else "<warc>")
    records = iter(ArchiveIterator(source, auto_decode="all"))
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # FastWARC's errors on a damaged archive have no common base
            raise MalformedInput(f"damaged WARC after record {number}: {exc}") from exc
        number += 1
        yield _item(record, Origin(name, f"record {number}"), max_document_bytes)


def warc_documents(
    source: str | BinaryIO, path: str | None = None, max_document_bytes: int = 20 * 1024 * 1024
) -> Iterator[RawDocument]:
    """Only the documents of :func:`read_warc` (failures and other records left out)."""
    for item in read_warc(source, path, max_document_bytes):
        if isinstance(item, RawDocument):
            yield item


def _item(record: WarcRecord, origin: Origin, limit: int) -> WarcItem:
    reason = _not_an_article(record)
    if reason is not None:
        return Unread(origin, reason)
    try:
        payload = _payload(record, limit)
    except InputError as exc:
        return Failure(origin, exc.code, exc.message)
    if not _declared_type(record) and not _HTML_START.search(payload[:2048]):
        return Unread(origin, f"{record.record_type} without a type, not HTML")
    try:
        return _document(record, payload, origin)
    except InputError as exc:
        return Failure(origin, exc.code, exc.message)


def _not_an_article(record: WarcRecord) -> str | None:
    """Why a record is not read as an article, or None when it is one."""
    kind = record.record_type
    if not kind & _ARTICLE_TYPES:
        return f"{kind} record"
    if kind == WarcRecordType.response:
        if not record.is_http:
            return "response without HTTP"
        status = record.http_headers.status_code or 0
        if not 200 <= status < 300:
            return f"response {status}"
    content_type = _declared_type(record)
    if content_type and content_type not in _HTML_TYPES:
        return f"{kind} {content_type}"
    return None


def _declared_type(record: WarcRecord) -> str:
    if record.record_type == WarcRecordType.response:
        return (record.http_content_type or "").strip().lower()
    return (record.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _payload(record: WarcRecord, limit: int) -> bytes:
    payload = record.reader.read(limit + 1)
    if len(payload) > limit:
        raise TooLargeInput(f"payload over the limit of {limit:,} bytes for one document")
    if payload.startswith(GZIP_MAGIC):
        raise MalformedInput("the payload is still gzip-compressed (no Content-Encoding said so)")
    return payload


def _document(record: WarcRecord, payload: bytes, origin: Origin) -> RawDocument:
    charset = record.http_charset if record.is_http else None
    decoded = decode_text(payload, is_html=True, declared=charset)
    url = record.headers.get("WARC-Target-URI")
    fallback = {"published": record.headers.get("WARC-Date")}
    return RawDocument(
        origin=origin,
        format="html",
        html=decoded.text,
        url=url.strip("<>") if url else None,
        metadata={"warc_record_id": record.record_id, **decoded.metadata()},
        raw_hash=content_hash((url or "").encode() + b"\0" + payload),
        fallback={k: v for k, v in fallback.items() if v},
    )


__all__ = ["is_warc_name", "looks_like_warc", "read_warc", "warc_documents"]
