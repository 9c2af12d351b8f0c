"""JSON and JSON Lines records → RawDocuments.

A record is an object with `text` or `html`, and optionally `id`, `title`, `url`, `source`,
`published`, `authors`; any other field is kept as metadata. Common aliases of those fields
(`date`, `author`, `link`, `content`, ...) are accepted so that exports of other tools load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsgraph.errors import MalformedInput
from newsgraph.ingest.bytes import content_hash
from newsgraph.model import Failure, InputFormat, Origin, RawDocument

# First name wins; the canonical name comes first.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "guid", "doc_id", "article_id"),
    "text": ("text", "body", "content", "articleBody", "maintext"),
    "html": ("html", "raw_html", "content_html"),
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url_full"),
    "source": ("source", "site_name", "sitename", "publisher", "outlet", "source_name"),
    "published": ("published", "date", "published_at", "datePublished", "pubDate", "date_publish"),
    "authors": ("authors", "author", "byline"),
}


def records_from_json(text: str, origin_path: str) -> Iterator[RawDocument | Failure]:
    """Records of a JSON document: one object, or an array of objects."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"invalid JSON: {exc}") from exc
    if isinstance(data, dict):
        yield _record_or_error(data, Origin(origin_path), "json", json.dumps(data, sort_keys=True))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            origin = Origin(origin_path, f"record {index}")
            yield _record_or_error(item, origin, "json", json.dumps(item, sort_keys=True))
    else:
        raise MalformedInput("JSON input must be an object or an array of objects")


def record_from_line(line: str, origin: Origin) -> RawDocument:
    """One JSON Lines record; raises MalformedInput naming what is wrong."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"invalid JSON: {exc}") from exc
    return record_to_document(data, origin, "jsonl", line.strip())


def _record_or_error(
    data: Any, origin: Origin, fmt: InputFormat, raw: str
) -> RawDocument | Failure:
    # One bad record in an array must not hide the good ones around it.
    try:
        return record_to_document(data, origin, fmt, raw)
    except MalformedInput as exc:
        return Failure(origin, exc.code, exc.message)


def record_to_document(data: Any, origin: Origin, fmt: InputFormat, raw: str) -> RawDocument:
    if not isinstance(data, dict):
        raise MalformedInput(f"a record must be a JSON object, not {type(data).__name__}")
    fields = {name: _first(data, aliases) for name, aliases in FIELD_ALIASES.items()}
    used = {alias for aliases in FIELD_ALIASES.values() for alias in aliases}
    text, html = _string_or_none(fields["text"], "text"), _string_or_none(fields["html"], "html")
    if not (text and text.strip()) and not (html and html.strip()):
        raise MalformedInput("the record has no 'text' or 'html' with content")
    return RawDocument(
        origin=origin,
        format=fmt,
        text=text if text and text.strip() else None,
        html=None if text and text.strip() else html,
        id=None if fields["id"] is None else str(fields["id"]),
        url=_string_or_none(fields["url"], "url"),
        source=_string_or_none(fields["source"], "source"),
        title=_string_or_none(fields["title"], "title"),
        authors=split_authors(fields["authors"]),
        published=_string_or_none(fields["published"], "published"),
        metadata={k: v for k, v in data.items() if k not in used},
        raw_hash=content_hash(raw),
    )


def _first(data: dict[str, Any], aliases: tuple[str, ...]) -> Any:
    for alias in aliases:
        if data.get(alias) not in (None, "", []):
            return data[alias]
    return None


def _string_or_none(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        raise MalformedInput(f"field '{name}' must be a string, not {type(value).__name__}")
    return value


def split_authors(value: Any) -> list[str]:
    """Authors as a list, from a list, a dict with a name, or "A, B and C"."""
    if value is None:
        return []
    if isinstance(value, list):
        return [name for item in value for name in split_authors(item)]
    if isinstance(value, dict):
        return split_authors(value.get("name"))
    text = str(value).strip()
    if text.lower().startswith("by "):
        text = text[3:]
    for separator in (";", "|", " and ", " & ", ","):
        text = text.replace(separator, "\x00")
    return [name.strip() for name in text.split("\x00") if name.strip()]


__all__ = ["record_from_line", "record_to_document", "records_from_json", "split_authors"]
