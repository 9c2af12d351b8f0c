"""The pure parts of story grouping and event merging: words, similarity, keys, groups."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest

from newsgraph.model import Entity, Event, EventActor, Location
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
    actor_weights,
    article_day,
    event_terms,
    lead_span,
    named_day,
    outlet_words,
    quotation_shingles,
    story_features,
    words,
)
from newsgraph.stories.lemmas import LemmaTables, lemma
from newsgraph.stories.similarity import Prepared, SimilaritySettings, similarity, vectors


def test_words_are_lemmas_without_stop_words_digits_short_words_or_possessives() -> None:
    assert words("The 3 U.S. envoys met Kim Jong-un's diplomats in Singapore on June 12") == [
        "envoy",
        "meet",
        "kim",
        "jong-un",
        "diplomat",
        "singapore",
        "june",
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("strikes", "strike"),
        ("struck", "strike"),
        ("striking", "strike"),
        ("sanctions", "sanction"),
        ("children", "child"),
        ("was", "be"),
        ("news", "news"),
        ("denuclearization", "denuclearization"),
        ("zzxqy", "zzxqy"),  # unknown: itself
    ],
)
def test_lemma_joins_the_forms_of_a_word_without_a_tagger(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_lemma_tables_missing_leave_words_as_they_are() -> None:
    assert LemmaTables().lemma("strikes") == "strikes"


def test_words_leave_out_the_outlets_own_name() -> None:
    drop = outlet_words("Fox News", "https://www.foxnews.com/world/x")
    assert drop == {"fox", "news", "foxnews"}
    assert words("Pompeo told Fox News the strikes would go on", drop) == [
        "pompeo",
        "tell",
        "strike",
    ]


def test_lead_span_skips_a_repeated_title_and_stops_after_the_limit() -> None:
    text = "Summit set\n\nOne two three four five six"
    start, end = lead_span("Summit set", text, limit=3)
    assert text[start:end].split() == ["One", "two", "three"]


TEXT = (
    "Kim meets Moon at the border\n\n"
    "North Korean leader Kim Jong Un met South Korean President Moon Jae-in on Friday. "
    '"We will open a new era of peace," Moon told reporters at Panmunjom.\n\n'
    + "Background words fill the body here. " * 40
    + "Moon Jae-in spoke again."
)


def _entities() -> list[Entity]:
    def spans(name: str) -> list[tuple[int, int]]:
        found, start = [], TEXT.find(name)
        while start >= 0:
            found.append((start, start + len(name)))
            start = TEXT.find(name, start + 1)
        return found

    return [
        Entity("e1", "Kim Jong Un", "PERSON", spans("Kim"), canonical_id="kb:kim"),
        Entity("e2", "Moon Jae-in", "PERSON", spans("Moon"), canonical_id="kb:moon"),
        Entity("e3", "Friday", "DATE", spans("Friday")),
    ]


def test_story_features_count_title_lead_and_body_words_apart() -> None:
    features = story_features("Kim meets Moon at the border", TEXT, entities=_entities())
    terms = features.terms
    assert terms["t:border"] == 1.0 and terms["w:border"] == 2.0  # title: twice in the lead words
    assert "t:leader" not in terms and terms["w:leader"] == 1.0
    # The lead is the first 120 words after the title; the body's words are the rest.
    assert terms["w:background"] + terms["b:background"] == 40.0
    assert terms["b:speak"] == 1.0  # "spoke", lemmatized


def test_actor_weights_rank_title_over_lead_over_body_and_count_quotes() -> None:
    start, end = lead_span("Kim meets Moon at the border", TEXT)
    weights = actor_weights(_entities(), start, end, speakers=["e2"])
    # Moon: title 3, lead 2 x 1.5, body 1, quoted once; Kim: title 3, lead 1.5.
    assert weights["a:kb:moon"] == pytest.approx(3 + 3 + 1 + math.log(2))
    assert weights["a:kb:kim"] == pytest.approx(4.5)
    assert not any("friday" in key for key in weights)  # a DATE is no actor


def test_event_terms_key_the_type_with_each_side_the_place_and_a_text_day() -> None:
    kim, moon = _entities()[:2]
    event = Event(
        "v1",
        "CONSULT",
        trigger=(60, 63),
        sentence=(30, 120),
        source=[EventActor("Kim", kim.id)],
        target=[EventActor("Moon", moon.id)],
        date="2018-04-27",
        date_source="text",
        location=Location("Panmunjom", "KOR"),
    )
    assert event_terms([event], [kim, moon], lead_end=500) == {
        "e:CONSULT>kb:moon": 2.0,  # in the lead: counts double
        "e:CONSULT<kb:kim": 2.0,
        "p:panmunjom": 1.0,
        "d:2018-04-27": 1.0,
        "n:wd:4": 1.0,  # a Friday, named in the lead
    }


def _dated(date_value: str, span: tuple[int, int], sentence_start: int = 0) -> Event:
    return Event(
        "v1",
        "CONSULT",
        trigger=(sentence_start, sentence_start + 3),
        sentence=(sentence_start, sentence_start + 60),
        date=date_value,
        date_source="text",
        date_span=span,
    )


def test_named_day_is_the_weekday_or_the_calendar_day_the_lead_names_without_the_year() -> None:
    text = "Trump called off the summit on Thursday. It was planned for June 12 in Singapore."
    thursday = (text.index("Thursday"), text.index("Thursday") + len("Thursday"))
    june = (text.index("June 12"), text.index("June 12") + len("June 12"))
    # The same expressions resolved against two publication dates a week apart, as two
    # outlets' reports dated by a feed would be: the terms do not move.
    for thursday_date, june_date in (("2018-05-24", "2018-06-12"), ("2021-03-04", "2021-06-12")):
        assert named_day(_dated(thursday_date, thursday), text) == "n:wd:3"
        assert named_day(_dated(june_date, june), text) == "n:md:06-12"
    assert named_day(_dated("2018-05", june), text) is None  # a month is no day
    published = Event("v2", "CONSULT", trigger=(0, 3), sentence=(0, 40), date="2018-05-24")
    assert named_day(published, text) is None  # the publication date is not named
    # Only events of the title and lead name the article's day.
    body = _dated("2018-05-24", thursday, sentence_start=1000)
    assert not any(t.startswith("n:") for t in event_terms([body], [], 500, text))


def test_a_day_named_differently_in_both_leads_can_scale_the_similarity_down() -> None:
    settings = SimilaritySettings(channel_weights={"w": 0.45}, day_conflict=0.5)
    words = {"w": {"w:summit": 1.0}}
    thursday = Prepared({**words, "n": {"n:wd:3": 1.0}}, frozenset(), day=100)
    friday = Prepared({**words, "n": {"n:wd:4": 1.0}}, frozenset(), day=100)
    both = Prepared({**words, "n": {"n:wd:3": 0.6, "n:wd:4": 0.8}}, frozenset(), day=100)
    unnamed = Prepared(words, frozenset(), day=100)
    same = similarity(thursday, thursday, {}, settings)
    assert similarity(thursday, friday, {}, settings) == pytest.approx(same / 2)
    assert similarity(thursday, both, {}, settings) == pytest.approx(same)  # one in common
    assert similarity(thursday, unnamed, {}, settings) == pytest.approx(same)  # no evidence
    neutral = SimilaritySettings(channel_weights={"w": 0.45}, day_conflict=1.0)
    assert similarity(thursday, friday, {}, neutral) == similarity(thursday, unnamed, {}, neutral)
    # By default a different day costs nothing; the same day adds a little.
    defaults = SimilaritySettings()
    assert similarity(thursday, friday, {}, defaults) == similarity(thursday, unnamed, {}, defaults)
    assert similarity(thursday, thursday, {}, defaults) == pytest.approx(
        similarity(thursday, unnamed, {}, defaults)
        + defaults.channel_weights["n"] * (1 + defaults.near_bonus)
    )


def test_quotation_shingles_find_the_same_words_quoted_by_two_outlets() -> None:
    first = quotation_shingles('He said: "We will open a new era of peace on the peninsula."')
    second = quotation_shingles(
        "Moon vowed, \u201cwe will open a new era of peace\u201d, at the border"
    )
    # "we will open a new era of peace": 4 shingles of five words, of which those whose
    # hash is divisible by 3 are kept, the same in both.
    assert first & second and first & second == second
    assert all(int(s[2:], 16) % 3 == 0 for s in first)
    assert quotation_shingles('"Too short to count"') == frozenset()


def test_vectors_are_unit_length_per_channel_and_rare_terms_weigh_more() -> None:
    channels = vectors(
        {"w:rare": 1.0, "w:common": 1.0, "a:kb:kim": 2.0}, {"w:rare": 1, "w:common": 90}, 100
    )
    assert set(channels) == {"w", "a"}
    assert sum(v * v for v in channels["w"].values()) == pytest.approx(1.0)
    assert channels["w"]["w:rare"] > channels["w"]["w:common"]
    assert channels["a"] == {"a:kb:kim": pytest.approx(1.0)}


def test_similarity_adds_rare_shared_quotations_and_fades_after_a_few_days() -> None:
    settings = SimilaritySettings()
    shingles = quotation_shingles('"we will open a new era of peace"')
    a = Prepared({"w": {"w:peace": 1.0}}, shingles, day=100)
    b = Prepared({"w": {"w:peace": 1.0}}, shingles, day=100)
    full = similarity(a, b, {}, settings)
    shared = min(1.0, len(shingles) / settings.quote_saturation)
    same_day = 1 + settings.near_bonus
    assert full == pytest.approx(
        (settings.channel_weights["w"] + settings.quote_weight * shared) * same_day
    )
    quoted_everywhere = {s: settings.quote_max_df + 1 for s in shingles}
    assert similarity(a, b, quoted_everywhere, settings) == pytest.approx(
        settings.channel_weights["w"] * same_day
    )
    later = Prepared(b.vectors, shingles, day=100 + settings.full_days + settings.half_life_days)
    assert similarity(a, later, {}, settings) == pytest.approx(full / same_day / 2)


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
