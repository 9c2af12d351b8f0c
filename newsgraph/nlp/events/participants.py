"""From argument words to actors: the article's entity whose mention the word is (or that
the noun phrase names: "Hungarian officials", "the president of Russia"), else a country the
knowledge base recognizes in the phrase."""

from __future__ import annotations

from typing import Any

from newsgraph.model import EventActor
from newsgraph.nlp.events.arguments import ActorIndex

# Children that stay inside the noun phrase when looking for the actor it names.
_PHRASE_DEPS = frozenset({"amod", "compound", "poss", "nmod", "appos", "npadvmod", "det"})
_OF = frozenset({"of"})
_PLACE_TYPES = frozenset({"GPE", "LOC"})
# "police in Guinea", "activists from the Fatah party": where a role word's people belong
_BELONGING = frozenset({"of", "in", "from"})


def _phrase_levels(head: Any, role_head: bool = False) -> list[list[Any]]:
    """The words of `head`'s noun phrase in breadth-first levels (the head first), through
    modifiers, possessives and "of" phrases (also "in", "from" after a role word such as
    "police"), not through clauses."""
    levels: list[list[Any]] = [[head, *head.conjuncts]]
    frontier = levels[0]
    preps = _BELONGING if role_head else _OF
    for _ in range(3):
        following: list[Any] = []
        for token in frontier:
            for child in token.children:
                if child.dep_ in _PHRASE_DEPS:
                    following.append(child)
                elif child.dep_ == "prep" and child.text.lower() in preps:
                    following.extend(c for c in child.children if c.dep_ == "pobj")
        # "scores of Sierra Leonean and Liberian refugees": conjuncts belong to the level
        following = [w for token in following for w in (token, *token.conjuncts)]
        if not following:
            break
        levels.append(following)
        frontier = following
    return levels


def _is_stance_prefixed(word: Any) -> bool:
    """ "the pro-Iranian Hezbollah": a stance toward a country does not make it the actor."""
    before = str(word.doc.text[max(0, word.idx - 5) : word.idx]).lower()
    return before.endswith(("pro-", "anti-"))


class ParticipantFinder:
    """Turns the head words of an argument into EventActors of the article."""

    def __init__(self, index: ActorIndex) -> None:
        self.index = index

    def first_actors(self, candidates: list[list[Any]]) -> list[EventActor]:
        """The actors of the first candidate that names any."""
        for heads in candidates:
            actors = self.actors(heads)
            if actors:
                return actors
        return []

    def places(self, heads: list[Any]) -> list[EventActor]:
        """Countries named as places ("in Montenegro", "from Panama"), coded by country."""
        found: list[EventActor] = []
        for token in (t for head in heads for t in (head, *head.conjuncts)):
            hit = self.index.at(token)
            if hit is None or hit[0].type not in _PLACE_TYPES or not hit[0].country:
                continue
            entity, span = hit
            if all(actor.entity != entity.id for actor in found):
                found.append(EventActor(entity.name, entity.id, entity.country, span))
        return found

    def actors(self, heads: list[Any]) -> list[EventActor]:
        found: list[EventActor] = []
        seen: set[str] = set()
        for head in heads:
            for token in [head, *head.conjuncts]:
                for actor in self._actors_of(token):
                    key = actor.entity or actor.code or actor.name
                    if key not in seen:
                        seen.add(key)
                        found.append(actor)
        return found

    def _actors_of(self, head: Any) -> list[EventActor]:
        uncoded: list[EventActor] = []
        for level in _phrase_levels(head, self._is_role(head)):
            actors = [a for a in (self._entity_actor(w, head) for w in level) if a is not None]
            coded = [actor for actor in actors if actor.code]
            if coded:
                return coded
            # An actor without a code ("President Prosper Avril") yields to a coded one
            # further out in the phrase ("the military government of ...").
            uncoded = uncoded or actors
        return self._kb_actors(head) or uncoded

    def _sector(self, word: Any) -> str | None:
        kb = self.index.kb
        return kb.sector_for(str(word.lemma_)) or kb.sector_for(str(word.text))

    def _role_sector(self, head: Any) -> str | None:
        """The sector of a role noun, or of its modifier ("opposition parties" -> OPP)."""
        modifiers = [c for c in head.children if c.dep_ in {"compound", "amod"}]
        return self._sector(head) or next(filter(None, map(self._sector, modifiers)), None)

    def _is_role(self, head: Any) -> bool:
        """ "police", "opposition groups": people a country or group is said to have."""
        modifiers = (c for c in head.children if c.dep_ in {"compound", "amod"})
        return self._sector(head) is not None or any(self._sector(m) for m in modifiers)

    def _entity_actor(self, word: Any, head: Any) -> EventActor | None:
        hit = self.index.at(word)
        if hit is None or _is_stance_prefixed(word):
            return None
        entity, span = hit
        code = entity.code
        if entity.country and not entity.sector and word.i != head.i:
            # "the president of Russia", "Russian troops": the head noun gives the sector
            sector = self._role_sector(head)
            if sector is not None:
                code = f"{entity.country}{sector}"
        return EventActor(name=entity.name, entity=entity.id, code=code, span=span)

    def _kb_actors(self, head: Any) -> list[EventActor]:
        """Countries the actor layer did not mark (a demonym tagged as an adjective)."""
        kb = self.index.kb
        sector = self._sector(head)
        for level in _phrase_levels(head, self._is_role(head)):
            for word in level:
                if word.pos_ not in {"PROPN", "ADJ", "NOUN"}:
                    continue
                country = kb.country(word.text) or kb.country_by_demonym(word.text)
                if country is not None:
                    code = country.code + (sector or "")
                    span = (word.idx, word.idx + len(word.text))
                    return [EventActor(name=country.name, entity=None, code=code, span=span)]
        return []


__all__ = ["ParticipantFinder"]
