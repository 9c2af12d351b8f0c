"""What is not an actor, and which role phrases are roles (issue 17).

The entity recognizer tags page furniture ("Replay More Videos", "WATCH Obama", "Obama
02:56"), greetings ("Ni hao"), compass words, legal suffixes and event names ("Benghazi
Attack") as names; appositions hand a person captions ("Margaret Thatcher through the
years"), pronoun phrases ("her husband"), time words ("day President") and lists of other
people. The word lists are data (``newsgraph/data/kb/not_actors.tsv``); the rules here are
about the shape of a name or a role, so they hold for names never seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsgraph.nlp.actors.kb import KnowledgeBase, normalize_name
from newsgraph.tsv import parse_table

_KINDS = (
    "furniture",
    "lead",
    "section",
    "prefix",
    "compass",
    "legal",
    "event",
    "word",
    "greeting",
    "collective",
    "party",
    "mood",
    "alias",
    "agreement",
    "process",
)
# A whole name of these kinds is what an event is about, kept as an entity of this type.
_TOPIC_TYPES = {"agreement": "LAW", "process": "EVENT"}
# "Ex-Chancellor", "former-President": a title glued after a name with a "formerly" prefix.
_FORMER_PREFIX = re.compile(r"^(?:ex|former)-")
_TIMESTAMP = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_DIGITS = re.compile(r"\d")
_AGE = re.compile(r"^(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month)s?-old,?$")
# Types that are never actors (what an event is about): kept as entities, not listed as actors.
NOT_ACTOR_TYPES = frozenset({"WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "LANGUAGE"})

_PRONOUNS = frozenset(
    [
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "it",
        "its",
        "itself",
        "i",
        "me",
        "my",
        "mine",
        "we",
        "our",
        "ours",
        "you",
        "your",
        "yours",
    ]  # not "us": "US ambassador"
)
_TIME_WORDS = frozenset(
    [
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "evening",
        "night",
        "year-old",
        "years-old",
    ]
)


@dataclass(frozen=True)
class NotActorWords:
    by_kind: dict[str, frozenset[str]]

    def kind_of(self, word: str) -> str | None:
        key = normalize_name(word)
        for kind, words in self.by_kind.items():
            if key in words:
                return kind
        return None

    def has(self, kind: str, word: str) -> bool:
        return normalize_name(word) in self.by_kind.get(kind, frozenset())


@lru_cache(maxsize=1)
def not_actor_words() -> NotActorWords:
    text = resources.files("newsgraph").joinpath("data", "kb", "not_actors.tsv")
    _, rows = parse_table(text.read_text(encoding="utf-8"), "newsgraph/data/kb/not_actors.tsv")
    found: dict[str, set[str]] = {kind: set() for kind in _KINDS}
    for _, row in rows:
        found.setdefault(row.get("kind", "word"), set()).add(normalize_name(row["word"]))
    return NotActorWords({kind: frozenset(words) for kind, words in found.items()})


def is_not_actor(surface: str, label: str, kb: KnowledgeBase) -> bool:
    """Whether a tagged name (after edge trimming) names no actor at all."""
    words = not_actor_words()
    key = normalize_name(surface)
    if not key or words.has("greeting", key) or _TIMESTAMP.match(key):
        return True
    tokens = key.split()
    if all(
        words.kind_of(t) in {"furniture", "section", "compass", "legal", "word"} for t in tokens
    ):
        return True
    # "anti-Islam", "anti-American" tagged as a group: a stance toward a group, not a group.
    prefix = key.split("-", 1)[0] + "-" if "-" in key else ""
    if label == "NORP" and len(tokens) == 1 and prefix and words.has("prefix", prefix):
        return True
    # A title alone tagged as a person: "President", "Sen."
    return (
        label == "PERSON" and len(tokens) == 1 and (kb.is_title(key) or bool(_DIGITS.search(key)))
    )


def topic_type(surface: str) -> str | None:
    """ "NAFTA" (an agreement), "Brexit" (a process) tagged as an organization or a person:
    the entity type of what an event is about (LAW, EVENT), or None for other names."""
    words = not_actor_words()
    for kind, label in _TOPIC_TYPES.items():
        if words.has(kind, surface):
            return label
    return None


def alias_cut(words: list[str], spaced: list[bool]) -> int:
    """How many words of a tagged person's name come before a break that starts another
    name or a gloss: an alias marker ("Mohammed Emwazi -- a.k.a", not_actors.tsv's kind
    ``alias``), a title marked former ("Ex-Chancellor") or punctuation set off by a space
    ("--", "|", a dash between words); a hyphen inside a word ("Kassym-Jomart", which the
    tokenizer splits) is no break. `spaced[i]` says whether whitespace comes before word i."""
    markers = not_actor_words()
    for i in range(1, len(words)):
        word = words[i]
        punctuation = not any(ch.isalnum() for ch in word) and word not in {".", "'", "’"}
        if markers.has("alias", word) or (punctuation and spaced[i]):
            return i
        # "Philip Hammond Ex-Chancellor", "Stephen Hammond Ex-Transport Minister": a role
        # marked former (the tokenizer may split "Ex-" off) starts after the name.
        hyphen_next = i + 1 < len(words) and words[i + 1] in {"-", "–"}
        key = normalize_name(word)
        if _FORMER_PREFIX.match(key) or (key in {"ex", "former"} and hyphen_next):
            return i
    return len(words)


def names_an_event(surface: str, label: str) -> bool:
    """ "Benghazi Attack", "Oslo Accords": what an event is about, not who acts in it."""
    tokens = normalize_name(surface).split()
    if label in {"GPE", "LOC", "PERSON"} or len(tokens) < 2:
        return False
    return not_actor_words().has("event", tokens[-1])


def trim_name_edges(
    words: list[str],
    known_part: Callable[[str], bool],
    known_whole: Callable[[str], bool],
    is_title: Callable[[str], bool] = lambda _: False,
) -> tuple[int, int]:
    """How many leading and trailing words of a person's name are page furniture: "WATCH
    Obama", "Discussions Obama", "Obama 02:56", a heading's verb before a name ("Meet John
    Kerry": not_actors.tsv's kind ``lead``), the headline verb of "Obama Reaffirms" (a
    trailing capitalised -s word after a name `known_part` knows, where `known_whole` does
    not know the whole), a given name repeated after the name ("Donald Trump Donald"), a
    party word before a name ("Tory Phillip Lee", kind ``party``, dropped like a lead word),
    a headline's adjective before a name ("Gloomy Donald Tusk", kind ``mood``, likewise)
    and a title after it ("Philip Hammond Ex-Chancellor"; `is_title` says what is a title)."""
    furniture = not_actor_words()
    start, end = 0, len(words)
    while end - start > 1:
        first = words[start]
        shouting = first.isupper() and len(first) >= 3 and not all(w.isupper() for w in words)
        if shouting or furniture.has("furniture", first):
            start += 1
            continue
        # "Meet John Kerry", "Said Obama": a heading's verb before a name, where the rest is
        # a name on its own and the whole is no one's name ("Said Jalili" stays).
        if (
            any(furniture.has(kind, first) for kind in ("lead", "party", "mood"))
            and _is_name(words[start + 1 : end], known_part)
            and not known_whole(" ".join(words[start:end]))
        ):
            start += 1
            continue
        break
    while end - start > 1:
        last = words[end - 1]
        if (
            _DIGITS.search(last)
            or furniture.has("furniture", last)
            or furniture.has("section", last)
        ):
            end -= 1
            continue
        rest = " ".join(words[start : end - 1])
        if end - start >= 3 and _glued_title(last, rest, is_title, known_part):
            end -= 1
            continue
        headline_verb = last[:1].isupper() and last.endswith("s") and not last.endswith("ss")
        if headline_verb and known_part(rest) and not known_whole(" ".join(words)):
            end -= 1
            continue
        # "Donald Trump Donald", "Donald Trump Donald Trump": a caption line's next name run
        # into this one, its given name (or the whole name) repeated after it.
        if end - start >= 3 and normalize_name(last) == normalize_name(words[start]):
            end -= 1
            continue
        half = (end - start) // 2
        doubled = [normalize_name(w) for w in words[start : start + half]] == [
            normalize_name(w) for w in words[start + half : end]
        ]
        if end - start >= 4 and (end - start) % 2 == 0 and doubled:
            end = start + half
            continue
        break
    return start, end


def _glued_title(
    word: str, rest: str, is_title: Callable[[str], bool], known_part: Callable[[str], bool]
) -> bool:
    """A title run after a name of two words or more: one marked former ("Philip Hammond
    Ex-Chancellor"), or any title after a name known on its own ("Erik Prince" keeps its
    last word: "Erik" alone is no one)."""
    key = normalize_name(word)
    bare = _FORMER_PREFIX.sub("", key)
    if bare != key:
        return is_title(bare)
    return is_title(key) and known_part(rest)


def _is_name(words: list[str], known_part: Callable[[str], bool]) -> bool:
    """A known name, or two or more capitalised words none of which is furniture."""
    if not words:
        return False
    if known_part(" ".join(words)):
        return True
    furniture = not_actor_words()
    return len(words) >= 2 and all(
        w[:1].isupper() and not furniture.has("furniture", w) and not furniture.has("lead", w)
        for w in words
    )


def trailing_section_words(words: list[str]) -> int:
    """How many words a name of two or more keeps before a site's section word run into
    it ("Christian Science Monitor Stories", not_actors.tsv's kind ``section``)."""
    furniture = not_actor_words()
    end = len(words)
    while end > 1 and furniture.has("section", words[end - 1]):
        end -= 1
    return end


def is_role(role: str, actor_name: str, kb: KnowledgeBase) -> bool:
    """A role phrase holds a title, role word or demonym and no pronoun, time word, list of
    other people or the actor's own name (a caption)."""
    if role.rstrip().endswith(("-", "–", "—", "|")):
        return False  # a caption's lead: "U.N. General Assembly – Afghan President ..."
    key = normalize_name(role)
    tokens = [t.strip(",;:()") for t in key.split()]
    if not tokens or len(tokens) > 14:
        return False
    if any(t in _PRONOUNS for t in tokens):
        return False
    # A time word leading the phrase is a misread ("day President", "the 76-year-old");
    # later in a long apposition it is only detail ("released from prison days earlier").
    # An age before a role noun is detail ("a 17-year-old Palestinian student"); alone, or
    # before no role word, it is a description, not a role ("the 76-year-old").
    content = [t for t in tokens if t not in {"the", "a", "an"}]
    while content and _AGE.match(content[0]):
        content = content[1:]
    if not content:
        return False
    tokens = content
    if any(t in _TIME_WORDS or t.endswith("-old") for t in content[:2]):
        return False
    words = not_actor_words()
    if all(words.has("collective", t) for t in tokens if t not in {"the", "a", "an"}):
        return False  # a body of people ("military") is no one person's role
    own = set(normalize_name(actor_name).split())
    if own & set(tokens) and not any(kb.is_title(t) for t in tokens[:1]):
        return False  # "Margaret Thatcher through the years"
    if _lists_people(role, kb):
        return False
    # A title abbreviation is one only in capitals ("AG Barr"), which the key has lost.
    return _has_role_word(tokens, kb) or any(kb.is_title(w) for w in role.split()[:2])


def _lists_people(role: str, kb: KnowledgeBase) -> bool:
    """ "R-S.C., and Kelly Ayotte, R-N.H.", "Rand Paul and John McCain": other people's
    names joined by "and" or commas (a part of two capitalised words holding no role word)."""
    parts = [p.strip() for p in re.split(r",?\s+and\s+|,\s+", role)]
    if len(parts) < 2:
        return False
    for part in parts:
        words = part.split()
        named = len(words) >= 2 and all(w[:1].isupper() for w in words[:2])
        if named and not _has_role_word([normalize_name(w) for w in words], kb):
            return True
    return False


def _has_role_word(tokens: list[str], kb: KnowledgeBase) -> bool:
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[i : i + size])
            if kb.sector_for(phrase) is not None or kb.is_title(phrase):
                return True
    # A party word names an affiliation ("Tory", "Republican"): its country comes from the
    # party's entry in organizations.tsv.
    party = not_actor_words().by_kind.get("party", frozenset())
    return any(kb.country_by_demonym(t) is not None or t in party for t in tokens) or any(
        re.fullmatch(r"[rdi]-[a-z.]+", t) for t in tokens
    )


__all__ = [
    "NOT_ACTOR_TYPES",
    "alias_cut",
    "is_not_actor",
    "is_role",
    "names_an_event",
    "not_actor_words",
    "topic_type",
    "trailing_section_words",
    "trim_name_edges",
]
