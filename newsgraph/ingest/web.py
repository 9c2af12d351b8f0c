"""URLs → RawDocuments: a page is one article; a feed gives one per entry, and an entry
that carries only a summary is replaced by the page it links to (its main text), the
entry's metadata filling what the page lacks.

A page's `url` is the canonical URL it declares (else where the redirects led), so one
article reached by two URLs gets one id and is stored once. A page fetched for a feed entry
has its URL as input key (:func:`newsgraph.ingest.urls.url_key`): when `known` says it is
stored, it is not fetched again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from newsgraph.errors import FetchError, InputError, MalformedInput
from newsgraph.ingest.bytes import DecodedText, content_hash, decode_text
from newsgraph.ingest.feeds import entries_from_feed
from newsgraph.ingest.fetch import Fetched, Fetcher, Validators
from newsgraph.ingest.records import records_from_json
from newsgraph.ingest.sniff import sniff_format
from newsgraph.ingest.urls import canonical_url, url_key
from newsgraph.model import Failure, Origin, RawDocument, Unread

Item = RawDocument | Failure | Unread
KnownInput = Callable[[str], str | None]  # input key → stored article id

_FEED_TYPES = ("rss", "atom", "rdf", "xml")
# What a feed entry tells about its article, kept for the page fetched in its place.
_ENTRY_FIELDS = ("title", "authors", "source", "url")


@dataclass
class SourceRead:
    """One fetch of a source (feed or page) and the documents it leads to.

    `complete` turns False when a page could not be had for a reason that may pass (a
    timeout, a 5xx, a stop request): the source's new validators must then not be kept, so
    that the next poll sees the feed again and fetches what is missing."""

    fetched: Fetched
    documents: Iterator[Item] = field(default_factory=lambda: iter(()))
    complete: bool = True
    pages_fetched: int = 0
    pages_known: int = 0


class WebReader:
    """Reads URL inputs through a :class:`Fetcher`.

    `known` looks up an input key in the store; `stop` says a stop was requested (no new
    page is fetched after it); `max_document_bytes` bounds one page as for files."""

    def __init__(
        self,
        fetcher: Fetcher,
        known: KnownInput | None = None,
        stop: Callable[[], bool] | None = None,
        max_document_bytes: int = 20 * 1024 * 1024,
    ) -> None:
        self.fetcher = fetcher
        self.known = known
        self.stop = stop or (lambda: False)
        self.max_document_bytes = max_document_bytes

    def read(self, url: str) -> Iterator[Item]:
        """The documents of a URL given as an input (fetched whatever its validators)."""
        try:
            fetched = self.fetcher.fetch(url)
        except InputError as exc:
            yield Failure(Origin(url), exc.code, exc.message)
            return
        yield from self.documents(fetched).documents

    def read_source(self, url: str, validators: Validators | None = None) -> SourceRead:
        """Fetch a polled source conditionally (raises its FetchError); its documents are
        produced lazily, fetching pages as they are asked for."""
        fetched = self.fetcher.fetch(url, validators)
        if fetched.not_modified:
            return SourceRead(fetched)
        return self.documents(fetched)

    def documents(self, fetched: Fetched) -> SourceRead:
        read = SourceRead(fetched)
        read.documents = self._documents(fetched, read)
        return read

    def _documents(self, fetched: Fetched, read: SourceRead) -> Iterator[Item]:
        origin = Origin(fetched.url)
        try:
            kind, decoded = self._kind(fetched)
            if kind == "feed":
                yield from self._feed(fetched, read)
            elif kind in ("json", "jsonl"):
                yield from _with_urls(records_from_json(decoded.text, fetched.url), fetched)
            else:
                yield self._page(fetched, decoded, kind, origin, fetched.url)
        except InputError as exc:
            yield Failure(origin, exc.code, exc.message)

    def _kind(self, fetched: Fetched) -> tuple[str, DecodedText]:
        """The format of an answer ("feed", "html", "json", "text") and its decoded text."""
        subtype = fetched.content_type.partition("/")[2]
        html = "html" in subtype
        decoded = decode_text(fetched.body, is_html=html, declared=fetched.charset)
        text = decoded.text
        if any(kind in subtype for kind in _FEED_TYPES) and not html:
            sniffed = sniff_format(text, [".xml"])
        else:
            sniffed = sniff_format(text, [_suffix(fetched.final_url)] if not html else [".html"])
        return sniffed, decoded

    def _page(
        self, fetched: Fetched, decoded: DecodedText, kind: str, origin: Origin, key_url: str | None
    ) -> RawDocument:
        text = decoded.text
        if len(fetched.body) > self.max_document_bytes:
            raise MalformedInput(
                f"{fetched.final_url}: {len(fetched.body):,} bytes, over the limit of "
                f"{self.max_document_bytes:,} for one document"
            )
        is_html = kind == "html"
        url = (canonical_url(text, fetched.final_url) if is_html else None) or fetched.final_url
        # A page asked for by itself is known by its content (fetched again, it is decoded
        # again only if it changed); one fetched for a feed entry by its URL.
        raw_hash = content_hash(fetched.final_url.encode() + b"\0" + fetched.body)
        return RawDocument(
            origin=origin,
            format="html" if is_html else "text",
            html=text if is_html else None,
            text=None if is_html else text,
            url=url,
            metadata={"fetch": _fetch_record(fetched), **decoded.metadata()},
            raw_hash=raw_hash if key_url is None else url_key(key_url),
        )

    def _feed(self, fetched: Fetched, read: SourceRead) -> Iterator[Item]:
        for item in entries_from_feed(fetched.body, fetched.url):
            if isinstance(item, RawDocument) and item.metadata.get("summary_only") and item.url:
                yield from self._entry_page(item, read)
            else:
                yield item

    def _entry_page(self, entry: RawDocument, read: SourceRead) -> Iterator[Item]:
        """The page an entry links to, in its place; the entry itself if it cannot be had
        for good (the teaser is better than nothing), a failure if it may be had later."""
        link = str(entry.url)
        key = url_key(link)
        origin = Origin(entry.origin.path, f"{entry.origin.record}: {link}")
        known = self.known(key) if self.known is not None else None
        if known is not None:
            read.pages_known += 1
            yield Unread(origin, "known url", known, key)
            return
        if self.stop():
            read.complete = False
            return
        try:
            page = self.fetcher.fetch(link)
            read.pages_fetched += 1
            kind, decoded = self._kind(page)
            if kind != "html":
                raise MalformedInput(f"{link}: the entry's link is not an HTML page ({kind})")
            document = self._page(page, decoded, kind, origin, link)
        except FetchError as exc:
            if exc.transient:
                read.complete = False
                yield Failure(origin, exc.code, exc.message)
                return
            yield _teaser(entry, exc)
            return
        except InputError as exc:
            yield _teaser(entry, exc)
            return
        # The feed's date is the outlet's own timestamp; a page's date is often a guess
        # (from its URL, a sidebar), so the entry's wins. The rest the page tells first.
        document.published = entry.published
        document.fallback = _entry_fallback(entry)
        document.metadata.update(
            {k: v for k, v in entry.metadata.items() if k not in ("summary_only",)}
        )
        yield document


def _teaser(entry: RawDocument, error: InputError) -> RawDocument:
    entry.metadata["page_not_fetched"] = f"{error.message} [{error.code}]"
    return entry


def _entry_fallback(entry: RawDocument) -> dict[str, Any]:
    values = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
    return {name: value for name, value in values.items() if value}


def _with_urls(items: Iterator[RawDocument | Failure], fetched: Fetched) -> Iterator[Item]:
    for item in items:
        if isinstance(item, RawDocument):
            item.metadata.setdefault("fetch", _fetch_record(fetched))
        yield item


def _fetch_record(fetched: Fetched) -> dict[str, Any]:
    """Where and when a document was fetched, kept in its metadata."""
    record: dict[str, Any] = {
        "url": fetched.url,
        "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if fetched.final_url != fetched.url:
        record["final_url"] = fetched.final_url
    return record


def _suffix(url: str) -> str:
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


__all__ = ["KnownInput", "SourceRead", "WebReader"]
