"""Judgements as events: verdicts a speaker voices ("X said Y's move was a provocation"),
phrasal verbs of criticism, and the country of people the text gives none."""

from __future__ import annotations

import pytest

from newsgraph import decode_text
from newsgraph.config import Config
from newsgraph.model import Article, Event, EventActor

pytestmark = pytest.mark.model

CONFIG = Config(components=("sentences", "actors", "quotes", "events"))


def decode(text: str) -> Article:
    return decode_text(text, CONFIG, published="2020-05-15")


def of_type(article: Article, event_type: str) -> Event:
    found = [e for e in article.events if e.type == event_type]
    assert found, [(e.type, article.text[e.trigger[0] : e.trigger[1]]) for e in article.events]
    return found[0]


def countries(actors: list[EventActor]) -> set[str]:
    return {str(actor.code)[:3] for actor in actors}


def test_verdict_in_a_quote_accuses_what_the_speaker_spoke_of() -> None:
    article = decode(
        '"This is a provocation," Chinese Foreign Ministry spokesman Zhao Lijian said of the '
        "Japanese move."
    )
    event = of_type(article, "ACCUSE")
    assert article.text[event.trigger[0] : event.trigger[1]] == "provocation"
    assert countries(event.source) == {"CHN"} and countries(event.target) == {"JPN"}
    assert event.modality == "asserted"


def test_reported_verdict_accuses_the_actor_of_the_thing_judged() -> None:
    event = of_type(decode("Lavrov said the American sanctions were illegal."), "ACCUSE")
    assert countries(event.source) == {"RUS"} and countries(event.target) == {"USA"}


def test_negated_verdict_is_no_accusation() -> None:
    article = decode("Lavrov said the American sanctions were not illegal.")
    assert of_type(article, "ACCUSE").modality == "negated"


@pytest.mark.parametrize(
    "text",
    [
        "The Kazakh foreign minister said the situation in Astana was dangerous.",
        "Trump said the weather would be a disaster.",
        "The minister said the plan was illegal.",  # judged, but of no one
    ],
)
def test_verdicts_of_situations_or_of_no_one_are_not_events(text: str) -> None:
    assert [e for e in decode(text).events if e.type == "ACCUSE"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Senator John McCain hit out at President Barack Obama over Syria.",
        "Senator John McCain took aim at President Barack Obama over Syria.",
    ],
)
def test_phrasal_verbs_of_criticism_accuse(text: str) -> None:
    event = of_type(decode(text), "ACCUSE")
    assert countries(event.source) == {"USA"} and countries(event.target) == {"USA"}


def test_unknown_person_takes_the_country_of_the_event_s_own_clause() -> None:
    # the sentence names Israel too, but only in a relative clause about Trump
    article = decode(
        "Trump, who has a close relationship with Netanyahu, has repeatedly criticized both "
        "Rashida Tlaib and Ilhan Omar."
    )
    event = of_type(article, "ACCUSE")
    assert [str(a.code)[:3] for a in event.target] == ["USA", "USA"]


def test_unknown_person_in_a_clause_naming_two_countries_stays_uncoded() -> None:
    event = of_type(
        decode("Juan Perez accused Venezuela of meddling in Colombia's election."), "ACCUSE"
    )
    assert [a.code for a in event.source] == [None]
