"""An HTML fragment (a feed entry's content, a record's `html`) → paragraphs of text.

Feed content is already the article body, so a boilerplate remover (built for whole pages)
has nothing to remove and sometimes drops short paragraphs; this keeps every word,
including the words of links, and makes a paragraph of every block element.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml_html_clean import Cleaner

from newsgraph.errors import MalformedInput

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "blockquote",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "figure",
        "figcaption",
        "address",
        "hr",
        "br",
        "main",
        "nav",
    ]
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_CLEANER = Cleaner(
    scripts=True,
    javascript=True,
    comments=True,
    style=True,
    inline_style=True,
    embedded=True,
    forms=True,
    frames=True,
    meta=True,
    page_structure=False,
    processing_instructions=True,
    remove_unknown_tags=False,
    safe_attrs_only=False,
)


def fragment_to_text(html: str) -> str:
    """Paragraphs separated by a blank line, whitespace collapsed inside each."""
    if not html.strip():
        raise MalformedInput("empty HTML fragment")
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        root = _CLEANER.clean_html(root)
    except (etree.ParserError, ValueError) as exc:
        raise MalformedInput(f"unparseable HTML: {exc}") from exc
    parts: list[str] = []
    _walk(root, parts)
    paragraphs = (_SPACES.sub(" ", p).strip() for p in "".join(parts).split("\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _walk(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    block = isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text.replace("\n", " "))
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail.replace("\n", " "))
    if block:
        parts.append("\n")


__all__ = ["fragment_to_text"]
