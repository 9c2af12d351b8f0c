"""RawDocument → Article: clean text, notes split off, metadata merged, language, ids.

A pure function of its input (no store, no model), so it runs anywhere: a worker process,
a Spark executor.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from newsgraph.errors import EmptyInput
from newsgraph.extract.dates import normalize_published
from newsgraph.extract.fragment import fragment_to_text
from newsgraph.extract.html import ExtractedPage, extract_html
from newsgraph.extract.language import detect_language
from newsgraph.extract.notes import NotePattern, split_notes
from newsgraph.model import Article, RawDocument

_WHOLE_PAGE = re.compile(r"<(?:html|head|body)[\s>]", re.I)
_WHITESPACE = re.compile(r"\s+")


def build_article(
    raw: RawDocument, note_patterns: tuple[NotePattern, ...] | None = None
) -> Article:
    """The article in `raw`, not yet analyzed. Raises InputError subclasses."""
    page = _page(raw)
    split = split_notes(page.text.strip(), note_patterns)
    if not split.text:
        raise EmptyInput("no article text left after extraction")
    metadata = dict(raw.metadata)
    fallback = raw.fallback
    published = normalize_published(raw.published or page.published)
    if raw.published and published is None:
        metadata["published_raw"] = raw.published  # kept, not lost, when unparseable
    if published is None and fallback.get("published"):
        published = normalize_published(fallback["published"])
    if page.description:
        metadata.setdefault("description", page.description)
    url = raw.url or page.url or fallback.get("url")
    content = content_key(split.text)
    return Article(
        id=raw.id or stable_id(url, content),
        text=split.text,
        url=url,
        source=raw.source or page.sitename or split.source or fallback.get("source"),
        title=raw.title or page.title or split.title or fallback.get("title"),
        authors=raw.authors or list(page.authors) or list(fallback.get("authors", [])),
        published=published,
        language=detect_language(split.text, page.language),
        notes=split.notes,
        metadata=metadata,
        origin=raw.origin,
        content_hash=content,
        raw_hash=raw.raw_hash,
    )


def _page(raw: RawDocument) -> ExtractedPage:
    """Plain text as given (newlines normalized), or text and metadata from HTML: a whole
    page goes through the boilerplate remover, a fragment (feed content) is kept whole."""
    if raw.text is not None:
        return ExtractedPage(text=normalize_newlines(raw.text))
    html = raw.html or ""
    if _WHOLE_PAGE.search(html[:5000]):
        return extract_html(html, raw.url)
    return ExtractedPage(text=fragment_to_text(html))


def normalize_newlines(text: str) -> str:
    """Universal newlines, as Python's text mode reads files."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def content_key(text: str) -> str:
    """Hash of the normalized text: the same article from two inputs gets the same key."""
    normalized = _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(normalized.encode("utf-8", "surrogatepass")).hexdigest()


def stable_id(url: str | None, content: str) -> str:
    """Id of an article whose input gave none: from its URL, else from its text."""
    basis = f"url:{url}" if url else f"text:{content}"
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


__all__ = ["build_article", "content_key", "normalize_newlines", "stable_id"]
