"""Tests for newsgraph.extract.html: real trafilatura on small inline pages, no network."""

from __future__ import annotations

import json

import pytest

from newsgraph.errors import MalformedInput
from newsgraph.extract.html import ExtractedPage, extract_html

FILLER = (
    "<p>The delegations spent the afternoon on trade, energy and transport, and officials "
    "said several agreements were expected to be signed before the end of the visit.</p>"
)
SECOND = (
    "<p>Analysts in the region described the meeting as a sign of closer economic ties, "
    "although details of the financing remained unclear on Monday evening.</p>"
)
NAV = (
    '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
    '<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>'
)
FOOTER = (
    "<footer><p>Copyright 2024 Example Media Group. All rights reserved.</p>"
    '<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>'
)
COOKIE_BANNER = (
    '<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your '
    "experience on our website and to show you personalised advertising.</p>"
    "<button>Accept all cookies</button></div>"
)
MOST_READ = (
    '<aside class="sidebar most-read"><h3>Most read</h3><ol>'
    '<li><a href="/1">Celebrity chef opens floating restaurant</a></li>'
    '<li><a href="/2">Ten things to do in the city this weekend</a></li>'
    '<li><a href="/3">Local team wins after dramatic penalty shootout</a></li>'
    "</ol></aside>"
)


def page(body: str, head: str = "", lang: str = "en") -> str:
    """A news page: navigation, the article in <article>, a sidebar and a footer."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>Leaders meet in Astana</title>{head}</head><body>{NAV}"
        f"<main><article><h1>Leaders meet in Astana</h1>{body}</article>{MOST_READ}</main>"
        f"{FOOTER}</body></html>"
    )


def words_kept(text: str, *words: str) -> bool:
    return all(word in text for word in words)


# --- link words ------------------------------------------------------------------------------


def test_extract_html_keeps_link_words_inside_paragraph() -> None:
    body = (
        '<p>On Monday President <a href="/t">Tokayev</a> greeted <a href="/x">Xi Jinping</a> '
        "at the airport before talks on trade and energy.</p>" + FILLER + SECOND
    )
    text = extract_html(page(body)).text
    assert "President Tokayev greeted Xi Jinping at the airport" in text


def test_extract_html_keeps_link_words_at_paragraph_start() -> None:
    body = (
        FILLER + '<p><a href="/t">Kassym-Jomart Tokayev</a> greeted <a href="/x">Xi</a> '
        "at the airport on Monday morning, officials said.</p>" + SECOND
    )
    text = extract_html(page(body)).text
    assert "Kassym-Jomart Tokayev greeted Xi at the airport" in text


def test_extract_html_keeps_link_words_in_short_linked_sentence() -> None:
    # A short paragraph made mostly of linked names looks like a menu to a link-density
    # test: trafilatura alone drops it whole.
    body = FILLER + '<p><a href="/t">Tokayev</a> greeted <a href="/x">Xi</a>.</p>' + SECOND
    text = extract_html(page(body)).text
    assert "Tokayev greeted Xi." in text


def test_extract_html_keeps_link_words_in_nested_inline_elements() -> None:
    body = (
        '<p>Reports by <a href="/r"><span><em>Reuters</em></span></a> and '
        '<strong><a href="/ap"><span>Associated Press</span></a></strong> said '
        '<a href="/t"><span class="name"><b>Tokayev</b></span></a> greeted Xi warmly.</p>'
        + FILLER
        + SECOND
    )
    text = extract_html(page(body)).text
    assert "Reports by Reuters and Associated Press said Tokayev greeted Xi warmly." in text


def test_extract_html_keeps_link_words_in_list_items() -> None:
    body = (
        FILLER + "<ul>"
        '<li><a href="/t">Tokayev</a> greeted <a href="/x">Xi</a> in Astana.</li>'
        '<li><a href="/p">Putin</a> was absent from the meeting.</li>'
        "</ul>" + SECOND
    )
    text = extract_html(page(body)).text
    assert words_kept(text, "Tokayev greeted Xi in Astana.", "Putin was absent from the meeting.")


def test_extract_html_keeps_link_words_in_quotes() -> None:
    body = (
        FILLER + '<blockquote>"We welcome <a href="/x">Xi</a> and <a href="/p">Putin</a>," '
        'said <a href="/t">Tokayev</a>.</blockquote>' + SECOND
    )
    text = extract_html(page(body)).text
    assert '"We welcome Xi and Putin," said Tokayev.' in text


def test_extract_html_keeps_sentence_after_link_with_empty_child() -> None:
    # An empty widget element inside a link (tooltips, icons) must not take the rest of the
    # sentence with it when the link is unwrapped.
    body = (
        '<p>The firm, <a href="/c">The We Company, <span class="tooltip-indicator"></span></a> '
        '<a href="/ipo">announced on Monday</a> that it was withdrawing its filing for an '
        "initial public offering.</p>" + FILLER + SECOND
    )
    text = extract_html(page(body)).text
    assert "announced on Monday that it was withdrawing its filing" in text


# --- metadata --------------------------------------------------------------------------------


def test_extract_html_reads_metadata_from_meta_tags() -> None:
    head = (
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2024-03-15T09:30:00+00:00">'
        '<meta name="author" content="Jane Doe">'
        '<meta name="description" content="The two leaders discussed trade and energy.">'
    )
    result = extract_html(page(FILLER + SECOND, head=head), url="https://example.com/a/1")
    assert result.title == "Leaders meet in Astana"
    assert result.authors == ["Jane Doe"]
    assert result.published is not None and result.published.startswith("2024-03-15")
    assert result.sitename == "Example News"
    assert result.language == "en"
    assert result.description == "The two leaders discussed trade and energy."
    assert result.url == "https://example.com/a/1"


def test_extract_html_reads_date_and_authors_from_json_ld() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Leaders meet in Astana",
        "datePublished": "2023-11-02T08:00:00Z",
        "author": [
            {"@type": "Person", "name": "Jane Doe"},
            {"@type": "Person", "name": "John Roe"},
        ],
        "publisher": {"@type": "Organization", "name": "Example News"},
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    result = extract_html(page(FILLER + SECOND, head=head))
    assert result.published is not None and result.published.startswith("2023-11-02")
    assert result.authors == ["Jane Doe", "John Roe"]
    assert result.sitename == "Example News"


def test_extract_html_normalises_language_tag() -> None:
    result = extract_html(page(FILLER + SECOND, lang="de-AT"))
    assert result.language == "de"


def test_extract_html_language_none_when_undeclared() -> None:
    html = page(FILLER + SECOND).replace(' lang="en"', "")
    assert extract_html(html).language is None


# --- boilerplate and structure ---------------------------------------------------------------


def test_extract_html_excludes_boilerplate() -> None:
    html = page(FILLER + SECOND).replace("<main>", f"{COOKIE_BANNER}<main>")
    text = extract_html(html).text
    assert "delegations spent the afternoon" in text
    for boilerplate in ("Business", "Copyright", "cookies", "Most read", "Celebrity chef"):
        assert boilerplate not in text


def test_extract_html_separates_paragraphs_with_blank_line() -> None:
    body = FILLER + "<p>A   second\n paragraph,\tspread over   lines and long enough.</p>" + SECOND
    result = extract_html(page(body))
    paragraphs = result.text.split("\n\n")
    assert "A second paragraph, spread over lines and long enough." in paragraphs
    assert len(paragraphs) >= 3
    assert all(p == p.strip() and "\n" not in p and "  " not in p for p in paragraphs)
    assert result.text == result.text.strip()


def test_extract_html_drops_headline_repeated_as_first_paragraph() -> None:
    result = extract_html(page(FILLER + SECOND))
    assert result.title == "Leaders meet in Astana"
    assert result.text.startswith("The delegations spent the afternoon")


def test_extract_html_handles_unclosed_tags() -> None:
    html = (
        '<html lang="en"><head><title>Broken page</title><body><div class="content">'
        "<p>The delegations spent the afternoon on trade, energy and transport, and officials "
        "said several agreements were expected to be signed <b>before the end of the visit."
        "<p>Analysts described the meeting as a sign of closer economic ties, although "
        "details of the <i>financing remained unclear on Monday evening."
    )
    result = extract_html(html)
    assert isinstance(result, ExtractedPage)
    assert words_kept(result.text, "before the end of the visit", "financing remained unclear")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<html><head><title>Nothing</title></head><body></body></html>",
        f'<html lang="en"><body>{NAV}{COOKIE_BANNER}{FOOTER}</body></html>',
    ],
    ids=["empty", "whitespace", "empty-body", "boilerplate-only"],
)
def test_extract_html_raises_malformed_input_without_article(html: str) -> None:
    with pytest.raises(MalformedInput, match="no article text found in the HTML"):
        extract_html(html)


def test_extract_html_is_pure() -> None:
    html = page(FILLER + '<p><a href="/t">Tokayev</a> greeted <a href="/x">Xi</a>.</p>' + SECOND)
    assert extract_html(html, url="https://example.com/x") == extract_html(
        html, url="https://example.com/x"
    )
