"""URLs as inputs: a page is an article under its canonical URL; a feed gives one article
per entry, a summary-only entry being replaced by its page; a page known by its URL is not
fetched again; failures name the URL. The server is the tests' own on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from web_server import LOCAL, OTHER_STORY, STORY, allow_robots, page, paths, rss

from newsgraph.extract.article import build_article
from newsgraph.ingest.reader import InputOptions, read_inputs
from newsgraph.ingest.urls import canonical_url, is_url, normalize_url, url_key
from newsgraph.model import Failure, RawDocument, Unread

OPTIONS = InputOptions(fetch=LOCAL)


def documents(items: list[RawDocument | Failure | Unread]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def test_urls_are_told_from_paths() -> None:
    assert is_url("https://outlet.example/feed.xml") and is_url("HTTP://a.example")
    assert not is_url("samples/story.html") and not is_url("-") and not is_url("ftp://a.example/x")


def test_normalized_urls_drop_what_does_not_name_the_page() -> None:
    assert (
        normalize_url("HTTPS://Outlet.Example:443/story?utm_source=rss&b=2&a=1&fbclid=x#top")
        == "https://outlet.example/story?a=1&b=2"
    )
    assert url_key("https://outlet.example/story?utm_medium=email") == url_key(
        "https://OUTLET.example/story"
    )
    assert url_key("https://outlet.example/story?id=1") != url_key(
        "https://outlet.example/story?id=2"
    )


def test_canonical_url_is_the_page_s_own_and_never_the_front_page() -> None:
    base = "https://outlet.example/2024/06/story.html?utm_source=x"
    declared = '<html><head><link href="/2024/06/story.html" rel="canonical"></head>'
    assert canonical_url(declared, base) == "https://outlet.example/2024/06/story.html"
    og = "<html><head><meta property='og:url' content='https://outlet.example/s/1'></head>"
    assert canonical_url(og, base) == "https://outlet.example/s/1"
    front = '<html><head><link rel="canonical" href="https://outlet.example/"></head>'
    assert canonical_url(front, base) is None
    assert canonical_url("<html><head></head><body>x</body></html>", base) is None


def test_a_page_url_is_one_article_under_its_canonical_url(server: HTTPServer) -> None:
    allow_robots(server)
    server.expect_request("/story").respond_with_data(
        page("Tokayev meets Xi", STORY, canonical="/2024/06/tokayev-xi"), content_type="text/html"
    )
    [document] = documents(list(read_inputs([server.url_for("/story")], OPTIONS)))
    assert document.url == server.url_for("/2024/06/tokayev-xi")
    assert document.metadata["fetch"]["url"] == server.url_for("/story")
    article = build_article(document)
    assert article.title == "Tokayev meets Xi" and "railway line" in article.text


def test_the_charset_of_the_header_decodes_the_page(server: HTTPServer) -> None:
    allow_robots(server)
    text = page("Café", ["Le président s’est rendu à Genève — “enfin”, dit-il.", *STORY])
    server.expect_request("/latin").respond_with_data(
        text.encode("cp1252"), content_type="text/html; charset=ISO-8859-1"
    )
    server.expect_request("/cyrillic").respond_with_data(
        page("Новости", ["Президент встретился с делегацией в Астане во вторник.", *STORY]).encode(
            "cp1251"
        ),
        content_type="text/html; charset=windows-1251",
    )
    latin, cyrillic = documents(
        list(read_inputs([server.url_for("/latin"), server.url_for("/cyrillic")], OPTIONS))
    )
    assert "président" in str(latin.html) and "“enfin”" in str(latin.html)
    assert "Президент встретился" in str(cyrillic.html)


def test_a_feed_entry_with_only_a_summary_becomes_its_page(server: HTTPServer) -> None:
    allow_robots(server)
    server.expect_request("/story").respond_with_data(page("Tokayev meets Xi", STORY))
    server.expect_request("/feed.xml").respond_with_data(
        rss(
            [
                {
                    "title": "Tokayev and Xi sign railway deal",
                    "link": server.url_for("/story?utm_source=rss"),
                    "summary": "A teaser.",
                    "date": "Tue, 04 Jun 2024 10:00:00 GMT",
                },
                {
                    "title": "EU food labels",
                    "link": server.url_for("/full"),
                    "content": "".join(f"<p>{p}</p>" for p in OTHER_STORY),
                },
            ],
            title="Outlet news",
        ),
        content_type="application/rss+xml",
    )
    fetched, full = documents(list(read_inputs([server.url_for("/feed.xml")], OPTIONS)))
    assert paths(server) == ["/robots.txt", "/feed.xml", "/story"]  # not /full: it is whole
    article = build_article(fetched)
    assert "railway line across the border" in article.text and "teaser" not in article.text
    assert article.published == "2024-06-04T10:00:00+00:00"  # the entry's date
    assert article.title == "Tokayev meets Xi"  # the page's title first
    assert article.url == server.url_for("/story?utm_source=rss")
    assert fetched.raw_hash == url_key(server.url_for("/story"))
    assert full.url == server.url_for("/full") and "labelling" in str(full.html)


def test_a_page_known_by_its_url_is_not_fetched_again(server: HTTPServer) -> None:
    allow_robots(server)
    link = server.url_for("/story")
    server.expect_request("/feed.xml").respond_with_data(
        rss([{"title": "T", "link": link + "?utm_campaign=x", "summary": "A teaser."}])
    )
    stored = {url_key(link): "a1"}
    [unread] = list(read_inputs([server.url_for("/feed.xml")], OPTIONS, known=stored.get))
    assert isinstance(unread, Unread) and unread.article_id == "a1"
    assert paths(server) == ["/robots.txt", "/feed.xml"]


def test_an_entry_whose_page_is_gone_keeps_its_summary(server: HTTPServer) -> None:
    allow_robots(server, "User-agent: *\nDisallow: /private/\n")
    server.expect_request("/feed.xml").respond_with_data(
        rss(
            [
                {"title": "Gone", "link": server.url_for("/gone"), "summary": "Summary one."},
                {"title": "Hidden", "link": server.url_for("/private/x"), "summary": "Two."},
            ]
        )
    )
    server.expect_request("/gone").respond_with_data("", 404)
    gone, hidden = list(read_inputs([server.url_for("/feed.xml")], OPTIONS))
    assert isinstance(gone, RawDocument) and gone.html == "Summary one."
    assert "404" in gone.metadata["page_not_fetched"]
    assert isinstance(hidden, RawDocument) and "robots" in hidden.metadata["page_not_fetched"]


def test_url_failures_name_the_url_and_the_batch_goes_on(
    server: HTTPServer, tmp_path: Path
) -> None:
    allow_robots(server)
    server.expect_request("/image").respond_with_data(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    server.expect_request("/fine").respond_with_data(page("Fine", OTHER_STORY))
    local = tmp_path / "a.txt"
    local.write_text(" ".join(STORY))
    items = list(
        read_inputs(
            [
                server.url_for("/image"),
                "https://127.0.0.1.invalid/x",
                str(local),
                server.url_for("/fine"),
            ],
            InputOptions(fetch=LOCAL),
        )
    )
    image, unresolvable, text, fine = items
    assert isinstance(image, Failure) and image.code == "binary"
    assert str(image.origin) == server.url_for("/image")
    assert isinstance(unresolvable, Failure) and unresolvable.code == "fetch"
    assert isinstance(text, RawDocument) and isinstance(fine, RawDocument)


def test_urls_are_refused_by_default_in_decode(server: HTTPServer) -> None:
    server.expect_request("/story").respond_with_data(page("T", STORY))
    [refused] = list(read_inputs([server.url_for("/story")]))
    assert isinstance(refused, Failure) and refused.code == "blocked_address"
    assert "rule: no loopback addresses" in refused.message
    assert paths(server) == []
