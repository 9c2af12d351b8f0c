"""Attributions read from the dependency parse: a cue word and the clause it reports.

* a reporting verb with a clausal complement: "X said (that) …", "X told reporters …",
  "“…,” said X", "X warned the order “has become outdated”";
* a reporting verb inserted into the clause it reports: "The bill, X said, is dead";
* "according to X" and its kin: the rest of the clause is the content;
* a reporting noun with a that-clause: "X's claim that …", "the warning that …".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsgraph.model import Span
from newsgraph.nlp.quotes.content import Attribution, subtree_span, token_span, trim
from newsgraph.nlp.quotes.lexicon import CueLexicon

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Verbs whose subject is shared with the verb they hang from: "…, adding that",
# "X stood up and said", "X went on to say".
_SHARED_SUBJECT = ("conj", "xcomp", "advcl", "pcomp")
_PARTICLES = ("prt",)


def parse_attributions(doc: Any, lexicon: CueLexicon) -> list[Attribution]:
    """Every attribution the parse shows, in the order of their cues."""
    found: list[Attribution] = []
    for token in doc:
        found.extend(_from_token(doc.text, token, lexicon))
    return found


def _from_token(text: str, token: Any, lexicon: CueLexicon) -> Iterator[Attribution]:
    if token.lower_ == "according":
        yield from _according_to(text, token)
    elif token.pos_ in ("VERB", "AUX"):
        kind = lexicon.verb_kind(token.lemma_, token.text)
        if kind is not None:
            yield from _verb_cue(text, token, kind)
    elif token.pos_ == "NOUN":
        kind = lexicon.nouns.get(token.lemma_.lower())
        if kind is not None:
            yield from _noun_cue(text, token, kind)


def _verb_cue(text: str, verb: Any, kind: str) -> Iterator[Attribution]:
    complements = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ != "PUNCT"]
    if kind == "intention":
        complements += [c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VB"]
    cue = _cue_span(verb)
    source, head = speaker_phrase(text, verb)
    for complement in complements:
        content = trim(text, subtree_span(complement))
        if content[0] < content[1]:
            yield Attribution([content], cue, kind, source, head)
    if not complements and verb.dep_ in ("parataxis", "ccomp") and source is not None:
        # "The bill, he said, is dead" / "The bill is dead, he said": the verb hangs from
        # the clause it reports, which is its head's subtree without the verb's own.
        pieces = _around(text, verb.head, verb)
        if pieces:
            yield Attribution(pieces, cue, kind, source, head)


def _according_to(text: str, according: Any) -> Iterator[Attribution]:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source_token = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if to is None or source_token is None:
        return
    clause = according.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
        clause = clause.head
    pieces = _around(text, clause, according)
    if pieces:
        source = trim(text, subtree_span(source_token))
        cue = (according.idx, to.idx + len(to.text))
        yield Attribution(pieces, cue, "speech", source, token_span(source_token))


def _noun_cue(text: str, noun: Any, kind: str) -> Iterator[Attribution]:
    for clause in noun.children:
        if clause.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
        ):
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            source = trim(text, subtree_span(owner)) if owner is not None else None
            head = token_span(owner) if owner is not None else None
            content = trim(text, subtree_span(clause))
            yield Attribution([content], token_span(noun), kind, source, head)


def _around(text: str, clause: Any, inserted: Any) -> list[Span]:
    """The clause's text on both sides of an inserted phrase (its subtree)."""
    sentence = clause.sent
    left, right = clause.left_edge.i, clause.right_edge.i
    cut_left, cut_right = inserted.left_edge.i, inserted.right_edge.i
    pieces: list[Span] = []
    doc = clause.doc
    if cut_left > left:
        end = doc[cut_left - 1]
        pieces.append(trim(text, (doc[left].idx, end.idx + len(end.text))))
    if cut_right < right and cut_right + 1 < sentence.end:
        last = doc[right]
        pieces.append(trim(text, (doc[cut_right + 1].idx, last.idx + len(last.text))))
    return [p for p in pieces if p[0] < p[1]]


def _cue_span(verb: Any) -> Span:
    """The verb with its particle ("pointed out") and auxiliaries ("has said")."""
    start, end = token_span(verb)
    for child in verb.children:
        if child.dep_ in _PARTICLES and child.i > verb.i:
            end = max(end, child.idx + len(child.text))
        elif child.dep_ in ("aux", "neg") and child.i < verb.i and verb.i - child.i <= 2:
            start = min(start, child.idx)
    return (start, end)


def speaker_phrase(text: str, verb: Any) -> tuple[Span | None, Span | None]:
    """The phrase that speaks through `verb` and the span of its head word: the subject,
    the agent of a passive, or the subject shared with the verb it is joined to."""
    subject = _subject(verb)
    if subject is None:
        return None, None
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        # "Smith, who said …": the relative pronoun stands for the noun it follows.
        noun = subject.head.head
        return trim(text, (noun.left_edge.idx, noun.idx + len(noun.text))), token_span(noun)
    return trim(text, subtree_span(subject)), token_span(subject)


def _subject(verb: Any) -> Any:
    seen = 0
    while seen < 4:
        for child in verb.children:
            if child.dep_ == "agent":
                by_whom = next((c for c in child.children if c.dep_ == "pobj"), None)
                if by_whom is not None:
                    return by_whom
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ not in _SHARED_SUBJECT or verb.head is verb:
            return None
        verb, seen = verb.head, seen + 1
    return None


__all__ = ["parse_attributions", "speaker_phrase"]
