"""The web explorer's JSON API and pages, in-process (no server): filters, pagination,
the OpenAPI schema, 404s, and hostile article text that must never become markup."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from builders import decoded_article

from newsgraph.errors import ConfigError, StoreError
from newsgraph.model import Article, Cue, Entity, Event, EventActor, Location, Quote, Speaker
from newsgraph.store.search import search_articles
from newsgraph.store.sqlite import Store
from newsgraph.stories import update_stories
from newsgraph.web import create_app
from newsgraph.web.annotate import Mark, segments
from newsgraph.web.render import json_script, safe_url
from newsgraph.web.search_queries import latest_quotes_matching
from newsgraph.web.vendor import ENV_VAR

PWN = "window.__pwned=1"
HOSTILE_TITLE = f"<script>{PWN}</script> Breaking"
HOSTILE_NAME = f'Mallory<img src=x onerror="{PWN}">'
HOSTILE_TEXT = (
    f'{HOSTILE_NAME} attacked <a href="javascript:{PWN}">Evil City</a> on Monday. '
    f'"</script><script>{PWN}</script>" said {HOSTILE_NAME}. '
    f'<svg onload={PWN}> praised the " onmouseover="{PWN} crowd.'
)
HOSTILE_ID = "https://evil.example/?id=<x>&y=1#frag"


def _span(text: str, start: int = 0) -> tuple[int, int]:
    begin = HOSTILE_TEXT.index(text, start)
    return begin, begin + len(text)


def hostile_article() -> Article:
    """Untrusted text everywhere an article can carry it: title, outlet, URL, text, actor
    names, quote, speaker, event actors and place."""
    mallory = Entity(
        "e1", HOSTILE_NAME, "PERSON",
        [_span(HOSTILE_NAME), _span(HOSTILE_NAME, 10)], country="USA", code="USAGOV",
        roles=[f"<b onclick='{PWN}'>boss</b>"],
    )  # fmt: skip
    city = Entity("e2", "Evil City", "GPE", [_span("Evil City")], country="KAZ", code="KAZ")
    content = _span(f"</script><script>{PWN}</script>")
    speaker = Speaker(HOSTILE_NAME, "e1", _span(HOSTILE_NAME, 10), f"<i>{PWN}</i>", "USAGOV")
    said = _span("said")
    quote_ = Quote("q1", HOSTILE_TEXT[content[0] : content[1]], [content], "direct", speaker,
                   Cue("said", said), -0.5)  # fmt: skip
    attack = Event(
        "ev1", "ASSAULT", _span("attacked"), (0, HOSTILE_TEXT.index(".") + 1),
        source=[EventActor(HOSTILE_NAME, "e1", "USAGOV", _span(HOSTILE_NAME))],
        target=[EventActor("Evil City", "e2", "KAZ", _span("Evil City"))],
        cameo="190", quad_class=4, goldstein=-10.0, date="2024-07-01", date_source="text",
        location=Location(f"<script>{PWN}</script>Evil City", "KAZ", 43.2, 76.9, None),
    )  # fmt: skip
    return Article(
        id=HOSTILE_ID, text=HOSTILE_TEXT, url=f"javascript:{PWN}",
        source=f"<b onmouseover=\"{PWN}\">Evil Wire</b>", title=HOSTILE_TITLE,
        authors=[f"<script>{PWN}</script>"], published="2024-07-01", language="en",
        analyzed=True, entities=[mallory, city], quotes=[quote_], events=[attack],
        content_hash="hostile",
    )  # fmt: skip


def build_web_store(path: Path) -> Path:
    """A store with three ordinary articles (two outlets, one story) and a hostile one."""
    with Store(path) as store, store.transaction():
        articles = [
            decoded_article("a1", "2024-07-04"),
            replace(decoded_article("a2", "2024-07-05"), source="Steppe Post",
                    title="Leaders meet again"),
            replace(decoded_article("a3", "2023-01-10"), title="An older meeting"),
            hostile_article(),
        ]  # fmt: skip
        for article in articles:
            store.save(article)
        update_stories(store, [a.id for a in articles])
    return path


@contextmanager
def client_of(db: Path) -> Iterator[Any]:
    """An in-process client of the explorer over the store at `db`."""
    with warnings.catch_warnings():
        # starlette's test client announces a future switch of HTTP library on import.
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with client_of(build_web_store(tmp_path_factory.mktemp("web") / "web.db")) as test_client:
        yield test_client


def test_api_summary_counts_the_record_and_names_active_actors(client: Any) -> None:
    data = client.get("/api/summary").json()
    assert data["counts"]["articles"] == 4
    assert data["counts"]["events"] == 10
    names = [a["name"] for a in data["recent_actors"]]
    assert "Kassym-Jomart Tokayev" in names
    assert data["latest_articles"][0]["id"] == "a2"  # the latest published first


def test_api_articles_paginate_without_counting(client: Any) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert [a["id"] for a in first["items"]] == ["a2", "a1"]
    assert first["next_offset"] == 2
    rest = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert [a["id"] for a in rest["items"]] == [HOSTILE_ID, "a3"]
    assert rest["next_offset"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2024-07-04"}, {"a1", "a2"}),
        ({"until": "2023"}, {"a3"}),
        ({"source": "steppe post"}, {"a2"}),
        ({"actor": "Tokayev", "since": "2024"}, {"a1", "a2"}),
        ({"actor": "KAZ"}, {"a1", "a2", "a3", HOSTILE_ID}),  # a country: all its actors
    ],
)
def test_api_articles_filter_by_date_outlet_and_actor(
    client: Any, params: dict[str, str], expected: set[str]
) -> None:
    found = client.get("/api/articles", params=params).json()["items"]
    assert {a["id"] for a in found} == expected


def test_api_article_with_url_like_id_has_text_and_annotations(client: Any) -> None:
    response = client.get("/api/articles/" + quote(HOSTILE_ID, safe=""))
    assert response.status_code == 200
    article = response.json()
    assert article["text"] == HOSTILE_TEXT
    assert article["quotes"][0]["speaker"]["entity"] == "e1"
    start, end = article["events"][0]["trigger"]
    assert article["text"][start:end] == "attacked"


def test_api_unknown_records_are_404(client: Any) -> None:
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/actors/Nobody%20Atall").status_code == 404
    assert client.get("/api/stories/st_nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles?since=yesterday",
        "/api/articles?limit=0",
        "/api/articles?limit=100000",
        "/api/events?modality=maybe",
        "/api/timeline?by=week",
        "/api/relations?a=China",
    ],
)
def test_api_rejects_invalid_parameters_with_422(client: Any, url: str) -> None:
    assert client.get(url).status_code == 422


def test_api_actor_profile_has_roles_events_and_relations(client: Any) -> None:
    profile = client.get("/api/actors/Tokayev").json()
    assert profile["name"] == "Kassym-Jomart Tokayev"
    assert profile["events_as_source"] == {"CONSULT": 3}
    assert profile["relations"][0]["name"] == "Xi Jinping"
    assert profile["quotes"][0]["article"]["id"] in {"a1", "a2", "a3"}


def test_api_group_profile_without_dates_covers_the_latest_year(client: Any) -> None:
    profile = client.get("/api/actors/KAZ").json()
    assert profile["window"] == {"since": "2023-07", "until": None, "default": True}
    asked = client.get("/api/actors/KAZ", params={"since": "2020"}).json()
    assert asked["window"]["default"] is False
    assert client.get("/api/actors/Tokayev").json()["window"]["default"] is False


def test_api_quotes_events_timeline_and_relations(client: Any) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Tokayev", "q": "cooperation"})
    assert len(quotes.json()["items"]) == 3
    speech = client.get("/api/quotes", params={"speaker": "Tokayev", "attribution": "speech"})
    assert [q["attribution"] for q in speech.json()["items"]] == ["speech"] * 3
    for params in ({"attribution": "belief"}, {"q": "cooperation", "attribution": "belief"}):
        assert client.get("/api/quotes", params=params).json()["items"] == []
    assert client.get("/api/quotes", params={"attribution": "rumour"}).status_code == 422
    # Events are dated by the text ("on Wednesday" = 2024-07-03 in every copy).
    events = client.get("/api/events", params={"type": "CONSULT", "since": "2024-07"}).json()
    assert {e["article"]["id"] for e in events["items"]} == {"a1", "a2", "a3"}
    assert client.get("/api/events", params={"until": "2024-06"}).json()["items"] == []
    negated = client.get("/api/events", params={"modality": "negated"}).json()["items"]
    assert {e["type"] for e in negated} == {"SANCTION"}
    periods = client.get("/api/timeline", params={"actor": "Tokayev", "by": "year"}).json()
    assert [(p["period"], p["events"]) for p in periods["periods"]] == [("2024", 3)]
    dyad = client.get("/api/relations", params={"a": "Tokayev", "b": "Xi Jinping"}).json()
    assert sum(p["events"] for p in dyad["a_to_b"]) == 3 and dyad["b_to_a"] == []


def test_api_search_finds_articles_quotes_and_actors(client: Any) -> None:
    data = client.get("/api/search", params={"q": "Tokayev"}).json()
    assert {a["article_id"] for a in data["articles"]["items"]} == {"a1", "a2", "a3"}
    assert "«Tokayev»" in data["articles"]["items"][0]["snippet"]
    assert data["actors"][0]["name"] == "Kassym-Jomart Tokayev"
    assert client.get("/api/search", params={"q": '"unbalanced'}).status_code == 200


def test_search_ranks_a_bounded_number_of_the_latest_matches(tmp_path: Path) -> None:
    with Store(build_web_store(tmp_path / "s.db"), readonly=True) as store:
        everything = search_articles(store, "Tokayev")
        assert {h.article_id for h in everything} == {"a1", "a2", "a3"}
        # Only the latest stored match is ranked; a filter applies before the bound.
        assert [h.article_id for h in search_articles(store, "Tokayev", among=1)] == ["a3"]
        older = search_articles(store, "Tokayev", until="2023", among=1)
        assert [h.article_id for h in older] == ["a3"]
        newer = search_articles(store, "Tokayev", since="2024", among=1)
        assert [h.article_id for h in newer] == ["a2"]
        quotes = latest_quotes_matching(store, "cooperation", since="2024", limit=5)
        assert [q.article_id for q in quotes] == ["a2", "a1"]


def test_api_network_weighs_edges_and_marks_conflict(client: Any) -> None:
    data = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in data["edges"]}
    nodes = {n["id"]: n["name"] for n in data["nodes"]}
    meeting = next(e for (s, t), e in edges.items() if nodes[t] == "Xi Jinping")
    assert meeting["events"] == 3 and meeting["cooperation"] == 3
    attack = next(e for (s, t), e in edges.items() if nodes[s] == HOSTILE_NAME)
    assert attack["conflict"] == 1
    only_consult = client.get("/api/network", params={"type": "CONSULT"}).json()
    assert len(only_consult["edges"]) == 1


def test_api_network_links_only_actors_and_keeps_those_without_a_relation(tmp_path: Path) -> None:
    base = decoded_article("n1", "2024-07-04")
    pact = Entity("e5", "Astana Declaration", "LAW", [(0, 9)])
    crowd = Entity("e6", "Astana residents", "NORP", [(10, 20)], country="KAZ", code="KAZ")
    tokayev = EventActor("Kassym-Jomart Tokayev", "e1", "KAZGOV")
    meeting = base.events[0]
    events = [
        meeting,
        replace(meeting, id="x1", target=[EventActor("leaders", None, "CHNGOV")]),  # a noun
        replace(meeting, id="x2", target=[EventActor("Astana Declaration", "e5", None)]),
        replace(meeting, id="x3", target=[tokayev]),  # towards itself
        replace(meeting, id="x4", source=[EventActor("Astana residents", "e6", "KAZ")], target=[]),
    ]
    article = replace(base, entities=[*base.entities, pact, crowd], events=events)
    with Store(tmp_path / "n.db") as store, store.transaction():
        store.save(article)
    with client_of(tmp_path / "n.db") as test_client:
        data = test_client.get("/api/network").json()
    names = {n["id"]: n["name"] for n in data["nodes"]}
    assert [(names[e["source"]], names[e["target"]]) for e in data["edges"]] == [
        ("Kassym-Jomart Tokayev", "Xi Jinping")
    ]
    # An actor of the events with no actor on the other side is a node without an edge;
    # the noun "leaders" and the declaration are no nodes at all.
    assert set(names.values()) == {"Kassym-Jomart Tokayev", "Xi Jinping", "Astana residents"}
    assert {n["name"]: n["events"] for n in data["nodes"]}["Kassym-Jomart Tokayev"] == 4
    assert data["events_drawn"] == 5


def test_api_map_lists_geocoded_places(client: Any) -> None:
    places = {p["name"]: p for p in client.get("/api/map").json()["places"]}
    assert places["Astana"]["events"] == 3
    assert places["Astana"]["cooperation"] == 3


def test_api_story_lists_articles_of_several_outlets(client: Any) -> None:
    stories = client.get("/api/stories").json()["items"]
    grouped = next(s for s in stories if s["articles"] > 1)
    story = client.get(f"/api/stories/{grouped['id']}").json()
    assert {a["source"] for a in story["articles"]} >= {"Wire", "Steppe Post"}
    page = client.get(f"/stories/{grouped['id']}").text
    assert page.count('class="outlet"') >= 2


def test_api_stories_and_summary_count_only_stories_of_several_articles(client: Any) -> None:
    counted = client.get("/api/summary").json()["counts"]["stories"]
    listed = client.get("/api/stories").json()["items"]
    assert counted == len(listed) == 1 and listed[0]["articles"] == 2
    every_group = client.get("/api/stories", params={"min_articles": 1}).json()["items"]
    assert len(every_group) == 3  # with the older meeting and the hostile article alone
    assert "1 story" in client.get("/").text.replace("</strong>", "").replace("<strong>", "")
    assert client.get("/stories").text.count('href="/stories/st_') == 1
    assert client.get("/stories?single=1").text.count('href="/stories/st_') == 3


def test_pages_title_untitled_articles_from_their_first_sentence(tmp_path: Path) -> None:
    untitled = replace(decoded_article("u1", "2024-07-04"), title=None)
    with Store(tmp_path / "u.db") as store, store.transaction():
        store.save(untitled)
    with client_of(tmp_path / "u.db") as test_client:
        assert test_client.get("/api/articles/u1").json()["title"] is None  # never invented
        shown = '<span class="derived" title="No title given: its first sentence">'
        expected = shown + "President Tokayev met Xi Jinping in Astana on Wednesday</span>"
        for path in ("/articles/u1", "/articles", "/"):
            assert expected in test_client.get(path).text, path


def test_openapi_schema_documents_every_api_route(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    routes = ["articles", "actors", "quotes", "events", "stories", "relations", "search",
              "network", "map", "timeline"]  # fmt: skip
    assert {f"/api/{route}" for route in routes} <= paths
    assert not any(p.startswith("/articles") for p in paths)  # pages are not the API


PAGES = [
    "/",
    "/search?q=Mallory",
    "/search?q=Evil",
    "/articles",
    "/articles/" + quote(HOSTILE_ID, safe=""),
    "/actors?q=Mallory",
    "/actors/USAGOV",
    "/events",
    "/events?place=" + quote(f"<script>{PWN}</script>Evil City", safe=""),
    "/stories",
    "/relations?a=Mallory&b=KAZ",
    "/network",
    "/map",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_hostile_text_inert(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    # Our own markup has no inline script, no event handler and no javascript: link; so any
    # of these would have come from an article.
    assert not re.search(
        r"<script(?![^>]*\bsrc=\"/(static|vendor)/)(?![^>]*application/json)", html
    )
    assert not re.search(r"<[^>]+\son\w+\s*=", html, flags=re.IGNORECASE)
    assert "javascript:" not in re.sub(
        r"&[a-z#0-9]+;", "", " ".join(re.findall(r"href=\"[^\"]*\"", html))
    )
    assert "<img" not in html and "<svg onload" not in html


def test_article_page_marks_annotations_and_escapes_the_text(client: Any) -> None:
    html = client.get("/articles/" + quote(HOSTILE_ID, safe="")).text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'class="mark trigger"' in html and 'id="ev-ev1"' in html and 'id="q-q1"' in html
    assert 'href="/actors/USAGOV"' not in html  # Mallory has a canonical id: linked by it
    assert "/actors/local%3Aperson%3A" in html


def test_responses_forbid_inline_scripts(client: Any) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_vendor_serves_only_the_listed_libraries(client: Any) -> None:
    assert client.get("/vendor/cytoscape.min.js").status_code == 200
    assert client.get("/vendor/countries-110m.json").json()["type"] == "Topology"
    assert client.get("/vendor/..%2Fpackage.json").status_code == 404
    assert client.get("/vendor/cytoscape/package.json").status_code == 404


def test_create_app_names_the_fix_when_something_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(StoreError, match="decode"):
        create_app(tmp_path / "missing.db")
    db = build_web_store(tmp_path / "ok.db")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "empty"))
    with pytest.raises(ConfigError, match="make install"):
        create_app(db)


def test_segments_cut_text_at_every_mark_and_anchor_first_pieces() -> None:
    text = "Xi met Tokayev."
    marks = [Mark("entity", "e1", (0, 2)), Mark("trigger", "ev1", (3, 6)),
             Mark("quote", "q1", (0, 6)), Mark("entity", "e2", (7, 14))]  # fmt: skip
    pieces = segments(text, marks)
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.classes) for p in pieces] == [
        ("Xi", "entity quote"), (" ", "quote"), ("met", "quote trigger"), (" ", ""),
        ("Tokayev", "entity"), (".", ""),
    ]  # fmt: skip
    assert pieces[0].anchors == ["q-q1"] and pieces[2].anchors == ["ev-ev1"]


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
    ],
)
def test_safe_url_links_only_http(url: str, safe: bool) -> None:
    assert (safe_url(url) is not None) is safe


def test_json_script_cannot_close_its_element() -> None:
    embedded = str(json_script({"t": "</script><script>alert(1)</script>&\u2028"}))
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
