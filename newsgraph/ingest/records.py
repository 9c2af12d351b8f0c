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


# Deeper than any article record needs; far enough below Python's recursion limit that the
# record can be written out again (json.dumps recurses too) wherever it travels.
MAX_JSON_DEPTH = 64


def load_json(text: str) -> Any:
    """`json.loads`, with MalformedInput for invalid JSON and for JSON nested too deep
    (the C parser recurses: `[[[…]]]` nested 200,000 deep raises RecursionError)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"invalid JSON: {exc}") from exc
    except RecursionError as exc:
        raise MalformedInput(_too_deep()) from exc


def check_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> None:
    """MalformedInput if `value` nests lists and objects deeper than `limit` (walked with
    a stack, not recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        if depth > limit:
            raise MalformedInput(_too_deep(limit))
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)


def _too_deep(limit: int = MAX_JSON_DEPTH) -> str:
    return f"JSON nested too deep: more than {limit} levels of arrays and objects"


def records_from_json(text: str, origin_path: str) -> Iterator[RawDocument | Failure]:
    """Records of a JSON document: one object, or an array of objects."""
    data = load_json(text)
    if isinstance(data, dict):
        yield _record_or_error(data, Origin(origin_path))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            origin = Origin(origin_path, f"record {index}")
            yield _record_or_error(item, origin)
    else:
        raise MalformedInput("JSON input must be an object or an array of objects")


def record_from_line(line: str, origin: Origin) -> RawDocument:
    """One JSON Lines record; raises MalformedInput naming what is wrong."""
    data = load_json(line)
    check_depth(data)
    return record_to_document(data, origin, "jsonl", line.strip())


def _record_or_error(data: Any, origin: Origin) -> RawDocument | Failure:
    # One bad record in an array must not hide the good ones around it.
    try:
        check_depth(data)
        return record_to_document(data, origin, "json", json.dumps(data, sort_keys=True))
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
        id=_id_or_none(fields["id"]),
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


def _id_or_none(value: Any) -> str | None:
    # An object or a list has no text form that another tool would agree on.
    if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
        return None if value is None else str(value)
    raise MalformedInput(f"field 'id' must be a string or a number, not {_json_type(value)}")


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", bool: "a boolean"}
    return names.get(type(value), type(value).__name__)


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


__all__ = [
    "MAX_JSON_DEPTH",
    "check_depth",
    "load_json",
    "record_from_line",
    "record_to_document",
    "records_from_json",
    "split_authors",
]
