"""Where an event took place: the place its clause names, geocoded offline.

A place counts when the dependency tree ties it to the trigger or the trigger's clause by
a place preposition ("met in Beijing", "talks in Geneva", "clashes near the border"), as
the destination of a movement ("visited Moscow", "a trip to Japan", "arrived in Kyiv"), as
the object of force ("shelled Kharkiv", "an attack on Kyiv"), or as a city naming a
nominal event ("the Geneva talks"). A country that is only an actor ("China criticized
Japan") is not a place. The place inside a container noun is taken ("the city of Kharkiv",
"Ukraine's Donetsk region", "the Kazakh capital, Astana").

Without such a place, an event in the article's first two sentences takes the dateline's
place ("KABUL, Afghanistan —") when the sentence names no country's actor or one of the
dateline's country: a dateline says where the reporter files from, which is where the
lead's events happen in a story about that place, but not in "WASHINGTON — Russia attacked
Ukraine ..." (no American actor).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.model import Article, Location, Span
from newsgraph.nlp.actors.kb import load_kb
from newsgraph.nlp.places.dateline import find_dateline
from newsgraph.nlp.places.gazetteer import Gazetteer, Place
from newsgraph.nlp.places.geocode import (
    BROAD_KINDS,
    entities_between,
    entity_index,
    geocode_phrase,
    to_location,
)

# Demonyms (NORP) name peoples, not places: "Kazakh" is no town.
_NEVER_PLACES = frozenset(
    {"NORP", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
)
# How a place name hangs in the noun that contains it, and how specific that makes it:
# "the suburb of Saint-Denis" / "the capital, Astana" name the place itself (0), "the
# Donetsk region" a part of its name (1), "Ukraine's ... region" the wider place (2).
_NESTING = {"pobj": 0, "appos": 0, "compound": 1, "nmod": 1, "amod": 1, "poss": 2}
# Prepositions that put a noun's place outside the event's time and place: "ahead of this
# week's summit in Wales", "before the Pope's landing in Seoul".
_BLOCKING = frozenset({"before", "after", "ahead", "since", "until", "despite", "like", "than"})
_LEAD_SENTENCES = 2
# Nouns of force whose "of" names the place struck or taken ("the siege of Mariupol",
# "control of Kabul"); "of" after "attack" names the attacker.
_STRIKE_NOUNS = frozenset(
    {"invasion", "occupation", "bombing", "shelling", "siege", "blockade", "control", "capture"}
)
_BIG_PLACE = 100_000


@lru_cache(maxsize=1)
def place_cues() -> dict[str, frozenset[str]]:
    """Cue words by kind from newsgraph/data/place_cues.tsv: preposition, destination,
    strike, container."""
    text = resources.files("newsgraph").joinpath("data", "place_cues.tsv").read_text("utf-8")
    cues: dict[str, set[str]] = {}
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    for word, kind in (row[:2] for row in rows[1:] if len(row) >= 2):
        cues.setdefault(kind.strip(), set()).add(word.strip().lower())
    return {kind: frozenset(words) for kind, words in cues.items()}


def locate_event(
    text: str, doc: Any, sentence: Span, trigger: Span, article: Article, gazetteer: Gazetteer
) -> Location | None:
    """Where the event took place (a newsgraph.model.Location), or None when the text
    doesn't say."""
    trigger_token = _token_at(doc, trigger)
    if trigger_token is not None:
        found = _in_sentence(doc, sentence, trigger_token, article, gazetteer)
        if found is not None:
            return found
    return _from_dateline(text, sentence, article, gazetteer)


# ---------------------------------------------------------------- places in the sentence


@dataclass(frozen=True)
class _Tie:
    """How a place phrase hangs from the trigger."""

    distance: int  # 0 on the trigger, 1 in its clause, 2 in a coordinated clause
    how: str  # "preposition", "destination", "strike" or "modifier" ("the Geneva talks")
    nesting: int  # see _NESTING
    container: Any  # the noun the name sits in ("region"), or None


def _in_sentence(
    doc: Any, sentence: Span, trigger: Any, article: Article, gazetteer: Gazetteer
) -> Location | None:
    ranked: list[tuple[tuple[int, int, int, int], Location]] = []
    for phrase, labelled in _place_phrases(doc, sentence, gazetteer):
        tie = _tie_to_trigger(phrase, trigger)
        if tie is None:
            continue
        found = geocode_phrase(phrase, tie.container, sentence, article, gazetteer)
        if found is None or not (labelled or _trusted(found, tie)):
            continue
        span = (phrase.start_char, phrase.end_char)
        location = to_location(found, span) if isinstance(found, Place) else found
        kind = found.kind if isinstance(found, Place) else ""
        if tie.how == "modifier" and kind in BROAD_KINDS | {""}:
            continue  # "the US sanctions": an actor, not a place
        key = (
            tie.distance,
            tie.nesting,
            _specificity(found, phrase),
            abs(phrase.root.i - trigger.i),
        )
        ranked.append((key, location))
    return min(ranked, key=lambda r: r[0])[1] if ranked else None


def _specificity(found: Place | Location, phrase: Any) -> int:
    """Ranks places at the same distance from the trigger: a city or region the gazetteer
    knows (0), a town it lacks that the recognizer calls a GPE (1: "Schengen, a town in
    Luxembourg"), a country or sea (2), an unknown landmark or line (3: "the Line of Control
    in Kashmir")."""
    if isinstance(found, Place):
        return 2 if found.kind in BROAD_KINDS else 0
    return 1 if getattr(phrase, "label_", "") == "GPE" else 3


def _trusted(found: Place | Location, tie: _Tie) -> bool:
    """Whether a name the recognizer does not call a place is one here: after a place
    preposition, or as the object of a movement or strike when it is a big place ("shelled
    Kharkiv"), not a small town that shares a person's name ("attacked Obama")."""
    if tie.how == "preposition":
        return True
    return isinstance(found, Place) and (
        found.population >= _BIG_PLACE or found.kind in ("country", "region")
    )


def _place_phrases(doc: Any, sentence: Span, gazetteer: Gazetteer) -> list[tuple[Any, bool]]:
    """Entity spans that may be places, and runs of proper nouns the gazetteer knows that
    the recognizer missed ("Donetsk" in "Ukraine's Donetsk region"), each with whether the
    recognizer calls those words a place somewhere in the article."""
    kb = load_kb()
    _, place_words, covered = entity_index(doc)
    phrases = [
        ent
        for ent in entities_between(doc, sentence[0], sentence[1])
        if ent.label_ not in _NEVER_PLACES
    ]
    span = doc.char_span(sentence[0], sentence[1], alignment_mode="expand")
    tokens = span if span is not None else ()
    phrases += _proper_noun_runs(tokens, covered)
    capitals = _unnamed_capitals(tokens)
    kept = [(capital, True) for capital in capitals]
    for phrase in phrases:
        labelled = phrase.text in place_words
        if kb.country_by_demonym(phrase.text) is not None:
            continue
        if not labelled and (
            gazetteer.is_common_word(phrase.text) or not _known(phrase, gazetteer)
        ):
            continue
        kept.append((phrase, labelled))
    return kept


def _unnamed_capitals(tokens: Any) -> list[Any]:
    """ "the Kazakh capital", "Ukraine's capital": a capital named by its country only
    (with its own name, "the Kazakh capital, Astana", the name is the place phrase)."""
    kb = load_kb()
    found = []
    for token in tokens:
        if token.lemma_.lower() != "capital" or token.pos_ != "NOUN":
            continue
        if any(
            c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children
        ):
            continue
        for child in token.children:
            word = child.text
            country = kb.country(word) or kb.country_by_demonym(word)
            if child.dep_ in ("amod", "compound", "poss") and country and country.capital:
                found.append(token.doc[child.i : token.i + 1])
                break
    return found


def _known(phrase: Any, gazetteer: Gazetteer) -> bool:
    return gazetteer.lookup(phrase.text) is not None or (
        load_kb().country_by_metonym(phrase.text) is not None
    )


def _proper_noun_runs(tokens: Any, covered: set[int]) -> list[Any]:
    runs: list[Any] = []
    start: int | None = None
    for token in tokens:
        inside = token.pos_ == "PROPN" and token.i not in covered
        if inside and start is None:
            start = token.i
        if not inside and start is not None:
            runs.append(token.doc[start : token.i])
            start = None
    if start is not None:
        runs.append(tokens[-1].doc[start : tokens[-1].i + 1])
    return runs


def _tie_to_trigger(phrase: Any, trigger: Any) -> _Tie | None:
    cues = place_cues()
    head, nesting, container = _outer(phrase.root, cues["container"])
    if head.i == trigger.i:
        return None
    if head.dep_ == "compound" and head.head.i == trigger.i and trigger.pos_ == "NOUN":
        return _Tie(0, "modifier", nesting, container)
    if head.dep_ == "pobj":
        anchor = head.head.head
        if head.head.lower_ == "of":
            how = _struck_of(anchor, trigger)
        else:
            heads = {anchor.lemma_.lower(), trigger.lemma_.lower()}
            how = _preposition_kind(head.head.lower_, heads)
    elif head.dep_ in ("dobj", "nsubjpass"):
        anchor = head.head
        lemma = anchor.lemma_.lower()
        how = "destination" if lemma in cues["destination"] else None
        how = "strike" if lemma in cues["strike"] else how
    else:
        return None
    distance = _clause_distance(anchor, trigger) if how is not None else None
    return None if distance is None or how is None else _Tie(distance, how, nesting, container)


def _preposition_kind(preposition: str, heads: set[str]) -> str | None:
    """What a preposition makes of the place after it: "in", "at", "near" ... introduce
    a place; "to" only after a movement ("a trip to Japan"), "on" and "against" only after
    force ("an attack on Kyiv")."""
    cues = place_cues()
    if preposition in cues["preposition"]:
        return "preposition"
    if preposition in ("to", "into") and heads & cues["destination"]:
        return "destination"
    if preposition in ("on", "against") and heads & cues["strike"]:
        return "strike"
    return None


def _struck_of(noun: Any, trigger: Any) -> str | None:
    """Whether "of" names the place struck: after a noun of force that is the event itself
    ("the invasion of Ukraine") or its object ("seized control of Kabul"); not in
    "supported the invasions of Iraq", where the trigger is another event."""
    if noun.lemma_.lower() not in _STRIKE_NOUNS:
        return None
    if noun.i == trigger.i or (
        noun.head.i == trigger.i and trigger.lemma_.lower() in place_cues()["strike"]
    ):
        return "strike"
    return None


def _outer(token: Any, containers: frozenset[str]) -> tuple[Any, int, Any]:
    """The phrase head a place name hangs in, how specific the name is there (_NESTING),
    and the container noun: "Kharkiv" in "the city of Kharkiv" hangs in "city"; "Donetsk"
    in "the Donetsk region" in "region"; "Beijing" in "in Moscow and Beijing" in "Moscow"."""
    nesting, container = 0, None
    for _ in range(4):
        head = token.head
        if token.dep_ in _NESTING and token.dep_ != "pobj" and head.lemma_.lower() in containers:
            nesting, container, token = _NESTING[token.dep_], head, head
        elif (
            token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in containers
        ):
            container = token = head.head
        elif token.dep_ == "conj" and head.pos_ == "PROPN":
            token = head
        else:
            break
    return token, nesting, container


def _clause_distance(anchor: Any, trigger: Any) -> int | None:
    """0 when the anchor is the trigger (or a noun under it), 1 when it is in the trigger's
    clause, 2 in a clause coordinated with it; None otherwise, or when the way up passes a
    preposition that moves the place away from the event ("ahead of ... summit in Wales")."""
    token, steps = anchor, 0
    while token.i != trigger.i and token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        if token.lower_ in _BLOCKING or steps > 3:
            return None
        token, steps = token.head, steps + 1
    if token.i == trigger.i:
        return 0
    clause = trigger
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    if token.i == clause.i:
        return 1
    if (token.dep_ == "conj" and token.head.i == clause.i) or (
        clause.dep_ == "conj" and clause.head.i == token.i
    ):
        return 2
    return None


# ---------------------------------------------------------------- the dateline


def _from_dateline(
    text: str, sentence: Span, article: Article, gazetteer: Gazetteer
) -> Location | None:
    dateline = find_dateline(text, gazetteer)
    if dateline is None:
        return None
    lead = [s for s in article.sentences if s[1] > dateline.end][:_LEAD_SENTENCES]
    if not article.sentences and sentence[0] <= dateline.end < sentence[1]:
        lead = [sentence]  # no sentence split to go by: the dateline's own sentence only
    if sentence not in lead:
        return None
    countries = {
        entity.country
        for entity in article.entities
        if entity.country and entity.country != "IGO"
        for start, _ in entity.mentions
        if max(sentence[0], dateline.end) <= start < sentence[1]  # not the dateline itself
    }
    if countries and dateline.place.country not in countries:
        return None  # "WASHINGTON — Russia attacked Ukraine": told from afar
    return to_location(dateline.place, dateline.span)


def _token_at(doc: Any, span: Span) -> Any:
    if doc is None:
        return None
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    return tokens.root if tokens is not None and len(tokens) else None


__all__ = ["locate_event", "place_cues"]
