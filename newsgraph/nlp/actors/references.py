"""Pronouns and nominal descriptions linked to the actors already found in the article.

Heuristics, in the spirit of rule-based resolvers (Hobbs; Lee et al.'s sieves) rather than a
model, since no offline coreference model exists for this machine:
- he/she/his/her → the latest person mentioned in this or the two previous sentences;
- its → the latest country or organization in this or the previous sentence; they/their →
  the latest group actor ("Kazakh officials", an organization) in that window;
- "the (Chinese) president", "the prime minister", "the leader" → the person holding that
  role in this article (matching the country when one is named), else the office holder on
  the article's date from the knowledge base, if mentioned;
- "the 71-year-old", "the former premier" → the latest person; "the bloc", "the alliance",
  "the organization" → the latest organization.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from newsgraph.nlp.actors.kb import normalize_name

if TYPE_CHECKING:
    from newsgraph.nlp.actors.resolve import Actor, _ArticleActors

Token = Any

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THING_PRONOUNS = frozenset({"its", "itself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
ORG_NOUNS = frozenset(
    {"organization", "organisation", "bloc", "alliance", "group", "body", "union", "grouping"}
)
COUNTRY_NOUNS = frozenset({"country", "nation", "kingdom", "republic", "state"})
LEADER_NOUNS = frozenset({"leader", "head of state", "strongman", "incumbent"})
_PERSON_WINDOW = 2  # sentences back
_THING_WINDOW = 1


def link_references(state: _ArticleActors, doc: Any) -> None:
    sentence_starts = [sent.start_char for sent in doc.sents]
    for token in doc:
        if token.i in state.covered:
            continue
        lower = token.lower_
        if token.pos_ == "PRON" or lower in THING_PRONOUNS or lower in GROUP_PRONOUNS:
            _link_pronoun(state, token, sentence_starts)
        elif lower == "the" or (lower in {"my", "our"} and _next_is(doc, token, COUNTRY_NOUNS)):
            _link_nominal(state, token, sentence_starts)


def _next_is(doc: Any, token: Token, words: frozenset[str]) -> bool:
    return token.i + 1 < len(doc) and doc[token.i + 1].lower_ in words


def _window_start(token: Token, sentence_starts: list[int], back: int) -> int:
    # The starts are in order: a binary search, not a scan of every sentence per pronoun.
    index = bisect_right(sentence_starts, token.idx) - 1
    return sentence_starts[max(0, index - back)]


def _latest(state: _ArticleActors, before: int, since: int, wanted: Any) -> Actor | None:
    best: Actor | None = None
    best_at = -1
    for actor in state.actors.values():
        if not wanted(actor):
            continue
        for detail in actor.details:
            at = detail.span[0]
            if since <= at < before and at > best_at:
                best, best_at = actor, at
    return best


def _link_pronoun(state: _ArticleActors, token: Token, starts: list[int]) -> None:
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        since = _window_start(token, starts, _PERSON_WINDOW)
        actor = _person_antecedent(state, token, since)
    elif lower in THING_PRONOUNS:
        since = _window_start(token, starts, _THING_WINDOW)
        actor = _latest(state, token.idx, since, _is_thing)
    elif lower in GROUP_PRONOUNS:
        since = _window_start(token, starts, _THING_WINDOW)
        actor = _latest(state, token.idx, since, lambda a: a.group)
    else:
        return
    if actor is not None:
        actor.add((token.idx, token.idx + len(token.text)), "pronoun")


OBJECT_PRONOUNS = frozenset({"him", "her", "himself", "herself"})


def _person_antecedent(state: _ArticleActors, token: Token, since: int) -> Actor | None:
    """The person a he/she/his/him refers to. A subject earlier in the same sentence wins
    ("Moon said that during his meeting with Kim, he …" → Moon), except for an object
    pronoun, which cannot be the subject of its own clause ("Kim requested to meet him" →
    not Kim); otherwise the latest person mentioned."""
    excluded = _clause_subject(state, token) if token.lower_ in OBJECT_PRONOUNS else None
    sentence_start = token.sent.start_char
    subjects = [
        a
        for a in _people_mentioned(state, sentence_start, token.idx, subjects_only=True)
        if a is not excluded
    ]
    if subjects and token.lower_ not in OBJECT_PRONOUNS:
        return subjects[0]
    previous = _previous_sentence_subject(state, token)
    if (
        previous is not None
        and previous is not excluded
        and not _people_mentioned(state, sentence_start, token.idx, subjects_only=False)
    ):
        return previous  # the topic carried over from the last sentence
    return _latest(state, token.idx, since, lambda a: a.type == "PERSON" and a is not excluded)


def _previous_sentence_subject(state: _ArticleActors, token: Token) -> Actor | None:
    start = token.sent.start
    if start == 0:
        return None
    previous = state.doc[start - 1].sent
    subjects = _people_mentioned(state, previous.start_char, previous.end_char, True)
    return subjects[0] if subjects else None


def _people_mentioned(
    state: _ArticleActors, start: int, end: int, subjects_only: bool
) -> list[Actor]:
    """People mentioned in [start, end), in order of mention."""
    found: list[tuple[int, Actor]] = []
    for actor in state.actors.values():
        if actor.type != "PERSON":
            continue
        for detail in actor.details:
            at = detail.span[0]
            if start <= at < end and (not subjects_only or _is_subject(state, detail.span)):
                found.append((at, actor))
    return [actor for _, actor in sorted(found, key=lambda pair: pair[0])]


def _is_subject(state: _ArticleActors, span: tuple[int, int]) -> bool:
    words = state.doc.char_span(span[0], span[1], alignment_mode="expand")
    return words is not None and words.root.dep_ in {"nsubj", "nsubjpass"}


def _clause_subject(state: _ArticleActors, token: Token) -> Actor | None:
    """The person who is the subject of the verb governing `token` (or of the verb that
    verb depends on, for "asked to meet him")."""
    verb = token.head
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return _actor_at(state, child.idx)
        if verb.head.i == verb.i:  # spaCy makes a new Token object on every access
            break
        verb = verb.head
    return None


def _actor_at(state: _ArticleActors, offset: int) -> Actor | None:
    for actor in state.actors.values():
        if any(start <= offset < end for (start, end) in (d.span for d in actor.details)):
            return actor
    return None


def _is_country(actor: Actor) -> bool:
    return actor.key.startswith("COUNTRY:") and actor.code.sector is None


def _is_thing(actor: Actor) -> bool:
    # Countries and organizations; demonym groups ("Kazakh officials") are "they", not "it".
    return actor.type == "ORG" or (actor.type in {"GPE", "NORP"} and not actor.group)


def _link_nominal(state: _ArticleActors, the: Token, starts: list[int]) -> None:
    """ "the Chinese president": "the", optional modifiers, a role noun, no name after it."""
    words = _nominal_words(state, the)
    if not words:
        return
    head = words[-1]
    end = head.idx + len(head.text)
    span = (the.idx, end)
    phrase = " ".join(w.lower_ for w in words)
    since = _window_start(the, starts, _PERSON_WINDOW)
    actor = _nominal_referent(state, words, phrase, the.idx, since)
    if actor is not None:
        # "the militant group" describes an organization; only a person's description is a role.
        role = state.text[words[0].idx : end] if actor.type == "PERSON" else None
        actor.add(span, "nominal", role)


def _nominal_words(state: _ArticleActors, the: Token) -> list[Token]:
    doc = state.doc
    words: list[Token] = []
    index = the.i + 1
    while index < len(doc) and len(words) < 5:
        token = doc[index]
        if token.pos_ not in {"ADJ", "NOUN", "PROPN", "NUM"} and token.text != "-":
            break
        words.append(token)
        index += 1
    if not words or (words[-1].pos_ == "PROPN" and not _ends_in_title(state, words)):
        # "the Kremlin", "the President Xi": names, not descriptions; "the Crown Prince",
        # "the President" are titles written capitalized, descriptions all the same
        return []
    if index < len(doc) and doc[index].pos_ == "PROPN":
        return []
    return words


def _ends_in_title(state: _ArticleActors, words: list[Token]) -> bool:
    lowered = [w.lower_ for w in words]
    return any(state.kb.is_title(" ".join(lowered[-size:])) for size in (3, 2, 1))


def _nominal_referent(
    state: _ArticleActors, words: list[Token], phrase: str, before: int, since: int
) -> Actor | None:
    head = words[-1].lower_
    if head in ORG_NOUNS:
        wanted = _modifier_sector(state, words[:-1])
        return _latest(state, before, 0, lambda a: a.type == "ORG" and _fits(a, wanted))
    if head in COUNTRY_NOUNS and len(words) == 1:
        return _latest(state, before, since, _is_country)
    if head.endswith("-old") or phrase.endswith("year-old"):
        return _latest(state, before, since, lambda a: a.type == "PERSON")
    title = _title_in(state, words)
    if title is None:
        return None
    country = _country_in(state, words)
    people = [a for a in state.actors.values() if a.type == "PERSON" and a.details]
    holders = [a for a in people if _holds(state, a, title, country)]
    if holders:
        return max(holders, key=lambda a: _last_before(a, before))
    if country is not None:
        known = state.kb.office_holder(country, title, state.on)
        if known is not None:
            return _person_named(people, known.name)
    return None


# Sectors of armed groups and the code parts that mark one ("the militant group" is Hamas,
# not Fox News or the CIA).
_ARMED_SECTORS = frozenset({"INS", "REB", "SEP", "UAF", "MIL"})
_ARMED_CODES = ("REB", "INS", "IMG", "SEP", "UAF", "ALQ", "TAL")


def _modifier_sector(state: _ArticleActors, words: list[Token]) -> str | None:
    for word in words:
        sector = state.kb.sector_for(word.lower_)
        if sector is not None:
            return sector
    return None


def _fits(actor: Actor, sector: str | None) -> bool:
    """Whether an organization fits a description's modifier sector."""
    if sector is None:
        return True
    code = actor.code.code or ""
    if sector in _ARMED_SECTORS:
        return any(part in code[3:] for part in _ARMED_CODES) or sector in code[3:]
    return sector in code[3:]


def _last_before(actor: Actor, before: int) -> int:
    """Where the actor was last mentioned before `before` (-1 if only after)."""
    return max((d.span[0] for d in actor.details if d.span[0] < before), default=-1)


def _title_in(state: _ArticleActors, words: list[Token]) -> str | None:
    lowered = [w.lower_ for w in words]
    for size in (3, 2, 1):
        for i in range(len(lowered) - size + 1):
            phrase = " ".join(lowered[i : i + size]).replace(" - ", "-")
            if state.kb.is_title(phrase) or phrase in LEADER_NOUNS:
                return phrase
    return None


def _country_in(state: _ArticleActors, words: list[Token]) -> str | None:
    """The country a description names; longer phrases first, since "North Korean" is not
    "Korean"."""
    texts = [w.text for w in words]
    for size in (3, 2, 1):
        for i in range(len(texts) - size + 1):
            phrase = " ".join(texts[i : i + size])
            country = state.kb.country_by_demonym(phrase) or state.kb.country(phrase)
            if country is not None:
                return country.code
    return None


def _holds(state: _ArticleActors, actor: Actor, title: str, country: str | None) -> bool:
    roles = " ".join(actor.roles).lower()
    has_title = title in roles or (title in LEADER_NOUNS and _is_leader(state, actor))
    if not has_title:
        return False
    if country is None:
        return True
    code = actor.code.country or _role_country(state, actor)
    return code == country


def _is_leader(state: _ArticleActors, actor: Actor) -> bool:
    roles = " ".join(actor.roles).lower()
    return any(word in roles for word in ("president", "prime minister", "premier", "king"))


def _role_country(state: _ArticleActors, actor: Actor) -> str | None:
    for role in actor.roles:
        for word in role.split():
            country = state.kb.country_by_demonym(word) or state.kb.country(word)
            if country is not None:
                return country.code
    known = [a for a in state.kb.actors(actor.name, state.on) if a.kind == "person"]
    return known[0].country if len(known) == 1 else None


def _person_named(people: list[Actor], name: str) -> Actor | None:
    tokens = set(normalize_name(name).split())
    for actor in people:
        if set(actor.name_tokens) <= tokens:
            return actor
    return None


__all__ = ["link_references"]
