"""Rules for a word that cannot stand without its partner: a determiner or possessive without
its noun or owner, a verb without its object or speaker."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from newsgraph.model import Damage
from newsgraph.nlp.damage.lexicon import words
from newsgraph.nlp.damage.stranding import is_passive, may_be_stranded
from newsgraph.nlp.damage.title_rules import ends_title
from newsgraph.nlp.damage.tokens import (
    CLOSING_QUOTES,
    FINITE_VERB_TAGS,
    POSSESSIVE_S,
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

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _determiner_lacks_noun(det: Token, nxt: Token | None) -> bool:
    """True when what follows an article/possessive cannot start its noun phrase."""
    if nxt is None or is_gap_punct(nxt):
        return True
    # "Mattis said the will answer": the parser made the article itself the subject.
    if det.dep_ in _ARGUMENT_DEPS and nxt.tag_ in FINITE_VERB_TAGS and nxt.text.islower():
        after = next_token(nxt)
        # "The continued sparring": a participle before its noun, not a verb.
        return after is None or (after.pos_ not in {"NOUN", "PROPN"} and after.tag_ != "VBG")
    # "the WHO", "the IS": capitals make a name of a function word.
    if not nxt.text.islower() or nxt.lower_ not in words("not_after_determiner"):
        return False
    if hyphen_follows(nxt):
        return False
    return not starts_adverbial(nxt)


def rule_determiner(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'pointing to the , the and the RCEP', 'blames the for launching attacks'."""
    articles = words("article")
    possessives = words("possessive_determiner")
    for tok in tokens:
        low = tok.lower_
        if low not in articles and low not in possessives:
            continue
        # "A" is also a letter and a grade ("Plan A", "(a)"): trust only lowercase a/an.
        if low in {"a", "an"} and tok.text != low:
            continue
        prev = prev_token(tok)
        nxt = next_token(tok)
        if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")":
            continue  # list markers such as "(a)"
        if nxt is not None and nxt.text in POSSESSIVE_S:
            continue  # reported as an orphan possessive
        if nxt is None and prev is None:
            continue  # a paragraph that is a single word
        if nxt is not None and nxt.text == ")" and not tok.whitespace_:
            continue  # "that a) America has enemies; b) ..."
        if _determiner_lacks_noun(tok, nxt) and not in_idiom(tok):
            end = nxt if nxt is not None else tok
            yield damage(
                "missing_noun_after_determiner",
                span(tok, end),
                f"'{tok.text}' is not followed by a noun",
            )


def rule_his(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'greeted his as he arrived': 'his' as the object of a verb, with a non-noun after it."""
    for tok in listed(doc, tokens, "ambiguous_possessive"):
        prev, nxt = prev_token(tok), next_token(tok)
        if prev is None or nxt is None:
            continue
        # "the book is his", "a friend of his": only an action verb makes 'his' a determiner.
        if prev.pos_ != "VERB" or prev.lemma_ == "be":
            continue
        if nxt.tag_ in {"IN", "CC", "TO"} or is_gap_punct(nxt):
            if in_idiom(nxt):
                continue
            yield damage(
                "missing_noun_after_determiner", span(tok, nxt), "'his' is not followed by a noun"
            )


def rule_possessive(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'The SCO was 's first': a possessive 's after a space, with no owner before it."""
    for tok in tokens:
        if tok.text not in POSSESSIVE_S:
            continue
        prev = prev_token(tok)
        glued = prev is not None and not prev.whitespace_ and prev.i == tok.i - 1
        if glued and prev is not None and prev.lower_ not in words("article"):
            continue  # the normal case: "China's", and contractions such as "That's"
        # "Austria 's" is a stray space left by a link, but the owner is there: not a loss.
        owner_kinds = {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X", "SYM"}
        owner = (
            prev is not None and prev.pos_ in owner_kinds and prev.lower_ not in words("article")
        )
        if owner and not (prev is not None and ends_title(prev)):
            continue  # but "President 's promise" lost the president's name
        if prev is not None and (prev.text in {")", "]"} or prev.text in CLOSING_QUOTES):
            continue
        first = prev if prev is not None and not is_gap_punct(prev) else tok
        yield damage("orphan_possessive", span(first, tok), "possessive 's has no owner")


def rule_speech_verb(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'"We will win," said.': a reporting verb between a closing quote and punctuation has
    lost its speaker ('"We will win," he said.' keeps it)."""
    for tok in listed(doc, tokens, "speech_verb"):
        prev, nxt = prev_token(tok), next_token(tok)
        # After a comma the speaker usually precedes ("Ms. Rice, an adviser, said."); only a
        # closing quote right before the verb shows that the speaker after it is gone.
        if prev is None or nxt is None or prev.text not in CLOSING_QUOTES:
            continue
        if nxt.text in {",", ".", ";"} and not in_idiom(tok):
            yield damage("missing_speaker", span(prev, nxt), f"'{tok.text}' has no speaker")


def rule_verb_object(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'Haddad told that Morsy was held', 'the president thanked for the support': an active
    verb that always names whom it addresses, with no one after it."""
    for tok in listed(doc, tokens, "verb_needs_object"):
        if tok.tag_ != "VBD":
            continue
        nxt = next_token(tok)
        if nxt is None or is_passive(tok) or tok.dep_ in {"relcl", "acl", "amod"}:
            continue
        if nxt.lower_ in {"that", "for"} or is_gap_punct(nxt):
            if may_be_stranded(nxt) if nxt.lower_ == "for" else may_be_stranded(tok):
                continue
            yield damage("missing_object_after_verb", span(tok, nxt), f"'{tok.text}' has no object")
