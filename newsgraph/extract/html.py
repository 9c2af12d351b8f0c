"""HTML page -> main article text and metadata, built on trafilatura.

trafilatura does the heavy lifting (boilerplate removal, metadata). This module adds three
things on top of it:

* link protection: trafilatura judges blocks by *link density*, so a short sentence whose
  names are hyperlinked ("<a>Tokayev</a> greeted <a>Xi</a>.") looks like a menu and is
  dropped whole, names included. We unwrap links that sit inside running prose before
  extraction, so their words count as prose; link-only blocks (menus, "Most read" lists)
  keep their links and are still recognised as boilerplate.
* a stable text shape: one blank line between paragraphs, single spaces inside them.
* a typed result (`ExtractedPage`) with authors as a list and a normalised language code.

The extraction options were chosen on the Article Extraction Benchmark (see
eval/extraction.py); they are generic trafilatura switches, nothing site-specific.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import trafilatura

from newsgraph.errors import MalformedInput

# An lxml.html.HtmlElement. lxml ships no type stubs and only trafilatura's imports are
# exempted from mypy's missing-stub check, so the trees are typed loosely here.
HtmlElement: TypeAlias = Any

__all__ = ["ExtractedPage", "extract_html"]


@dataclass
class ExtractedPage:
    text: str  # main text; paragraphs separated by "\n\n"; no leading/trailing whitespace
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or datetime as found (YYYY-MM-DD at least)
    sitename: str | None = None
    url: str | None = None
    language: str | None = None  # from <html lang> / metadata, e.g. "en"; None if unknown
    description: str | None = None


# Chosen on the benchmark (eval/extraction.py, 181 pages). favor_precision + no comments
# scored best of the option sets tried (trafilatura alone: F1 0.964 vs 0.953 with its
# defaults; fast/favor_recall 0.962-0.963). Tables stay in: dropping them cost recall.
# deduplicate stays off: it lowered recall, and its process-wide cache would make one
# page's output depend on the pages seen before it.
_EXTRACTION_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_links": False,
    "include_formatting": False,
    "deduplicate": False,
}

# Elements that flow inside a line of text. Everything else is treated as a block: a
# link's "prose context" is the text of its nearest block ancestor.
_INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "del", "dfn", "em",
        "font", "i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    }
)  # fmt: skip
# A "word" for the prose test: two or more letters, so punctuation, separators ("|", "•")
# and bare numbers around menu links do not make a menu look like prose.
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
# A block counts as prose when at least this share of its letters lies outside links.
# "<a>Tokayev</a> greeted <a>Xi</a>." is 44% non-link, "<a>Kassym-Jomart Tokayev</a>
# spoke." 21%; a teaser such as "Related: <a>a long headline ...</a>" stays well below.
_MIN_PROSE_SHARE = 0.2

# What separates a headline from a site name in <title>: "Headline | Site", "Headline - Site".
_TITLE_SEPARATORS = frozenset("-|:/\u00b7\u2022\u2013\u2014")  # also middle dot, bullet, dashes

# Must start a class/id word ("cookie-banner", "js-cookie-notice"), so that utility
# classes which merely contain a vendor name ("fltonetrustpoplive" on <body>) do not match.
_CONSENT_RE = re.compile(
    r"(?<![a-z0-9])(?:cookie[-_]?(?:banner|bar|consent|law|notice|popup|wall)|notice[-_]{0,2}cookie"
    r"|consent[-_]?(?:banner|manager|popup|sdk)|cookiebot|cookieyes|cmplz|onetrust|didomi"
    r"|usercentrics|borlabs)",
    re.IGNORECASE,
)

_NO_TEXT = "no article text found in the HTML"
_LANG_RE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")
_SPACES_RE = re.compile(r"[^\S\n]+")


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """Extract the main text and metadata of one HTML page.

    Raises MalformedInput when the page has no usable article text.
    """
    tree = _parse(html)
    # Metadata reads the untouched tree: author detection relies on links
    # (<a rel="author">), which the link protection below would unwrap.
    metadata = trafilatura.extract_metadata(deepcopy(tree), default_url=url)
    title = _clean(metadata.title)
    text = _drop_repeated_title(_extract_text(_prepare_for_text(tree), url), title)
    return ExtractedPage(
        text=text,
        title=title,
        authors=_split_authors(metadata.author),
        published=_clean(metadata.date),
        sitename=_clean(metadata.sitename),
        url=url or _clean(metadata.url),
        language=_find_language(tree),
        description=_clean(metadata.description),
    )


def _parse(html: str) -> HtmlElement:
    # load_html copes with broken markup (lxml's recovering parser) and returns None for
    # input that is not HTML at all.
    tree = trafilatura.load_html(html) if html.strip() else None
    if tree is None:
        raise MalformedInput(_NO_TEXT)
    return tree


def _extract_text(tree: HtmlElement, url: str | None) -> str:
    # bare_extraction copies the tree it is given, so `tree` is not modified here.
    document = trafilatura.bare_extraction(tree, url=url, **_EXTRACTION_OPTIONS)
    raw = getattr(document, "text", None) if document is not None else None
    text = _normalise_paragraphs(raw or "")
    if not text:
        raise MalformedInput(_NO_TEXT)
    return text


def _normalise_paragraphs(raw: str) -> str:
    """Turn trafilatura's one-line-per-block text into blank-line-separated paragraphs."""
    # trafilatura's plain text puts every block (paragraph, heading, list item, table row)
    # on its own line, so each non-empty line is one paragraph.
    lines = (_SPACES_RE.sub(" ", line).strip() for line in raw.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _drop_repeated_title(text: str, title: str | None) -> str:
    """Drop a first paragraph that only repeats the headline (kept in `title` already)."""
    # The article's <h1> usually leads the extracted text; the benchmark's article bodies
    # exclude it (+0.002 F1) and downstream the headline has its own field. Also matches a
    # title with a site suffix ("Headline | Site"). Never empties the text.
    first, _, rest = text.partition("\n\n")
    if not title or not rest:
        return text
    head, full = first.casefold(), " ".join(title.casefold().split())
    suffix = full[len(head) :].lstrip() if full.startswith(head) else None
    if suffix is not None and (not suffix or suffix[0] in _TITLE_SEPARATORS):
        return rest
    return text


def _prepare_for_text(tree: HtmlElement) -> HtmlElement:
    """A copy of `tree` made ready for text extraction; `tree` itself is left untouched."""
    prepared = deepcopy(tree)
    _remove_consent_banners(prepared)
    _unlink_prose_links(prepared)
    return prepared


def _remove_consent_banners(tree: HtmlElement) -> None:
    """Remove cookie/consent banners from `tree` (in place)."""
    # trafilatura drops these only when it finds an article around them; on a page with
    # little else its fallbacks return the banner as "the text". Only anchored compounds
    # and consent-platform names are matched: a bare "cookie" class can be real content
    # (a recipe, an article about cookies).
    banners = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and el.tag not in ("html", "body")
        and _CONSENT_RE.search(f"{el.get('class', '')} {el.get('id', '')}") is not None
    ]
    for banner in banners:
        if banner.getparent() is not None:
            banner.drop_tree()  # keeps the tail: text after the banner is not part of it


# --- link protection ---------------------------------------------------------------------


def _unlink_prose_links(tree: HtmlElement) -> None:
    """Unwrap, in place, the links of `tree` that sit inside running prose.

    The link's words stay exactly where they were; only the link goes, so
    trafilatura's link-density tests see a sentence instead of a link list.
    """
    for block in list(tree.iter()):
        if not isinstance(block.tag, str) or block.tag in _INLINE_TAGS:
            continue
        for anchor in _prose_anchors(block):
            _unlink(anchor)


def _unlink(anchor: HtmlElement) -> None:
    # Rename rather than drop_tag(): drop_tag() merges the following text into the tail of
    # the link's last child, and trafilatura deletes some inline children together with
    # their tail (e.g. an empty tooltip <span> inside a link), which would lose the rest of
    # the sentence. A bare <span> keeps the structure and is stripped, text kept. The
    # attributes go too: a class like "share-link" could now match a span-discarding rule.
    anchor.tag = "span"
    anchor.attrib.clear()


def _prose_anchors(block: HtmlElement) -> list[HtmlElement]:
    """The inline links of `block` if its own text reads as prose, else []."""
    anchors: list[HtmlElement] = []
    link_parts: list[str] = []
    plain_parts: list[str] = []
    for text, in_link, anchor in _walk_inline(block, in_link=False):
        (link_parts if in_link else plain_parts).append(text)
        if anchor is not None:
            anchors.append(anchor)
    if not anchors:
        return []
    plain_words = _WORD_RE.findall(" ".join(plain_parts))
    link_letters = sum(len(w) for w in _WORD_RE.findall(" ".join(link_parts)))
    plain_letters = sum(len(w) for w in plain_words)
    if not plain_words or plain_letters < _MIN_PROSE_SHARE * (plain_letters + link_letters):
        return []
    return anchors


def _walk_inline(
    element: HtmlElement, in_link: bool
) -> Iterator[tuple[str, bool, HtmlElement | None]]:
    """Yield (text, inside-a-link, newly-entered <a> or None) over the element's own line.

    Nested blocks are skipped (they get their own turn as a block), but their tails belong
    to this element's text.
    """
    if element.text:
        yield element.text, in_link, None
    for child in element:
        if isinstance(child.tag, str) and child.tag in _INLINE_TAGS:
            entering = child.tag == "a" and not in_link and _is_inline_link(child)
            if entering:
                yield "", True, child
            yield from _walk_inline(child, in_link or child.tag == "a")
        if child.tail:
            yield child.tail, in_link, None


def _is_inline_link(anchor: HtmlElement) -> bool:
    # Only links that carry words need protecting; an empty anchor (<a name="fn1"></a>) is
    # left alone, as trafilatura may drop an empty inline element together with its tail.
    # A link wrapping blocks (a teaser card with a heading and a summary) is not a word in
    # a sentence; unwrapping it would turn a card list into text.
    return _WORD_RE.search(anchor.text_content()) is not None and all(
        not isinstance(el.tag, str) or el.tag in _INLINE_TAGS for el in anchor.iterdescendants()
    )


# --- metadata helpers --------------------------------------------------------------------


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _split_authors(author: str | None) -> list[str]:
    # trafilatura joins several authors as "A; B".
    names = (_clean(part) for part in (author or "").split(";"))
    return list(dict.fromkeys(name for name in names if name))


def _find_language(tree: HtmlElement) -> str | None:
    """Primary language subtag ("en" for "en-GB") declared by the page, else None."""
    for candidate in _language_declarations(tree):
        match = _LANG_RE.match(candidate.strip())
        if match:
            return match.group(1).lower()
    return None


def _language_declarations(tree: HtmlElement) -> Iterator[str]:
    # Most explicit first: the document's own lang attribute, then meta tags, then JSON-LD.
    root = tree.getroottree().getroot()
    for attr in ("lang", "{http://www.w3.org/XML/1998/namespace}lang", "xml:lang"):
        if root.get(attr):
            yield str(root.get(attr))
    for xpath in (
        '//meta[translate(@http-equiv, "CONTENT-LANGUAGE", "content-language")'
        '="content-language"]/@content',
        '//meta[translate(@name, "LANGUAGE", "language")="language"]/@content',
        '//meta[translate(@name, "DCLANGUAGE", "dclanguage")="dc.language"]/@content',
        '//meta[@property="og:locale"]/@content',
    ):
        yield from (str(value) for value in tree.xpath(xpath))
    yield from _json_ld_languages(tree)


def _json_ld_languages(tree: HtmlElement) -> Iterator[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except ValueError:
            continue  # broken JSON-LD is common; the other sources may still answer
        yield from _find_key(data, "inLanguage")


def _find_key(data: object, key: str) -> Iterator[str]:
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key and isinstance(value, str):
                yield value
            else:
                yield from _find_key(value, key)
    elif isinstance(data, list):
        for item in data:
            yield from _find_key(item, key)
