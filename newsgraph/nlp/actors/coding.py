"""Actor codes, CAMEO/PLOVER style: a country (ISO alpha-3, or IGO) and a sector.

Codes come, in order of trust, from the knowledge base (a known person in office on the
article's date, a known organization), then from the words around the name: a role
("Kazakh President" → KAZ + GOV), the head noun of a demonym ("Chinese troops" → CHN +
MIL), words inside an organization's name ("Chinese Foreign Ministry" → CHN + GOV).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsgraph.nlp.actors.kb import KnowledgeBase, KnownActor, is_second_layer

_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class ActorCode:
    country: str | None = None
    sector: str | None = None
    known: KnownActor | None = None
    # The knowledge base's id of a person it knows, though not in a role on that date.
    identity: str | None = None

    @property
    def code(self) -> str | None:
        if self.known is not None and self.known.code:
            return self.known.code
        if self.country is None:
            return None
        return f"{self.country}{self.sector or ''}"

    def merged(self, other: ActorCode) -> ActorCode:
        """This code with gaps filled from `other` (this one wins where both know)."""
        return ActorCode(
            self.country or other.country,
            self.sector or other.sector,
            self.known or other.known,
            self.identity or other.identity,
        )


def code_from_known(actor: KnownActor) -> ActorCode:
    return ActorCode(actor.country, actor.sector, actor)


def code_from_phrase(phrase: str, kb: KnowledgeBase) -> ActorCode:
    """Country and sector named by the words of a role or organization name."""
    words = _WORD.findall(phrase)
    country = _country_in(words, kb)
    sector = _sector_in(words, kb)
    return ActorCode(country, sector)


# "China expert Sandschneider" is an expert on China, not a Chinese expert: a country
# before these nouns is a topic, not an affiliation.
_TOPIC_NOUNS = frozenset(
    {"expert", "experts", "specialist", "analyst", "watcher", "scholar", "observer", "hand"}
)


# A country after these is where the actor serves or what it is about, not whose it is:
# "US ambassador to Libya" is the US's, "envoy to Syria" not Syria's ...
_DESTINATION = frozenset({"to", "on", "with", "against", "about", "toward", "towards"})
# ... while after these it is whose the actor is when nothing before says otherwise:
# "Liu Qingbin, of Yokohama University in Japan", "a spokesman for the Israeli government".
_AFFILIATION = frozenset({"in", "at", "for", "from"})


def _country_in(words: list[str], kb: KnowledgeBase) -> str | None:
    lowered = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lowered) if i > 0 and w in _DESTINATION), None)
    if cut is not None:
        return _country_in(words[:cut], kb)
    cut = next((i for i, w in enumerate(lowered) if i > 0 and w in _AFFILIATION), None)
    if cut is not None:
        return _country_in(words[:cut], kb) or _country_in(words[cut + 1 :], kb)
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            following = words[i + size].lower() if i + size < len(words) else ""
            if following in _TOPIC_NOUNS:
                continue
            text = " ".join(words[i : i + size])
            if size == 1 and text.islower():
                # "who" in a relative clause is not the WHO, nor "us" the US: names of
                # countries, peoples and bodies are capitalized.
                continue
            if i > 0 and words[i - 1] == "New":
                continue  # "New Mexico", "New Jersey": a state named after a country
            lookups = (kb.country_by_demonym, kb.country, kb.country_by_capital)
            for lookup in (*lookups, kb.country_by_metonym):
                found = lookup(text)
                if found is not None:
                    return found.code
            for actor in kb.actors(text):
                if actor.kind != "person" and actor.country and not _posted_to(actor, words):
                    return actor.country
    return None


_POSTED = frozenset({"ambassador", "envoy", "representative", "delegate", "ambassadors"})


def _posted_to(actor: KnownActor, words: list[str]) -> bool:
    """ "U.N. Ambassador Susan Rice": an ambassador to an international body is the sending
    country's, not the body's ("U.S. ambassador" still names the sending country)."""
    return actor.country == "IGO" and any(w.lower() in _POSTED for w in words)


def _sector_in(words: list[str], kb: KnowledgeBase) -> str | None:
    """The sector of the last role word: in "Chinese Foreign Ministry spokesman" the
    spokesman speaks for the ministry, and both are GOV; in "Russian energy company" the
    head noun "company" decides."""
    lowered = [w.lower() for w in words]
    found: str | None = None
    i = 0
    while i < len(lowered):
        for size in (3, 2, 1):
            phrase = " ".join(lowered[i : i + size])
            # "Sen." and "Gov." are listed with their dot; "minister." at a sentence end is not.
            sector = kb.sector_for(phrase) or kb.sector_for(phrase.strip("."))
            if sector is not None:
                found = sector
                i += size - 1
                break
        i += 1
    return found


def code_person(name: str, roles: list[str], kb: KnowledgeBase, on: date | None) -> ActorCode:
    """A person's code: the knowledge base when it knows them on that date, else roles."""
    if not any(a.kind == "person" for a in kb.actors(name)):
        # "Mohamed Morsy": the knowledge base's person under another spelling.
        variants = {a.id: a.name for a in kb.person_variants(name)}
        variants = variants or _titled_name(name, roles, kb)
        if len(variants) == 1:
            name = next(iter(variants.values()))
    # One person holds several dated roles: one entry per term, all with the same id.
    known = list({a.id: a for a in kb.actors(name, on) if a.kind == "person"}.values())
    if not known and on is not None and len(name.split()) == 1:
        known = _sole_holder_of_surname(name, kb, on)
    from_roles = ActorCode()
    for role in roles:
        from_roles = from_roles.merged(code_from_phrase(role, kb))
    if len(known) == 1 and is_second_layer(known[0]):
        # Phoenix's dates are coarse and stop in 2014: a role the article gives ("Russian
        # President Boris Yeltsin") says more about that day than the dictionary's code.
        person = known[0]
        return from_roles.merged(ActorCode(person.country, person.sector, None, person.id))
    if len(known) == 1:
        return code_from_known(known[0]).merged(from_roles)
    if not known and on is not None:
        return from_roles.merged(_out_of_office(name, kb, on))
    return from_roles


def _titled_name(name: str, roles: list[str], kb: KnowledgeBase) -> dict[str, str]:
    """ "Pope Francis", "King Salman": a known person (id → name) named by a title and a
    name, the title read as a role ("Francis" alone names too many people to be listed)."""
    for role in roles:
        found = {a.id: a.name for a in kb.actors(f"{role} {name}") if a.kind == "person"}
        if len(found) == 1:
            return found
    return {}


def _sole_holder_of_surname(surname: str, kb: KnowledgeBase, on: date) -> list[KnownActor]:
    """ "Trump said" in 2018, "Obama" in 2012: a lone surname the article never writes in
    full is the one known office holder of that surname that day, if there is only one
    (our own dated terms, not Phoenix's undated people)."""
    holders = {a.id: a for a in kb.people_by_surname(surname, on) if a.kind == "person"}
    if len(holders) != 1:
        return []
    return list(holders.values())


def _out_of_office(name: str, kb: KnowledgeBase, on: date) -> ActorCode:
    """A known person out of office on that date (or a wrong date): one actor with dated
    roles (the knowledge base's id), their country (which rarely changes, unlike their
    sector), and the elite sector once a term has ended ("former President Bill Clinton")."""
    terms = [a for a in kb.actors(name) if a.kind == "person"]
    if len({a.id for a in terms}) != 1:
        return ActorCode()
    country = terms[0].country
    home = next((kb.country(a.home) for a in terms if a.home), None)
    if country == "IGO" and home is not None:
        country = home.code  # Geoffrey Howe after his EU presidency: British again
    # On the hand-over day itself the outgoing holder still acts ("Assad fled to Moscow").
    former = any(a.end is not None and a.end < on for a in terms)
    return ActorCode(country, "ELI" if former else None, None, terms[0].id)


def code_organization(name: str, kb: KnowledgeBase) -> ActorCode:
    known = [a for a in kb.actors(name) if a.kind != "person"]
    if known:
        return code_from_known(known[0])
    return code_from_phrase(name, kb)


__all__ = ["ActorCode", "code_from_known", "code_from_phrase", "code_organization", "code_person"]
