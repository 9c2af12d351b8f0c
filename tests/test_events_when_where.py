"""When and where events happen: time expressions resolved against the publication date,
and the place the event's clause names, geocoded offline."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest

from newsgraph import decode_text
from newsgraph.model import Article, Entity
from newsgraph.nlp.actors.component import publication_date
from newsgraph.nlp.events.timex import find_timexes, resolve_timex
from newsgraph.nlp.events.when import EventDate, resolve_event_date
from newsgraph.nlp.events.where import locate_event
from newsgraph.nlp.places import Gazetteer, load_gazetteer

WEDNESDAY = datetime.date(2024, 7, 3)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


# ---------------------------------------------------------------- time expressions alone


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("They met on Wednesday evening.", ["Wednesday evening"]),
        ("It was signed on 3 March 2021 in Astana.", ["3 March 2021"]),
        ("Talks began on March 3, 2021, and ended in May.", ["March 3, 2021", "May"]),
        ("The vote was held in 2002.", ["2002"]),
        ("Earlier this month, ministers met.", ["Earlier this month"]),
        ("He arrived two days ago.", ["two days ago"]),
        ("Prices rose in mid-March.", ["mid-March"]),
        ("Officials met on Jan. 6.", ["Jan. 6"]),
    ],
)
def test_find_timexes_spans_whole_expressions(sentence: str, found: list[str]) -> None:
    assert [t.text for t in find_timexes(sentence)] == found


@pytest.mark.parametrize(
    "sentence",
    [
        "Sanctions have been in place since 2014.",
        "They agreed to cut emissions by 2030.",
        "Talks will continue until March.",
        "The 2008 crisis hurt exports.",
        "Prices rose for the past year.",
        "Theresa May met the king.",
        "Demonstrators may march on the capital.",
        "The deal is worth 2,000 tonnes.",
        "Crowds cheered the fall of Kabul.",
        "The Arab Spring protests spread.",
        "A week earlier, the ministers had met.",
    ],
)
def test_find_timexes_skips_bounds_durations_and_modifiers(sentence: str) -> None:
    assert find_timexes(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "future", "value"),
    [
        ("They met on Wednesday.", False, "2024-07-03"),
        ("They met on Monday.", False, "2024-07-01"),
        ("They will meet on Monday.", True, "2024-07-08"),
        ("They will meet on Wednesday.", True, "2024-07-03"),
        ("They will meet next Wednesday.", True, "2024-07-10"),
        ("They met last Wednesday.", False, "2024-06-26"),
        ("They will meet next Tuesday.", True, "2024-07-09"),
        ("They met yesterday.", False, "2024-07-02"),
        ("They will meet tomorrow.", True, "2024-07-04"),
        ("They met last month.", False, "2024-06"),
        ("They met earlier this year.", False, "2024"),
        ("They met last year.", False, "2023"),
        ("They met last week.", False, "2024-W26"),
        ("They met in March.", False, "2024-03"),
        ("They met in September.", False, "2023-09"),
        ("They will meet in March.", True, "2025-03"),
        ("They met on March 3.", False, "2024-03-03"),
        ("They met on August 3.", False, "2023-08-03"),
        ("They met on 3 March 2021.", False, "2021-03-03"),
        ("They met in March 2021.", False, "2021-03"),
        ("They met two days ago.", False, "2024-07-01"),
        ("They met three months ago.", False, "2024-04"),
        ("They met in 2002.", False, "2002"),
        ("They met in late 2019.", False, "2019"),
        ("They met last summer.", False, "2023"),
        ("They met in the spring of 2022.", False, "2022"),
        ("They will meet in the autumn.", True, "2024"),
    ],
)
def test_resolve_timex_relative_to_publication(sentence: str, future: bool, value: str) -> None:
    (timex,) = find_timexes(sentence)
    assert resolve_timex(timex, WEDNESDAY, future) == value


def test_resolve_timex_rejects_impossible_dates() -> None:
    (timex,) = find_timexes("They met on February 30.")
    assert resolve_timex(timex, WEDNESDAY, False) is None


# ---------------------------------------------------------------- the event's date


def _date(nlp: Any, text: str, trigger: str, published: datetime.date | None) -> EventDate:
    return resolve_event_date(text, nlp(text), (0, len(text)), _span(text, trigger), published)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "value"),
    [
        (
            "Russian forces attacked Kyiv on Wednesday evening, officials said.",
            "attacked",
            "2024-07-03",
        ),
        ("The two leaders met in Beijing last month.", "met", "2024-06"),
        ("The two leaders will meet again next Tuesday.", "meet", "2024-07-09"),
        ("Xi will visit Astana on Friday.", "visit", "2024-07-05"),
        ("The summit is scheduled for Friday.", "summit", "2024-07-05"),
        ("Xi meets Putin on Friday in Astana.", "meets", "2024-07-05"),
        ("Protesters clashed with police on Friday.", "clashed", "2024-06-28"),
        ("Putin, who was born in 1952, met Tokayev yesterday.", "met", "2024-07-02"),
        (
            "Wednesday's meeting between the two leaders ended without a deal.",
            "meeting",
            "2024-07-03",
        ),
        ("Kazakhstan joined the organization in 2002.", "joined", "2002"),
    ],
)
def test_resolve_event_date_from_the_text(nlp: Any, text: str, trigger: str, value: str) -> None:
    date = _date(nlp, text, trigger, WEDNESDAY)
    assert (date.value, date.source) == (value, "text")
    assert date.span is not None and text[date.span[0] : date.span[1]] in text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The president said on Tuesday that troops attacked the village.", "attacked"),
        ("The government imposed sanctions during the 2008 crisis.", "imposed"),
        ("Both sides signed a 10-year deal.", "signed"),
        ("The two countries agreed to cut emissions by 2030.", "agreed"),
        ("The sanctions have been in place since 2014.", "sanctions"),
    ],
)
def test_resolve_event_date_falls_back_to_publication(nlp: Any, text: str, trigger: str) -> None:
    assert _date(nlp, text, trigger, WEDNESDAY) == EventDate("2024-07-03", "published", None)


@pytest.mark.model
def test_resolve_event_date_takes_the_reporting_verbs_own_date(nlp: Any) -> None:
    text = "The president said on Tuesday that troops attacked the village."
    assert _date(nlp, text, "said", WEDNESDAY).value == "2024-07-02"


@pytest.mark.model
def test_resolve_event_date_without_publication_date_is_empty(nlp: Any) -> None:
    text = "The two leaders met in Beijing last month."
    assert _date(nlp, text, "met", None) == EventDate(None, None, None)


@pytest.mark.model
def test_resolve_event_date_without_publication_date_keeps_dates_with_a_year(nlp: Any) -> None:
    text = "The treaty was signed on 3 March 2021 in Astana."
    date = _date(nlp, text, "signed", None)
    assert (date.value, date.source) == ("2021-03-03", "text")


# ---------------------------------------------------------------- the event's place


def _place(
    nlp: Any, gazetteer: Gazetteer, text: str, trigger: str, article: Article | None = None
) -> tuple[str, str | None] | None:
    article = article or Article(id="t", text=text, sentences=[(0, len(text))])
    sentence = next(s for s in article.sentences if s[0] <= text.index(trigger) < s[1])
    location = locate_event(text, nlp(text), sentence, _span(text, trigger), article, gazetteer)
    return None if location is None else (location.name, location.country)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        ("The two leaders met in Beijing last month.", "met", ("Beijing", "CHN")),
        ("Talks in Geneva ended without a deal.", "Talks", ("Geneva", "CHE")),
        ("Leaders gathered for a summit in Astana on Thursday.", "summit", ("Astana", "KAZ")),
        ("Tokayev visited Moscow two days ago.", "visited", ("Moscow", "RUS")),
        ("The minister arrived in Kiev on Monday.", "arrived", ("Kyiv", "UKR")),
        ("The prime minister's trip to Japan was postponed.", "trip", ("Japan", "JPN")),
        ("Shelling hit the city of Kharkiv overnight.", "hit", ("Kharkiv", "UKR")),
        ("Troops clashed in Ukraine's Donetsk region.", "clashed", ("Donetsk region", "UKR")),
        ("Ministers met in the Kazakh capital, Astana, on Friday.", "met", ("Astana", "KAZ")),
        ("The Geneva talks collapsed.", "talks", ("Geneva", "CHE")),
        ("Israel launched airstrikes on Gaza.", "airstrikes", ("Gaza", "PSE")),
        ("The ministers met in the Kazakh capital on Friday.", "met", ("Astana", "KAZ")),
        ("Drones attacked the Ukrainian capital overnight.", "attacked", ("Kyiv", "UKR")),
        ("The invasion of Ukraine began in February.", "invasion", ("Ukraine", "UKR")),
        ("The president will sign the bill at the White House.", "sign", ("Washington", "USA")),
        (
            "Officials met in Springfield, Illinois, to discuss the plan.",
            "met",
            ("Springfield", "USA"),
        ),
    ],
)
def test_locate_event_finds_the_place_of_the_clause(
    nlp: Any, gazetteer: Gazetteer, text: str, trigger: str, place: tuple[str, str]
) -> None:
    assert _place(nlp, gazetteer, text, trigger) == place


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("China criticized Japan over the visit.", "criticized"),
        ("The US sanctions hurt Iran.", "sanctions"),
        ("The Kremlin said on Thursday that talks would resume.", "said"),
        ("Reading from a statement, the minister said Berlin would send tanks.", "send"),
        ("In a tweet on Friday, Trump attacked Obama for doing nothing.", "attacked"),
        ("Ahead of this week's summit in Wales, the leaders spoke by phone.", "spoke"),
        ("He supported the invasions of Iraq and Afghanistan.", "supported"),
        ("The president sent a message to Tehran.", "sent"),
    ],
)
def test_locate_event_ignores_actors_and_other_clauses(
    nlp: Any, gazetteer: Gazetteer, text: str, trigger: str
) -> None:
    assert _place(nlp, gazetteer, text, trigger) is None


@pytest.mark.model
def test_locate_event_context_country_does_not_pick_a_small_homonym(
    nlp: Any, gazetteer: Gazetteer
) -> None:
    text = "The senator from Texas met French officials in Paris."
    article = _datelined(text, {"Texas": "USA"})
    assert _place(nlp, gazetteer, text, "met", article) == ("Paris", "FRA")


@pytest.mark.model
def test_locate_event_context_country_picks_a_comparable_homonym(
    nlp: Any, gazetteer: Gazetteer
) -> None:
    text = "Lebanese troops clashed with gunmen in Tripoli."
    article = _datelined(text, {"Lebanese": "LBN"})
    assert _place(nlp, gazetteer, text, "clashed", article) == ("Tripoli", "LBN")


def _datelined(text: str, countries: dict[str, str]) -> Article:
    entities = [
        Entity(id=f"e{i}", name=name, type="GPE", mentions=[_span(text, name)], country=code)
        for i, (name, code) in enumerate(countries.items())
    ]
    return Article(id="d", text=text, sentences=[(0, len(text))], entities=entities)


@pytest.mark.model
def test_locate_event_uses_the_dateline_for_a_lead_about_that_place(
    nlp: Any, gazetteer: Gazetteer
) -> None:
    text = "KABUL, Afghanistan (AP) — A suicide bomber killed at least 20 people at a mosque."
    article = _datelined(text, {})
    assert _place(nlp, gazetteer, text, "killed", article) == ("Kabul", "AFG")


@pytest.mark.model
def test_locate_event_ignores_a_dateline_far_from_the_actors(
    nlp: Any, gazetteer: Gazetteer
) -> None:
    text = "WASHINGTON — Russia launched a massive missile attack on Ukrainian cities."
    article = _datelined(text, {"WASHINGTON": "USA", "Russia": "RUS"})
    assert _place(nlp, gazetteer, text, "launched", article) is None


# ---------------------------------------------------------------- real articles


_ISO_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")


@pytest.mark.model
@pytest.mark.shared
def test_when_where_on_real_articles_give_well_formed_values(
    nlp: Any, gazetteer: Gazetteer, shared_data: Path
) -> None:
    corpus = shared_data / "corpus" / "allsides-intl" / "articles.jsonl"
    with corpus.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(6), lines, strict=False)]
    for record in records:
        article = decode_text(record["text"][:3000], published=record.get("date"))
        doc = nlp(article.text)
        published = publication_date(article)
        for sentence in article.sentences:
            verbs = [
                t for t in doc.char_span(*sentence, alignment_mode="expand") if t.pos_ == "VERB"
            ]
            for verb in verbs:
                trigger = (verb.idx, verb.idx + len(verb.text))
                date = resolve_event_date(article.text, doc, sentence, trigger, published)
                assert date.value is None or _ISO_VALUE.match(date.value)
                assert date.source in ("text", "published", None)
                location = locate_event(article.text, doc, sentence, trigger, article, gazetteer)
                if location is not None and location.lat is not None:
                    assert -90 <= location.lat <= 90 and -180 <= (location.lon or 0) <= 180
