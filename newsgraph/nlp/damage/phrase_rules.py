"""Rules for the words that join phrases: a preposition without its object, a conjunction
without one of its conjuncts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from newsgraph.model import Damage
from newsgraph.nlp.damage.lexicon import words
from newsgraph.nlp.damage.stranding import in_parenthetical_coordination, may_be_stranded
from newsgraph.nlp.damage.tokens import (
    FINITE_VERB_TAGS,
    damage,
    hyphen_follows,
    in_idiom,
    is_gap_punct,
    listed,
    next_token,
    prev_token,
    span,
    starts_adverbial,
)

_FIXED_TO = frozenset({"according", "due", "prior"})


def rule_conjunct(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'the meeting between and Xi': a preposition or 'both' directly before 'and'."""
    coordinators = words("coordinator")
    for tok in tokens:
        if tok.lower_ not in coordinators:
            continue
        prev, nxt = prev_token(tok), next_token(tok)
        if prev is None:
            continue
        if nxt is not None and nxt.tag_ in FINITE_VERB_TAGS and _after_between(tok):
            # "Relations between Beijing and have soured": the second conjunct is lost.
            yield damage(
                "missing_conjunct", span(tok, nxt), f"nothing after '{tok.text}' in 'between'"
            )
            continue
        if _first_conjunct_lost(prev, tok, nxt):
            yield damage(
                "missing_conjunct",
                span(prev, tok),
                f"nothing between '{prev.text}' and '{tok.text}'",
            )


def _first_conjunct_lost(prev: Token, cc: Token, nxt: Token | None) -> bool:
    """True when `prev`, a preposition or 'both' right before the coordinator `cc`, lost the
    object that should stand between them."""
    object_preps = words("object_preposition")
    correlatives = words("correlative")
    known = prev.lower_ in object_preps or prev.lower_ in words("preposition")
    is_prep = known and prev.tag_ in {"IN", "TO"}
    if not is_prep and prev.lower_ not in correlatives:
        return False
    repeated = nxt is not None and nxt.lower_ == prev.lower_  # "spoke to and to the press"
    # "for and against", "with and without": two prepositions share one object.
    if nxt is not None and nxt.tag_ in {"IN", "TO", "RP"} and not repeated:
        return False
    # "reaching out to and recruiting people", "travel to and business with Cuba": the
    # object is shared with a later phrase. Only a name right after 'and', or a word
    # such as 'between' that needs two conjuncts, shows the first conjunct is lost.
    strong = prev.lower_ in object_preps or prev.lower_ in correlatives
    if is_prep and prev.lower_ not in correlatives and not repeated and not _name_follows(nxt):
        return False
    if not strong and not _name_follows(nxt):
        return False  # "in and out", "on and off": adverbs, unless a name follows
    return not (in_idiom(cc) or (is_prep and may_be_stranded(prev)))


def _after_between(cc: Token) -> bool:
    """True when 'between' opened the coordination that `cc` belongs to (within 4 words)."""
    node: Token | None = cc
    for _ in range(4):
        node = prev_token(node) if node is not None else None
        if node is None or node.is_punct or node.lower_ in words("coordinator"):
            return False  # "between Trump and Comey and said": the pair was complete
        if node.lower_ == "between":
            return True
    return False


def _name_follows(tok: Token | None) -> bool:
    """True when `tok` starts a name: 'Xi', 'the United States'."""
    if tok is not None and tok.lower_ == "the":
        tok = next_token(tok)
    return tok is not None and tok.pos_ == "PROPN"


def _is_listed_preposition(tok: Token) -> bool:
    """Whether `tok` is a preposition of the word lists: the only tokens that can lack an
    object (checked before the neighbours are looked for, which costs more)."""
    low = tok.lower_
    return tok.tag_ in {"IN", "TO"} and (
        low in words("object_preposition") or low in words("preposition")
    )


def _preposition_gap(prep: Token, nxt: Token | None) -> str:
    """Why `prep` lacks its object, or '' when it does not."""
    low = prep.lower_
    strong = low in words("object_preposition")
    if not _is_listed_preposition(prep):
        return ""
    prev = prev_token(prep)
    if nxt is None or (prev is not None and prev.text == "("):
        return ""  # "(from)": a word the writer inserted into a quote
    if is_gap_punct(nxt):
        # A colon introduces a list or a quote ("prefaced with: ..."), so it is not a gap.
        if not strong or nxt.text == ":" or in_parenthetical_coordination(prep):
            return ""
        fixed = prev is not None and prev.lower_ in _FIXED_TO
        if low == "to" and not fixed and (prev is None or prev.pos_ not in {"NOUN", "PROPN"}):
            return ""  # "he wants them to.", "agreed to,": an elided verb phrase
        return "followed by punctuation"
    # A following name ("of In Amenas"), a doubled word ("with with") or an adverbial
    # ("of at least") is not a lost object.
    if not nxt.text.islower() or nxt.lower_ == low or starts_adverbial(nxt):
        return ""
    if strong and nxt.lower_ in words("gap_after_preposition") and nxt.tag_ == "IN":
        return "" if hyphen_follows(nxt) else f"followed by another preposition '{nxt.text}'"
    # "In came the United States", "Inside ousted ruler's palace": inversions and captions
    # start with the preposition; a lost object leaves it in mid-sentence, in lowercase.
    if nxt.tag_ in FINITE_VERB_TAGS and nxt.pos_ in {"VERB", "AUX"} and prep.text.islower():
        return f"followed by the verb '{nxt.text}'"
    return ""


def rule_preposition(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'according to , the talks failed', 'met with on Tuesday', 'Officials in said'."""
    for tok in tokens:
        if not _is_listed_preposition(tok):
            continue
        nxt = next_token(tok)
        why = _preposition_gap(tok, nxt)
        if not why or nxt is None:
            continue
        # "according to" never strands its object.
        prev = prev_token(tok)
        fixed = tok.lower_ == "to" and prev is not None and prev.lower_ in _FIXED_TO
        if not fixed and (may_be_stranded(tok) or in_idiom(tok)):
            continue
        yield damage("missing_object_after_preposition", span(tok, nxt), f"'{tok.text}' {why}")


def rule_dangling_conjunction(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'..., China and .': a conjunction with nothing after it ('and, in fact,' is fine)."""
    for tok in listed(doc, tokens, "coordinator"):
        if prev_token(tok) is None:
            continue
        nxt = next_token(tok)
        # Glued "(and)" is an editor's insertion; a lost word leaves "and ." spaced.
        if nxt is not None and nxt.text in {".", ";", ":", ")", "!", "?"} and is_gap_punct(nxt):
            yield damage("dangling_conjunction", span(tok, nxt), f"nothing after '{tok.text}'")
