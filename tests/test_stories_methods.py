"""The pure parts of story grouping and event merging: words, similarity, keys, groups."""

from __future__ import annotations

import random
from datetime import date

import pytest

from newsgraph.model import Entity
from newsgraph.stories.clusters import average_link, components, group_id
from newsgraph.stories.event_keys import (
    EventActorKey,
    EventRef,
    day_range,
    merge_groups,
    same_event,
    signature,
)
from newsgraph.stories.features import (
    actor_counts,
    article_day,
    article_terms,
    cosine,
    lead,
    tfidf,
    words,
)


def test_words_drop_stop_words_digits_short_words_and_possessives() -> None:
    assert words("The 3 U.S. envoys met Kim Jong-un's aides in Singapore on June 12") == [
        "envoys",
        "met",
        "kim",
        "jong-un",
        "aides",
        "singapore",
        "june",
    ]


def test_lead_skips_a_repeated_title_and_stops_after_the_limit() -> None:
    text = "Summit set\n\nOne two three four five six"
    assert lead("Summit set", text, limit=3) == "One two three"


def test_article_terms_weigh_title_words_twice_and_count_actor_mentions() -> None:
    entities = [
        Entity("e1", "Kim Jong Un", "PERSON", [(0, 3), (10, 13)], canonical_id="kb:kim"),
        Entity("e2", "June 12", "DATE", [(20, 27)]),
    ]
    terms = article_terms(
        "Summit set", "Summit set\n\nThe summit will happen.", actor_counts(entities)
    )
    assert terms == {"w:summit": 3.0, "w:set": 2.0, "w:happen": 1.0, "a:kb:kim": 2.0}


def test_tfidf_vectors_have_unit_length_and_rare_terms_weigh_more() -> None:
    vector = tfidf({"w:rare": 1.0, "w:common": 1.0}, {"w:rare": 1, "w:common": 90}, 100)
    assert sum(v * v for v in vector.values()) == pytest.approx(1.0)
    assert vector["w:rare"] > vector["w:common"]
    assert cosine(vector, vector) == pytest.approx(1.0)
    assert cosine(vector, tfidf({"w:other": 1.0}, {}, 100)) == 0.0


@pytest.mark.parametrize(
    ("published", "fallback", "expected"),
    [
        ("2018-05-24", "2026-01-01T00:00:00Z", date(2018, 5, 24)),
        ("2018-05-24T23:10:00+00:00", "2026-01-01T00:00:00Z", date(2018, 5, 24)),
        (None, "2026-01-01T08:00:00Z", date(2026, 1, 1)),
        ("May 2018", "2026-01-01T08:00:00Z", date(2026, 1, 1)),
    ],
)
def test_article_day_uses_the_publication_date_else_the_day_it_was_stored(
    published: str | None, fallback: str, expected: date
) -> None:
    assert article_day(published, fallback) == expected.toordinal()


def test_components_do_not_depend_on_the_order_of_nodes_or_edges() -> None:
    edges = [("a", "b"), ("c", "d"), ("b", "e"), ("x", "a")]  # "x" is not a node
    expected = {frozenset("abe"), frozenset("cd"), frozenset("f")}
    for seed in range(5):
        nodes, shuffled = list("abcdef"), list(edges)
        random.Random(seed).shuffle(nodes)
        random.Random(seed).shuffle(shuffled)
        assert {frozenset(c) for c in components(nodes, shuffled)} == expected


CHAIN = {("a", "b"): 0.5, ("b", "c"): 0.5, ("c", "d"): 0.5, ("x", "y"): 0.9}


def test_average_link_does_not_grow_a_group_through_a_chain_of_single_links() -> None:
    # a-b-c-d are linked one after the other only: their mean similarity is low.
    groups = average_link("abcdxy", CHAIN, threshold=0.3)
    assert sorted(map("".join, groups)) == ["ab", "cd", "xy"]
    assert average_link("abcdxy", CHAIN, threshold=0.95) == [[n] for n in "abcdxy"]


def test_average_link_merges_a_group_that_is_similar_as_a_whole() -> None:
    close = {("a", "b"): 0.6, ("a", "c"): 0.5, ("b", "c"): 0.4, ("c", "d"): 0.1}
    assert average_link("abcd", close, threshold=0.3) == [["a", "b", "c"], ["d"]]


def test_average_link_does_not_depend_on_the_order_of_similarities() -> None:
    items = list(CHAIN.items())
    for seed in range(5):
        random.Random(seed).shuffle(items)
        reversed_pairs = {(b, a): sim for (a, b), sim in items}
        assert average_link("abcdxy", reversed_pairs, 0.3) == average_link("abcdxy", CHAIN, 0.3)


def test_group_ids_are_deterministic_and_prefixed() -> None:
    assert group_id("st_", "article-1") == group_id("st_", "article-1")
    assert group_id("st_", "article-1") != group_id("st_", "article-2")
    assert group_id("st_", "article-1").startswith("st_")


def actor(
    side: str, canonical: str | None, code: str | None = None, name: str = ""
) -> EventActorKey:
    return EventActorKey(side, canonical, code, name)


def test_signature_of_reciprocal_types_ignores_which_side_an_actor_is_on() -> None:
    usa, prk = actor("source", "kb:usa"), actor("target", "kb:prk")
    usa_target, prk_source = actor("target", "kb:usa"), actor("source", "kb:prk")
    assert signature("CONSULT", [usa, prk]) == signature("CONSULT", [prk_source, usa_target])
    assert signature("ACCUSE", [usa, prk]) != signature("ACCUSE", [prk_source, usa_target])
    assert signature("ACCUSE", []) is None


def test_actor_key_prefers_the_canonical_id_then_the_code_then_the_name() -> None:
    assert actor("source", "kb:usa", "USA", "US").key == "kb:usa"
    assert actor("source", None, "USAGOV", "Washington").key == "code:USAGOV"
    assert actor("source", None, None, "The  Protesters").key == "name:the protesters"


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2018-06-12", date(2018, 6, 12), date(2018, 6, 12)),
        ("2018-02", date(2018, 2, 1), date(2018, 2, 28)),
        ("2018", date(2018, 1, 1), date(2018, 12, 31)),
    ],
)
def test_day_range_covers_the_precision_the_text_gives(value: str, first: date, last: date) -> None:
    assert day_range(value) == (first.toordinal(), last.toordinal())


def test_day_range_of_no_date_or_a_bad_one_is_none() -> None:
    assert day_range(None) is None and day_range("2018-13-01") is None


def ref(name: str, day: str, country: str | None = "SGP", type_: str = "CONSULT") -> EventRef:
    days = day_range(day)
    assert days is not None
    return EventRef(name, "ev1", type_, "kb:prk<>kb:usa", days[0], days[1], country)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (ref("a1", "2018-06-12"), ref("a2", "2018-06-12"), True),
        (ref("a1", "2018-06-12"), ref("a2", "2018-06-13"), True),  # a day apart
        (ref("a1", "2018-06-12"), ref("a2", "2018-06-14"), False),
        (ref("a1", "2018-06-12"), ref("a2", "2018-06"), False),  # "in June": too vague
        (ref("a1", "2018-06"), ref("a2", "2018-06"), False),
        (ref("a1", "2018-06-12"), ref("a2", "2018-06-12", country=None), True),
        (ref("a1", "2018-06-12"), ref("a2", "2018-06-12", country="KOR"), False),
        (ref("a1", "2018-06-12"), ref("a2", "2018-06-12", type_="AGREE"), False),
    ],
)
def test_same_event_needs_type_actors_place_and_dates_to_agree(
    a: EventRef, b: EventRef, same: bool
) -> None:
    assert same_event(a, b) is same
    assert same_event(b, a) is same


def test_merge_groups_do_not_depend_on_the_order_of_the_events() -> None:
    events = [
        ref("a1", "2018-06-12"),
        ref("a2", "2018-06-13"),
        ref("a3", "2018-06-20"),
        ref("a4", "2018-06-12", country="KOR"),
    ]
    expected = [["a1", "a2"], ["a4"], ["a3"]]
    for seed in range(5):
        shuffled = list(events)
        random.Random(seed).shuffle(shuffled)
        groups = merge_groups(shuffled)
        assert sorted(sorted(e.article_id for e in g) for g in groups) == sorted(expected)


def test_merge_groups_do_not_chain_daily_reports_into_one_event() -> None:
    days = ["2018-06-10", "2018-06-11", "2018-06-12", "2018-06-13", "2018-06-14"]
    groups = merge_groups([ref(f"a{i}", day) for i, day in enumerate(days)])
    assert [[e.article_id for e in g] for g in groups] == [["a0", "a1", "a2"], ["a3", "a4"]]
