"""Recognise an input's format from its content, with the file name as a tie-breaker."""

from __future__ import annotations

import json
import re

from newsgraph.model import InputFormat

TEXT_EXTENSIONS = {".txt", ".text"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXTENSIONS = {".json"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".jsonlines"}
FEED_EXTENSIONS = {".xml", ".rss", ".atom", ".feed", ".rdf"}
WARC_EXTENSIONS = {".warc"}  # also .warc.gz: a .gz suffix is removed first
KNOWN_EXTENSIONS = (
    TEXT_EXTENSIONS
    | HTML_EXTENSIONS
    | JSON_EXTENSIONS
    | JSONL_EXTENSIONS
    | FEED_EXTENSIONS
    | WARC_EXTENSIONS
)

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_MARK = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|section|h1|h2|meta|title)[\s>/]",
    re.I,
)
# A DOCTYPE may carry an internal subset in brackets, whose entity declarations hold ">".
_LEADING_XML_NOISE = re.compile(
    r"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>)*", re.S | re.I
)


def sniff_format(text: str, suffixes: list[str]) -> InputFormat:
    """The format of decoded content. `suffixes` are the file name's lower-case suffixes
    with any `.gz` removed (e.g. ``[".jsonl"]``)."""
    suffix = suffixes[-1] if suffixes else ""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return _json_kind(text, suffix)
    if head.startswith("<"):
        body = _LEADING_XML_NOISE.sub("", head, count=1)
        if _FEED_ROOT.match(body):
            return "feed"
        if _HTML_MARK.search(head):
            return "html"
        if suffix in FEED_EXTENSIONS and _FEED_ROOT.search(head):
            return "feed"
        return "html" if suffix in HTML_EXTENSIONS else "text"
    # What the user named JSON is parsed as JSON, so a broken file is reported as such.
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    if suffix in JSON_EXTENSIONS:
        return "json"
    # A page saved with leading prose or a stray BOM still counts as HTML if the extension
    # says so and it has markup.
    if suffix in HTML_EXTENSIONS and _HTML_MARK.search(head):
        return "html"
    return "text"


def _json_kind(text: str, suffix: str) -> InputFormat:
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    first_line = text.strip().partition("\n")[0]
    if _parses(first_line) and text.strip() != first_line:
        return "jsonl"
    if suffix in JSON_EXTENSIONS or _parses(text):
        return "json"
    # "[Reuters] - The summit ..." is prose that happens to start with a bracket.
    return "text"


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    except RecursionError:
        return True  # JSON, nested too deep: the reader says so
    return True


__all__ = ["KNOWN_EXTENSIONS", "sniff_format"]
