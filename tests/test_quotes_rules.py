"""Attribution rules of the quotes layer on sentences written for these tests: infinitive
complements, object complements, paragraph-bound cues, speakers kept out of content."""

from __future__ import annotations

import pytest
from test_quotes import decode, only

from newsgraph.model import Article


@pytest.fixture(scope="module")
def story() -> Article:
    return decode(
        "Governor Paul Hendricks vowed to veto the spending bill.\n"
        "Senator Amy Lee praised the mayor for her handling of the flood.\n"
        "The senator echoed the call for a ceasefire in the region.\n"
        "“Yes, I support the plan,” Brent Miller, head of the Farmers Union, tells the Courier.\n"
        "“Closing the plant is a mistake,” Mayor Ana Ruiz said. “It will cost us dearly.”\n"
        "Later, union leaders said the talks had failed.\n"
        "“I think the deal is dead,” Senator Amy Lee said, “and we should start over.”\n"
        "Mayor Tom Brandt said the budget was balanced, and accused the council of "
        "wasting money on consultants."
    )


def test_quotes_speech_verb_with_infinitive_reports_the_infinitive(story: Article) -> None:
    quote = only(story, "veto the spending bill")
    assert quote.text == "to veto the spending bill"
    assert quote.cue is not None and quote.cue.text == "vowed"


def test_quotes_object_content_keeps_its_prepositional_complement(story: Article) -> None:
    quote = only(story, "the mayor")
    assert quote.text == "the mayor for her handling of the flood"


def test_quotes_stance_verb_from_the_lexicon_reports_its_object(story: Article) -> None:
    quote = only(story, "ceasefire")
    assert quote.cue is not None and quote.cue.text == "echoed"
    assert quote.text.startswith("the call for a ceasefire")


def test_quotes_content_never_carries_its_own_speaker(story: Article) -> None:
    quote = only(story, "I support the plan")
    assert "Brent Miller" not in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Brent Miller"


def test_quotes_quotation_after_the_cue_sentence_continues_within_its_paragraph(
    story: Article,
) -> None:
    quote = only(story, "cost us dearly")
    assert "Closing the plant is a mistake" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Ana Ruiz"


def test_quotes_cue_inside_another_quotation_is_not_a_cue(story: Article) -> None:
    quote = only(story, "start over")
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.speaker is not None and quote.speaker.name == "Amy Lee"


def test_quotes_quotation_on_both_sides_of_one_cue_is_one_statement(story: Article) -> None:
    quote = only(story, "start over")
    assert quote.text == "I think the deal is dead and we should start over."


def test_quotes_clause_stops_where_a_further_speech_cue_joins_on(story: Article) -> None:
    quote = only(story, "budget was balanced")
    assert quote.text == "the budget was balanced"


def test_quotes_speaker_is_the_subject_nearest_the_cue_not_a_timestamp_line() -> None:
    article = decode(
        "The Latest on the race.\n\n___.\n\n12:15 p.m.:\n\n"
        "President Barack Obama says that the economy is growing.\n"
    )
    quote = only(article, "economy is growing")
    assert quote.speaker is not None and quote.speaker.name == "Barack Obama"


def test_quotes_participle_after_a_noun_speaks_for_that_noun() -> None:
    article = decode("Protesters held signs saying the war must end.\n")
    quote = only(article, "the war must end")
    assert quote.speaker is not None and quote.speaker.name == "signs"
