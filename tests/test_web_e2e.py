"""End to end: `newsgraph serve` on a real store (samples/ decoded by the pipeline, plus a
hostile article), driven in headless Chromium: from search to an article, to an actor, to
the network and the map; nothing an article carries may run in the page.

Needs the Debian packages chromium (and the playwright Python package, pointed at
/usr/bin/chromium: no browser download). Set NEWSGRAPH_SCREENSHOTS=docs/screenshots to keep
a screenshot of every page visited.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from test_web_api import HOSTILE_ID, build_web_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _decoded_samples(db: Path, samples: Path) -> None:
    from newsgraph import decode
    from newsgraph.config import Config
    from newsgraph.store.sqlite import Store
    from newsgraph.stories import rebuild_stories

    components = ("sentences", "actors", "quotes", "events", "damage")
    config = dataclasses.replace(Config(), components=components)
    list(decode([samples], db=db, config=config))
    with Store(db) as store, store.transaction():
        rebuild_stories(store)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, samples: Path) -> Iterator[str]:
    db = tmp_path_factory.mktemp("e2e") / "e2e.db"
    build_web_store(db)
    _decoded_samples(db, samples)
    port = _free_port()
    command = [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with subprocess.Popen(command, stderr=subprocess.PIPE) as process:
        try:
            _wait_until_up(base, process)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(base + "/api/summary", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not start within 30 s")


class Browser:
    """One page of headless Chromium that records script errors and dialogs."""

    def __init__(self, page: Any, base: str, shots: Path | None) -> None:
        self.page, self.base, self.shots = page, base, shots
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        if self.shots is not None:
            self.page.screenshot(path=str(self.shots / f"{name}.png"))

    def pwned(self) -> bool:
        return bool(self.page.evaluate("() => window.__pwned !== undefined"))


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Browser]:
    shots_dir = os.environ.get("NEWSGRAPH_SCREENSHOTS")
    shots = Path(shots_dir) if shots_dir else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport={"width": 1280, "height": 860})
        yield Browser(page, server, shots)
        chromium.close()


def test_e2e_search_to_article_to_actor_to_network_and_map(browser: Browser) -> None:
    page = browser.page
    browser.goto("/")
    browser.shot("dashboard")
    page.fill("header input[name=q]", "Tokayev")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Tokayev")
    browser.shot("search")
    page.click("ol.hits li a >> nth=0")
    page.wait_for_selector("#article-text")
    # Clicking a marked actor in the text selects it in the panel.
    page.click("#article-text .mark.entity >> nth=0")
    assert page.locator(".panel .item.selected").count() >= 1
    browser.shot("article")
    page.click(".panel .item[data-kind=entity] a.actor >> nth=0")
    page.wait_for_selector(".profile-head h1")
    page.wait_for_selector("canvas#timeline[data-ready=true]")
    browser.shot("actor")
    page.click(".profile-head a:text('network')")
    page.wait_for_selector("#network[data-ready=true]", timeout=15000)
    assert page.evaluate("() => window.__network.nodes().length") > 1
    browser.shot("network")
    browser.goto("/map")
    page.wait_for_selector("#map[data-ready=true]", timeout=15000)
    page.click("#map circle.place >> nth=-1")  # the smallest, drawn on top
    assert page.locator("#map-panel a").get_attribute("href").startswith("/events?place=")  # type: ignore[union-attr]
    browser.shot("map")
    assert browser.errors == []


def test_e2e_relations_story_and_events_pages_render(browser: Browser) -> None:
    page = browser.page
    browser.goto("/relations?a=China&b=Taiwan")
    page.wait_for_selector("canvas#dyad")
    browser.shot("relations")
    with urllib.request.urlopen(browser.base + "/api/stories?limit=200") as response:
        stories = json.load(response)["items"]
    widest = max(stories, key=lambda story: story["sources"])
    browser.goto("/stories")
    page.click(f"table.table a[href='/stories/{widest['id']}']")
    page.wait_for_selector(".outlets .outlet")
    assert page.locator(".outlets .outlet").count() == widest["sources"] > 1
    browser.shot("story")
    browser.goto("/events?type=CONSULT")
    assert page.locator("li.event").count() > 0
    assert browser.errors == []


@pytest.mark.parametrize(
    "path",
    [
        "/articles/" + quote(HOSTILE_ID, safe=""),
        "/search?q=Mallory",
        "/actors?q=Mallory",
        "/relations?a=Mallory&b=KAZ",
        "/network",
        "/map",
        "/events?type=ASSAULT",
    ],
)
def test_e2e_hostile_article_runs_nothing(browser: Browser, path: str) -> None:
    browser.goto(path)
    browser.page.wait_for_load_state("networkidle")
    # Click every mark and link-like thing the hostile article put on the page.
    for mark in browser.page.locator("#article-text .mark").all():
        mark.click()
    targets = browser.page.locator(":text('Mallory'), :text('Evil City'), circle.place").all()
    for target in [t for t in targets if t.is_visible()][:10]:
        target.hover(force=True, timeout=5000)
    assert not browser.pwned()
    assert browser.dialogs == []
    if path.startswith("/articles/"):
        browser.shot("hostile-article")
