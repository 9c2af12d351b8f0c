"""Who did what to whom: the source (PLOVER's actor) and target (recipient) of a trigger,
read from the dependency parse.

Verbs: the subject is the source, the object and the objects of "with", "to", "against",
"on" ... are targets; in the passive the agent ("by X") is the source and the subject the
target. Nouns: a possessive, "by X" or "between X and Y" gives the source, "of", "to", "on",
"with", "against" the target; a noun that is the object of a light verb ("held talks")
takes the verb's arguments; a mediation's "between X and Y" are its recipients. Conjuncts
expand to several actors (participants.py). When the target words name no one, the nouns
inside their phrase are tried ("a camp for Congolese refugees"), and a verb without an
object shares its coordinated verb's ("donated and delivered goods to X").

The source comes as a list of candidates, nearest first: a pronoun subject the actor layer
could not resolve gives way to the subject of the clause above ("Syria says it will ...").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsgraph.model import Entity, Span
from newsgraph.nlp.actors.kb import KnowledgeBase, normalize_name
from newsgraph.nlp.events.triggers import Trigger, clause_patient, governing_verb
from newsgraph.nlp.events.vocabulary import EventVocabulary

_TARGET_PREPS = frozenset(
    {"with", "to", "against", "on", "upon", "at", "into", "toward", "towards"}
)
_VERB_TARGET_PREPS = _TARGET_PREPS | {"from"}
# "threatened action against Russia", "rejected calls by Belarus's rulers"
_OBJECT_TARGET_PREPS = _TARGET_PREPS | {"from", "by", "over", "for", "between"}
_NOUN_SOURCE_PREPS = frozenset({"by", "between", "among"})
_FROM = frozenset({"from"})
_NOUN_TARGET_PREPS = _TARGET_PREPS | {"of", "for", "over"}
# Where a one-sided action happens names its recipient when nothing else does ("lifted the
# curfew in Montenegro"), as CAMEO-coded data conventionally records.
_PLACE_PREPS = frozenset({"in", "inside", "within", "from", "across", "into", "throughout"})
_CONTROL_PREPS = frozenset({"on", "upon"})
_ANY_PREP = frozenset({"in", "of", "for", "with", "on"})
_CONDITION_MARKS = frozenset({"if", "unless"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Mediation: the parties "between" whom the mediator works are its recipients
MEDIATION_CODES = frozenset({"045", "039", "105"})
_BETWEEN = frozenset({"between", "among"})
# Phrases inside a target noun that still describe who it is ("refugees fleeing the war in
# Liberia", "a camp for Congolese refugees"), read only when the noun itself names no one.
_INNER_DEPS = frozenset({"acl", "relcl", "prep"})
_INNER_CLAUSE_PREPS = _PLACE_PREPS | _TARGET_PREPS | {"by"}
_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "acomp"})


@dataclass
class Arguments:
    sources: list[list[Any]]  # candidate source heads, nearest first
    target: list[Any]
    later_targets: list[Any] = field(default_factory=list)  # used when `target` names no actor
    places: list[Any] = field(default_factory=list)  # "in Montenegro": the last resort target
    # deeper in the target phrase ("a camp for Congolese refugees"): when nothing else names one
    inner_targets: list[Any] = field(default_factory=list)


class ActorIndex:
    """The article's actors by the character offsets of their mentions."""

    def __init__(self, entities: list[Entity], kb: KnowledgeBase) -> None:
        self.kb = kb
        self._spans: list[tuple[Span, Entity]] = []
        self._by_id = {entity.id: entity for entity in entities}
        for entity in entities:
            spans = {*entity.mentions, *(detail.span for detail in entity.details)}
            self._spans.extend((span, entity) for span in spans)
        # Shortest spans first: the most precise mention wins where mentions nest.
        self._spans.sort(key=lambda item: item[0][1] - item[0][0])
        # Every character of a mention to its most precise mention: a lookup per token
        # costs nothing, where a scan of all mentions made long articles quadratic.
        self._at: dict[int, tuple[Entity, Span]] = {}
        for span, entity in self._spans:
            for offset in range(span[0], span[1]):
                self._at.setdefault(offset, (entity, span))
        self._surnames = _people_by_surname(entities)

    def entity(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def at(self, token: Any) -> tuple[Entity, Span] | None:
        hit = self._at.get(token.idx)
        if hit is None and token.pos_ == "PROPN" and token.text[:1].isupper():
            return self._by_surname(token)
        return hit

    def _by_surname(self, token: Any) -> tuple[Entity, Span] | None:
        """ "Pompeo met the Crown Prince" after "Secretary of State Mike Pompeo": a lone
        surname the recognizer did not tag is the person of the article named in full
        earlier with it (one person only: two of that surname leave it unresolved)."""
        entity = self._surnames.get(normalize_name(token.text))
        if entity is None or min(start for start, _ in entity.mentions) >= token.idx:
            return None
        return entity, (token.idx, token.idx + len(token.text))


def _people_by_surname(entities: list[Entity]) -> dict[str, Entity]:
    """The article's people named in full (two words or more), by surname; a surname two of
    them share is left out."""
    found: dict[str, Entity | None] = {}
    for entity in entities:
        words = normalize_name(entity.name).split()
        if entity.type != "PERSON" or len(words) < 2 or not entity.mentions:
            continue
        known = found.setdefault(words[-1], entity)
        if known is not None and known.id != entity.id:
            found[words[-1]] = None
    return {surname: entity for surname, entity in found.items() if entity is not None}


# "met on the sidelines of the UN General Assembly", "on the eve of the summit": the occasion
# of an event, never a party to it
_OCCASIONS = frozenset({"sideline", "sidelines", "margin", "margins", "eve", "occasion", "side"})


def _prep_objects(token: Any, preps: frozenset[str]) -> Iterator[Any]:
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and child.text.lower() in preps:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            for noun in objects or _stranded_object(child):
                if noun.lower_ not in _OCCASIONS:
                    yield noun


def _stranded_object(prep: Any) -> list[Any]:
    """ "granted asylum to five officers holed up in ...": the parser made the noun after
    the preposition the subject of the next clause, leaving the preposition without an
    object; the noun phrase right after it is still what it governs."""
    if prep.i + 1 >= len(prep.doc):
        return []
    token = prep.doc[prep.i + 1]
    for _ in range(4):
        if token.pos_ in {"NOUN", "PROPN"} and token.head.pos_ not in {"NOUN", "PROPN"}:
            return [token] if token.head.i != prep.i and token.i > prep.i else []
        if token.head.i <= token.i:
            return []
        token = token.head
    return []


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _agents(verb: Any) -> list[Any]:
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if agents:
        return agents
    # "Hamas was designated a terrorist organization by the United States": the small parser
    # hangs the "by" phrase on the object predicate
    complements = [c for c in verb.children if c.dep_ in {"dobj", "oprd", "attr"}]
    return [p for c in complements for p in _prep_objects(c, frozenset({"by"}))]


def source_candidates(verb: Any, vocabulary: EventVocabulary) -> list[list[Any]]:
    """Who does what `verb` says, nearest first, climbing through controlling, coordinated
    and reporting clauses ("agreed to cooperate", "attacked and killed", "urged Iran to
    stop", "said it would ...")."""
    found: list[list[Any]] = []
    current = verb
    for step in range(5):
        if _is_passive(current):
            if step > 0 and verb.dep_ == "conj":
                # "was indicted by the court and will resign": the shared subject resigns
                patients = [c for c in current.children if c.dep_ == "nsubjpass"]
                return [*found, patients] if patients else found
            agents = _agents(current)
            return [*found, agents] if agents else found
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subject = _clause_subject(subjects[0])
            if subject.text.lower() in _RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return [*found, [current.head]]
            found.append([subject])
            if subject.pos_ != "PRON":
                return found
        elif current.dep_ == "xcomp" and vocabulary.verb_cue("control", current.head) is not None:
            # "urged Iran to stop", "called on NATO to supply"
            objects = [c for c in current.head.children if c.dep_ in {"dobj", "obj"}]
            objects += _prep_objects(current.head, _CONTROL_PREPS)
            if objects:
                return [*found, objects[:1]]
        if current.dep_ not in _CLIMB_DEPS or current.head.i == current.i:
            return found
        current = current.head
        if current.pos_ in {"NOUN", "PROPN"}:  # "a declaration demanding ...": the noun's verb
            found.append([current])
            current = governing_verb(current) or current
            if current.pos_ not in {"VERB", "AUX"}:
                return found
    return found


def _is_stance(verb: Any, vocabulary: EventVocabulary) -> bool:
    """ "is committed to", "is prepared to": a participle the cues list as stating an
    intention, used without an agent, describes its subject's stance."""
    has_agent = any(c.dep_ == "agent" for c in verb.children)
    return not has_agent and vocabulary.cue("governor", str(verb.text).lower()) == "intended"


def _clause_subject(subject: Any) -> Any:
    """ "The Red Cross operating in Iraq said": the small parser makes the participle the
    subject; its own subject is the actor."""
    if subject.pos_ == "VERB":
        return next((c for c in subject.children if c.dep_ in _SUBJECT_DEPS), subject)
    return subject


def _inner_targets(heads: list[Any]) -> list[Any]:
    """The nouns one or two phrases inside `heads` (through prepositions and participle
    or relative clauses), nearest first."""
    found: list[Any] = []
    frontier = list(heads)
    for _ in range(2):
        following: list[Any] = []
        for token in frontier:
            for child in token.children:
                if child.dep_ not in _INNER_DEPS:
                    continue
                if child.dep_ == "prep":
                    following.extend(c for c in child.children if c.dep_ == "pobj")
                else:
                    # "a demonstration staged by students", "refugees fleeing to Chad"
                    following.extend(_prep_objects(child, _INNER_CLAUSE_PREPS))
                    following.extend(c for c in child.children if c.dep_ in {"dobj", "obj"})
        found.extend(following)
        frontier = following
    return found


def _shared_conjunct(verb: Any) -> Any | None:
    """ "donated and delivered goods to the school": coordinated verbs share the object the
    last of them takes."""
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB":
            return child
    return None


def _complement_targets(verb: Any) -> Iterator[Any]:
    """ "threatened to deliver blows to the United States", "offered to talk with Armenia":
    the recipient named inside the to-clause."""
    for clause in verb.children:
        if clause.dep_ != "xcomp":
            continue
        objects = [c for c in clause.children if c.dep_ in {"dobj", "dative"}]
        yield from _prep_objects(clause, _TARGET_PREPS)
        for obj in objects:
            yield from _prep_objects(obj, _TARGET_PREPS)


def _condition_subjects(verb: Any) -> Iterator[Any]:
    """ "threatened to strike unless Baghdad accepted": the party the condition is put to."""
    clauses = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    for clause in clauses:
        for sub in clause.children:
            marks = {m.text.lower() for m in sub.children if m.dep_ == "mark"}
            if sub.dep_ == "advcl" and marks & _CONDITION_MARKS:
                yield from (c for c in sub.children if c.dep_ == "nsubj")


def verb_arguments(verb: Any, vocabulary: EventVocabulary) -> Arguments:
    """Source candidates and target heads of a verb trigger."""
    patient = clause_patient(verb)
    if patient is not None:
        return _modifier_clause_arguments(verb, patient, vocabulary)
    if _is_passive(verb):
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if _is_stance(verb, vocabulary) and patients:
            # "Vietnam is committed to opening up": a stance, not a passive; its subject acts
            targets = list(_prep_objects(verb, _VERB_TARGET_PREPS))
            return Arguments([patients], targets, inner_targets=_inner_targets(targets))
        targets = [*patients, *_prep_objects(verb, _VERB_TARGET_PREPS)]
        sources = source_candidates(verb, vocabulary)
        return Arguments(sources, targets, inner_targets=_inner_targets(targets))
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "dative"}]
    targets = [*objects, *_prep_objects(verb, _VERB_TARGET_PREPS)]
    later = [o for obj in objects for o in _prep_objects(obj, _OBJECT_TARGET_PREPS)]
    # "pledged 50 million euros in aid to Sudan", "mobilized reservists for a war against
    # Iraq": one phrase further in
    later += [
        o
        for token in (*objects, verb)
        for inner in _prep_objects(token, _ANY_PREP)
        for o in _prep_objects(inner, _TARGET_PREPS)
    ]
    if not objects:
        # "demanded that the US cancel ...": the subject of the complement clause
        later.extend(
            s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"
        )
    later.extend(_complement_targets(verb))
    later.extend(_condition_subjects(verb))
    partner = _shared_conjunct(verb)
    if not targets and partner is not None:
        shared = [c for c in partner.children if c.dep_ in {"dobj", "obj", "dative"}]
        later.extend(shared)
        later.extend(_prep_objects(partner, _VERB_TARGET_PREPS))
        later.extend(o for obj in shared for o in _prep_objects(obj, _TARGET_PREPS))
    places = [p for token in (verb, *objects) for p in _prep_objects(token, _PLACE_PREPS)]
    inner = _inner_targets(targets)
    return Arguments(source_candidates(verb, vocabulary), targets, later, places, inner)


def _modifier_clause_arguments(verb: Any, patient: Any, vocabulary: EventVocabulary) -> Arguments:
    """ "hostages released by North Korea", "detainees whom North Korea has released", "the
    sanctions imposed by the EU on Russia": the modified noun is acted on (the target, or
    for an event noun its recipients further in), the agent or the clause's own subject
    acts; the noun is never the source."""
    own = [
        c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.lower_ not in _RELATIVE_PRONOUNS
    ]
    sources = [own] if own else ([_agents(verb)] if _agents(verb) else [])
    targets = [patient, *_prep_objects(verb, _VERB_TARGET_PREPS)]
    later = list(_prep_objects(patient, _OBJECT_TARGET_PREPS))
    places = list(_prep_objects(verb, _PLACE_PREPS))
    return Arguments(sources, targets, later, places, _inner_targets(targets))


def noun_arguments(trigger: Trigger, vocabulary: EventVocabulary) -> Arguments:
    """Source and target heads of a noun trigger, with a light verb's arguments first."""
    noun = trigger.head
    sources: list[list[Any]] = []
    target: list[Any] = []
    own = [c for c in noun.children if c.dep_ == "poss"]
    # "U.S. sanctions", "Russian absorption of Crimea", "Republican criticism": a proper
    # noun or a capitalized adjective (a nationality, a party) modifying the event names its
    # actor; a lower-case one ("military strikes") names none
    own += [c for c in noun.children if _names_actor(c)]
    mediation = trigger.rule.cameo in MEDIATION_CODES
    source_preps = _NOUN_SOURCE_PREPS - _BETWEEN if mediation else _NOUN_SOURCE_PREPS
    own += list(_prep_objects(noun, source_preps))
    if own:
        sources.append(own)
    # "aid from Japan" names the giver, "withdrawal from Afghanistan" a place: "from" comes last
    origin = list(_prep_objects(noun, _FROM))
    places = list(_prep_objects(noun, _PLACE_PREPS))
    if trigger.absorbed_by is not None and not (own or origin):
        return Arguments([], [])  # told through another event and naming no actor itself
    if trigger.light_verb is not None:
        verb_args = verb_arguments(trigger.light_verb, vocabulary)
        sources.extend(verb_args.sources)
        target.extend(t for t in verb_args.target if t.i != noun.i)
        places.extend(verb_args.places)
    if origin:
        sources.append(origin)
    governor = governing_verb(noun)
    if trigger.light_verb is None and governor is not None and noun.dep_ in {"dobj", "obj"}:
        # "the United States speeded up the withdrawal of its forces": who acts on the event
        sources.extend(source_candidates(governor, vocabulary))
    occasion = _occasion_clause(noun) if trigger.rule.type == "CONSULT" else None
    if trigger.light_verb is None and occasion is not None:
        # "During a meeting with Macron, Trump said ...", "Ahead of a trip to Baghdad,
        # Pompeo told reporters ...": the one who meets or travels is the clause's subject
        sources.extend(source_candidates(occasion, vocabulary))
    target_preps = _NOUN_TARGET_PREPS | _BETWEEN if mediation else _NOUN_TARGET_PREPS
    target.extend(_prep_objects(noun, target_preps))
    if any(c.kind == "role" for c in trigger.rule.conditions) and noun.head.pos_ == "VERB":
        # "protesters stormed the U.S. embassy": a noun whose row names its place in the
        # clause (the people who act) takes what its clause acts on
        verb = noun.head
        target.extend(c for c in verb.children if c.dep_ in {"dobj", "obj"})
        target.extend(_prep_objects(verb, _TARGET_PREPS))
    # "its demand that Israel ease restrictions": the subject of the noun's clause
    later = [
        s
        for c in noun.children
        if c.dep_ in {"acl", "ccomp"}
        for s in c.children
        if s.dep_ == "nsubj"
    ]
    return Arguments(sources, target, later, places, _inner_targets(target))


def _names_actor(modifier: Any) -> bool:
    if modifier.dep_ not in {"compound", "amod"}:
        return False
    return bool(
        modifier.pos_ == "PROPN" or (modifier.dep_ == "amod" and modifier.text[:1].isupper())
    )


# Prepositions that make a meeting or a trip the time of the clause they open.
_OCCASION_PREPS = frozenset({"during", "after", "before", "following", "at", "on", "of"})
_OCCASION_HEADS = frozenset({"ahead", "prior"})


def _occasion_clause(noun: Any) -> Any | None:
    """The verb of the clause a meeting noun sets the time of ("during a meeting with X,
    Y said"; "ahead of a trip to Z, Y told"), or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in _OCCASION_PREPS:
        return None
    head = prep.head
    if prep.lower_ == "of":  # "ahead of", "prior to" forms: "of" hangs on the adverb
        if head.lower_ not in _OCCASION_HEADS:
            return None
        head = head.head
    elif prep.lower_ in {"at", "on"}:
        return None  # "at the meeting" names a place more often than a time
    return head if head.pos_ in {"VERB", "AUX"} else None


def modal_arguments(trigger: Trigger, vocabulary: EventVocabulary) -> Arguments:
    """ "X said Y must ...": X asks, Y is asked."""
    clause = trigger.head.head
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return Arguments(source_candidates(trigger.reporter, vocabulary), subjects)


# Joining and admitting: the new member acts toward the organization, whichever of them the
# sentence makes its subject ("NATO admitted Finland", "Finland was admitted to NATO",
# "Finland became NATO's 31st member").
_ADMITTING = frozenset({"admit", "induct", "accept"})
_INTO = frozenset({"to", "into"})


def membership_arguments(verb: Any, vocabulary: EventVocabulary) -> Arguments | None:
    """Member -> organization for a membership verb, or None for other verbs."""
    lemma = str(verb.lemma_).lower()
    if lemma == "become":
        members = [c for c in verb.children if c.dep_ == "attr" and c.lemma_ == "member"]
        return Arguments(source_candidates(verb, vocabulary), members) if members else None
    if lemma not in _ADMITTING:
        return None
    organizations = list(_prep_objects(verb, _INTO))
    if _is_passive(verb):
        members = [c for c in verb.children if c.dep_ == "nsubjpass"]
        others = _agents(verb)
    else:
        members = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        others = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if not members:
        return None
    return Arguments([members], organizations, later_targets=others)


_OF = frozenset({"of", "about"})


def verdict_arguments(trigger: Trigger, vocabulary: EventVocabulary) -> Arguments:
    """ "Zhao said Japan's move was a provocation": the speaker judges, what the verdict is
    said of is judged (its actor: "Japan's move" -> Japan); "'This is a provocation,' Zhao
    said of the Japanese move": what the speaker spoke of."""
    clause = trigger.head.head
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    spoken_of = list(_prep_objects(trigger.reporter, _OF))
    return Arguments(source_candidates(trigger.reporter, vocabulary), subjects, spoken_of)


def trigger_arguments(trigger: Trigger, vocabulary: EventVocabulary) -> Arguments:
    if trigger.rule.pos == "modal":
        return modal_arguments(trigger, vocabulary)
    if trigger.rule.pos == "verdict":
        return verdict_arguments(trigger, vocabulary)
    if trigger.rule.pos == "verb":
        membership = membership_arguments(trigger.head, vocabulary)
        if membership is not None and trigger.rule.type == "COOPERATE":
            return membership
        return verb_arguments(trigger.head, vocabulary)
    return noun_arguments(trigger, vocabulary)


__all__ = [
    "MEDIATION_CODES",
    "ActorIndex",
    "Arguments",
    "noun_arguments",
    "source_candidates",
    "trigger_arguments",
    "verb_arguments",
]
