"""Titles used as names: 'Chinese President said on Monday', 'Mr. said'.

A title ('President', 'Secretary of State', 'Mr.') is followed by a name or introduced by a
determiner; when neither is there, the name was lost.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from newsgraph.model import Damage
from newsgraph.nlp.damage.lexicon import words
from newsgraph.nlp.damage.tokens import (
    DASHES,
    FINITE_VERB_TAGS,
    POSSESSIVE_S,
    TERMINAL,
    damage,
    is_gap_punct,
    looks_like_name_or_brand,
    next_token,
    prev_token,
    span,
)
from newsgraph.nlp.docs import doc_text

_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"})


def rule_title(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'Chinese President said on Monday': a title used as a name, with neither name nor 'the'."""
    for tok in tokens:
        # The title test first: it fails on almost every token, the neighbour search not.
        if not ends_title(tok):
            continue
        nxt = next_token(tok)
        if nxt is None:
            continue
        if tok.lower_ in _HONORIFICS:
            if _honorific_lacks_name(nxt):
                yield damage(
                    "missing_name_after_title", span(tok, nxt), f"no name after '{tok.text}'"
                )
            continue
        if not tok.text[0].isupper():
            continue
        # A capitalized verb ("President Says") is headline style, which drops articles.
        verb = nxt.tag_ in FINITE_VERB_TAGS and nxt.text.islower()
        # "Queen's Speech" names a thing; "Chinese President's visit" lost the name.
        owner = nxt.text in POSSESSIVE_S and _next_is_lowercase(nxt)
        # A comma or 'and' after a title is left alone: "Interior Minister and party leader
        # Naftali Bennett", "King, R-New York" (a surname) and "Mr. President," are common.
        if not (verb or owner) or tok.ent_type_ == "PERSON":
            continue  # "a step King argues": a surname, not a title
        title_start = _title_start(tok)
        first = _title_phrase_start(title_start) if title_start is not None else None
        if first is None or _is_headline(tok):
            continue
        yield damage(
            "missing_name_after_title", span(first, nxt), f"no name after the title '{tok.text}'"
        )


def _honorific_lacks_name(nxt: Token) -> bool:
    """True when the word after an honorific cannot start the name it always introduces."""
    # "Mr. said", "Mr. , and others": an honorific is always followed by a name
    # ("Mr. el-Erian" and "Dr. von der Leyen" begin with a lowercase particle).
    lost = nxt.text[:1].islower() and not looks_like_name_or_brand(nxt.text)
    return lost or is_gap_punct(nxt) or nxt.text in POSSESSIVE_S


def ends_title(tok: Token) -> bool:
    """True when `tok` ends a title: 'President', 'Mr.', 'Secretary of State'."""
    # "Mr." / "Mr", but not "MR." in an all-caps caption nor "DR" (the Dominican Republic).
    if tok.lower_ in _HONORIFICS:
        return tok.text[0].isupper() and tok.text[1:2].islower()
    return _title_start(tok) is not None


def _title_start(tok: Token) -> Token | None:
    """First word of the capitalized title that `tok` ends ('Secretary' for 'Secretary of
    State'), or None when `tok` ends no title ('the secretary of State' is not one)."""
    if tok.tag_ not in {"NNP", "NN"} or not tok.text[:1].isupper():
        return None
    titles = words("title")
    if tok.lower_ in titles:
        return tok
    phrase = [tok.lower_]
    node: Token | None = tok
    for _ in range(3):
        node = prev_token(node) if node is not None else None
        if node is None:
            return None
        phrase.insert(0, node.lower_)
        if " ".join(phrase) in titles:
            return node if node.text[:1].isupper() else None
    return None


def _next_is_lowercase(tok: Token) -> bool:
    nxt = next_token(tok)
    return nxt is not None and nxt.text[:1].islower()


def _title_phrase_start(title: Token) -> Token | None:
    """First token of a title phrase ('Chinese Foreign Minister'), or None when the phrase is
    complete: a determiner or possessive introduces it ('the next President', "Russia's
    President"), a verb or 'as' makes it predicative ('remaining Prime Minister', 'as
    President'), or it holds a person's name ('Martin Luther King's')."""
    first = title
    node = prev_token(title)
    while node is not None:
        if node.tag_ in {"DT", "PRP$", "POS", "WP$"} or node.text in POSSESSIVE_S:
            return None
        if node.ent_type_ == "PERSON":
            return None
        capitalized = node.text[:1].isupper()
        # "Secretary of State", "ex-Chancellor", "then-President", "new Prime Minister".
        joiner = node.text in DASHES or node.lower_ in {"ex", "then", "of", "for"}
        if not (capitalized or joiner or node.tag_ in {"JJ", "JJR", "JJS"}):
            break
        first = node
        node = prev_token(node)
    if node is not None and (node.pos_ in {"VERB", "AUX"} or node.lower_ == "as"):
        return None
    return first


def _is_headline(tok: Token) -> bool:
    """True when `tok` is in a short line without final punctuation: a headline or caption."""
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    line = text[start : end if end >= 0 else len(text)].strip()
    return not line.endswith(TERMINAL)
