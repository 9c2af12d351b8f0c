"""Finding event triggers in a parsed sentence: verbs and event nouns from the vocabulary,
with the particle, preposition or object that a phrase rule asks for ("pull out",
"call for", "impose sanctions")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsgraph.nlp.docs import doc_columns, string_id
from newsgraph.nlp.events.vocabulary import Condition, EventVocabulary, TriggerRule

# Dependents that hold the "object" of a verb: the direct object, or the subject of a passive
# ("sanctions were imposed").
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "dative"})
_TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
_PERSON = "@person"  # a condition word that accepts any person's name
_ORG = "@org"  # ... and any organization's name ("joined NATO")
# ... and any subject naming two parties or more ("Trump and Xi spoke", "the two leaders
# talked"): said of such a subject, a verb of talking is a meeting of them all
_PAIR = "@pair"
_PAIR_WORDS = frozenset({"two", "both", "three"})
_ABSENT = frozenset({"-"})  # condition words meaning "no such dependent"
_MOD_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})
_VERB_POS = frozenset({"VERB"})
_NOUN_POS = frozenset({"NOUN"})
# A participle modifying a noun describes ("the detained journalist") rather than reports, and
# a verb form in a noun's place ("evacuated the wounded") names people, not an event.
_DESCRIPTIVE_DEPS = frozenset({"amod", "compound", "dobj", "nsubj", "nsubjpass", "pobj"})


@dataclass(frozen=True)
class Trigger:
    """A word that names an event, the rule that codes it, the words that make up the phrase
    (head first) and, for a noun, the light verb it is the object of ("held talks")."""

    head: Any  # spaCy Token
    rule: TriggerRule
    words: tuple[Any, ...]
    light_verb: Any | None = None
    reporter: Any | None = None  # modal triggers: the verb of saying ("said ... must")
    # nouns that are the object of a verb trigger ("condemned the attack by X on Y"): that verb
    absorbed_by: Any | None = None

    @property
    def span(self) -> tuple[int, int]:
        """Character span from the first to the last word of the phrase."""
        start = min(token.idx for token in self.words)
        end = max(token.idx + len(token.text) for token in self.words)
        return start, end


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


# The dependency labels each condition kind looks at; other kinds name their label ("prt").
_KIND_DEPS = {
    "obj": OBJECT_DEPS,
    "prep": frozenset({"prep", "agent", "dative"}),
    "mod": _MOD_DEPS,
    # "pulled out of", "lashed out": the parser tells a particle from an adverb or a
    # preposition inconsistently, and a phrasal verb's second word is one of them
    "prt": frozenset({"prt", "advmod", "prep"}),
    "subj": frozenset({"nsubj", "nsubjpass"}),
}


_RELATIVE_OBJECTS = frozenset({"whom", "which", "that", "who"})


def clause_patient(verb: Any) -> Any | None:
    """The noun a participle or relative clause says was acted on: "hostages released by
    North Korea", "the detainees whom North Korea has released" -> the modified noun."""
    if verb.dep_ not in {"acl", "relcl"} or verb.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # a passive participle takes no object: "doctors from aid groups donated goods" is
        # a main verb the parser hung on a noun
        # (nor its coordinated verb: "donated and delivered goods"), and a sentence whose
        # root is a noun is such a misparse
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")]
        has_object = any(c.dep_ in {"dobj", "obj", "dative"} for v in verbs for c in v.children)
        misparsed = verb.sent.root.pos_ in {"NOUN", "PROPN"}
        return None if has_object or misparsed else verb.head
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"} and child.lower_ in _RELATIVE_OBJECTS:
            return verb.head
    return None


def _dependents(token: Any, kind: str) -> Iterator[Any]:
    if kind == "obj":
        found = False
        for child in token.children:
            if child.dep_ in OBJECT_DEPS and child.lower_ not in _RELATIVE_OBJECTS:
                found = True
                yield child
        patient = None if found else clause_patient(token)
        if patient is not None:
            yield patient
        return
    if kind == "gov":
        verb = governing_verb(token)
        if verb is not None:
            yield verb
        return
    if kind == "pobj":  # "held in detention": the object of one of the verb's prepositions
        for prep in token.children:
            if prep.dep_ in {"prep", "agent"}:
                yield from (c for c in prep.children if c.dep_ == "pobj")
        return
    deps = _KIND_DEPS.get(kind, frozenset({kind}))
    for child in token.children:
        if child.dep_ in deps and (kind != "prep" or child.pos_ == "ADP"):
            yield child


def _matching(token: Any, condition: Condition) -> Any | None:
    """The dependent of `token` that meets `condition`, or None."""
    for child in _dependents(token, condition.kind):
        if not condition.words or _lemma(child) in condition.words:
            return child
        # "700 kg of medicine", "a number of prisoners": the measured thing is the object
        if condition.kind == "obj" and _lemma(_measured(child)) in condition.words:
            return child
        if _PERSON in condition.words and child.ent_type_ == "PERSON":
            return child
        if _ORG in condition.words and child.ent_type_ == "ORG":
            return child
        if _PAIR in condition.words and _names_several(child):
            return child
        # "air-strike" is split by the tokenizer: check the word before a hyphen too
        if child.text.lower() in condition.words:
            return child
    return None


def _names_several(noun: Any) -> bool:
    """ "Trump and Xi", "the two leaders", "both sides": a phrase naming two parties or more."""
    return any(
        child.dep_ == "conj" or (child.dep_ in {"nummod", "det"} and child.lower_ in _PAIR_WORDS)
        for child in noun.children
    )


def _measured(noun: Any) -> Any:
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.text.lower() == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return noun


def match_rule(token: Any, rules: Iterable[TriggerRule]) -> tuple[TriggerRule, list[Any]] | None:
    """The most specific rule whose conditions all hold at `token`, with the words the
    conditions matched."""
    for rule in rules:
        matched: list[Any] = []
        for condition in rule.conditions:
            if condition.kind == "role":
                # the trigger's own place in its clause: "protesters stormed" (role:nsubj)
                if token.dep_ not in condition.words:
                    break
                continue
            if condition.words == _ABSENT:
                # "fight" with no object: "rebels fought", not "fought inflation"
                if next(_dependents(token, condition.kind), None) is not None:
                    break
                continue
            word = _matching(token, condition)
            if word is None:
                break
            matched.append(word)
        else:
            return rule, matched
    return None


def governing_verb(noun: Any) -> Any | None:
    """The verb whose object (or prepositional object) `noun` is, climbing through nouns:
    "declared a state of emergency" -> declared, "went on strike" -> went."""
    token = noun
    for _ in range(3):
        if token.dep_ == "pobj" and token.head.dep_ in {"prep", "agent"}:
            head = token.head.head
        elif token.dep_ in OBJECT_DEPS or token.dep_ in {"conj", "appos"}:
            head = token.head
        else:
            return None
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head.pos_ not in {"NOUN", "PROPN"}:
            return None
        token = head
    return None


def find_triggers(sentence: Any, vocabulary: EventVocabulary) -> list[Trigger]:
    """The triggers of one sentence (a spaCy Span), in text order: verbs first matched, then
    event nouns that no verb trigger already covers."""
    verbs: dict[int, Trigger] = {}
    nouns: list[Trigger] = []
    claimed: set[int] = set()  # words a verb rule's conditions used ("reached an agreement")
    for token in _tokens_with_pos(sentence, _VERB_POS | _NOUN_POS):
        if token.pos_ in _VERB_POS and token.dep_ not in _DESCRIPTIVE_DEPS:
            found = match_rule(token, _clause_rules(token, vocabulary.verb_rules(token)))
            if found is not None:
                verbs[token.i] = Trigger(token, found[0], (token, *_phrase_words(found[1])))
                claimed.update(word.i for word in found[1])
        elif token.pos_ in _NOUN_POS:
            found = match_rule(token, vocabulary.rules_for(_lemma(token), "noun"))
            if found is not None:
                nouns.append(Trigger(token, found[0], (token, *_phrase_words(found[1]))))
    modals = list(_modal_triggers(sentence, vocabulary))
    _yield_to_own(verbs, modals)
    kept = [*verbs.values(), *modals, *_verdict_triggers(sentence, vocabulary)]
    claimed.update(word.i for trigger in kept for word in trigger.words)
    for noun in nouns:
        if noun.head.i in claimed or _is_topic(noun.head) or _is_boilerplate(noun.head):
            continue
        if _is_speaker(noun.head, vocabulary):
            continue
        verb = governing_verb(noun.head)
        if verb is not None and verb.i in verbs:
            if verbs[verb.i].rule.type != noun.rule.type:
                # "condemned the attack by X on Y": the attack is an event of its own, told
                # through the verb's; it counts only with actors of its own (component.py)
                kept.append(Trigger(noun.head, noun.rule, noun.words, absorbed_by=verb))
            continue
        is_light = verb is not None and vocabulary.verb_cue("light", verb) is not None
        kept.append(Trigger(noun.head, noun.rule, noun.words, verb if is_light else None))
    return sorted(kept, key=lambda trigger: trigger.head.i)


# Verbs in a modifying clause describe a participant rather than report an act ("a body
# linked to the OAU", "diplomats based in Geneva", "talks aimed at", "..., leaving 100 troops").
_MODIFIER_CLAUSE_DEPS = frozenset({"acl", "advcl", "relcl", "prep", "pcomp", "csubj", "npadvmod"})


def _clause_rules(verb: Any, rules: tuple[TriggerRule, ...]) -> tuple[TriggerRule, ...]:
    """The rules a verb is tried with: converted rows (written for TABARI's main-clause
    patterns) only where the verb heads a clause of its own."""
    if verb.dep_ in _MODIFIER_CLAUSE_DEPS:
        return tuple(rule for rule in rules if not rule.converted)
    return rules


def _yield_to_own(verbs: dict[int, Trigger], modals: list[Trigger]) -> None:
    """Our rows take precedence over converted ones in a sentence too: a converted verb
    whose clause holds one of our triggers ("converged ... to protest", "shunned work to
    protest") or that a reported modal already codes ("said X must ensure": a request) is
    the circumstance of that event, not an event of its own."""
    ours = [t.head for t in verbs.values() if not t.rule.converted]
    modal_heads = {t.head.head.i for t in modals}
    for i, trigger in list(verbs.items()):
        if not trigger.rule.converted:
            continue
        if i in modal_heads or any(_governs(trigger.head, own) for own in ours):
            del verbs[i]


def _governs(verb: Any, token: Any) -> bool:
    """Whether `token` lies in a clause `verb` governs (up to three clauses up)."""
    for _ in range(3):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == verb.i:
            return True
    return False


# Newsroom formulas that name no political act: "did not respond to a request for comment",
# "calls for comment were not returned".
_BOILERPLATE = frozenset({("request", "comment"), ("call", "comment"), ("request", "interview")})


def _is_boilerplate(noun: Any) -> bool:
    lemma = _lemma(noun)
    return any((lemma, _lemma(obj)) in _BOILERPLATE for obj in _dependents(noun, "pobj"))


def _is_speaker(noun: Any, vocabulary: EventVocabulary) -> bool:
    """ "Protesters said the law was unfair", "the investigation found": an event noun
    that is the subject of a verb of saying is who speaks, not an event told."""
    return noun.dep_ == "nsubj" and vocabulary.verb_cue("reporting", noun.head) is not None


def _is_topic(noun: Any) -> bool:
    """ "a conference on assistance", "talks about a ceasefire": an event noun that is the
    subject matter of another noun names no event of its own."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.text.lower() in _TOPIC_PREPS
        and prep.head.pos_ in {"NOUN", "PROPN"}
    )


def _modal_triggers(sentence: Any, vocabulary: EventVocabulary) -> Iterator[Trigger]:
    """ "Russia said Sudan must return the helicopter": a modal in a clause reported by a verb
    of saying is the reporter's request to the clause's subject."""
    for token in _tokens_with_dep(sentence, frozenset({"aux"})):
        yield from _reported_trigger(token, vocabulary, "modal")


# Verbs whose complement is a verdict on the subject: "X is a provocation", "it seems illegal".
_COPULAS = frozenset({"be", "seem", "remain"})
_PREDICATE_DEPS = frozenset({"attr", "acomp"})


def _verdict_triggers(sentence: Any, vocabulary: EventVocabulary) -> Iterator[Trigger]:
    """ "Zhao said Japan's move was a provocation", "'This is illegal,' Lavrov said": a word
    of condemnation predicated of something in a clause a verb of saying reports is the
    speaker's judgement of it (ACCUSE), as the PLOVER coders code "X called Y's move a
    provocation". The trigger is the predicate word, its reporter the verb of saying."""
    for token in _tokens_with_dep(sentence, _PREDICATE_DEPS):
        if _lemma(token.head) in _COPULAS:
            yield from _reported_trigger(token, vocabulary, "verdict")


def _reported_trigger(token: Any, vocabulary: EventVocabulary, kind: str) -> Iterator[Trigger]:
    """A row of `kind` for `token`, whose clause (its head) a verb of saying reports: the
    event is that verb's subject's, the verb its reporter."""
    clause = token.head
    reporter = clause.head
    if clause.dep_ != "ccomp" or vocabulary.verb_cue("reporting", reporter) is None:
        return
    found = match_rule(token, vocabulary.rules_for(_lemma(token), kind))
    if found is not None:
        yield Trigger(token, found[0], (token,), reporter=reporter)


def _tokens_with_pos(sentence: Any, tags: frozenset[str]) -> Iterator[Any]:
    """The sentence's tokens with one of the parts of speech `tags`, in order, tested by id
    (read in C): a Token is built only for those."""
    doc = sentence.doc
    wanted = {string_id(doc, tag) for tag in tags}
    column = doc_columns(doc, ("POS",))[0]
    return (doc[i] for i in range(sentence.start, sentence.end) if column[i] in wanted)


def _tokens_with_dep(sentence: Any, deps: frozenset[str]) -> Iterator[Any]:
    """The sentence's tokens attached by one of `deps`, in order, tested by id as above."""
    doc = sentence.doc
    wanted = {string_id(doc, dep) for dep in deps}
    column = doc_columns(doc, ("DEP",))[0]
    return (doc[i] for i in range(sentence.start, sentence.end) if column[i] in wanted)


def _phrase_words(matched: list[Any]) -> tuple[Any, ...]:
    # Particles belong to the trigger phrase ("pull out"); objects and modifiers are kept
    # as part of the trigger only when they are single words next to it ("hunger strike").
    return tuple(word for word in matched if word.dep_ in {"prt", "compound", "amod"})


__all__ = [
    "OBJECT_DEPS",
    "Trigger",
    "clause_patient",
    "find_triggers",
    "governing_verb",
    "match_rule",
]
