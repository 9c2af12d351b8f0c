"""From argument words to actors: the article's entity whose mention the word is (or that
the noun phrase names: "Hungarian officials", "the president of Russia"), else a country the
knowledge base recognizes in the phrase, else a role noun ("refugees", "students").

Actors the text names without a country (a person with no known office, a place the actor
layer left uncoded, a role noun) get one from the context afterwards: places from the
gazetteer; the others from `complete_countries` (the one country the sentence names, the
source's for the victims of force, the place's a source acts on): news reports of "police",
"demonstrators" or "President X" are domestic unless they say otherwise, which is also how
PLOVER's coders read them. Codes a context cannot settle stay empty."""

from __future__ import annotations

from typing import Any

from newsgraph.model import Entity, EventActor, Span
from newsgraph.nlp.actors.kb import KnownActor
from newsgraph.nlp.docs import doc_text
from newsgraph.nlp.events.arguments import ActorIndex
from newsgraph.nlp.places.gazetteer import Gazetteer

# Children that stay inside the noun phrase when looking for the actor it names.
_PHRASE_DEPS = frozenset({"amod", "compound", "poss", "nmod", "appos", "npadvmod", "det"})
_OF = frozenset({"of"})
_PLACE_TYPES = frozenset({"GPE", "LOC"})
# Uncoded entities that take the country of their context; organizations do not (an
# unknown "Association of African Jurists" is as likely international as domestic).
_CONTEXT_TYPES = frozenset({"PERSON", "NORP"})
_LOCATIVE_PREPS = frozenset({"in", "inside", "within", "near", "across", "throughout", "around"})
# Role sectors of international people ("monitors", "inspectors"): no country to take
_INTERNATIONAL_SECTORS = frozenset({"IGO", "NGO"})
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
    """ "the pro-Iranian Hezbollah": a stance toward a country does not make it the actor.
    (Read from the tokens before the word: building `doc.text` on every call is slow.)"""
    doc, i = word.doc, word.i
    before = "".join(doc[j].text + doc[j].whitespace_ for j in range(max(0, i - 2), i))
    return before.lower().endswith(("pro-", "anti-"))


class ParticipantFinder:
    """Turns the head words of an argument into EventActors of the article."""

    def __init__(self, index: ActorIndex, gazetteer: Gazetteer | None = None) -> None:
        self.index = index
        self.gazetteer = gazetteer
        # Actors still without a country: the sector their phrase gives ("" for none)
        self._sector_hints: dict[tuple[str, Span | None], str] = {}
        self._people: set[tuple[str, Span | None]] = set()  # hints that are named persons
        # CAMEO group codes ("kur", "JEW") of hinted actors: kept only when the context
        # gives them no country ("Kurdish fighters" in a sentence about Syria are SYR's)
        self._group_codes: dict[tuple[str, Span | None], str] = {}
        self._place_countries: dict[str, str | None] = {}

    def first_actors(self, candidates: list[list[Any]]) -> list[EventActor]:
        """The actors of the first candidate that names any. A pronoun's actor takes the
        more specific code its antecedent clause gives ("French farmers said they would")."""
        for position, heads in enumerate(candidates):
            actors = self.actors(heads)
            if actors:
                if all(head.pos_ == "PRON" for head in heads):
                    later = [a for hs in candidates[position + 1 :] for a in self.actors(hs)]
                    _sharpen_codes(actors, later)
                return actors
        return []

    def places(self, heads: list[Any]) -> list[EventActor]:
        """Countries named as places ("lifted the curfew in Montenegro"), coded as their
        people (CVL): a one-sided action at a place falls on those who live there, as the
        PLOVER coders code it ("imposed a curfew in Algiers" -> DZACVL)."""
        found: list[EventActor] = []
        for token in (t for head in heads for t in (head, *head.conjuncts)):
            hit = self.index.at(token)
            if hit is None or hit[0].type not in _PLACE_TYPES:
                continue
            entity, span = hit
            country = self._country_of(entity, span, token)
            if country and all(actor.entity != entity.id for actor in found):
                found.append(EventActor(entity.name, entity.id, f"{country[:3]}CVL", span))
        return found

    def actors(self, heads: list[Any]) -> list[EventActor]:
        found: list[EventActor] = []
        seen: set[str] = set()
        for head in heads:
            for token in [head, *head.conjuncts]:
                for actor in self._actors_of(token):
                    key = actor.entity or actor.code or f"{actor.name}@{actor.span}"
                    if key not in seen:
                        seen.add(key)
                        found.append(actor)
        return found

    def complete_countries(
        self,
        source: list[EventActor],
        target: list[EventActor],
        sentence: Any,
        force: bool,
        clause: Any | None = None,
    ) -> None:
        """Give the actors still without a country the one country of their context, in
        place. With `force` (an attack, a coercion) the recipient is the source's country's
        (police disperse their own country's demonstrators) and the source only the
        place's it acts on: a sentence about the victims ("the ambassador killed by
        terrorists") says nothing of where the attackers come from. Otherwise both take the
        one country the sentence names, a source else the place's ("people blocked streets
        in Hong Kong"). A named person the text gives no country also takes the one country
        of the event's own clause when the sentence names several ("Trump, who is close to
        Netanyahu, attacked Tlaib": the relative clause is about someone else), as PLOVER's
        coders give an unknown person the country of the context. Role nouns that get none
        are dropped (an unowned "demonstrators" is nobody's event)."""
        everyone = [*source, *target]
        if any(self._sector_hints_key(actor) is not None for actor in everyone):
            by_sentence = by_people = None
            if len(self._states_named(everyone)) <= 1:
                by_sentence = self._sentence_country(sentence)
                by_people = by_sentence
                if by_people is None and clause is not None:
                    by_people = self._sentence_country(own_clause(clause))
            places = [a for a in target if self._is_place_actor(a)]
            by_place = self._unique_state(places) if len(places) == len(target) else None
            self._place_pending(source, by_people, by_place if force else by_sentence or by_place)
            by_source = self._unique_state(source) if force else None
            self._place_pending(target, by_people, by_source or by_sentence)
        for actor in everyone:
            key = self._sector_hints_key(actor)
            if key is not None and key in self._group_codes:
                actor.code = self._group_codes[key]
        for side in (source, target):
            side[:] = [a for a in side if a.entity is not None or a.code]

    def _place_pending(
        self, actors: list[EventActor], for_people: str | None, for_others: str | None
    ) -> None:
        for actor in actors:
            key = self._sector_hints_key(actor)
            if key is None or self._sector_hints[key] in _INTERNATIONAL_SECTORS:
                continue
            # A named person is only placed by a sentence that names one country
            # ("Germany welcomed President Reagan's statement" says nothing of his)
            country = for_people if key in self._people else for_others
            if country is not None:
                actor.code = country + self._sector_hints[key]

    def _is_place_actor(self, actor: EventActor) -> bool:
        """A place read as where the act falls ("in Hong Kong", coded as its people), not
        a country as a party ("Danish web sites")."""
        entity = self.index.entity(actor.entity) if actor.entity else None
        located = actor.code is not None and actor.code.endswith("CVL")
        return entity is not None and entity.type in _PLACE_TYPES and located

    def named(self, actors: list[EventActor]) -> bool:
        """Whether `actors` hold one the text names (not just an unowned role noun)."""
        return any(actor.entity is not None or actor.code for actor in actors)

    def with_roles_placed(
        self, roles: list[EventActor], found: list[EventActor]
    ) -> list[EventActor]:
        """ "aid to refugees fleeing the war in Liberia": unowned role actors take the one
        country the phrase further in names, and stand for it; else that phrase's actors."""
        country = self._unique_state(found)
        if not roles or country is None:
            return found or roles
        for actor in roles:
            key = self._sector_hints_key(actor)
            if key is not None:
                actor.code = country + self._sector_hints[key]
        return roles

    def _states_named(self, actors: list[EventActor]) -> set[str]:
        """The countries (not international bodies) the coded `actors` belong to."""
        kb = self.index.kb
        return {a.code[:3] for a in actors if a.code and kb.country(a.code[:3]) is not None}

    def _unique_state(self, actors: list[EventActor]) -> str | None:
        states = self._states_named(actors)
        return states.pop() if len(states) == 1 else None

    def _sector_hints_key(self, actor: EventActor) -> tuple[str, Span | None] | None:
        key = (actor.entity or actor.name, actor.span)
        return key if actor.code is None and key in self._sector_hints else None

    def _sentence_country(self, sentence: Any) -> str | None:
        """The one country the sentence's actors and places belong to, if only one."""
        kb = self.index.kb
        in_sentence: set[str] = set()
        for token in sentence:
            hit = self.index.at(token)
            country = self._country_of(hit[0], hit[1], token) if hit else None
            if country and kb.country(country[:3]) is not None:
                in_sentence.add(country[:3])
        return in_sentence.pop() if len(in_sentence) == 1 else None

    def _country_of(self, entity: Entity, span: Span, token: Any) -> str | None:
        """An entity's country, or for a place the actor layer did not code ("the Gaza
        Strip", "Samarra") the gazetteer's."""
        if entity.country or self.gazetteer is None or not _may_be_place(entity, token):
            return entity.country
        if entity.id not in self._place_countries:
            name = doc_text(token.doc)[span[0] : span[1]]
            place = None if self.gazetteer.is_common_word(name) else self.gazetteer.lookup(name)
            # "Montenegro province": a region named after its country
            named = (self.index.kb.country(word) for word in name.split())
            country = place.country if place else next((c.code for c in named if c), None)
            self._place_countries[entity.id] = country
        return self._place_countries[entity.id]

    def place_country(self, tokens: Any) -> str | None:
        """The one country the places among `tokens` lie in ("near the town of Samarra")."""
        found: set[str] = set()
        for token in tokens:
            hit = self.index.at(token)
            if hit is not None and _may_be_place(hit[0], token):
                country = self._country_of(hit[0], hit[1], token)
                if country:
                    found.add(country[:3])
        return found.pop() if len(found) == 1 else None

    def _actors_of(self, head: Any) -> list[EventActor]:
        uncoded: list[EventActor] = []
        for level in _phrase_levels(head, self.is_role(head)):
            actors = [a for a in (self._entity_actor(w, head) for w in level) if a is not None]
            coded = [actor for actor in actors if actor.code]
            if coded:
                return coded
            # An actor without a code ("President Prosper Avril") yields to a coded one
            # further out in the phrase ("the military government of ...").
            uncoded = uncoded or actors
        return self._kb_actors(head) or uncoded or self._role_actor(head)

    def _sector(self, word: Any) -> str | None:
        kb = self.index.kb
        return kb.sector_for(str(word.lemma_)) or kb.sector_for(str(word.text))

    def _role_sector(self, head: Any) -> str | None:
        """The sector of a role noun, or of its modifier ("opposition parties" -> OPP); a
        people noun ("Iraqi Kurds") names civilians."""
        modifiers = [c for c in head.children if c.dep_ in {"compound", "amod"}]
        sector = self._sector(head) or next(filter(None, map(self._sector, modifiers)), None)
        if sector is None and head.tag_ in {"NNS", "NNPS"} and self._is_people(head):
            return "CVL"
        counted = _counted(head)
        if sector is None and counted is not None:
            return self._role_sector(counted)  # "thousands of Tamil refugees"
        return sector

    def _is_people(self, word: Any) -> bool:
        """ "Serbs", "Kurds": a people noun (a demonym, or a group the recognizer tags)."""
        hit = self.index.at(word)
        return self._people_country(word) is not None or (hit is not None and hit[0].type == "NORP")

    def _people_country(self, word: Any) -> str | None:
        country = self.index.kb.country_by_demonym(str(word.text))
        return country.code if country else None

    def is_role(self, head: Any) -> bool:
        """ "police", "opposition groups": people a country or group is said to have."""
        modifiers = (c for c in head.children if c.dep_ in {"compound", "amod"})
        return self._sector(head) is not None or any(self._sector(m) for m in modifiers)

    def _entity_actor(self, word: Any, head: Any) -> EventActor | None:
        hit = self.index.at(word)
        if hit is None or _is_stance_prefixed(word):
            return None
        entity, span = hit
        country = self._country_of(entity, span, word)
        group_code = entity.code if self._is_group_code(entity) else None
        code = None if group_code else entity.code or country
        sector = entity.sector
        if not entity.sector and word.i != head.i:
            # "the president of Russia", "Russian troops": the head noun gives the sector
            sector = self._role_sector(head)
            if country and sector is not None:
                code = f"{country}{sector}"
        if code == country and country and _is_location(word, entity):
            # "fired at targets in Jericho": a place named as where the act fell stands
            # for its people, as with the place fallback (`places`)
            code = f"{country[:3]}CVL"
        actor = EventActor(name=entity.name, entity=entity.id, code=code, span=span)
        # "activists from the Fatah party": people with a role are of their context's
        # country even when the organization they belong to is unknown
        owned_role = word.i != head.i and sector is not None
        if code is None and (entity.type in _CONTEXT_TYPES or owned_role):
            self._sector_hints[(entity.id, span)] = sector or ""
            if group_code:
                self._group_codes[(entity.id, span)] = group_code
            if entity.type == "PERSON":
                self._people.add((entity.id, span))
        return actor

    def _is_group_code(self, entity: Entity) -> bool:
        """Whether the entity is a people coded only by CAMEO's ethnic or religious group
        ("Kurds" `kur`, "Jews" `JEW`): a code that names no country."""
        code = entity.code
        return (
            entity.type == "NORP"
            and code is not None
            and entity.country is None
            and self.index.kb.country(code[:3]) is None
        )

    def _role_actor(self, head: Any) -> list[EventActor]:
        """ "refugees", "hundreds of students": a role noun with no owner, whose country
        the context may give (see `complete_countries`)."""
        noun: Any = head
        for _ in range(3):
            sector = self._sector(noun) if noun.pos_ == "NOUN" else None
            if sector is not None:
                span = (noun.idx, noun.idx + len(noun.text))
                actor = EventActor(name=str(noun.text), entity=None, code=None, span=span)
                self._sector_hints[(actor.name, span)] = sector
                return [actor]
            # "hundreds of thousands of people", "a group of diplomats": the counted noun
            counted = _counted(noun)
            if counted is None:
                return []
            noun = counted
        return []

    def _kb_actors(self, head: Any) -> list[EventActor]:
        """Countries the actor layer did not mark (a demonym tagged as an adjective); a
        people noun's own country yields to a modifier's ("Bosnian Serbs" live in Bosnia)."""
        kb = self.index.kb
        sector = self._role_sector(head)
        levels = _phrase_levels(head, self.is_role(head))
        if len(levels) > 1 and self._people_country(head):
            levels = [levels[1], *levels]
        for level in levels:
            for word in level:
                if word.pos_ not in {"PROPN", "ADJ", "NOUN"} or _is_stance_prefixed(word):
                    continue
                span = (word.idx, word.idx + len(word.text))
                known = self._known_group(word) if word.pos_ == "PROPN" else None
                if known is not None:
                    return [EventActor(name=known.name, entity=None, code=known.code, span=span)]
                country = kb.country(word.text) or kb.country_by_demonym(word.text)
                if country is not None:
                    code = country.code + (sector or "")
                    return [EventActor(name=country.name, entity=None, code=code, span=span)]
        return []

    def _known_group(self, word: Any) -> KnownActor | None:
        """An organization of the knowledge base the recognizer missed ("the Hizbollah
        group"), by the proper-noun compound ending at `word` or the word alone."""
        first = min((c.i for c in word.children if c.dep_ == "compound"), default=word.i)
        for text in {str(word.doc[first : word.i + 1].text), str(word.text)}:
            for actor in self.index.kb.actors(text):
                if actor.kind != "person" and actor.code:
                    return actor
        return None


# Clauses inside a clause that tell about someone else than the event's parties.
_ASIDE_DEPS = frozenset({"relcl", "appos", "acl", "parataxis", "advcl"})


def own_clause(word: Any) -> list[Any]:
    """The words of the clause `word` (a trigger) is told in, without relative clauses,
    appositions and adverbial clauses inside it ("Trump, who is close to Netanyahu,
    attacked ..." -> "Trump attacked ...")."""
    verb = word
    for _ in range(3):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    words: list[Any] = []
    stack = [verb]
    while stack:
        token = stack.pop()
        words.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _ASIDE_DEPS)
    return words


def _is_location(word: Any, entity: Entity) -> bool:
    """Whether `word` names a place in a locative phrase ("in Jericho", "near Gorazde")."""
    head = word.head
    return (
        entity.type in _PLACE_TYPES
        and word.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ in _LOCATIVE_PREPS
    )


def _counted(noun: Any) -> Any | None:
    """ "hundreds of people", "a group of diplomats": the noun a quantity counts."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((p for p in prep.children if p.dep_ == "pobj"), None)
    return None


def _may_be_place(entity: Entity, token: Any) -> bool:
    """A place entity, or a name the recognizer took for a group that stands where a place
    does ("near the town of Samarra")."""
    if entity.type in _PLACE_TYPES:
        return True
    return entity.type == "NORP" and token.pos_ == "PROPN" and token.dep_ == "pobj"


def _sharpen_codes(actors: list[EventActor], antecedents: list[EventActor]) -> None:
    for actor in actors:
        for other in antecedents:
            same = other.entity == actor.entity or (other.code or "")[:3] == actor.code
            if actor.code and other.code and other.code.startswith(actor.code) and same:
                actor.code = other.code
                break


__all__ = ["ParticipantFinder"]
