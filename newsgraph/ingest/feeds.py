"""RSS and Atom feeds → one RawDocument per entry, full content preferred over summaries."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from newsgraph.errors import MalformedInput
from newsgraph.ingest.bytes import content_hash
from newsgraph.ingest.records import split_authors
from newsgraph.model import Failure, Origin, RawDocument
from newsgraph.timeouts import time_limit


def entries_from_feed(
    data: bytes, origin_path: str, max_seconds: float = 0
) -> Iterator[RawDocument | Failure]:
    """One document per entry; TooSlowInput if parsing takes over `max_seconds` (0: no
    limit; markup nested 200,000 deep keeps feedparser's sanitizer busy for minutes)."""
    # feedparser gets the bytes so it can honour the XML encoding declaration itself.
    with time_limit(max_seconds, "parsing the feed"):
        parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f": {parsed.bozo_exception}" if parsed.bozo else ""
        raise MalformedInput(f"feed has no entries{reason}")
    feed_title = _clean(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries):
        origin = Origin(origin_path, f"entry {index + 1}")
        try:
            yield _entry_to_document(entry, origin, feed_title)
        except MalformedInput as exc:
            yield Failure(origin, exc.code, exc.message)


def _entry_to_document(entry: Any, origin: Origin, feed_title: str | None) -> RawDocument:
    body = _best_body(entry)
    if not body:
        raise MalformedInput("feed entry has neither content nor summary")
    authors = split_authors([a.get("name") for a in entry.get("authors", []) if a.get("name")])
    if not authors and entry.get("author"):
        authors = split_authors(entry.get("author"))
    return RawDocument(
        origin=origin,
        format="feed",
        html=body,
        id=_clean(entry.get("id")),
        url=_clean(entry.get("link")),
        source=feed_title,
        title=_clean(entry.get("title")),
        authors=authors,
        published=_entry_date(entry),
        metadata=_entry_metadata(entry),
        raw_hash=content_hash(json.dumps([body, entry.get("title"), entry.get("link")])),
    )


def _best_body(entry: Any) -> str | None:
    """The longest full content, else the summary: summaries are often one teaser line."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return str(max(contents, key=len))
    summary = entry.get("summary")
    return str(summary) if summary else None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    for key in ("published", "updated"):
        if entry.get(key):
            return str(entry[key])
    return None


def _entry_metadata(entry: Any) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
    if tags:
        metadata["tags"] = tags
    if entry.get("summary"):
        metadata["summary"] = entry["summary"]
        if not any(c.get("value") for c in entry.get("content", [])):
            metadata["summary_only"] = True  # the entry's text is a teaser, not the article
    return metadata


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


__all__ = ["entries_from_feed"]
