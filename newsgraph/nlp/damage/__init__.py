"""Find places where an article's text has lost words.

Scrapers often drop the text of hyperlinks, leaving sentences such as "the meeting between
and Xi" or "Kazakh President greeted his as he arrived". Each rule below looks for one
grammatical hole of that kind: a word that cannot stand where it stands unless something after
(or before) it was removed. The rules prefer silence to guessing: legitimate English that looks
similar (stranded prepositions, "the book is his", "by and large") is excluded, because a false
alarm costs a reader more trust than a missed gap.

Word lists live in ``newsgraph/data/damage_lexicon.tsv`` so users can read and extend them.

The rules live by what they read: ``word_rules`` (determiners, possessives, verbs),
``phrase_rules`` (prepositions, conjunctions), ``title_rules`` (titles used as names) and
``layout_rules`` (characters and lines); ``tokens``, ``stranding`` and ``lexicon`` hold what
they share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.tokens import Doc, Token

from newsgraph.model import Damage
from newsgraph.nlp.damage.layout_rules import (
    rule_double_space,
    rule_empty_brackets,
    rule_hyphen,
    rule_paragraph_start,
    rule_sentence_start,
    rule_space_before_punctuation,
)
from newsgraph.nlp.damage.phrase_rules import (
    rule_conjunct,
    rule_dangling_conjunction,
    rule_preposition,
)
from newsgraph.nlp.damage.title_rules import rule_title
from newsgraph.nlp.damage.word_rules import (
    rule_determiner,
    rule_his,
    rule_possessive,
    rule_speech_verb,
    rule_verb_object,
)
from newsgraph.nlp.docs import doc_text

__all__ = ["KINDS", "find_damage"]

# Kinds, most specific first: when two flags overlap, the earlier kind names the merged flag.
KINDS: tuple[str, ...] = (
    "orphan_possessive",
    "missing_conjunct",
    "missing_name_after_title",
    "missing_speaker",
    "missing_noun_after_determiner",
    "missing_object_after_preposition",
    "missing_object_after_verb",
    "dangling_conjunction",
    "missing_word_before_hyphen",
    "empty_brackets",
    "paragraph_starts_mid_sentence",
    "sentence_starts_mid_sentence",
    "space_before_punctuation",
    "double_space",
)
_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}

_RULES: tuple[Callable[[Doc, Sequence[Token]], Iterator[Damage]], ...] = (
    rule_possessive,
    rule_conjunct,
    rule_title,
    rule_speech_verb,
    rule_determiner,
    rule_his,
    rule_preposition,
    rule_verb_object,
    rule_dangling_conjunction,
    rule_hyphen,
    rule_empty_brackets,
    rule_paragraph_start,
    rule_sentence_start,
    rule_space_before_punctuation,
    rule_double_space,
)


def _merge(found: Iterable[Damage]) -> list[Damage]:
    """Sort by start and merge overlapping flags into one, named by the most specific kind."""
    merged: list[Damage] = []
    for item in sorted(found, key=lambda d: (d.span[0], _PRIORITY[d.kind])):
        if merged and item.span[0] < merged[-1].span[1]:
            last = merged[-1]
            best = last if _PRIORITY[last.kind] <= _PRIORITY[item.kind] else item
            merged[-1] = Damage(
                best.kind, (last.span[0], max(last.span[1], item.span[1])), best.detail
            )
        else:
            merged.append(item)
    return merged


def find_damage(text: str, doc: Doc) -> list[Damage]:
    """Places in `text` where words seem lost, sorted by start, without overlaps.

    `doc` must be the spaCy Doc of exactly `text` (tagger, parser and lemmatizer are used).
    """
    if doc_text(doc) != text:
        raise ValueError("doc must be the spaCy Doc of exactly this text")
    if not text.strip():
        return []
    # Iterating a Doc builds Token objects anew each time; the rules share one list.
    tokens = list(doc)
    return _merge(damage for rule in _RULES for damage in rule(doc, tokens))
