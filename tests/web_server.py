"""A web server on 127.0.0.1 for the tests of fetching, and pages and feeds to serve.

Nothing in the tests reaches outside the machine: every URL fetched is this server's (or
an address refused before any connection is made)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime

from pytest_httpserver import HTTPServer

from newsgraph.ingest.fetch import Fetcher
from newsgraph.ingest.fetch_rules import FetchConfig

# Allowed explicitly: the tests' server is on loopback, which the default policy refuses.
LOCAL = FetchConfig(host_delay=0.0, allowed_networks=("127.0.0.1/32",))


@contextmanager
def running_server() -> Iterator[HTTPServer]:
    """The `server` fixture's server (conftest.py): started on 127.0.0.1, stopped after."""
    httpd = HTTPServer(host="127.0.0.1", port=0)
    httpd.start()
    try:
        yield httpd
    finally:
        httpd.clear()
        if httpd.is_running():
            httpd.stop()


def fetcher(**settings: object) -> Fetcher:
    values = {**LOCAL.__dict__, **settings}
    return Fetcher(FetchConfig(**values))  # type: ignore[arg-type]


def paths(httpd: HTTPServer) -> list[str]:
    """The paths requested so far, in order."""
    return [request.path for request, _ in httpd.log]


def allow_robots(httpd: HTTPServer, text: str = "User-agent: *\nAllow: /\n") -> None:
    httpd.expect_request("/robots.txt").respond_with_data(text, content_type="text/plain")


def page(title: str, paragraphs: list[str], canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>{link}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


STORY = [
    "Kazakh President Kassym-Jomart Tokayev met Chinese President Xi Jinping in Astana on "
    "Tuesday, and the two leaders signed an agreement on a new railway line across the border.",
    "The agreement, officials said, will double the freight carried between the two countries "
    "by the end of the decade and open a second crossing near Khorgos.",
    "Tokayev told reporters that the line would bring investment to the region, while Xi said "
    "China was ready to deepen cooperation with its neighbour in trade and energy.",
]

OTHER_STORY = [
    "The European Commission proposed on Wednesday new rules for the labelling of imported "
    "food, after months of talks with member states and farmers' groups across the union.",
    "Under the proposal, importers would have to state the country where produce was grown "
    "on every package, and fines for false labels would rise sharply from next year.",
]


def rss(entries: list[dict[str, str]], title: str = "Outlet news") -> str:
    items = []
    for entry in entries:
        parts = [f"<title>{entry['title']}</title>", f"<link>{entry['link']}</link>"]
        if "date" in entry:
            parts.append(f"<pubDate>{entry['date']}</pubDate>")
        if "summary" in entry:
            parts.append(f"<description>{entry['summary']}</description>")
        if "content" in entry:
            parts.append(f"<content:encoded><![CDATA[{entry['content']}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title>{''.join(items)}</channel></rss>"
    )


def http_date(when: datetime | None = None) -> str:
    return format_datetime(when or datetime.now(UTC), usegmt=True)
