"""Watching sources: conditional requests (an unchanged feed costs one 304 and no page),
pages never fetched twice, Retry-After and backoff, state kept only when nothing is
missing, Ctrl-C keeping what was stored; the `watch` and `sources` commands. The server
is the tests' own on 127.0.0.1; analysis uses a blank spaCy pipeline (fast)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from web_server import OTHER_STORY, STORY, allow_robots, page, paths, rss
from werkzeug import Request, Response

from newsgraph.config import Config
from newsgraph.errors import ConfigError
from newsgraph.store.sources import list_sources, utc_seconds
from newsgraph.store.sqlite import Store
from newsgraph.watch import Poller, backoff, parse_duration, read_sources_file
from newsgraph.watch.sources_file import Listed

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Config(model="blank:en", components=(), host_delay=0.0, allowed_networks=("127.0.0.1/32",))
EVERY = 900.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


def serve_feed(server: HTTPServer, pages: int = 2, etag: str | None = '"v1"') -> str:
    """A feed of `pages` summary-only entries (each page its own story) with an ETag."""
    allow_robots(server)
    entries = []
    for n in range(pages):
        paragraphs = [f"Report number {n} from the capital. {STORY[n % 3]}", *OTHER_STORY]
        server.expect_request(f"/story/{n}").respond_with_data(page(f"Story {n}", paragraphs))
        link = server.url_for(f"/story/{n}")
        date = "Tue, 04 Jun 2024 10:00:00 GMT"
        entries.append({"title": f"Story {n}", "link": link, "summary": "Teaser.", "date": date})
    if etag:
        server.expect_request("/feed.xml", headers={"If-None-Match": etag}).respond_with_data(
            "", 304
        )
    headers = {"ETag": etag} if etag else {}
    server.expect_request("/feed.xml").respond_with_data(
        rss(entries), content_type="application/rss+xml", headers=headers
    )
    return server.url_for("/feed.xml")


def poller(store: Store, clock: Clock) -> Poller:
    return Poller(store, CONFIG, EVERY, clock=clock, sleep=lambda s: None)


def test_an_unchanged_feed_costs_one_conditional_request_and_no_page(
    server: HTTPServer, tmp_path: Path
) -> None:
    feed = serve_feed(server)
    clock = Clock()
    with Store(tmp_path / "w.db") as store:
        first = poller(store, clock)
        urls = first.add([Listed(feed, "Outlet")])
        cycle = first.cycle(urls)
        assert [p.outcome for p in cycle.polls] == ["read"] and cycle.articles == 2
        assert paths(server) == ["/robots.txt", "/feed.xml", "/story/0", "/story/1"]
        first.close()
        server.clear_log()
        clock.now += EVERY
        second = poller(store, clock)  # a new run: robots.txt comes from the store
        cycle = second.cycle(urls)
        second.close()
        [source] = list_sources(store.conn)
        sources = {r[0] for r in store.conn.execute("SELECT DISTINCT source FROM articles")}
    assert paths(server) == ["/feed.xml"]
    assert server.log[0][0].headers["If-None-Match"] == '"v1"'
    assert [p.outcome for p in cycle.polls] == ["not modified"]
    assert (cycle.requests, cycle.articles) == (1, 0)
    assert (source.last_status, source.articles, source.etag) == ("304", 2, '"v1"')
    assert sources == {"Outlet"}


def test_a_changed_feed_fetches_only_the_new_pages(server: HTTPServer, tmp_path: Path) -> None:
    feed = serve_feed(server, pages=1, etag=None)
    clock = Clock()
    with Store(tmp_path / "w.db") as store:
        watcher = poller(store, clock)
        urls = watcher.add([Listed(feed)])
        watcher.cycle(urls)
        server.clear()
        serve_feed(server, pages=2, etag=None)
        server.clear_log()
        clock.now += EVERY
        cycle = watcher.cycle(urls)
        watcher.close()
    assert paths(server) == ["/feed.xml", "/story/1"]
    assert (cycle.polls[0].pages_fetched, cycle.polls[0].pages_known) == (1, 1)


def test_retry_after_puts_the_next_poll_off(server: HTTPServer, tmp_path: Path) -> None:
    allow_robots(server)
    server.expect_request("/feed.xml").respond_with_data("", 429, {"Retry-After": "7200"})
    clock = Clock()
    with Store(tmp_path / "w.db") as store:
        watcher = poller(store, clock)
        urls = watcher.add([Listed(server.url_for("/feed.xml"))])
        [poll] = watcher.cycle(urls).polls
        [source] = list_sources(store.conn)
        clock.now += EVERY
        later = watcher.cycle(urls)  # not due: the server asked for two hours
        watcher.close()
    assert poll.outcome == "failed" and "429" in str(poll.message)
    assert utc_seconds(str(source.next_due)) == pytest.approx(Clock().now + 7200, abs=1)
    assert (source.errors, source.last_status) == (1, "http_status")
    assert later.polls == []


def test_backoff_doubles_with_each_failure_up_to_a_day() -> None:
    assert [backoff(900, n) for n in (1, 2, 3)] == [900, 1800, 3600]
    assert backoff(900, 20) == 86400
    assert backoff(900, 1, retry_after=5000) == 5000


def test_a_page_that_may_come_later_keeps_the_source_s_old_state(
    server: HTTPServer, tmp_path: Path
) -> None:
    feed = serve_feed(server)
    server.clear()
    allow_robots(server)
    server.expect_request("/story/1").respond_with_data("", 503)
    serve_feed(server)
    clock = Clock()
    with Store(tmp_path / "w.db") as store:
        watcher = poller(store, clock)
        urls = watcher.add([Listed(feed)])
        [first] = watcher.cycle(urls).polls
        [state] = list_sources(store.conn)
        server.clear()
        serve_feed(server)
        server.clear_log()
        clock.now += EVERY
        [second] = watcher.cycle(urls).polls
        watcher.close()
        stored = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert first.outcome == "incomplete" and state.etag is None
    assert paths(server) == ["/feed.xml", "/story/1"]  # no 304: the feed is read again
    assert second.outcome == "read" and stored == 2


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("15m", 900), ("1h30m", 5400), ("2d", 172800), ("45", 45)]
)
def test_durations_are_read(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "15x", "0m", ""])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_duration(text)


def test_the_sources_file_lists_urls_with_optional_names(tmp_path: Path) -> None:
    good = tmp_path / "sources.txt"
    good.write_text("# feeds\nhttps://a.example/feed.xml\tOutlet A\n\nhttps://b.example/p\n")
    assert read_sources_file(good) == [
        Listed("https://a.example/feed.xml", "Outlet A"),
        Listed("https://b.example/p"),
    ]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://a.example/feed.xml\nfeeds/b.xml\n")
    with pytest.raises(ConfigError, match=r"bad.txt, line 2: 'feeds/b.xml' is not an http"):
        read_sources_file(bad)


def _command(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from newsgraph.cli import main; main()", *args],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_ctrl_c_stops_after_the_current_source_and_keeps_what_was_stored(
    server: HTTPServer, tmp_path: Path
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.3)
        n = int(request.path.rsplit("/", 1)[1])
        return Response(page(f"Story {n}", [f"Report {n}. {STORY[n % 3]}", *OTHER_STORY]),
                        content_type="text/html")  # fmt: skip

    allow_robots(server)
    feed = server.url_for("/feed.xml")
    server.expect_request("/feed.xml").respond_with_data(
        rss(
            [
                {"title": f"S{n}", "link": server.url_for(f"/story/{n}"), "summary": "T."}
                for n in range(6)
            ]
        )
    )
    for n in range(6):
        server.expect_request(f"/story/{n}").respond_with_handler(slow)
    (tmp_path / "sources.txt").write_text(feed + "\n")
    (tmp_path / "fast.toml").write_text(
        '[decode]\nmodel = "blank:en"\ncomponents = []\nhost_delay = 0\n'
        'allowed_networks = ["127.0.0.1/32"]\ncontact = "tests@localhost"\n'
    )
    args = ("watch", "sources.txt", "--every", "1h", "--db", "w.db", "--config", "fast.toml")
    running = _command(*args, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while sum(p.startswith("/story/") for p in paths(server)) < 2:
        assert time.monotonic() < deadline and running.poll() is None, running.communicate()
        time.sleep(0.05)
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=60)
    assert running.returncode == 0, err
    assert "stopping after the current source" in err
    fetched = [p for p in paths(server) if p.startswith("/story/")]
    assert 2 <= len(fetched) < 6
    with Store(tmp_path / "w.db") as store:
        stored = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert stored == len(fetched)  # every page fetched is stored
    server.clear_log()
    again = _command(*args, "--once", cwd=tmp_path)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    refetched = [p for p in paths(server) if p.startswith("/story/")]
    assert sorted(refetched + fetched) == [f"/story/{n}" for n in range(6)]  # none twice
    listed = _command("sources", "--db", "w.db", "--format", "json", cwd=tmp_path)
    out, _ = listed.communicate(timeout=60)
    [source] = [json.loads(line) for line in out.splitlines()]
    assert (source["url"], source["articles"], source["last_status"]) == (feed, 6, "200")
    assert os.path.exists(tmp_path / "w.db")


def test_a_host_s_retry_after_outlives_the_run(server: HTTPServer, tmp_path: Path) -> None:
    allow_robots(server)
    server.expect_request("/busy.xml").respond_with_data("", 503, {"Retry-After": "3600"})
    clock = Clock()
    with Store(tmp_path / "w.db") as store:
        first = poller(store, clock)
        busy = first.add([Listed(server.url_for("/busy.xml"))])
        [poll] = first.cycle(busy).polls
        first.close()
        server.clear_log()
        clock.now += 600
        second = poller(store, clock)  # a new run, as cron starts one, with a new source
        added = second.add([Listed(server.url_for("/new.xml"))])
        later = [p.outcome for p in second.cycle(busy + added).polls]
        second.close()
    assert poll.outcome == "failed"
    assert later == ["deferred"] and paths(server) == []  # /new.xml waits for the host too
