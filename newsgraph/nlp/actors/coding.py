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

from newsgraph.nlp.actors.kb import KnowledgeBase, KnownActor

_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class ActorCode:
    country: str | None = None
    sector: str | None = None
    known: KnownActor | None = None

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
            self.country or other.country, self.sector or other.sector, self.known or other.known
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


def _country_in(words: list[str], kb: KnowledgeBase) -> str | None:
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            following = words[i + size].lower() if i + size < len(words) else ""
            if following in _TOPIC_NOUNS:
                continue
            text = " ".join(words[i : i + size])
            for lookup in (kb.country_by_demonym, kb.country, kb.country_by_capital):
                found = lookup(text)
                if found is not None:
                    return found.code
            for actor in kb.actors(text):
                if actor.kind != "person" and actor.country:
                    return actor.country
    return None


def _sector_in(words: list[str], kb: KnowledgeBase) -> str | None:
    """The sector of the last role word: in "Chinese Foreign Ministry spokesman" the
    spokesman speaks for the ministry, and both are GOV; in "Russian energy company" the
    head noun "company" decides."""
    lowered = [w.lower().strip(".") for w in words]
    found: str | None = None
    i = 0
    while i < len(lowered):
        for size in (3, 2, 1):
            phrase = " ".join(lowered[i : i + size])
            sector = kb.sector_for(phrase)
            if sector is not None:
                found = sector
                i += size - 1
                break
        i += 1
    return found


def code_person(name: str, roles: list[str], kb: KnowledgeBase, on: date | None) -> ActorCode:
    """A person's code: the knowledge base when it knows them on that date, else roles."""
    # One person holds several dated roles: one entry per term, all with the same id.
    known = list({a.id: a for a in kb.actors(name, on) if a.kind == "person"}.values())
    from_roles = ActorCode()
    for role in roles:
        from_roles = from_roles.merged(code_from_phrase(role, kb))
    if len(known) == 1:
        return code_from_known(known[0]).merged(from_roles)
    if not known and on is not None:
        # Out of office on that date (or a wrong date): a person's country rarely changes,
        # their sector does, so only the country is taken.
        countries = {a.country for a in kb.actors(name) if a.kind == "person"}
        if len(countries) == 1:
            return from_roles.merged(ActorCode(countries.pop()))
    return from_roles


def code_organization(name: str, kb: KnowledgeBase) -> ActorCode:
    known = [a for a in kb.actors(name) if a.kind != "person"]
    if known:
        return code_from_known(known[0])
    return code_from_phrase(name, kb)


__all__ = ["ActorCode", "code_from_known", "code_from_phrase", "code_organization", "code_person"]
