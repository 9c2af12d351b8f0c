"""Whether an event is asserted, negated, future (or intended) or hypothetical, from the
words around its trigger: negations, auxiliaries ("will", "could"), governing verbs ("plans
to", "refused to", "is expected to") and conditional clauses ("if", "unless")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.nlp.events.vocabulary import EventVocabulary

_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
# Sequence of tenses: "they said they would meet" reports an intention, not a condition.
_REPORTED_FUTURE = frozenset({"would", "'d"})


@dataclass(frozen=True)
class Modality:
    """The cue values found around a trigger ("negated", "intended" — a commitment such as
    "will" or "vowed to" —, "future", "hypothetical"), whether an "unless" clause makes an
    intention an ultimatum, and the governing verb when the trigger is its complement."""

    values: frozenset[str]
    ultimatum: bool = False
    governed_by: Any | None = None

    @property
    def public(self) -> str:
        """Event.modality: "negated", "hypothetical", "future" or "asserted"."""
        for value in ("negated", "hypothetical"):
            if value in self.values:
                return value
        if self.values & {"intended", "future"}:
            return "future"
        return "asserted"


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _is_reported(verb: Any, vocabulary: EventVocabulary) -> bool:
    return verb.dep_ == "ccomp" and vocabulary.verb_cue("reporting", verb.head) is not None


def _local_cues(verb: Any, vocabulary: EventVocabulary) -> set[str]:
    found: set[str] = set()
    for child in verb.children:
        word = child.text.lower()
        value: str | None = None
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
            value = vocabulary.cue("negation", word) or vocabulary.cue("negation", _lemma(child))
        elif child.dep_ in {"aux", "auxpass"}:
            value = vocabulary.cue("aux", word) or vocabulary.cue("aux", _lemma(child))
            if word in _REPORTED_FUTURE and _is_reported(verb, vocabulary):
                value = "intended"
        elif child.dep_ == "mark":
            value = vocabulary.cue("conditional", word)
        if value:
            found.add(value)
    return found


def _conditions(verb: Any, vocabulary: EventVocabulary) -> tuple[bool, bool]:
    """Whether `verb` has a conditional clause ("if talks fail"), and an "unless" one."""
    conditional = ultimatum = False
    for clause in verb.children:
        if clause.dep_ != "advcl":
            continue
        for mark in clause.children:
            if mark.dep_ != "mark":
                continue
            word = mark.text.lower()
            conditional |= vocabulary.cue("conditional", word) is not None
            ultimatum |= vocabulary.cue("ultimatum", word) is not None
    return conditional, ultimatum


def _is_infinitive_clause(verb: Any) -> bool:
    """ "have sworn to fight": the parser may attach a to-infinitive as an adverbial clause."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.text.lower() == "to" for c in verb.children
    )


def _clause_verb(token: Any) -> Any:
    """The verb whose clause holds `token` (a noun's governing verb)."""
    current = token
    for _ in range(6):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def modality_of(trigger_head: Any, anchor: Any, vocabulary: EventVocabulary) -> Modality:
    """The modality of the event whose trigger is `trigger_head`; `anchor` is the verb that
    carries it (the trigger itself, or a noun's light verb), or the noun itself."""
    if anchor.pos_ not in {"VERB", "AUX"}:
        return _noun_modality(anchor, vocabulary)
    values = _local_cues(anchor, vocabulary)
    if trigger_head.i != anchor.i:  # "no talks were held"
        values |= {v for v in _local_cues(trigger_head, vocabulary) if v == "negated"}
    first = _first_conjunct(anchor)
    if first.i != anchor.i:
        # "will meet Xi and sign the deal", "must drive them out and kill them": the
        # auxiliary of the first verb is the coordinated verb's too (a negation is not:
        # "did not attend but sent a message")
        values |= {v for v in _local_cues(first, vocabulary) if v != "negated"}
    conditional, ultimatum = _conditions(first, vocabulary)
    if conditional:
        values.add("hypothetical")
    governed_by = None
    current = first
    for _ in range(4):  # up through "is expected to be able to ..."
        if current.dep_ not in _COMPLEMENT_DEPS and not _is_infinitive_clause(current):
            break
        head = current.head
        value = vocabulary.verb_cue("governor", head) or _predicate_cue(head, vocabulary)
        if value:
            values.add(value)
            governed_by = governed_by or head
        values |= {v for v in _local_cues(head, vocabulary) if v != "negated"}
        current = head
    return Modality(frozenset(values), ultimatum, governed_by)


def _predicate_cue(verb: Any, vocabulary: EventVocabulary) -> str | None:
    """ "it is wiser to negotiate", "it is important to talk": the parser hangs the
    infinitive on the copula, whose adjective is what governs it."""
    if verb.lemma_ != "be":
        return None
    adjectives = (c for c in verb.children if c.dep_ == "acomp")
    return next(filter(None, (vocabulary.verb_cue("governor", a) for a in adjectives)), None)


_OWN_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"})


def _first_conjunct(verb: Any) -> Any:
    """The first of coordinated verbs that share their subject and auxiliaries with `verb`
    (`verb` itself when it has its own)."""
    current = verb
    for _ in range(4):
        if current.dep_ != "conj" or current.head.pos_ not in {"VERB", "AUX"}:
            return current
        if any(c.dep_ in _OWN_CLAUSE_DEPS for c in current.children):
            return current
        current = current.head
    return current


def _noun_modality(noun: Any, vocabulary: EventVocabulary) -> Modality:
    """A nominal event is negated by "no" ("no talks"); as the object of a governing verb it
    takes that verb's reading ("demanded the release of", "denied the attack"). The tense of
    a clause the noun is merely part of ("her visits will build on ...") is not its own."""
    values = {v for v in _local_cues(noun, vocabulary) if v == "negated"}
    verb = _clause_verb(noun)
    if verb.i != noun.i and noun.head.i == verb.i and noun.dep_ in _OBJECT_DEPS:
        value = vocabulary.verb_cue("governor", verb)
        if value:
            values.add(value)
            return Modality(frozenset(values), False, verb)
    return Modality(frozenset(values))


__all__ = ["Modality", "modality_of"]
