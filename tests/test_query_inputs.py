"""What a user may type into a query, the same in the CLI, the API and the pages: dates
(ISO years, months, days, weeks; the rest refused), actor names (never a LIKE pattern),
modalities ("all" too), offsets through the whole actor list, and exit codes that tell a
record not found (1) from bad usage (2)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from builders import decoded_article
from click.testing import CliRunner
from test_web_api import client_of

from newsgraph.cli import main
from newsgraph.model import Article, Entity
from newsgraph.store.sqlite import Store

CROWD = 230  # more actors than the API once let a client page to (offset <= 180)
RUSSIA_TEXT = "Russia said Russia would talk. Russia denied it."


def russia_article(article_id: str, text: str, published: str) -> Article:
    spans = []
    start = text.find("Russia")
    while start != -1:
        spans.append((start, start + 6))
        start = text.find("Russia", start + 1)
    russia = Entity("r", "Russia", "GPE", spans, country="RUS", code="RUS",
                    canonical_id="country:RUS")  # fmt: skip
    return Article(id=article_id, text=text, published=published, language="en",
                   analyzed=True, entities=[russia], content_hash=f"h-{article_id}")  # fmt: skip


def crowd_article() -> Article:
    names = [f"Person {i:03d}" for i in range(CROWD)]
    text = ", ".join(names) + " met."
    entities = [
        Entity(f"p{i}", name, "PERSON", [(text.index(name), text.index(name) + len(name))])
        for i, name in enumerate(names)
    ]
    return Article(id="crowd", text=text, published="2024-01-02", language="en",
                   analyzed=True, entities=entities, content_hash="h-crowd")  # fmt: skip


def week_article() -> Article:
    """An article of May 29th, 2024 whose meeting happened "last week" (May 20-26)."""
    article = replace(decoded_article("w1", "2024-05-29"), title="Last week's meeting")
    article.content_hash = "h-w1"
    article.events = [replace(article.events[0], date="2024-W21", date_source="text")]
    return article


def build_query_store(path: Path) -> Path:
    with Store(path) as store, store.transaction():
        for article in (
            decoded_article("a1", "2024-07-04"),
            week_article(),
            russia_article("r1", RUSSIA_TEXT, "2024-06-01"),
            russia_article("r2", "Russia agreed.", "2024-06-02"),
            crowd_article(),
        ):
            store.save(article)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_query_store(tmp_path_factory.mktemp("inputs") / "inputs.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[Any]:
    with client_of(db) as test_client:
        yield test_client


def cli(db: Path, *args: str) -> Any:
    return CliRunner().invoke(main, [*args, "--db", str(db)])


def event_articles(found: list[dict[str, Any]]) -> set[str]:
    return {e["article"]["id"] for e in found}


# -- dates ------------------------------------------------------------------------------


def test_a_stored_week_is_compared_as_the_days_it_covers(client: Any, db: Path) -> None:
    def api(**params: str) -> set[str]:
        return event_articles(client.get("/api/events", params=params).json()["items"])

    assert "w1" not in api(since="2024-06")  # the week is May 20-26
    assert "w1" in api(since="2024-05", until="2024-05")
    assert api(since="2024-W21", until="2024-W21") == {"w1"}
    lines = cli(db, "events", "--since", "2024-06", "--format", "json").output.splitlines()
    assert "w1" not in {json.loads(line)["article_id"] for line in lines}
    result = cli(db, "events", "--since", "2024-W21", "--until", "2024-W21", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["article_id"] for line in result.output.splitlines()} == {"w1"}


def test_a_stored_week_counts_in_the_month_it_starts(client: Any) -> None:
    params = {"actor": "Tokayev", "by": "month", "since": "2024"}
    periods = client.get("/api/timeline", params=params).json()["periods"]
    assert [p["period"] for p in periods] == ["2024-05", "2024-07"]


def test_a_group_s_default_window_ends_at_the_latest_event_not_the_latest_text(
    client: Any,
) -> None:
    # "2024-W21" sorts after "2024-07-04" as text; the latest event is July 4th's, and the
    # window starts on the month a year before it (whole months: the monthly counts).
    window = client.get("/api/actors/KAZ").json()["window"]
    assert window == {"since": "2023-07", "until": None, "default": True}


@pytest.mark.parametrize("bad", ["garbage", "2024-13-45", "2024-02-30", "2023-W53"])
def test_a_date_that_is_none_is_refused_everywhere(client: Any, db: Path, bad: str) -> None:
    for url in ("/api/articles", "/api/events", "/api/actors/Russia", "/api/stories"):
        response = client.get(url, params={"since": bad})
        assert response.status_code == 422, url
        [error] = response.json()["detail"]
        assert f"{bad!r} is not a date" in error["msg"], error  # the forms, not a regex
    result = cli(db, "events", "--until", bad)
    assert result.exit_code == 2 and f"{bad!r}" in result.output
    page = client.get("/events", params={"since": bad})
    assert page.status_code == 200 and "is not a date" in page.text  # ignored, with a note


def test_decode_refuses_a_publication_date_that_is_none(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["decode", "-", "--no-store", "--published", "notadate"], input="Some text."
    )
    assert result.exit_code == 2 and "'notadate' is not a date" in result.output


# -- actors -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["%25", "_", "%00", "%25%25", "Russ%25", "__", "%5C"])
def test_api_actor_names_are_never_patterns(client: Any, name: str) -> None:
    response = client.get(f"/api/actors/{name}")
    assert response.status_code == 404, response.text


def test_cli_actor_names_are_never_patterns(db: Path) -> None:
    for name in ("%", "_", "Russ%"):
        result = cli(db, "actor", name)
        assert result.exit_code == 1 and "no actor named" in result.output
        for listing in (["events", "--actor", name], ["quotes", "--speaker", name]):
            result = cli(db, *listing, "--format", "json")
            assert result.exit_code == 0 and result.output == "", (listing, result.output)
    assert cli(db, "events", "--actor", "russ", "--format", "json").exit_code == 0


@pytest.mark.parametrize("url", ["/api/events?actor=%25", "/api/quotes?speaker=%25",
                                 "/api/articles?actor=_", "/api/timeline?actor=%25"])  # fmt: skip
def test_api_actor_filters_are_never_patterns(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 or response.json()["items"] == [], response.text


@pytest.mark.parametrize("named", ["country:RUS", "Russia", "RUS"])
def test_a_country_profile_counts_the_country_s_mentions(client: Any, named: str) -> None:
    profile = client.get(f"/api/actors/{named}").json()
    assert (profile["name"], profile["code_prefix"]) == ("Russia", "RUS")
    assert (profile["mentions"], profile["articles"]) == (4, 2)


def test_api_actors_pages_through_every_actor(client: Any, db: Path) -> None:
    with Store(db) as store:
        every = {row[0] for row in store.conn.execute("SELECT canonical_id FROM actors")}
    seen: list[str] = []
    names: list[str] = []
    offset: int | None = 0
    while offset is not None:
        response = client.get("/api/actors", params={"limit": 40, "offset": offset})
        assert response.status_code == 200, response.text
        page = response.json()
        seen += [a["id"] for a in page["items"]]
        names += [a["name"] for a in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(every) > CROWD and set(seen) == every
    assert names == sorted(names, key=str.lower)  # a directory, by name
    found = client.get("/api/actors", params={"q": "Person", "offset": 200, "limit": 50})
    assert len(found.json()["items"]) == CROWD - 200
    ranked = client.get("/api/actors", params={"q": "a"}).json()["items"]
    assert [a["articles"] for a in ranked] == sorted((a["articles"] for a in ranked), reverse=True)
    assert ranked[0]["articles"] == 2  # a search: most reported first


# -- modalities and exit codes ----------------------------------------------------------


def test_modality_all_is_every_modality_in_the_api_the_cli_and_the_pages(
    client: Any, db: Path
) -> None:
    everything = client.get("/api/events", params={"modality": "all"})
    assert everything.status_code == 200
    kinds = {e["modality"] for e in everything.json()["items"]}
    assert kinds == {"asserted", "negated", "future"}
    lines = cli(db, "events", "--modality", "all", "--format", "json").output.splitlines()
    assert len(lines) == len(everything.json()["items"])
    negated = '<span class="modality">negated</span>'
    assert negated in client.get("/events", params={"modality": "all"}).text
    assert negated not in client.get("/events").text


def test_a_cameo_code_prefix_is_an_event_type_in_the_cli_the_api_and_the_page(
    client: Any, db: Path
) -> None:
    lines = cli(db, "events", "--type", "04", "--format", "json").output.splitlines()
    expected = {json.loads(line)["article_id"] for line in lines}
    assert expected == {"a1", "w1"}
    for params in ({"type": "04"}, {"type": "04", "actor": "Tokayev"}):
        response = client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        assert event_articles(response.json()["items"]) == expected
    assert client.get("/api/events", params={"type": "16"}).json()["items"] == []
    page = client.get("/events", params={"type": "04"}).text
    assert "is not an event type" not in page and "CONSULT" in page


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["actor", "Nobody"], 1),
        (["relations", "Narnia", "Mordor"], 1),
        (["relations", "Russia", "Mordor"], 1),
        (["actor", "Russia", "--since", "garbage"], 2),
        (["timeline", "--until", "2024-13-45"], 2),
        (["events", "--modality", "maybe"], 2),
    ],
)
def test_exit_codes_tell_not_found_from_bad_usage(db: Path, args: list[str], code: int) -> None:
    result = cli(db, *args)
    assert result.exit_code == code, result.output
