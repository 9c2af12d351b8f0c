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
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from builders import decoded_article
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

DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
MORE_OUTLETS = ("Harbour Times", "Monsoon Daily", "Pacific Ledger", "Continental Review",
                "Savanna Courier", "Assembly Post")  # fmt: skip
# The sample story told by three outlets (samples/README.md).
SAMPLE_STORY_OUTLETS = {"Meridian Times", "Northern Ledger", "Lakeshore Dispatch"}


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


def _story_of_many_outlets(db: Path) -> None:
    """The builders' meeting (told by "Wire" and "Steppe Post") told by six more outlets:
    a story page must show every outlet however many there are."""
    from newsgraph.store.sqlite import Store

    with Store(db) as store, store.transaction():
        for number, outlet in enumerate(MORE_OUTLETS):
            article = replace(decoded_article(f"outlet-{number}", "2024-07-05"), source=outlet)
            store.save(replace(article, title=f"{outlet}: leaders meet in Astana"))


@pytest.fixture(scope="module")
def e2e_db(tmp_path_factory: pytest.TempPathFactory, samples: Path) -> Path:
    db = tmp_path_factory.mktemp("e2e") / "e2e.db"
    build_web_store(db)
    _story_of_many_outlets(db)
    _decoded_samples(db, samples)  # groups every story again
    return db


@pytest.fixture(scope="module")
def server(e2e_db: Path) -> Iterator[str]:
    db = e2e_db
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


# Math.random from a fixed seed (mulberry32) in every page: the network's layout starts
# from random positions, and a test of its shape (or a screenshot) must be the same each run.
SEEDED_RANDOM = """(() => { let a = 20241205; Math.random = () => {
    a = (a + 0x6D2B79F5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}; })()"""


class Browser:
    """One page of headless Chromium that records script errors and dialogs; its
    screenshots are named with `suffix` ("-phone" for the phone's page)."""

    def __init__(self, page: Any, base: str, shots: Path | None, suffix: str = "") -> None:
        self.page, self.base, self.shots, self.suffix = page, base, shots, suffix
        page.add_init_script(SEEDED_RANDOM)
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str) -> None:
        if self.shots is not None:
            self.page.screenshot(path=str(self.shots / f"{name}{self.suffix}.png"))

    def pwned(self) -> bool:
        return bool(self.page.evaluate("() => window.__pwned !== undefined"))


@pytest.fixture(scope="module")
def chromium(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _shots_dir() -> Path | None:
    shots_dir = os.environ.get("NEWSGRAPH_SCREENSHOTS")
    shots = Path(shots_dir) if shots_dir else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    return shots


@pytest.fixture(scope="module")
def browser(chromium: Any, server: str) -> Browser:
    """A desktop window, 1400 x 1000."""
    return Browser(chromium.new_page(viewport=DESKTOP), server, _shots_dir())


@pytest.fixture(scope="module")
def phone(chromium: Any, server: str) -> Browser:
    """A phone's screen, 390 x 844, touch."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    return Browser(page, server, _shots_dir(), "-phone")


@pytest.fixture(params=["desktop", "phone"])
def screen(request: pytest.FixtureRequest) -> Browser:
    """Each of the two screens in turn."""
    chosen: Browser = request.getfixturevalue("browser" if request.param == "desktop" else "phone")
    chosen.errors.clear()
    return chosen


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
    browser.shot("network-around-actor")
    browser.goto("/map")
    page.wait_for_selector("#map[data-ready=true]", timeout=15000)
    page.click("#map circle.place >> nth=-1")  # the smallest, drawn on top
    assert page.locator("#map-panel a").get_attribute("href").startswith("/events?place=")  # type: ignore[union-attr]
    assert browser.errors == []


def test_e2e_relations_and_events_pages_render(browser: Browser) -> None:
    page = browser.page
    browser.goto("/relations?a=China&b=Taiwan")
    page.wait_for_selector("canvas#dyad")
    browser.shot("relations")
    browser.goto("/events?type=CONSULT")
    assert page.locator("li.event").count() > 0
    assert browser.errors == []


def _api(browser: Browser, path: str) -> Any:
    with urllib.request.urlopen(browser.base + path) as response:
        return json.load(response)


def _overlapping(boxes: list[dict[str, float]]) -> list[tuple[int, int]]:
    """Pairs of boxes ({x1, x2, y1, y2}) that overlap by more than a pixel."""
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[:i])
        if min(a["x2"], b["x2"]) - max(a["x1"], b["x1"]) > 1
        and min(a["y2"], b["y2"]) - max(a["y1"], b["y1"]) > 1
    ]


_LABEL_BOXES = """() => window.__network.nodes('.labelled:visible').map(n => {
    const b = n.renderedBoundingBox({includeNodes: false, includeEdges: false,
                                     includeLabels: true});
    return {x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2, name: n.data('label'), rank: n.data('rank')};
})"""


# Of the actors whose centre is in view, the share that is named.
_NAMED_SHARE = """() => { const g = window.__network, w = g.width(), h = g.height();
    const seen = g.nodes(':visible').filter(n => { const p = n.renderedPosition();
        return p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= h; });
    return seen.filter('.labelled').length / Math.max(1, seen.length); }"""


# The drawing's share of the box's width and of its height.
_FILLED = """() => { const g = window.__network, b = g.elements(':visible').renderedBoundingBox();
    return [b.w / g.width(), b.h / g.height()]; }"""


def test_e2e_network_links_actors_only_and_spreads_its_labels(screen: Browser) -> None:
    page = screen.page
    data = _api(screen, "/api/network")
    linked = {e["source"] for e in data["edges"]} | {e["target"] for e in data["edges"]}
    assert all(e["source"] != e["target"] for e in data["edges"])
    screen.goto("/network")
    page.wait_for_selector("#network[data-ready=true]", timeout=15000)
    page.wait_for_function("() => window.__network.nodes('.labelled').length > 0")
    shown = page.evaluate("() => window.__network.nodes(':visible').map(n => n.id())")
    assert set(shown) == linked  # actors without a relation are hidden at first
    labels = page.evaluate(_LABEL_BOXES)
    named_share = page.evaluate(_NAMED_SHARE)
    assert 0 < len(labels) < len(shown)  # only the largest are named ...
    assert 0 in {label["rank"] for label in labels}  # ... the very largest among them
    assert _overlapping(labels) == []  # ... and no name covers another
    # Unconnected parts are packed to the box's shape: the drawing fills most of the box
    # both ways (fCoSE alone left a wide band across a phone's tall box: 0.5 of its height).
    filled = page.evaluate(_FILLED)
    assert min(filled) >= 0.6, filled
    screen.shot("network")
    # Zoomed in around the largest actor: more of the actors in view are named, still
    # none over another.
    page.evaluate("""() => { const g = window.__network;
        const top = g.nodes(':visible').min(n => n.data('rank')).ele;
        g.zoom({level: g.zoom() * 2.5, renderedPosition: top.renderedPosition()}); }""")
    page.wait_for_timeout(200)  # labels are placed on the next animation frame
    assert page.evaluate(_NAMED_SHARE) > named_share
    assert _overlapping(page.evaluate(_LABEL_BOXES)) == []
    isolated = len(data["nodes"]) - len(linked)
    assert page.text_content("#network-isolated-count") == str(isolated)
    if isolated:
        page.check("#network-isolated")
        everyone = len(data["nodes"])
        page.wait_for_function(f"() => window.__network.nodes(':visible').length === {everyone}")
    assert screen.errors == []


# The places' share of the map's width, from the westernmost dot to the easternmost.
_SPREAD = """() => { const xs = [...document.querySelectorAll('#map circle.place')]
    .map(c => +c.getAttribute('cx'));
    const width = document.getElementById('map').viewBox.baseVal.width;
    return (Math.max(...xs) - Math.min(...xs)) / width; }"""


def test_e2e_map_names_the_busiest_places_and_sizes_dots_by_events(screen: Browser) -> None:
    page = screen.page
    places = _api(screen, "/api/map")["places"]
    screen.goto("/map")
    page.wait_for_selector("#map[data-ready=true]", timeout=15000)
    names = page.evaluate("""() => [...document.querySelectorAll('#map text.place-name')].map(t => {
        const b = t.getBBox();
        return {name: t.textContent, x1: b.x, x2: b.x + b.width, y1: b.y, y2: b.y + b.height};
    })""")
    assert places[0]["name"] in {n["name"] for n in names}  # the busiest place is named
    assert len(names) >= min(5, len(places)) and _overlapping(names) == []
    radii = page.evaluate("""() => [...document.querySelectorAll('#map circle.place')].map(c =>
        [c.querySelector('title').textContent, +c.getAttribute('r')])""")
    by_events = sorted(radii, key=lambda item: -int(item[0].rsplit(": ", 1)[1].split()[0]))
    assert by_events[0][1] == max(r for _, r in radii) > min(r for _, r in radii)
    assert page.locator("ol.busiest li").count() == min(10, len(places))
    # The map frames the places, not the whole world: they spread across most of its width.
    spread = page.evaluate(_SPREAD)
    assert spread >= 0.7, spread
    screen.shot("map")
    page.click("ol.busiest li button >> nth=0")
    assert places[0]["name"] in (page.text_content("#map-chosen h2") or "")
    assert screen.errors == []


def _story_with_outlets(browser: Browser, outlets: set[str]) -> dict[str, Any]:
    for summary in _api(browser, "/api/stories?limit=200")["items"]:
        found = _api(browser, f"/api/stories/{summary['id']}")
        if {a["source"] for a in found["articles"]} >= outlets:
            return found  # type: ignore[no-any-return]
    raise AssertionError(f"no story told by {outlets}")


def test_e2e_story_page_shows_every_outlet_whole(screen: Browser) -> None:
    page = screen.page
    widest = _story_with_outlets(screen, set(MORE_OUTLETS))
    outlets = {a["source"] for a in widest["articles"]}
    screen.goto(f"/stories/{widest['id']}")
    columns = page.locator(".outlets .outlet")
    assert columns.count() == len(outlets) >= 8
    width = page.evaluate("() => document.documentElement.clientWidth")
    for box in (columns.nth(i).bounding_box() for i in range(columns.count())):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    # No sideways scroll.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    screen.shot("story-many-outlets")
    sample = _story_with_outlets(screen, SAMPLE_STORY_OUTLETS)
    screen.goto("/stories")
    page.click(f"table.table a[href='/stories/{sample['id']}']")
    page.wait_for_selector(".outlets .outlet")
    headings = page.locator(".outlet h2").all_text_contents()
    assert {h.strip() for h in headings} == SAMPLE_STORY_OUTLETS
    screen.shot("story")
    assert screen.errors == []


def test_e2e_dashboard_counts_the_stories_the_cli_lists(browser: Browser, e2e_db: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main

    command = ["stories", "--db", str(e2e_db), "--format", "json", "--limit", "1000"]
    result = CliRunner().invoke(main, command)
    listed = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 0 and len(listed) >= 2
    browser.goto("/")
    shown = browser.page.text_content("a.count[href='/stories'] strong") or ""
    assert int(shown.replace(",", "")) == len(listed)
    label = browser.page.text_content("a.count[href='/stories']") or ""
    assert label.strip().endswith("stories")
    browser.goto("/stories")
    assert browser.page.locator("table.table tbody a").count() == len(listed)


def test_e2e_conflict_is_drawn_below_zero_and_labelled_negative(browser: Browser) -> None:
    page = browser.page
    periods = _api(browser, "/api/timeline?actor=Russia")["periods"]
    assert any(p["conflict"] for p in periods)
    browser.goto("/actors/Russia")
    page.wait_for_selector("canvas#timeline[data-ready=true]")
    ticks = page.evaluate(
        "() => Chart.getChart('timeline').scales.y.ticks.map(t => [t.value, t.label])"
    )
    negative = [label for value, label in ticks if value < 0]
    assert negative and all(label.startswith("\u2212") for label in negative)
    assert all(not label.startswith("\u2212") for value, label in ticks if value >= 0)
    browser.shot("actor")
    assert browser.errors == []


def test_e2e_untitled_article_is_titled_from_its_first_sentence(screen: Browser) -> None:
    page = screen.page
    screen.goto('/search?q="became+the+31st+member"')  # a plain-text sample: no title
    derived = page.locator("ol.hits a .derived")
    assert derived.count() == 1
    assert (derived.text_content() or "").startswith("Finland formally became the 31st member")
    page.click("ol.hits a:has(.derived)")
    page.wait_for_selector("#article-text")
    heading = page.text_content("h1 .derived") or ""
    assert heading.startswith("Finland formally became") and heading.endswith("…")
    assert "Finland formally became" in page.title()
    screen.shot("article-untitled")
    assert screen.errors == []


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
