"""Who speaks through a cue: the subject of a reporting verb, the agent of a passive, the
subject shared with the verb it is joined to, or the noun a relative pronoun stands for;
and which subjects name nobody ("it is expected that …", "we were told …")."""

from __future__ import annotations

import re
from typing import Any

from newsgraph.model import Span
from newsgraph.nlp.quotes.content import token_span, trim

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Verbs whose subject is shared with the verb they hang from: "…, adding that",
# "X stood up and said", "X went on to say".
_SHARED_SUBJECT = ("conj", "xcomp", "advcl", "pcomp")


def speaker_phrase(text: str, verb: Any) -> tuple[Span | None, Span | None]:
    """The phrase that speaks through `verb` and the span of the word that names the
    speaker: the subject, the agent of a passive, or the subject shared with the verb it is
    joined to. A relative pronoun speaks for the noun it follows: "Smith, who said …" is
    Smith (the pronoun is the phrase, like "he"; the noun's phrase is the name)."""
    if _asked(verb):
        return None, None
    subject = _subject(verb)
    if subject is None or expletive(subject):
        return None, None
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return token_span(subject), _noun_phrase(text, _antecedent(subject))
    phrase = _noun_phrase(text, subject)
    if subject.i < verb.i:
        phrase = _last_line(text, phrase)
    head = token_span(subject)
    return phrase, head if phrase[0] <= head[0] else phrase


# A dateline's news agency before a dash: "New York (AFP) – ", "CLEVELAND (UPI) — ".
_DATELINE = re.compile(r"\)\s*[—–]\s*")


def _last_line(text: str, phrase: Span) -> Span:
    """A subject before its verb is the words nearest the verb: a parse that runs a
    timestamp line or a dateline into the subject ("9:05 a.m.\n\nSenator X says …",
    "New York (AFP) – Actress Y said …") hangs the name from the time or the place."""
    start, end = phrase
    words = text[start:end]
    cut = words.rfind("\n") + 1
    for match in _DATELINE.finditer(words):
        cut = max(cut, match.end())
    return trim(text, (start + cut, end)) if 0 < cut < len(words) else phrase


def _asked(verb: Any) -> bool:
    """A participle of being asked or told with no subject of its own ("Asked whether …,
    Ryan said …", "when asked about X"): the one who asked is not named; the subject it
    shares is the one asked. A sentence's first word is often tagged a past tense
    ("Asked what …, Devine said"): with no subject it is the participle too."""
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.i == verb.sent.start)
    return bool(
        participle
        and verb.lemma_.lower() in ADDRESSED
        and verb.dep_ in ("advcl", "acl", "xcomp")
        and not any(c.dep_ in (*SUBJECTS, "agent", "auxpass") for c in verb.children)
    )


def _antecedent(pronoun: Any) -> Any:
    """The noun a relative pronoun stands for. The parse hangs the clause on the nearest
    noun; "who" is a person, so in "Anna Berg, an envoy from Oslo, who said …" it climbs
    from "Oslo" through the apposition to the person named."""
    noun = pronoun.head.head
    if pronoun.lower_ != "who":
        return noun
    described = _described_by(noun)
    if described is not None:
        return described
    climbing = noun
    while climbing.ent_type_ != "PERSON" and climbing.dep_ in ("pobj", "prep", "appos"):
        climbing = climbing.head
    return climbing if climbing.ent_type_ == "PERSON" else noun


def _described_by(noun: Any) -> Any:
    """The subject a predicate noun describes: in "Smith is a lawyer and author who said
    …" the one who said it is Smith (through the nouns joined by "and" or commas)."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


# Verbs whose passive subject is the one spoken to: in "we were told …" we did not speak.
ADDRESSED = frozenset({"tell", "ask", "inform", "assure", "brief", "advise", "remind"})


def expletive(subject: Any) -> bool:
    """ "It is expected that …", "there are reports that …", "we were told that …": nobody
    (named) speaks."""
    if subject.dep_ == "nsubjpass" and subject.head.lemma_.lower() in ADDRESSED:
        return True
    return bool(subject.dep_ == "expl" or (subject.lower_ == "it" and subject.dep_ == "nsubjpass"))


# Clauses that hang from a speaker's name but do not name it: "X, who arrived late",
# "X, speaking to reporters", "X when asked about Y".
_NOT_THE_NAME = ("relcl", "acl", "advcl")


def _noun_phrase(text: str, head: Any) -> Span:
    """The subject's words, without the clauses hanging from it or a participle set off by
    a comma after it ("Rubio, speaking at a rally, …"), an age ("Gold, 83, of Sarasota"),
    or a timestamp or dateline before it in the paragraph ("RENO, Nev. (AP) —")."""
    dropped = {t.i for c in head.children if c.dep_ in _NOT_THE_NAME for t in c.subtree}
    dropped |= _misattached_words(head)
    aside = _first_aside(head)
    tokens = [t for t in head.subtree if t.i not in dropped]
    kept: list[Any] = []
    for token in tokens:
        if token.i < head.i and (token.text in ("—", "–") or "\n" in token.text_with_ws):
            kept = []  # a dateline or an earlier paragraph ends here
            continue
        if aside is not None and token.i >= aside:
            break
        age = token.i + 1 < len(token.doc) and token.nbor(1).like_num
        if token.i > head.i and token.text == "," and age:
            break
        kept.append(token)
    if not kept:
        return token_span(head)
    return trim(text, (kept[0].idx, kept[-1].idx + len(kept[-1].text)))


def _first_aside(head: Any) -> int | None:
    """Where the first participle clause set off by a comma after the name begins (at its
    comma), wherever the parse hung it (often on the last noun of an apposition): "Rubio,
    speaking at a rally, said …" is Rubio. A relative clause ("Trump, who has a lead in
    delegates, …") stays: PolNeAR's sources keep it about as often as not, and more often
    on train[120:300]."""
    for token in head.subtree:
        if token.i <= head.i or token.dep_ not in _PARTICIPLES:
            continue
        start: int = token.left_edge.i
        if start - 1 > head.i and token.doc[start - 1].text == ",":
            return start - 1
    return None


_PARTICIPLES = ("acl", "advcl")


def _misattached_words(head: Any) -> set[int]:
    """Words a parse hung before a plural head that cannot belong to it: in "a gesture
    officials in Astana described as …" the "a gesture" of an apposition is no part of
    "officials" (a singular article never leads a plural noun)."""
    if head.tag_ not in ("NNS", "NNPS"):
        return set()
    article = next((c for c in head.lefts if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
    if article is None:
        return set()
    return {t.i for t in head.doc[article.i : head.i] if t.dep_ != "compound" or t.i < article.i}


def _subject(verb: Any) -> Any:
    seen = 0
    while seen < 4:
        for child in verb.children:
            if child.dep_ == "agent":
                by_whom = next((c for c in child.children if c.dep_ == "pobj"), None)
                if by_whom is not None:
                    return by_whom
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:
            # A parse that runs a timestamp line into the sentence gives the verb two
            # subjects ("12:15 p.m.:\n\nObama says"): the one nearest the verb speaks.
            return min(subjects, key=lambda s: abs(verb.i - s.i))
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "a man, saying he was nervous, …": the man speaks
        if verb.dep_ not in _SHARED_SUBJECT or verb.head.i == verb.i:
            return None
        verb, seen = _sharing(verb), seen + 1
    return None


def _sharing(verb: Any) -> Any:
    """The word whose subject `verb` shares: its head, or past a preposition or an
    adjective to the verb they hang from: "Bolton distanced himself by saying …", "Police
    charged him after determining …", "Voters are more likely to say …"."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        return head.head
    return head


__all__ = ["ADDRESSED", "SUBJECTS", "expletive", "speaker_phrase"]
