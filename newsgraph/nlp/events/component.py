"""The `events` analysis component: who did what to whom, coded in PLOVER and CAMEO.

For every sentence: triggers from the vocabulary (verbs, phrases, event nouns), their
source and target actors from the dependency parse, the modality, the coding, the quote the
event is told in, and its date and place (when.py, where.py). One event per trigger, in
text order, ids "e1", "e2", ...
"""

from __future__ import annotations

from typing import Any

from newsgraph.config import Config
from newsgraph.model import Article, Event, EventActor, Quote
from newsgraph.nlp.actors.component import publication_date
from newsgraph.nlp.actors.kb import KnowledgeBase, load_kb
from newsgraph.nlp.events.arguments import ActorIndex, trigger_arguments
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
        finder = ParticipantFinder(ActorIndex(article.entities, self.kb))
        published = publication_date(article)
        events: list[Event] = []
        for sentence in doc.sents:
            for event in self._sentence_events(sentence, finder):
                event.id = f"e{len(events) + 1}"
                self._place_in_time_and_space(event, article, doc, published)
                _attach_quote(event, article.quotes)
                events.append(event)
        return events

    def _sentence_events(self, sentence: Any, finder: ParticipantFinder) -> list[Event]:
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
        return [event for trigger, event, _ in found if _has_actors(trigger, event)]

    def _event(
        self,
        trigger: Trigger,
        embedded: bool,
        keys: list[str],
        finder: ParticipantFinder,
        sentence: Any,
    ) -> Event:
        arguments = trigger_arguments(trigger, self.vocabulary)
        source = finder.first_actors(arguments.sources)
        target = _without(finder.actors(arguments.target), source)
        if not target:
            target = _without(finder.actors(arguments.later_targets), source)
        anchor = trigger.reporter or trigger.light_verb or trigger.head
        modality = modality_of(trigger.head, anchor, self.vocabulary)
        coding = code_event(trigger.rule, modality, embedded, keys, self.vocabulary)
        if coding.type == "CONSULT" and not _is_directed(coding.mode, coding.cameo):
            # PLOVER manual 2.2: in a meeting all parties are the actor, with no recipient
            source, target = source + target, []
        elif not target and source:
            target = _without(finder.places(arguments.places), source)
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


# Visits, phone calls and mediation have a direction (visitor -> host, caller -> called,
# mediator -> parties); other consultations are reciprocal.
_DIRECTED_CONSULT_MODES = frozenset({"visit", "phone"})
_MEDIATION_CODES = frozenset({"045", "039", "105"})


def _is_directed(mode: str | None, cameo: str | None) -> bool:
    return mode in _DIRECTED_CONSULT_MODES or cameo in _MEDIATION_CODES


# Dependencies through which an event is the complement of another ("agreed to hold talks",
# "threatened to launch an offensive", "demanded the release of").
_EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "advcl"})


def _has_actors(trigger: Trigger, event: Event) -> bool:
    """PLOVER codes events between actors; a request read from "X said Y must ..." needs
    the Y it is addressed to ("talks should resume" asks no one)."""
    if trigger.reporter is not None:
        return bool(event.target)
    return bool(event.source or event.target)


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


def _attach_quote(event: Event, quotes: list[Quote]) -> None:
    """An event whose trigger lies inside a quote's content is reported by its speaker."""
    start, end = event.trigger
    for quote in quotes:
        if any(q_start <= start and end <= q_end for q_start, q_end in quote.spans):
            event.quote = quote.id
            event.reported_by = quote.speaker
            return


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
