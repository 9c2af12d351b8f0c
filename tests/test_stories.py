"""Stories and merged events in the store, with small articles written by hand (no spaCy)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.model import Article, Entity, Event, EventActor, Location
from newsgraph.store.migrate import migrate
from newsgraph.store.sqlite import Store
from newsgraph.stories import (
    GroupingSettings,
    article_story,
    list_stories,
    rebuild_stories,
    story,
    update_stories,
)

WATER_DEAL = (
    "Kazakhstan and Uzbekistan sign Syr Darya water-sharing deal",
    "ASTANA - Kazakhstan and Uzbekistan signed an agreement on Monday to share the water of "
    "the Syr Darya river, ending a dispute over irrigation quotas that had strained ties "
    "between the Central Asian neighbours. President Kassym-Jomart Tokayev and President "
    "Shavkat Mirziyoyev attended the signing ceremony in Astana.",
)
WATER_DEAL_2 = (
    "Tokayev and Mirziyoyev seal Syr Darya water agreement",
    "Kazakh President Kassym-Jomart Tokayev and Uzbek President Shavkat Mirziyoyev signed "
    "a deal in Astana on Monday on sharing the Syr Darya river, whose irrigation quotas "
    "had divided Kazakhstan and Uzbekistan for years.",
)
WATER_DEAL_3 = (
    "Syr Darya water deal: what Kazakhstan and Uzbekistan agreed",
    "The water-sharing agreement signed by Kazakhstan and Uzbekistan in Astana sets new "
    "irrigation quotas for the Syr Darya river. Tokayev and Mirziyoyev called the deal a "
    "model for the Central Asian neighbours.",
)
WATER_DEAL_2_AGAIN = (
    "Tokayev and Mirziyoyev seal Syr Darya water agreement in Astana",
    "Kazakh President Kassym-Jomart Tokayev and Uzbek President Shavkat Mirziyoyev sealed "
    "a deal in Astana on sharing the Syr Darya river, whose irrigation quotas had divided "
    "Kazakhstan and Uzbekistan for years.",
)
FLOOD = (
    "Floods force thousands to evacuate in Atyrau region",
    "ATYRAU - Spring floods forced more than 4,000 people to leave their homes in the Atyrau "
    "region of western Kazakhstan on Monday, as the Ural river burst its banks and emergency "
    "workers evacuated villages by boat.",
)
FLOOD_2 = (
    "Ural river flood waters rise as more Atyrau villages evacuated",
    "Emergency workers evacuated three more villages in the Atyrau region on Wednesday as "
    "flood waters of the Ural river kept rising; thousands of people have left their homes.",
)
RATES = (
    "Kyrgyz central bank raises its key interest rate",
    "BISHKEK - The National Bank of the Kyrgyz Republic raised its key rate by half a point "
    "on Tuesday, citing inflation driven by food prices and a weaker som.",
)


def make_article(
    article_id: str,
    story_text: tuple[str, str],
    source: str,
    published: str,
    events: list[Event] | None = None,
) -> Article:
    title, body = story_text
    text = f"{title}\n\n{body}"
    return Article(
        id=article_id,
        text=text,
        title=title,
        source=source,
        published=published,
        url=f"https://{source.lower().replace(' ', '')}.example/{article_id}",
        analyzed=True,
        entities=_entities(text),
        events=events or [],
        content_hash=f"hash-{article_id}-{len(text)}",
    )


_ACTORS = {
    "Kazakhstan": ("GPE", "KAZ"),
    "Uzbekistan": ("GPE", "UZB"),
    "Tokayev": ("PERSON", "KAZGOV"),
    "Mirziyoyev": ("PERSON", "UZBGOV"),
    "Syr Darya": ("LOC", None),
    "Atyrau": ("GPE", "KAZ"),
    "Ural": ("LOC", None),
}


def _entities(text: str) -> list[Entity]:
    """An entity for every known name the text contains, with all its mentions."""
    entities = []
    for name, (type_, code) in _ACTORS.items():
        spans = []
        start = text.find(name)
        while start >= 0:
            spans.append((start, start + len(name)))
            start = text.find(name, start + 1)
        if spans:
            entities.append(Entity(f"e{len(entities)}", name, type_, spans, code=code))
    return entities


def agree_event(article: Article, event_id: str, date: str, modality: str = "asserted") -> Event:
    """KAZ and UZB agree (a reciprocal type: the sides come in either order)."""
    kaz = next(e for e in article.entities if e.name == "Kazakhstan")
    uzb = next(e for e in article.entities if e.name == "Uzbekistan")
    first, second = (kaz, uzb) if event_id.endswith("a") else (uzb, kaz)
    trigger = article.text.find("sign")
    return Event(
        id=event_id,
        type="AGREE",
        trigger=(trigger, trigger + 4),
        sentence=(0, len(article.text)),
        source=[EventActor(first.name, first.id, first.code, first.mentions[0])],
        target=[EventActor(second.name, second.id, second.code, second.mentions[0])],
        cameo="057",
        goldstein=8.0,
        modality=modality,
        date=date,
        date_source="text",
        location=Location("Astana", "KAZ"),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "stories.db")


def save(store: Store, *articles: Article) -> None:
    with store.transaction():
        for article in articles:
            store.save(article)
        update_stories(store, [a.id for a in articles])


def groups(store: Store) -> set[frozenset[str]]:
    found: dict[str, set[str]] = {}
    for article_id in store.article_ids():
        story_id = article_story(store, article_id)
        assert story_id is not None
        found.setdefault(story_id, set()).add(article_id)
    rows = store.conn.execute("SELECT id, articles FROM stories").fetchall()
    assert {r["id"]: r["articles"] for r in rows} == {k: len(v) for k, v in found.items()}
    return {frozenset(members) for members in found.values()}


WATER = frozenset({"w1", "w2", "w3"})
FLOODS = frozenset({"f1", "f2"})


def corpus() -> list[Article]:
    return [
        make_article("w1", WATER_DEAL, "Reuters", "2024-03-04"),
        make_article("f1", FLOOD, "Reuters", "2024-03-04"),
        make_article("w2", WATER_DEAL_2, "Steppe Wire", "2024-03-04"),
        make_article("r1", RATES, "AKIpress", "2024-03-05"),
        make_article("w3", WATER_DEAL_3, "Eurasianet", "2024-03-06"),
        make_article("f2", FLOOD_2, "Steppe Wire", "2024-03-06"),
    ]


def test_update_stories_groups_reports_of_one_development_across_outlets(store: Store) -> None:
    for article in corpus():  # one article per batch: grouping is incremental
        save(store, article)
    assert groups(store) == {WATER, FLOODS, frozenset({"r1"})}


def test_update_stories_gives_the_same_groups_in_any_arrival_order(store: Store) -> None:
    save(store, *reversed(corpus()))
    assert groups(store) == {WATER, FLOODS, frozenset({"r1"})}


def test_update_stories_twice_changes_nothing(store: Store) -> None:
    save(store, *corpus())
    before = list_stories(store)
    with store.transaction():
        update = update_stories(store, store.article_ids())
    assert update.grouped == [] and update.stories == set() and update.removed_stories == set()
    assert list_stories(store) == before


def test_articles_far_apart_in_time_are_not_one_story(store: Store) -> None:
    save(
        store,
        make_article("w1", WATER_DEAL, "Reuters", "2024-03-04"),
        make_article("w2", WATER_DEAL_2, "Steppe Wire", "2024-04-20"),
    )
    assert groups(store) == {frozenset({"w1"}), frozenset({"w2"})}


def test_the_day_a_lead_names_is_compared_but_finds_no_candidates(store: Store) -> None:
    article = make_article("w1", WATER_DEAL, "Reuters", "2024-03-06")
    event = agree_event(article, "v1a", "2024-03-04")
    monday = article.text.find("Monday")
    event.date_span = (monday, monday + len("Monday"))
    article.events = [event]
    save(store, article)
    features = store.conn.execute("SELECT features FROM story_articles").fetchone()[0]
    assert '"n:wd:0"' in features  # a Monday, whatever the article's date
    indexed = store.conn.execute("SELECT term FROM story_terms WHERE term LIKE 'n:%'")
    assert indexed.fetchall() == []  # a seventh of a week's articles share it


def test_replaced_article_moves_to_the_story_of_its_new_text(store: Store) -> None:
    save(store, *corpus())
    save(store, make_article("w3", FLOOD_2, "Eurasianet", "2024-03-06"))
    assert groups(store) == {frozenset({"w1", "w2"}), FLOODS | {"w3"}, frozenset({"r1"})}


def test_article_saved_again_unchanged_keeps_its_story(store: Store) -> None:
    save(store, *corpus())
    before = {s.id: s for s in list_stories(store)}
    save(store, make_article("w2", WATER_DEAL_2, "Steppe Wire", "2024-03-04"))
    assert groups(store) == {WATER, FLOODS, frozenset({"r1"})}
    assert {s.id: s for s in list_stories(store)} == before


def test_deleted_article_leaves_its_story_and_a_bridge_splits_it(store: Store) -> None:
    # A two-day window: w1 and w3, four days apart, are never compared; w2 bridges them.
    narrow = GroupingSettings(window_days=2)
    first = make_article("w1", WATER_DEAL, "Reuters", "2024-03-01")
    bridge = make_article("w2", WATER_DEAL_2, "Steppe Wire", "2024-03-03")
    last = make_article("w3", WATER_DEAL_2_AGAIN, "Eurasianet", "2024-03-05")
    with store.transaction():
        for article in (first, bridge, last):
            store.save(article)
        update_stories(store, ["w1", "w2", "w3"], narrow)
    assert groups(store) == {WATER}
    with store.transaction():
        store.conn.execute("DELETE FROM articles WHERE id = 'w2'")
        update = update_stories(store, [], narrow)
    assert groups(store) == {frozenset({"w1"}), frozenset({"w3"})}
    # The part with the earliest article keeps the story's id.
    assert len(update.stories) == 2 and update.removed_stories == set()


def test_rebuild_stories_gives_the_incremental_groups(store: Store) -> None:
    for article in corpus():
        save(store, article)
    incremental = groups(store)
    with store.transaction():
        rebuild_stories(store)
    assert groups(store) == incremental


def test_story_reads_title_articles_and_counts(store: Store) -> None:
    save(store, *corpus())
    listed = {s.id: s for s in list_stories(store, min_articles=2)}
    assert len(listed) == 2
    water_id = article_story(store, "w1")
    assert water_id is not None
    water = story(store, water_id)
    assert water is not None
    assert [a.id for a in water.articles] == ["w1", "w2", "w3"]
    assert water.title in {WATER_DEAL[0], WATER_DEAL_2[0], WATER_DEAL_3[0]}
    assert (listed[water_id].articles, listed[water_id].sources) == (3, 3)
    assert listed[water_id].first_published == "2024-03-04"
    assert water.to_dict()["articles"] == ["w1", "w2", "w3"]
    assert story(store, "st_missing") is None


def test_list_stories_filters_by_dates_and_pages(store: Store) -> None:
    save(store, *corpus())
    assert [s.articles for s in list_stories(store, until="2024-03-05")] != []
    assert list_stories(store, since="2024-03-07") == []
    assert len(list_stories(store, limit=1)) == 1
    assert len(list_stories(store, limit=10, offset=1)) == 2


def test_one_event_reported_by_three_articles_is_merged_with_its_evidence(store: Store) -> None:
    w1 = make_article("w1", WATER_DEAL, "Reuters", "2024-03-04")
    w2 = make_article("w2", WATER_DEAL_2, "Steppe Wire", "2024-03-05")
    w3 = make_article("w3", WATER_DEAL_3, "Steppe Wire", "2024-03-05")
    w1.events = [agree_event(w1, "v1a", "2024-03-04")]
    w2.events = [agree_event(w2, "v1b", "2024-03-04")]  # the sides the other way round
    w3.events = [agree_event(w3, "v1a", "2024-03-05")]  # a day later: another time zone
    save(store, w1, w2, w3)
    water_id = article_story(store, "w1")
    assert water_id is not None
    water = story(store, water_id)
    assert water is not None and len(water.events) == 1
    merged = water.events[0]
    assert (merged.type, merged.mentions, merged.articles, merged.sources) == ("AGREE", 3, 3, 2)
    assert {(e.article_id, e.event_id) for e in merged.evidence} == {
        ("w1", "v1a"),
        ("w2", "v1b"),
        ("w3", "v1a"),
    }
    assert merged.date == "2024-03-04" and merged.location_country == "KAZ"


def test_events_not_asserted_or_far_apart_are_not_merged(store: Store) -> None:
    w1 = make_article("w1", WATER_DEAL, "Reuters", "2024-03-04")
    w2 = make_article("w2", WATER_DEAL_2, "Steppe Wire", "2024-03-04")
    w3 = make_article("w3", WATER_DEAL_3, "Eurasianet", "2024-03-05")
    w1.events = [agree_event(w1, "v1a", "2024-03-04")]
    w2.events = [agree_event(w2, "v1a", "2024-03-04", modality="hypothetical")]
    w3.events = [agree_event(w3, "v1a", "2024-02-20")]  # an earlier agreement
    save(store, w1, w2, w3)
    rows = store.conn.execute(
        "SELECT mentions, articles FROM merged_events ORDER BY first_day"
    ).fetchall()
    assert [tuple(r) for r in rows] == [(1, 1), (1, 1)]


def test_replaced_article_takes_its_evidence_out_of_the_merged_event(store: Store) -> None:
    w1 = make_article("w1", WATER_DEAL, "Reuters", "2024-03-04")
    w2 = make_article("w2", WATER_DEAL_2, "Steppe Wire", "2024-03-04")
    w1.events = [agree_event(w1, "v1a", "2024-03-04")]
    w2.events = [agree_event(w2, "v1a", "2024-03-04")]
    save(store, w1, w2)
    save(store, make_article("w2", WATER_DEAL_2, "Steppe Wire", "2024-03-04"))  # no event now
    rows = store.conn.execute("SELECT mentions, articles FROM merged_events").fetchall()
    assert [tuple(r) for r in rows] == [(1, 1)]


def test_stories_migration_applies_to_a_store_made_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=4) == 4
    conn.close()
    with Store(path) as store:
        save(store, *corpus())
        assert groups(store) == {WATER, FLOODS, frozenset({"r1"})}
