"""The `events` analysis component: who did what to whom, coded in PLOVER and CAMEO.

For every sentence: triggers from the vocabulary (verbs, phrases, event nouns), their
source and target actors from the dependency parse, the modality, the coding, the quote the
event is told in, and its date and place (when.py, where.py). One event per trigger, in
text order, ids "e1", "e2", ...
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import date
from itertools import accumulate
from typing import Any

from newsgraph.config import Config
from newsgraph.model import Article, Event, EventActor, Quote
from newsgraph.nlp.actors.component import publication_date
from newsgraph.nlp.actors.kb import KnowledgeBase, load_kb
from newsgraph.nlp.events.arguments import MEDIATION_CODES, ActorIndex, trigger_arguments
from newsgraph.nlp.events.coding import code_event, sentence_keys
from newsgraph.nlp.events.modality import modality_of
from newsgraph.nlp.events.participants import ParticipantFinder
from newsgraph.nlp.events.triggers import Trigger, find_triggers
from newsgraph.nlp.events.vocabulary import EventVocabulary, load_vocabulary
from newsgraph.nlp.events.when import resolve_event_date
from newsgraph.nlp.events.where import locate_event
from newsgraph.nlp.places.gazetteer import Gazetteer, load_gazetteer
from newsgraph.nlp.registry import ComponentFn, component


class EventCoder:
    """Finds and codes the events of an article (the component's work, usable alone)."""

    def __init__(self, vocabulary: EventVocabulary, kb: KnowledgeBase, gazetteer: Gazetteer):
        self.vocabulary = vocabulary
        self.kb = kb
        self.gazetteer = gazetteer

    def events(self, article: Article, doc: Any) -> list[Event]:
        """The events of `article`, whose parse is `doc`, in text order with ids e1, e2, ..."""
        if not doc.has_annotation("DEP"):
            return []  # a pipeline without a parser: no arguments to read
        finder = ParticipantFinder(ActorIndex(article.entities, self.kb), self.gazetteer)
        published = publication_date(article)
        events: list[Event] = []
        quotes = _QuoteIndex(article.quotes)
        previous: dict[str, Event] = {}  # the last sentence's events with parties, by type
        for sentence in doc.sents:
            found = self._sentence_events(sentence, finder)
            for trigger, event in found:
                _parties_from_before(event, trigger, previous)
            previous = {e.type: e for _, e in reversed(found) if e.source or e.target}
            for trigger, event in found:
                event.id = f"e{len(events) + 1}"
                self._place_in_time_and_space(event, article, doc, published)
                _unassert_by_time_or_question(event, article.text, published)
                _attribute_unclaimed_force(event, trigger, finder, self.vocabulary)
                _attach_quote(event, quotes)
                events.append(event)
        return events

    def _sentence_events(
        self, sentence: Any, finder: ParticipantFinder
    ) -> list[tuple[Trigger, Event]]:
        triggers = find_triggers(sentence, self.vocabulary)
        if not triggers:
            return []
        keys = sentence_keys(sentence)
        heads = {trigger.head.i: trigger for trigger in triggers}
        # "staged rallies to protest X": the light verb stands for its noun's event
        heads.update({t.light_verb.i: t for t in triggers if t.light_verb is not None})
        found: list[tuple[Trigger, Event, Trigger | None]] = []
        for trigger in triggers:
            governor = _governing_trigger(trigger, heads)
            event = self._event(trigger, governor is not None, keys, finder, sentence)
            found.append((trigger, event, governor))
        _inherit_targets(found)
        _share_light_verb_targets(found)
        for _, event, _ in found:
            if event.type == "PROTEST" and not event.target:
                event.target = _government_protested(event.source, self.kb)
        kept = [(trigger, event) for trigger, event, _ in found if _has_actors(trigger, event)]
        kept += _unowned_violence(found, kept)
        return sorted(kept, key=lambda pair: pair[0].head.i)

    def _event(
        self,
        trigger: Trigger,
        embedded: bool,
        keys: list[str],
        finder: ParticipantFinder,
        sentence: Any,
    ) -> Event:
        arguments = trigger_arguments(trigger, self.vocabulary)
        if trigger.rule.type == "MOBILIZE" or trigger.rule.mode in _OWN_FORCE_MODES:
            # "mobilized army reservists", "withdrew its inspectors": the actor's own people
            # are what it moves, not its recipients (whom it mobilizes against)
            arguments.target = [t for t in arguments.target if not finder.is_role(t)]
        source = finder.first_actors(arguments.sources)
        target = _without(finder.actors(arguments.target), source)
        for fallback in (arguments.later_targets, arguments.inner_targets):
            if not finder.named(target):
                target = finder.with_roles_placed(target, _without(finder.actors(fallback), source))
        anchor = trigger.reporter or trigger.light_verb or trigger.head
        if trigger.rule.pos == "verdict":
            # told by its copula: "said the move was not illegal", "would be a mistake"
            anchor = trigger.head.head
        modality = modality_of(trigger.head, anchor, self.vocabulary)
        coding = code_event(trigger.rule, modality, embedded, keys, self.vocabulary)
        # A meeting's parties named together ("Israel and Lebanon held talks", "talks
        # between A and B") are all its actor; one the subject meets ("X met Y", "held talks
        # with Y") is its recipient, as the PLOVER gold records code meetings. Where it
        # takes place ("met in Cairo") is no party.
        meeting = coding.type == "CONSULT" and not _is_directed(coding.mode, coding.cameo)
        places: list[EventActor] = []
        if not meeting and not finder.named(target) and source:
            places = _without(finder.places(arguments.places), source)
            target = places or target
        if coding.mode == "visit":
            _hosts_from_destination(target)
        force = coding.type in _FORCE_TYPES
        finder.complete_countries(source, target, sentence, force, anchor)
        if coding.type == "PROTEST" and places and target == places:
            # where the protest took place ("rioted in Cairo") placed the protesters; whom
            # it is aimed at is decided with the sentence's other events (_sentence_events)
            target = []
        for actor in (*source, *target):
            actor.code = self.vocabulary.plover_code(actor.code)
        return Event(
            id="",
            type=coding.type,
            trigger=trigger.span,
            sentence=(sentence.start_char, sentence.end_char),
            source=source,
            target=target,
            mode=coding.mode,
            context=coding.context,
            cameo=coding.cameo,
            quad_class=coding.quad_class,
            goldstein=coding.goldstein,
            modality=coding.modality,
        )

    def _place_in_time_and_space(
        self, event: Event, article: Article, doc: Any, published: Any
    ) -> None:
        when = resolve_event_date(article.text, doc, event.sentence, event.trigger, published)
        event.date, event.date_source, event.date_span = when.value, when.source, when.span
        event.location = locate_event(
            article.text, doc, event.sentence, event.trigger, article, self.gazetteer
        )


def _parties_from_before(event: Event, trigger: Trigger, previous: dict[str, Event]) -> None:
    """ "Russian missiles struck Kyiv on Monday. The attack killed 12 people.": an attack
    named with "the" and no parties of its own refers back to the one the sentence before
    told, and takes its parties."""
    earlier = previous.get(event.type)
    if earlier is None or event.source or event.target or trigger.rule.pos != "noun":
        return
    if not any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in trigger.head.children
    ):
        return
    event.source = [replace(actor) for actor in earlier.source]
    event.target = [replace(actor) for actor in earlier.target]


def _unassert_by_time_or_question(event: Event, text: str, published: date | None) -> None:
    """An event told as asserted whose own time lies after the publication date ("when
    they meet next month", "travels to Washington next week") has not happened yet, and
    one asked about ("Or does it condemn the rebels?") is not asserted."""
    if event.modality != "asserted":
        return
    if text[event.sentence[0] : event.sentence[1]].rstrip(" \"'”’)").endswith("?"):
        event.modality = "hypothetical"
        return
    start = _earliest_day(event.date) if event.date_source == "text" else None
    if start is not None and published is not None and start > published:
        event.modality = "future"


def _earliest_day(value: str | None) -> date | None:
    """The first day of an ISO 8601 date at any precision: "2024-07-03", "2024-W27",
    "2024-07", "2024"."""
    try:
        if value is None:
            return None
        if "W" in value:
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week[:2]), 1)
        parts = [int(p) for p in value[:10].split("-")]
        month, day = [*parts[1:], 1, 1][:2]
        return date(parts[0], month, day)
    except ValueError:
        return None


# Visits, phone calls and mediation have a direction (visitor -> host, caller -> called,
# mediator -> parties); other consultations are reciprocal.
_DIRECTED_CONSULT_MODES = frozenset({"visit", "phone"})
_OWN_FORCE_MODES = frozenset({"withdraw", "disarm"})
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE"})


def _hosts_from_destination(target: list[EventActor]) -> None:
    """ "arrived in Astana on a state visit": the host of a visit read from its destination
    is that country's government, not its people (as a place names for one-sided acts) nor
    the country as a whole."""
    for actor in target:
        if actor.code is not None and len(actor.code) == 6 and actor.code.endswith("CVL"):
            actor.code = actor.code[:3] + "GOV"
        elif actor.code is not None and len(actor.code) == 3 and actor.code != "IGO":
            actor.code += "GOV"  # "travelled to Beijing", "a visit to Kazakhstan"


def _government_protested(source: list[EventActor], kb: KnowledgeBase) -> list[EventActor]:
    """ "Egyptian demonstrators rioted", "opposition parties organized a general strike": a
    protest that names no one it is aimed at is aimed at the protesters' own government,
    as PLOVER's coders record it; protesters of several countries, or a government
    protesting, leave it open."""
    countries = {a.code[:3] for a in source if a.code}
    if len(countries) != 1 or any(a.code and a.code[3:6] == "GOV" for a in source):
        return []
    country = kb.country(countries.pop())
    if country is None:  # an organization's code (IGO, NGO): no government of its own
        return []
    return [EventActor(name=f"government of {country.name}", code=f"{country.code}GOV")]


def _is_directed(mode: str | None, cameo: str | None) -> bool:
    return mode in _DIRECTED_CONSULT_MODES or cameo in MEDIATION_CODES


def _attribute_unclaimed_force(
    event: Event, trigger: Trigger, finder: ParticipantFinder, vocabulary: EventVocabulary
) -> None:
    """ "A roadside bombing near Samarra killed a soldier": violence whose subject is the
    attack itself is by whom the attack's phrase names ("an attack by Taliban fighters"),
    else by unidentified armed forces (PLOVER's UAF sector) of the country where it
    happened; an unowned role noun ("gunmen", "police") is that country's."""
    if event.type != "ASSAULT" or event.source or trigger.rule.pos != "verb":
        return
    subjects = [c for c in trigger.head.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    if not subjects:
        return
    cause = subjects[0]
    agents = [p for c in cause.children if c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    named = [a for a in finder.actors(agents) if a.code]
    if named:
        for actor in named:
            actor.code = vocabulary.plover_code(actor.code)
        event.source = _without(named, event.target)
        return
    country = event.location.country if event.location else None
    country = country or finder.place_country(cause.subtree)
    if country is None:
        return
    sector = finder.index.kb.sector_for(str(cause.lemma_)) or "UAF"
    span = (cause.idx, cause.idx + len(cause.text))
    code = vocabulary.plover_code(f"{country}{sector}")
    event.source = [EventActor(name=str(cause.text), code=code, span=span)]


# Dependencies through which an event is the complement of another ("agreed to hold talks",
# "threatened to launch an offensive", "demanded the release of").
_EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "advcl"})


# Going somewhere is a visit only for a government's people going abroad ("Blinken travelled
# to Beijing"); troops arriving at the front or refugees reaching a border are not.
_MOVEMENT_VERBS = frozenset({"travel", "fly", "arrive"})


def _has_actors(trigger: Trigger, event: Event) -> bool:
    """PLOVER codes events between actors; a request read from "X said Y must ..." needs
    the Y it is addressed to ("talks should resume" asks no one)."""
    if trigger.reporter is not None:
        return bool(event.target)
    if event.mode == "visit" and str(trigger.head.lemma_).lower() in _MOVEMENT_VERBS:
        return _is_official_visit(event)
    return bool(event.source or event.target) or _tells_own_act(trigger)


# Clauses of their own: the main clause, a coordinated one, a reported one.
_OWN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp"})
_PERSONAL = frozenset({"i", "we", "he", "she", "they"})


def _tells_own_act(trigger: Trigger) -> bool:
    """ "Pompeo met with the Crown Prince", "we destroyed over 90 targets", "six were
    arrested": an act told by a finite verb of our own rows in a clause of its own, done
    by someone named or a person the text refers to, or suffered by someone, is an event
    even when the actor layer cannot code its parties (a name it does not know, a pronoun
    whose referent lies outside the article's text)."""
    verb = trigger.head
    if trigger.rule.pos != "verb" or trigger.rule.converted or verb.dep_ not in _OWN_CLAUSE_DEPS:
        return False
    has_aux = any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} and not has_aux:
        return False  # "Sign up for newsletters", "... keen on fighting": no act told
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return True
        if child.dep_ == "nsubj" and (child.pos_ == "PROPN" or child.lower_ in _PERSONAL):
            return True
    return False


# Violence is an event even when the sentence names neither side ("the explosion killed 33
# people", "six were arrested", "his killing"): news tells attacks and arrests by their
# victims' numbers more often than by their parties, and a reader counts them all the same.
_UNOWNED_TYPES = frozenset({"ASSAULT", "COERCE"})


def _unowned_violence(
    found: list[tuple[Trigger, Event, Trigger | None]], kept: list[tuple[Trigger, Event]]
) -> list[tuple[Trigger, Event]]:
    """Attacks and coercions without actors, one per type and sentence and only when no
    event of that type with actors tells it already ("shot and killed", "the attack ...
    killed"). An event noun told through another trigger ("condemned the attack") is that
    trigger's circumstance, not an event of its own."""
    types = {event.type for _, event in kept}
    unowned: list[tuple[Trigger, Event]] = []
    for trigger, event, _ in found:
        if event.type not in _UNOWNED_TYPES or event.type in types:
            continue
        if trigger.absorbed_by is not None or trigger.reporter is not None:
            continue
        types.add(event.type)
        unowned.append((trigger, event))
    return unowned


def _is_official_visit(event: Event) -> bool:
    homes = {a.code[:3] for a in event.source if a.code and a.code[3:6] == "GOV"}
    hosts = {a.code[:3] for a in event.target if a.code}
    return bool(homes) and bool(hosts) and not hosts & homes


def _actor_key(actor: EventActor) -> str:
    return actor.entity or actor.code or actor.name


def _without(actors: list[EventActor], excluded: list[EventActor]) -> list[EventActor]:
    keys = {_actor_key(actor) for actor in excluded}
    return [actor for actor in actors if _actor_key(actor) not in keys]


def _governing_trigger(trigger: Trigger, heads: dict[int, Trigger]) -> Trigger | None:
    """The trigger whose complement this one is ("agreed" in "agreed to cooperate")."""
    current = trigger.light_verb or trigger.head
    if trigger.reporter is not None:
        return None
    for _ in range(5):
        if current.dep_ not in _EMBEDDING_DEPS or current.head.i == current.i:
            return None
        current = current.head
        governor = heads.get(current.i)
        if governor is not None and governor is not trigger:
            return governor
    return None


def _inherit_targets(found: list[tuple[Trigger, Event, Trigger | None]]) -> None:
    """ "Libya offered to hand over the suspects to Britain": the offer is to Britain. An
    event without a target takes the target of the event in its complement."""
    by_trigger = {id(trigger): event for trigger, event, _ in found}
    for _, event, governor in found:
        if governor is None:
            continue
        outer = by_trigger[id(governor)]
        if not outer.target and outer.type != "CONSULT":
            outer.target = _without(event.target, outer.source)


def _share_light_verb_targets(found: list[tuple[Trigger, Event, Trigger | None]]) -> None:
    """ "staged a hunger strike in protest against X": the event nouns of one light verb
    tell one action, and one of the same type without a target takes the other's."""
    for trigger, event, _ in found:
        if trigger.light_verb is None or event.target or event.type == "CONSULT":
            continue
        for other, partner, _ in found:
            same_verb = other.light_verb is not None and other.light_verb.i == trigger.light_verb.i
            if same_verb and partner.type == event.type and partner.target:
                event.target = _without(partner.target, event.source)
                break


class _QuoteIndex:
    """The quotes' content spans sorted by start, with the furthest end so far: the quote
    holding a trigger is found by bisection, not by a scan of every quote per event (which
    made long articles quadratic)."""

    def __init__(self, quotes: list[Quote]) -> None:
        spans = sorted(
            (start, end, order) for order, quote in enumerate(quotes) for start, end in quote.spans
        )
        self.quotes = quotes
        self.starts = [start for start, _, _ in spans]
        self.spans = spans
        self.reach = list(accumulate((end for _, end, _ in spans), max))

    def holding(self, start: int, end: int) -> Quote | None:
        """The first quote (in the article's order) with a span holding [start, end)."""
        found: int | None = None
        index = bisect_right(self.starts, start) - 1
        while index >= 0 and self.reach[index] >= end:  # no earlier span reaches `end`
            q_start, q_end, order = self.spans[index]
            if q_start <= start and end <= q_end and (found is None or order < found):
                found = order
            index -= 1
        return None if found is None else self.quotes[found]


def _attach_quote(event: Event, quotes: _QuoteIndex) -> None:
    """An event whose trigger lies inside a quote's content is reported by its speaker."""
    quote = quotes.holding(*event.trigger)
    if quote is not None:
        event.quote = quote.id
        event.reported_by = quote.speaker


@component("events", requires=("actors",), provides=("events",))
def make_events(config: Config) -> ComponentFn:
    coder = EventCoder(
        load_vocabulary(config.event_files),
        load_kb(config.actor_files),
        load_gazetteer(config.place_files),
    )

    def events(article: Article, doc: Any) -> Article:
        article.events = coder.events(article, doc)
        return article

    return events


__all__ = ["EventCoder", "make_events"]
