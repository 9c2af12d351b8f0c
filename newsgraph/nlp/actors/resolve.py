"""Entity mentions → actors, within one article.

Names are grouped into one actor per real person or organization ("Kassym-Jomart
Tokayev" … "Tokayev"); titles and appositions become roles; demonyms, capitals and
government metonyms stand for countries and their governments ("Beijing has wanted" → the
Chinese government); nominal descriptions ("the Chinese president", "the 71-year-old",
"the bloc") and pronouns are linked to the actor they refer to. Model errors are corrected
where the knowledge base or the context knows better ("Kazakh" is a demonym, not an ORG;
a name after "President" is a person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsgraph.model import Entity, MentionDetail, Span
from newsgraph.nlp.actors.coding import (
    ActorCode,
    code_from_phrase,
    code_organization,
    code_person,
)
from newsgraph.nlp.actors.filters import (
    alias_cut,
    is_not_actor,
    is_role,
    names_an_event,
    not_actor_words,
    topic_type,
    trailing_section_words,
    trim_name_edges,
)
from newsgraph.nlp.actors.groups import group_named
from newsgraph.nlp.actors.kb import (
    Country,
    KnowledgeBase,
    family_suffix,
    is_second_layer,
    name_core,
    normalize_name,
)
from newsgraph.nlp.actors.references import link_references
from newsgraph.nlp.actors.roles import apposition_roles, as_roles, premodifier_role
from newsgraph.nlp.entities import trim_mention
from newsgraph.nlp.places.gazetteer import Gazetteer, country_places
from newsgraph.nlp.places.sources import TIER_ALTERNATE

Doc = Any
Token = Any

COUNTRY_LIKE = frozenset({"GPE", "NORP", "LOC", "FAC"})
# Dependencies that make a capital the doer rather than the place: "Beijing said",
# "Moscow's plan", "Washington was accused".
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
# Courtesy words before a name are neither part of it nor a role: "Lady Thatcher".
_HONORIFICS = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "lady",
        "lord",
        "sir",
        "dame",
        "baroness",
        "madame",
        "mme",
        "mme.",
        "monsieur",
    ]
)
# Heads of an apposition that make a "person" a group: "Ansar al-Sharia, the militant group".
_GROUP_HEADS = frozenset(
    [
        "group",
        "groups",
        "organization",
        "organisation",
        "militia",
        "faction",
        "movement",
        "network",
        "party",
        "brigade",
        "brigades",
        "army",
        "front",
        "agency",
        "company",
        "firm",
        "network",
        "outlet",
        "newspaper",
        "channel",
    ]
)
# Places of this size or more, named alone and tagged as an organization or a group, are the
# place ("Benghazi", "Aleppo"): the small model confuses them after a conflict.
_PLACE_POPULATION = 100_000
_PLACE_KINDS = frozenset({"city", "admin1", "region"})
# A city this big keeps its name against a region of another country of that name.
MAJOR_CITY = 1_000_000


@dataclass
class Actor:
    key: str
    name: str
    type: str
    code: ActorCode = field(default_factory=ActorCode)
    roles: list[str] = field(default_factory=list)
    details: list[MentionDetail] = field(default_factory=list)
    name_tokens: tuple[str, ...] = ()
    group: bool = False  # "Kazakh officials": a plural actor that "they" can refer to
    # A country guessed from context (a relative, the sentence, the article), not read from
    # the knowledge base or the words the text gives the actor: see model.Entity.code_basis.
    guessed: bool = False

    def add(self, span: Span, kind: str, role: str | None = None) -> None:
        if any(d.span == span for d in self.details):
            return
        self.details.append(MentionDetail(span, kind, role))
        if role and role not in self.roles:
            self.roles.append(role)

    @property
    def first(self) -> int:
        return min(d.span[0] for d in self.details)


class ActorResolver:
    def __init__(
        self, kb: KnowledgeBase, keep_types: tuple[str, ...], gazetteer: Gazetteer | None = None
    ) -> None:
        self.kb = kb
        self.keep_types = frozenset(keep_types)
        self.gazetteer = gazetteer

    def resolve(self, text: str, doc: Doc, on: date | None) -> list[Entity]:
        state = _ArticleActors(self.kb, text, doc, on, self.gazetteer)
        mentions = []
        for ent in sorted(doc.ents, key=lambda e: e.start_char):
            span = trim_mention(text, ent.start_char, ent.end_char)
            if span is not None:
                mentions.append((ent, span, state.corrected_label(ent, span)))
                state.covered.update(range(ent.start, ent.end))
        # People first: their roles ("Kazakh President", "External Affairs Minister") then
        # claim the words that the model also tagged as a demonym or an organization.
        for ent, span, label in mentions:
            if label == "PERSON" and label in self.keep_types:
                state.add_mention(ent, span, label)
        state.add_untagged_titled_names()
        for ent, span, label in mentions:
            if label != "PERSON" and label in self.keep_types and not state.in_role(span):
                state.add_mention(ent, span, label)
        link_references(state, doc)
        return state.entities()


class _ArticleActors:
    """The actors of one article as they are found; `references` adds pronouns and
    nominal descriptions through `actors` and `add_reference`."""

    def __init__(
        self, kb: KnowledgeBase, text: str, doc: Doc, on: date | None, gazetteer: Gazetteer | None
    ) -> None:
        self.kb, self.text, self.doc, self.on = kb, text, doc, on
        self.gazetteer = gazetteer
        self.actors: dict[str, Actor] = {}
        self.covered: set[int] = set()  # token indices inside a tagged or accepted mention
        self._countries_named: set[str] | None = None  # see _named_countries
        self.role_spans: list[Span] = []  # premodifier roles of people
        # Names the article shows to be places though the model tags them otherwise.
        self.context_places: set[str] = set()

    # -- labels ---------------------------------------------------------------------------

    def corrected_label(self, ent: Any, span: Span) -> str:
        surface = self.text[span[0] : span[1]]
        if self.kb.country_by_demonym(surface) is not None:
            return "NORP"
        if self.kb.country(surface) is not None or self.kb.country_by_capital(surface):
            return "GPE"
        if self.kb.country_by_metonym(surface) is not None:
            return "GPE"  # "the Kremlin": a place standing for a government
        if normalize_name(surface) in self.context_places:
            return "GPE"  # "above Sinjar", after "Sinjar, Iraq" said it is a place
        known = self.kb.actors(surface, self.on)
        # Phoenix files spokespeople under their institution ("John Kirby" under the US
        # military) and think tanks under a person-like entry: where Phoenix and the model
        # disagree on person or not, the model's reading stands.
        model_person = ent.label_ == "PERSON"
        known = [a for a in known if not is_second_layer(a) or (a.kind == "person") == model_person]
        if any(a.kind == "person" for a in known):
            return "PERSON"
        if known:
            return "ORG"
        if ent.label_ == "PERSON" and self._country_follows(ent, surface):
            self.context_places.add(normalize_name(surface))
            return "GPE"  # "Tal Afar, Iraq (CNN)" tagged as a person
        if ent.label_ != "PERSON" and self._looks_like_titled_name(ent):
            return "PERSON"
        if ent.label_ in {"ORG", "NORP"} and self._is_big_place(surface):
            return "GPE"  # "Benghazi" tagged as a group
        if ent.label_ in {"ORG", "NORP"} and self._place_by_context(ent, surface):
            self.context_places.add(normalize_name(surface))
            return "GPE"  # "Sinjar, Iraq (CNN)": a town in a dateline
        if ent.label_ == "FAC" and self.kb.sector_for(surface.split()[-1]) is not None:
            return "ORG"  # "the U.S. Embassy": an institution, as the ORG tag of it
        tokens = list(ent)
        if 0 < self._leading_role_length(tokens) < len(tokens):
            return "PERSON"  # "Kazakh President Kassym-Shomart Tokayev" tagged as one ORG
        return str(ent.label_)

    def _is_big_place(self, surface: str) -> bool:
        if self.gazetteer is None or self.gazetteer.is_common_word(surface):
            return False
        place = self.gazetteer.lookup(surface)
        return (
            place is not None
            and place.country is not None
            and place.kind in _PLACE_KINDS
            and place.population >= _PLACE_POPULATION
        )

    def _place_by_context(self, ent: Any, surface: str) -> bool:
        """A smaller place tagged as an organization: the gazetteer knows it, the knowledge
        base knows no body of that name, and the article says it is a place, by tagging the
        same name as a place elsewhere or by naming the place's country right after it
        ("Sinjar, Iraq")."""
        if self.kb.actors(surface) or self.place_country(surface) is None:
            return False
        if self._country_follows(ent, surface):
            return True
        key = normalize_name(surface)
        return any(
            other.label_ in {"GPE", "LOC"} and normalize_name(other.text) == key
            for other in self.doc.ents
        )

    def _country_follows(self, ent: Any, surface: str) -> bool:
        """ "Sinjar, Iraq", "Tal Afar, Iraq": a name the gazetteer places in the country named
        right after it, as datelines and addresses write places."""
        if ent.end + 1 >= len(self.doc) or self.doc[ent.end].text != ",":
            return False
        named = self.kb.country(self.doc[ent.end + 1].text)
        return named is not None and named.code == self.place_country(surface)

    def place_country(self, surface: str) -> str | None:
        """The country of a city or region the gazetteer knows ("Benghazi" → LBY)."""
        if self.gazetteer is None or self.gazetteer.is_common_word(surface):
            return None
        place = self.gazetteer.lookup(surface)
        region = country_places().get(normalize_name(surface))
        if region is None or (place is not None and place.country == region):
            return place.country if place is not None else None
        # "Ontario": a province Phoenix lists for Canada and a town of 170,000 in the US.
        # The major reading, unless the article names the town's country and not the other.
        if place is None or place.kind != "city" or place.population >= MAJOR_CITY:
            return region if place is None else place.country
        named = self._named_countries()
        return place.country if place.country in named and region not in named else region

    def _named_countries(self) -> set[str]:
        """The countries the article names anywhere: by name or people ("Canadian"), or by
        a first-level division ("California")."""
        if self._countries_named is None:
            found: set[str] = set()
            for ent in self.doc.ents:
                if ent.label_ not in {"GPE", "NORP", "LOC"}:
                    continue
                country = self.kb.country(ent.text) or self.kb.country_by_demonym(ent.text)
                if country is not None:
                    found.add(country.code)
                elif self.gazetteer is not None:
                    place = self.gazetteer.lookup(ent.text)
                    if place is not None and place.kind == "admin1" and place.country:
                        found.add(place.country)
            self._countries_named = found
        return self._countries_named

    def _leading_role_length(self, tokens: list[Token]) -> int:
        """How many leading tokens are a role ("Kazakh President", "Prime Minister") before
        a name of proper nouns; 0 when there is no title or no name after it."""
        index, titled = 0, False
        while index < len(tokens):
            lower = tokens[index].lower_
            pair = f"{lower} {tokens[index + 1].lower_}" if index + 1 < len(tokens) else ""
            if pair and self.kb.is_title(pair):
                index, titled = index + 2, True
            elif self.kb.is_title(lower) or self.kb.is_title(tokens[index].text):
                index, titled = index + 1, True  # the text for a title in capitals ("AG")
            elif tokens[index].text in {"-", "–"} or self._names_country(tokens[index].text):
                index += 1
            else:
                break
        rest = tokens[index:]
        if not titled or not rest or len(rest) > 4:
            return 0
        if not all(t.pos_ == "PROPN" or t.text in {"-", "."} for t in rest):
            return 0
        return index

    def _names_country(self, word: str) -> bool:
        return bool(self.kb.country_by_demonym(word) or self.kb.country(word))

    def _looks_like_titled_name(self, ent: Any) -> bool:
        """ "Kazakh President Kassym-Jomart Tokayev": the small model calls the name an ORG;
        a run of proper nouns right after a title is a person."""
        if ent.start == 0 or len(ent) > 4:
            return False
        before = self.doc[ent.start - 1].lower_
        pair = f"{self.doc[ent.start - 2].lower_} {before}" if ent.start > 1 else ""
        titled = self.kb.is_title(before) or (bool(pair) and self.kb.is_title(pair))
        return titled and all(t.pos_ == "PROPN" or t.text in {"-", "."} for t in ent)

    # -- mentions -------------------------------------------------------------------------

    def add_mention(self, ent: Any, span: Span, label: str) -> None:
        for part in _split_parenthetical(self.text, span):
            self._add_part(ent, part, label)

    def _add_part(self, ent: Any, span: Span, label: str) -> None:
        tokens = [t for t in ent if span[0] <= t.idx < span[1]]
        if not tokens:
            return
        if label != "PERSON":
            tokens, span = self._trim_section_word(tokens, span)
            tokens, span = self._trim_glued_word(tokens, span)
        self.covered.update(t.i for t in tokens)
        surface = self.text[span[0] : span[1]]
        label = topic_type(surface) or label  # "NAFTA", "Brexit": what events are about
        if label != "PERSON" and is_not_actor(surface, label, self.kb):
            return
        if names_an_event(surface, label):
            label = "EVENT"
        if label in {"ORG", "NORP", "GPE", "LOC"} and self._is_surname_of_person(span):
            label = "PERSON"  # "Morsy" tagged as an organization after "Mohammed Morsy"
        if label in {"GPE", "LOC"} and self._organization_not_place(surface):
            label = "ORG"  # "ANC", "Hamas" tagged as a place
        if label == "PERSON":
            self._add_person(tokens, span)
        elif label in COUNTRY_LIKE:
            self._add_place(tokens, span, label)
        elif label == "ORG":
            self._add_organization(span)
        else:
            surface = " ".join(self.text[span[0] : span[1]].split())
            self._actor(f"{label}:{normalize_name(surface)}", surface, label).add(span, "name")

    def _trim_glued_word(self, tokens: list[Token], span: Span) -> tuple[list[Token], Span]:
        """ "Middle East Obama", "U.N. General Assembly World": a known name and one word
        the page ran into it (a caption, the next headline) is the known name."""
        if len(tokens) < 3 or self._known_name(self.text[span[0] : span[1]]):
            return tokens, span
        head = tokens[:-1]
        prefix = (span[0], head[-1].idx + len(head[-1].text))
        if self._known_name(self.text[prefix[0] : prefix[1]]):
            return head, prefix
        return tokens, span

    def _trim_section_word(self, tokens: list[Token], span: Span) -> tuple[list[Token], Span]:
        """ "Christian Science Monitor Stories": a site's section word after a name."""
        if len(tokens) < 2 or self._known_name(self.text[span[0] : span[1]]):
            return tokens, span
        end = trailing_section_words([t.text for t in tokens])
        if end == len(tokens):
            return tokens, span
        head = tokens[:end]
        return head, (span[0], head[-1].idx + len(head[-1].text))

    def _known_name(self, surface: str) -> bool:
        return bool(
            self.kb.actors(surface)
            or self._names_country(surface)
            or self.kb.country_by_capital(surface)
            or (self.gazetteer is not None and self.gazetteer.candidates(surface))
        )

    def _organization_not_place(self, surface: str) -> bool:
        """A name tagged as a place that the knowledge base knows only as an organization
        and the gazetteer at most by another place's alternate name, or an acronym that
        names no country and no place: an organization."""
        if (
            self._names_country(surface)
            or self.kb.country_by_capital(surface)
            or self.kb.country_by_metonym(surface)  # "the White House": the government
        ):
            return False
        places = self.gazetteer.candidates(surface) if self.gazetteer is not None else []
        if any(tier < TIER_ALTERNATE for tier, _ in places):
            return False
        known = self.kb.actors(surface)
        if known:
            return all(a.kind not in {"person", "country"} for a in known)
        # Dotted abbreviations are states' and countries' ("N.C.", "Fla."), not acronyms.
        return not places and surface.isalpha() and surface.isupper() and 2 <= len(surface) <= 6

    def _is_surname_of_person(self, span: Span) -> bool:
        surface = self.text[span[0] : span[1]]
        tokens = tuple(normalize_name(surface).split())
        if len(tokens) != 1 or self._names_country(surface):
            return False
        known = self.kb.actors(surface)
        if known:
            # "Trump" tagged ORG in a 2016 article, before the term the knowledge base
            # dates: a name only people bear is a person's.
            return all(a.kind == "person" for a in known)
        if any(
            a.type == "PERSON" and len(a.name_tokens) > 1 and a.name_tokens[-1] == tokens[0]
            for a in self.actors.values()
        ):
            return True
        # "Trump" tagged as an organization in an article that never names him in full: the
        # one office holder of that surname that day.
        if self.on is None:
            return False
        return len({a.id for a in self.kb.people_by_surname(surface, self.on)}) == 1

    def in_role(self, span: Span) -> bool:
        return any(start <= span[0] and span[1] <= end for start, end in self.role_spans)

    def add_untagged_titled_names(self) -> None:
        """ "President Tokayev" that the model did not tag: a title and capitalised names."""
        doc = self.doc
        for token in doc:
            # The cheap tests first: this runs on every token of every article.
            if token.i in self.covered or not token.text[:1].isupper():
                continue
            if not self.kb.is_title(token.lower_):
                continue
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and end not in self.covered:
                end += 1
            if end == token.i + 1 or end - token.i > 4:
                continue
            names = doc[token.i + 1 : end]
            span = (names.start_char, names.end_char)
            self.covered.update(range(token.i + 1, end))
            self._add_person(list(names), span)

    def _add_person(self, tokens: list[Token], span: Span) -> None:
        tokens, span, inner_role = self._split_inner_title(tokens, span)
        tokens = self._trim_person(tokens)
        if not tokens:
            return
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        name = " ".join(self.text[span[0] : span[1]].split())
        if is_not_actor(name, "PERSON", self.kb):
            return
        roles = self._roles(tokens[0].i, tokens[-1].i + 1)
        if inner_role:
            roles.insert(0, inner_role)
        # A list of people is no role, but the party-state tags in it are ("R-S.C., and
        # Kelly Ayotte, R-N.H." gives "R-S.C.").
        tags = [m.group(0) for role in roles[:1] for m in [_PARTY_STATE.match(role)] if m]
        roles = [role for role in roles if is_role(role, name, self.kb)] or tags
        name_tokens = tuple(normalize_name(name).split())
        actor, kind = self._match_person(name_tokens)
        if actor is None:
            actor = self._actor(f"PERSON:{' '.join(name_tokens)}", name, "PERSON")
            actor.name_tokens, kind = name_tokens, "name"
        elif len(name_tokens) > len(actor.name_tokens):
            actor.name, actor.name_tokens = name, name_tokens  # the fuller form names it
        for role in roles:
            if role not in actor.roles:
                actor.roles.append(role)
        actor.add(span, kind, roles[0] if roles else None)

    def _trim_person(self, tokens: list[Token]) -> list[Token]:
        """The name without page furniture at its edges ("WATCH Obama", "Obama 02:56"),
        without a courtesy word ("Lady Thatcher") and within one line of the page."""
        while len(tokens) > 1 and tokens[0].lower_ in _HONORIFICS:
            tokens = tokens[1:]
        tokens = _first_line(tokens)
        spaced = [t.i > 0 and bool(self.doc[t.i - 1].whitespace_) for t in tokens]
        tokens = tokens[: alias_cut([t.text for t in tokens], spaced)]
        start, end = trim_name_edges(
            [t.text for t in tokens], self._known_person_name, self._kb_person, self.kb.is_title
        )
        return self._leading_surname_glue(self._leading_place_glue(tokens[start:end]))

    def _leading_place_glue(self, tokens: list[Token]) -> list[Token]:
        """ "Cuba Obama": a country or a place the gazetteer knows, run into a known person's
        name by a photo caption, is no part of the name (the rest is the name; the whole is
        no one's)."""
        if len(tokens) < 2:
            return tokens
        first, rest = tokens[0].text, " ".join(t.text for t in tokens[1:])
        if not self._kb_person(rest) or self._kb_person(" ".join(t.text for t in tokens)):
            return tokens
        # A demonym is left to the role readers ("Russian Alexei Navalny"): it says whose.
        if self.kb.country(first) is not None or self.place_country(first) is not None:
            return tokens[1:]
        return tokens

    def _leading_surname_glue(self, tokens: list[Token]) -> list[Token]:
        """ "Obama Reaffirms Support": a known surname first, where it is not a given name
        or a family-name-first name, and words after it that name no one: the headline's
        words, not the person's."""
        if len(tokens) < 2 or self._kb_person(" ".join(t.text for t in tokens)):
            return tokens
        key = normalize_name(tokens[0].text)
        people = self.kb.people_by_surname(tokens[0].text)
        if people and all(normalize_name(p.name).split()[-1] == key for p in people):
            return tokens if self._rest_is_a_name(tokens) else tokens[:1]
        return tokens

    def _rest_is_a_name(self, tokens: list[Token]) -> bool:
        """ "Ismail B. Ajjawi": a middle initial makes the words after a known surname the
        rest of one name, not a headline's. (A last word the article tags as someone's name
        elsewhere is no such sign: "Trump of Macron", "Trump Turnberry".)"""
        return any(_INITIAL.match(t.text) for t in tokens[1:-1])

    def _kb_person(self, name: str) -> bool:
        return any(a.kind == "person" for a in self.kb.actors(name))

    def _known_person_name(self, name: str) -> bool:
        words = tuple(normalize_name(name).split())
        if any(a.kind == "person" for a in self.kb.actors(name)):
            return True
        if len(words) == 1 and self.kb.people_by_surname(name):
            return True
        return any(
            a.type == "PERSON" and _same_name(words, a.name_tokens) for a in self.actors.values()
        )

    def _split_inner_title(
        self, tokens: list[Token], span: Span
    ) -> tuple[list[Token], Span, str | None]:
        """ "President Xi Jinping" tagged whole: the title is a role, not part of the name;
        so is an owner before it ("Jordan's King Abdullah", "Politico's Josh Gerstein")."""
        index = self._possessor_length(tokens)
        if index:
            index += self._leading_role_length(tokens[index:])
        else:
            index = self._leading_role_length(tokens)
        if index == 0:
            return tokens, span, None
        role = self.text[tokens[0].idx : tokens[index - 1].idx + len(tokens[index - 1].text)]
        self.role_spans.append((tokens[0].idx, tokens[index].idx))
        rest = tokens[index:]
        return rest, (rest[0].idx, span[1]), role

    def _possessor_length(self, tokens: list[Token]) -> int:
        """How many leading tokens are an owner and its "'s" before a person's name: a name
        of two capitalised words, a known person's name or a title and a name must follow
        ("Assad's Alawite" is no person's name)."""
        marks = [i for i, t in enumerate(tokens) if t.lower_ in {"'s", "’s"}]
        if not marks or marks[0] == 0 or marks[0] + 1 >= len(tokens):
            return 0
        index = marks[0] + 1
        rest = tokens[index:]
        titled = self._leading_role_length(rest)
        names = rest[titled:]
        if not names or not all(t.text[:1].isupper() or t.text in {"-", "."} for t in names):
            return 0
        name = " ".join(t.text for t in names)
        if self._kb_person(name):
            return index
        # "Clinton's State Department", "Israel's Iron Dome": a body or a thing, not a name.
        if self._known_name(name) or any(self.kb.sector_for(t.lower_) for t in names):
            return 0
        return index if titled or len(names) >= 2 else 0

    def _roles(self, start: int, end: int) -> list[str]:
        roles: list[str] = []
        premodifier = premodifier_role(self.doc, start, self.kb)
        if premodifier is not None:
            roles.append(premodifier[0])
            self.role_spans.append((self.doc[premodifier[1]].idx, self.doc[start].idx))
        roles.extend(apposition_roles(self.doc, start, end))
        roles.extend(as_roles(self.doc, start, end))
        return roles

    def _match_person(self, name_tokens: tuple[str, ...]) -> tuple[Actor | None, str]:
        """The latest person whose name contains this one, or is contained in it."""
        best: Actor | None = None
        for actor in self.actors.values():
            if actor.type != "PERSON" or not _same_name(name_tokens, actor.name_tokens):
                continue
            if best is None or _last(actor) > _last(best):
                best = actor
        if best is None:
            return None, "name"
        return best, "name" if len(name_tokens) > 1 else "surname"

    def _add_place(self, tokens: list[Token], span: Span, label: str) -> None:
        surface = self.text[span[0] : span[1]]
        demonym = self.kb.country_by_demonym(surface)
        country = demonym or self.kb.country(surface)
        capital = None if country else self.kb.country_by_capital(surface)
        metonym = None if country or capital else self.kb.country_by_metonym(surface)
        if demonym is not None:
            sector, phrase = self._group_head(tokens[-1])
            if sector is None:
                sector, phrase = self._shared_head(tokens[-1])
            if sector is None and _is_people_noun(tokens[-1], surface):
                sector, phrase = "CVL", None  # "Liberians", "the Palestinians": people
            self._country_actor(demonym, sector, span, "demonym", phrase)
        elif country is not None:
            # "Poland's parliament", "Taiwan's Vice Foreign Minister", "U.S. soldiers"
            sector, phrase = self._owner_head(tokens[-1])
            self._country_actor(country, sector, span, "name", phrase)
        elif metonym is not None:
            self._country_actor(metonym, "GOV", span, "metonym", None)
        elif capital is not None and _acts(tokens[-1]):
            self._country_actor(capital, "GOV", span, "capital", None)
        else:
            name = " ".join(surface.split())
            actor = self._actor(f"{label}:{normalize_name(name)}", name, label)
            group = group_named(name) if label == "NORP" else None
            if group is not None and tokens[0].i > 0:
                # "Iraqi Kurds": the country's people, as the events layer reads them.
                before = self.doc[tokens[0].i - 1].text
                group = None if self.kb.country_by_demonym(before) else group
            if capital is not None:
                actor.code = ActorCode(capital.code)
            elif group is not None:
                actor.code = ActorCode(known=group)  # "Jewish", "Kurds": CAMEO's group code
            elif actor.code.country is None and label != "FAC":
                actor.code = ActorCode(self.place_country(name) or self._part_country(name))
            actor.add(span, "name")

    def _part_country(self, name: str) -> str | None:
        """ "Western Cambodia", "Montenegro province", "northern Idlib": a compass word or
        an administrative word around a country or a place the gazetteer knows."""
        words = name.split()
        while len(words) > 1 and words[0].lower() in _COMPASS_WORDS:
            words = words[1:]
        while len(words) > 1 and words[-1].lower() in _REGION_WORDS:
            words = words[:-1]
        core = " ".join(words)
        if core == name:
            return None
        country = self.kb.country(core)
        return country.code if country is not None else self.place_country(core)

    def _group_head(self, token: Token) -> tuple[str | None, str | None]:
        """The sector of the noun a demonym modifies: "Chinese troops" → MIL, "Senior
        Hungarian and Romanian officials" → GOV (through the coordination)."""
        head = token
        for _ in range(4):
            if head.dep_ not in {"amod", "compound", "conj", "nmod", "npadvmod"}:
                break
            head = head.head
            # A modifier between the demonym and the head is more specific than the head:
            # "Afghan rebel leaders" are rebels, "Panamanian army officers" army.
            sector, phrase = self._group_head_from(token, head)
            if sector is not None:
                return sector, phrase
        return None, None

    def _shared_head(self, token: Token) -> tuple[str | None, str | None]:
        """ "The Kazakh and Chinese heads of state": the small parser often hangs the first
        demonym elsewhere; read the coordination from the words instead."""
        doc, index = self.doc, token.i + 1
        if index + 2 >= len(doc) or doc[index].lower_ not in {"and", "or", ","}:
            return None, None
        if self.kb.country_by_demonym(doc[index + 1].text) is None:
            return None, None
        head = doc[index + 2]
        sector = self._sector_of(head)
        return (sector, head.text) if sector is not None else (None, None)

    def _owner_head(self, token: Token) -> tuple[str | None, str | None]:
        """The role noun a country name owns or modifies ("Poland's parliament")."""
        if token.dep_ not in {"poss", "compound"}:
            return None, None
        return self._group_head_from(token, token.head)

    def _group_head_from(self, token: Token, head: Token) -> tuple[str | None, str | None]:
        sector = self._sector_of(head)
        if sector is None:
            return None, None
        for modifier in self.doc[token.i + 1 : head.i]:
            specific = self._sector_of(modifier)
            if specific is not None and modifier.dep_ in {"compound", "amod"}:
                # Named by both words: "American intelligence officials" are USASPY, and a
                # list showing "American officials" USASPY would look wrong.
                return specific, f"{modifier.text} {head.text}"
        return sector, head.text

    def _sector_of(self, token: Token) -> str | None:
        """The sector a noun names, with its compound modifier first: "border guards"."""
        if token.i > 0 and self.doc[token.i - 1].dep_ == "compound":
            pair = f"{self.doc[token.i - 1].lower_} {token.lower_}"
            sector = self.kb.sector_for(pair)
            if sector is not None:
                return sector
        if token.i + 2 < len(self.doc) and self.doc[token.i + 1].lower_ == "of":
            # "the Kazakh and Chinese heads of state"
            phrase = f"{token.lemma_.lower()} of {self.doc[token.i + 2].lower_}"
            sector = self.kb.sector_for(phrase)
            if sector is not None:
                return sector
        return self.kb.sector_for(token.lemma_.lower()) or self.kb.sector_for(token.lower_)

    def _country_actor(
        self, country: Country, sector: str | None, span: Span, kind: str, head: str | None
    ) -> None:
        key = f"COUNTRY:{country.code}:{sector or ''}"
        adjective = country.demonyms[0] if country.demonyms else country.name
        if sector is None:
            name, label = country.name, "GPE"
        elif sector == "GOV" and head is None:
            name, label = f"{adjective} government", "ORG"
        elif head is None:
            name, label = " ".join(self.text[span[0] : span[1]].split()), "NORP"  # "Liberians"
        else:
            name, label = f"{adjective} {head}", "NORP"
        actor = self._actor(key, name, label)
        actor.code = ActorCode(country.code, sector)
        actor.group = sector is not None
        actor.add(span, kind)

    def _add_organization(self, span: Span) -> None:
        surface = " ".join(self.text[span[0] : span[1]].split())
        code = code_organization(surface, self.kb)
        if code.known is not None and code.known.kind == "media" and self._is_byline(span):
            return
        # Phoenix's organization entries are code classes more than identities ("Washington-
        # based think tank" lists CSIS and the Center for American Progress): their code,
        # but the name and identity the article gives.
        known = code.known if code.known and not is_second_layer(code.known) else None
        key = f"ORG:{known.id}" if known else self._organization_key(surface)
        name = known.name if known else surface
        actor = self._actor(key, name, "ORG")
        # "Nigerian Union of Teachers (NUT)": the acronym, coded nothing, keeps the code
        # the full name gave the same actor.
        actor.code = code.merged(actor.code)
        actor.group = True
        actor.add(span, "name" if normalize_name(surface) == normalize_name(name) else "alias")

    def _is_byline(self, span: Span) -> bool:
        """An outlet credited, not acting: "WASHINGTON (AP) —", "By Jane Doe, Reuters",
        "Copyright 2013 The Associated Press", "Photo: CNN"."""
        text = self.text
        if text[max(0, span[0] - 1) : span[0]] == "(" and text[span[1] : span[1] + 1] == ")":
            return True
        line_start = text.rfind("\n", 0, span[0]) + 1
        line_end = text.find("\n", span[1])
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip().lower()
        return (
            line.startswith(("by ", "copyright", "©", "photo", "image", "credit"))
            or len(line) <= span[1] - span[0] + 2
        )

    def _organization_key(self, surface: str) -> str:
        """Unknown organizations: an acronym joins the full name it abbreviates."""
        normalized = normalize_name(surface)
        if surface.isupper() and 2 <= len(surface) <= 6:
            for key, actor in self.actors.items():
                initials = "".join(w[0] for w in actor.name.split() if w[:1].isupper())
                if actor.type == "ORG" and initials == surface:
                    return key
        return f"ORG:{normalized}"

    def _actor(self, key: str, name: str, label: str) -> Actor:
        if key not in self.actors:
            self.actors[key] = Actor(key, name, label)
        return self.actors[key]

    def _code_person(self, actor: Actor) -> None:
        actor.code = code_person(actor.name, actor.roles, self.kb, self.on).merged(actor.code)
        if actor.code.country is None:
            actor.code = actor.code.merged(ActorCode(self._role_place_country(actor)))
        # The knowledge base's dated terms say better than the text who is former.
        known = actor.code.known or actor.code.identity
        if known is None and _only_former(actor.roles, self.kb):
            actor.code = ActorCode(actor.code.country, "ELI", None, actor.code.identity)
        if any(_PARTY_STATE.match(role) for role in actor.roles):
            actor.code = actor.code.merged(ActorCode("USA", "LEG"))  # a member of Congress

    def _context_country(self, actor: Actor) -> str | None:
        """The country of a person the text gives none, in order of trust: a relative in
        the article, a relative the knowledge base knows, the one country the sentence names
        (for an official, and only when the article is about that country), the article's."""
        country = self._family_country(actor) or self._namesake_country(actor)
        if country is None and _serves_abroad(actor):
            return self._sending_country(actor)
        if country is None and actor.code.sector in _STATE_SECTORS:
            country = self._sentence_country(actor)
        country = country or self._article_country(actor)
        if country is None and actor.code.sector is None:
            country = self._leading_country_sentence(actor)
        return country

    def _sending_country(self, actor: Actor) -> str | None:
        """A diplomat the text names with a bare title ("Ambassador Lukman Faily") serves the
        one country whose diplomat of that title the article names anywhere: "Iraq's
        ambassador to Washington", "the Iraqi ambassador", "the ambassador of Iraq"."""
        titles = {
            word for role in actor.roles for word in normalize_name(role).split() if word in _ABROAD
        }
        countries: set[str] = set()
        doc = self.doc
        for token in doc:
            if token.lower_ not in titles:
                continue
            owner = None
            if token.i >= 2 and doc[token.i - 1].lower_ in {"'s", "’s"}:
                owner = self._country_word(doc[token.i - 2].text)
            if owner is None and token.i >= 1:
                owner = self._country_word(doc[token.i - 1].text)
            if owner is None and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
                owner = self._country_word(doc[token.i + 2].text)
            if owner is not None:
                countries.add(owner)
        return countries.pop() if len(countries) == 1 else None

    def _country_word(self, word: str) -> str | None:
        country = self.kb.country_by_demonym(word) or self.kb.country(word)
        return country.code if country is not None else None

    def _leading_country_sentence(self, actor: Actor) -> str | None:
        """A person the text gives no role and no country ("Juan Guaido ... issued a message
        to Venezuela") shares the country of the first of their sentences that names one,
        when it names one only and that is the country the article names most (an article
        about Venezuela that names the US too). Not so a diplomat, nor an expert, a reporter
        or a businessman, who are often foreigners to the country they talk about."""
        leading = self._leading_country()
        if leading is None or _serves_abroad(actor):
            return None
        for detail in sorted(actor.details, key=lambda d: d.span):
            countries = self._sentence_countries(detail.span)
            if countries:
                return leading if countries == {leading} else None
        return None

    def _sentence_countries(self, span: Span) -> set[str]:
        """The countries named (by name, demonym, capital or metonym) in the sentence of a
        mention."""
        sentence = self.doc.char_span(span[0], span[1], alignment_mode="expand").sent
        return {
            str(a.code.country)
            for a in self.actors.values()
            if a.key.startswith("COUNTRY:") and a.code.country
            for d in a.details
            if sentence.start_char <= d.span[0] < sentence.end_char
        }

    def _leading_country(self) -> str | None:
        """The country the article names more often than any other (see _main_country)."""
        ranked = self._country_counts()
        if not ranked or (len(ranked) > 1 and ranked[0][1] <= ranked[1][1]):
            return None
        return ranked[0][0]

    def _namesake_country(self, actor: Actor) -> str | None:
        """ "Donald Trump Jr.", "first lady Melania Trump": a son or a wife (by the name's
        suffix or a family role) of a person the knowledge base knows shares that person's
        country when all its people of that surname (our own files, not Phoenix's) share
        one. A namesake alone says nothing: "Sen. Ron Johnson" is not Boris Johnson's."""
        parts = name_core(list(actor.name_tokens))
        family = family_suffix(list(actor.name_tokens)) or any(
            word in _FAMILY_WORDS for role in actor.roles for word in normalize_name(role).split()
        )
        if len(parts) < 2 or not family:
            return None
        countries = {
            a.country
            for a in self.kb.people_by_surname(parts[-1])
            if a.kind == "person" and normalize_name(a.name).split()[-1:] == parts[-1:]
        }
        countries.discard(None)
        return countries.pop() if len(countries) == 1 and "IGO" not in countries else None

    def _family_country(self, actor: Actor) -> str | None:
        """ "Denis Thatcher", "Carol Thatcher" beside Margaret Thatcher: a relative named
        in the same article shares the family's country."""
        surname = name_core(list(actor.name_tokens))
        if len(surname) == 1 and surname[0].endswith("s"):
            surname = ["", surname[0][:-1]]  # "the Clintons": the family of that surname
        if len(surname) < 2:
            return None
        countries = {
            other.code.country
            for other in self.actors.values()
            if other is not actor
            and other.type == "PERSON"
            and len(name_core(list(other.name_tokens))) > 1
            and name_core(list(other.name_tokens))[-1] == surname[-1]
            and other.code.country not in {None, "IGO"}
        }
        return countries.pop() if len(countries) == 1 else None

    def _article_country(self, actor: Actor) -> str | None:
        """A person the text gives no country at all belongs, most likely, to the country the
        article is mostly about (its names, places and groups at least twice as often as
        any other's); not so a diplomat."""
        return None if _serves_abroad(actor) else self._main_country()

    def _role_place_country(self, actor: Actor) -> str | None:
        """The country of a place a role names: "Arizona Sen.", "former Massachusetts
        governor" (states and big cities from the gazetteer), and US party-state tags
        ("R-S.C.", "D-Calif.")."""
        for role in actor.roles:
            if _PARTY_STATE.search(role):
                return "USA"
            words = re.findall(r"[\w.'-]+", role)
            for i, word in enumerate(words):
                if not word[:1].isupper() or self.kb.is_title(word):
                    continue
                pair = " ".join(words[i : i + 2])
                for candidate in (pair, word) if len(words) > i + 1 else (word,):
                    if self.kb.sector_for(candidate) is None and self._is_big_place(candidate):
                        return self.place_country(candidate)
        return None

    def _sentence_country(self, actor: Actor) -> str | None:
        """ "Planning Minister Tran Xuan Gia said Vietnam …": an official whose country the
        text does not give serves the one country named in the same sentence; not so a
        diplomat, who serves in another country ("Ambassador Stevens arrived in Libya")."""
        if _serves_abroad(actor):
            return None
        first = min(actor.details, key=lambda d: d.span).span
        sentence = self.doc.char_span(first[0], first[1], alignment_mode="expand").sent
        countries = {
            a.code.country
            for a in self.actors.values()
            if a.key.startswith("COUNTRY:")
            for d in a.details
            if sentence.start_char <= d.span[0] < sentence.end_char
        }
        if len(countries) != 1:
            return None
        # A lone foreign country is what the sentence is about, not whose the official is
        # ("Flynn spoke with Russia's ambassador" in an article about Washington).
        country = countries.pop()
        main = self._main_country()
        return country if main in {None, country} else None

    def _main_country(self) -> str | None:
        """The country the article is mostly about: its places, bodies and groups named at
        least twice as often as any other country's (people aside)."""
        ranked = self._country_counts()
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    def _country_counts(self) -> list[tuple[str, int]]:
        """Mentions of each country's places, bodies and groups (people aside), most first."""
        counts: dict[str, int] = {}
        for other in self.actors.values():
            country = other.code.country
            if other.type != "PERSON" and country and country != "IGO":
                counts[country] = counts.get(country, 0) + len(other.details)
        return sorted(counts.items(), key=lambda item: -item[1])

    # -- output ---------------------------------------------------------------------------

    def entities(self) -> list[Entity]:
        entities: list[Entity] = []
        ordered = sorted(self.actors.values(), key=lambda a: a.first)
        for actor in ordered:
            if actor.type == "PERSON" and _named_as_group(actor):
                actor.type, actor.group = "ORG", True
                actor.code = code_from_phrase(" ".join(actor.roles), self.kb)
            if actor.type == "PERSON":
                self._code_person(actor)
        for actor in ordered:
            if actor.type == "PERSON" and actor.code.country is None:
                country = self._context_country(actor)
                actor.code = actor.code.merged(ActorCode(country))
                actor.guessed = country is not None
        for actor in ordered:
            details = sorted(actor.details, key=lambda d: d.span)
            entities.append(
                Entity(
                    id=f"e{len(entities) + 1}",
                    name=actor.name,
                    type=actor.type,
                    mentions=[d.span for d in details],
                    country=actor.code.country,
                    sector=actor.code.sector,
                    code=actor.code.code,
                    roles=list(actor.roles),
                    canonical_id=_canonical_id(actor),
                    details=details,
                    code_basis=_code_basis(actor),
                )
            )
        return entities


# Sectors of people who serve a state: such an official whose country the text does not
# give serves the country the sentence names; a lawyer, a businessman or a reporter in a
# sentence about Russia is no more Russian for it.
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI", "OPP", "PTY"})

# Words that name a part of a place: "Western Cambodia", "Montenegro province".
_COMPASS_WORDS = frozenset(
    f"{prefix}{direction}"
    for prefix in ("", "north", "south")
    for direction in (
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
    )
    if prefix == "" or direction in ("east", "west", "eastern", "western")
)
_REGION_WORDS = frozenset(
    {
        "province",
        "region",
        "state",
        "district",
        "county",
        "governorate",
        "prefecture",
        "oblast",
        "territory",
        "area",
        "countryside",
        "border",
        "provinces",
        "regions",
    }
)

# Roles that make a person a relative: "first lady", "his wife", "the president's son".
_FAMILY_WORDS = frozenset(
    {
        "wife",
        "husband",
        "son",
        "daughter",
        "lady",
        "widow",
        "brother",
        "sister",
        "father",
        "mother",
        "son-in-law",
        "daughter-in-law",
    }
)

# Titles of people who serve abroad: the country around them is not theirs.
_ABROAD = frozenset({"ambassador", "envoy", "consul", "emissary", "diplomat", "attache"})

# "R-S.C.", "D-Calif.", "I-Vt.": the US Congress's way of giving a member's party and state.
_PARTY_STATE = re.compile(r"\b[RDI]-[A-Z][A-Za-z.]{1,6}")

# "B.", "J.": a middle or first initial.
_INITIAL = re.compile(r"^[A-Z]\.$")

_PARENTHETICAL = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[^()]+)\)?$")


def _split_parenthetical(text: str, span: Span) -> list[Span]:
    """ "Shanghai Cooperation Organisation (SCO" as the model tags it: two mentions."""
    match = _PARENTHETICAL.match(text[span[0] : span[1]])
    if match is None:
        return [span]
    start = span[0]
    return [
        (start + match.start("name"), start + match.end("name")),
        (start + match.start("short"), start + match.end("short")),
    ]


def _acts(token: Token) -> bool:
    """A capital in the position of a doer, not a place: "Beijing said", "warned
    Stockholm", "Manila and Washington announced", "warnings from Beijing"; but not "in
    Beijing" or "a visit to Moscow"."""
    if token.dep_ == "conj":
        return _acts(token.head)
    if token.dep_ in _ACTOR_DEPS or token.dep_ in {"dobj", "dative"}:
        return True
    preposition = token.head if token.dep_ == "pobj" else None
    return preposition is not None and preposition.lower_ in {"by", "from", "with"}


def _is_people_noun(token: Token, surface: str) -> bool:
    """A demonym that names people rather than qualifying a noun: "Liberians fled"."""
    return token.dep_ not in {"amod", "compound", "nmod"} and (
        surface.endswith("s") or token.pos_ in {"NOUN", "PROPN"}
    )


def _serves_abroad(actor: Actor) -> bool:
    return any(word in _ABROAD for role in actor.roles for word in normalize_name(role).split())


_FORMER = ("former ", "ex-", "late ", "then-", "onetime ")


def _only_former(roles: list[str], kb: KnowledgeBase) -> bool:
    """Every role with a title is a past one ("former Massachusetts governor"): an elite."""
    titled = [r for r in roles if any(kb.is_title(w) for w in normalize_name(r).split())]
    return bool(titled) and all(normalize_name(r).startswith(_FORMER) for r in titled)


# Words that end a role's head noun phrase: "a sketchwriter for The Guardian newspaper".
_AFTER_HEAD = re.compile(r"\s(?:of|for|at|in|with|from|to|on|by|that|which|who|suspected|based)\s")


def _named_as_group(actor: Actor) -> bool:
    """A "person" whose appositions call it a group: "Ansar al-Sharia, the militant group"
    (but not "a sketchwriter for The Guardian newspaper")."""
    heads = []
    for role in actor.roles:
        words = normalize_name(_AFTER_HEAD.split(f" {role} ", maxsplit=1)[0]).split()
        if words:
            heads.append(words[-1])
    return bool(heads) and sum(h in _GROUP_HEADS for h in heads) * 2 >= len(heads)


def _same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """ "Tokayev" and "Kassym-Jomart Tokayev": one name holds the other's words; "Donald
    Trump" and "Donald Trump Jr." are father and son, though "Trump Jr." is the son."""
    if not a or not b:
        return False
    if len(a) > 1 and len(b) > 1 and family_suffix(list(a)) != family_suffix(list(b)):
        return False
    return set(a) <= set(b) or set(b) <= set(a)


def _last(actor: Actor) -> int:
    return max(d.span[0] for d in actor.details)


def _code_basis(actor: Actor) -> str | None:
    if actor.code.country is None:
        return None
    if actor.guessed:
        return "context"
    return "known" if actor.code.known or actor.code.identity else "text"


def _canonical_id(actor: Actor) -> str:
    """The knowledge base's id, "country:KAZ" / "country:KAZ-GOV" for countries and their
    sectors, else a "local:" id from the name that the store may join to an earlier one."""
    if actor.code.known is not None and not is_second_layer(actor.code.known):
        return actor.code.known.id
    if actor.code.identity is not None:
        return actor.code.identity
    if actor.key.startswith("COUNTRY:"):
        _, country, sector = actor.key.split(":")
        return f"country:{country}-{sector}" if sector else f"country:{country}"
    return f"local:{actor.type.lower()}:{normalize_name(actor.name).replace(' ', '-')}"


__all__ = ["Actor", "ActorResolver"]


def _first_line(tokens: list[Token]) -> list[Token]:
    """A name tagged across a line break ("Donald Trump Donald\nTrump", a caption run into
    the next line): the first line's words that are not page furniture alone."""
    lines: list[list[Token]] = [[]]
    for token in tokens:
        if "\n" in token.text or "\n" in token.whitespace_:
            if token.text.strip():
                lines[-1].append(token)
            lines.append([])
        else:
            lines[-1].append(token)
    if len(lines) == 1:
        return tokens
    furniture = not_actor_words()
    for line in lines:
        if any(not furniture.has("furniture", t.text) for t in line):
            return line
    return tokens
