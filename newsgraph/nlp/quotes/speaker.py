"""Speakers: the phrase that speaks, led to the actor the actor layer made of it.

The actor layer has already linked names, surnames, titles, nominal descriptions and
pronouns to their actors, so a speaker is the entity with a mention at the phrase's head
word (else anywhere in the phrase). A document that speaks ("the communiqué stated") has no
mention of its own (the speech nouns of the cue lexicon are documents): it speaks for the
body that issued it, named inside the phrase ("the ministry's statement"), or the last
organization named before it in the paragraph (organization or state when the phrase
points back: "its communiqué"); otherwise the document itself speaks ("the final
communiqué mentioned …" is not said by the demonym or the place named last).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from newsgraph.model import Article, Entity, MentionDetail, Span, Speaker
from newsgraph.nlp.quotes.pronouns import SPEAKING_PRONOUNS, PronounSpeakers

# A demonym ("Chinese officials") names no body that issues documents.
_ISSUERS = ("ORG", "GPE")
_POINTING_BACK = frozenset({"its", "their"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Prepositions that make a name in the speaker's phrase a place, not the speaker:
# "officials in Astana" are not Astana (but "officials of the ministry" speak for it).
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "around"})


@dataclass
class SpeakerIndex:
    """The article's mentions sorted by offset, to find the entity at a span quickly."""

    article: Article
    documents: frozenset[str] = frozenset()  # nouns of documents that speak for their issuer
    furniture: list[Span] = field(default_factory=list)  # page furniture names no speaker
    pronouns: PronounSpeakers | None = None  # who "he said" is, read in the text flow
    _starts: list[int] = field(default_factory=list)
    _mentions: list[tuple[Span, Entity]] = field(default_factory=list)

    def __post_init__(self) -> None:
        pairs = [
            (span, e)
            for e in self.article.entities
            for span in e.mentions
            if not any(f[0] < span[1] and span[0] < f[1] for f in self.furniture)
        ]
        self._mentions = sorted(pairs, key=lambda pair: pair[0])
        self._starts = [span[0] for span, _ in self._mentions]

    @cached_property
    def _details(self) -> dict[tuple[str, Span], MentionDetail]:
        return {(e.id, d.span): d for e in self.article.entities for d in e.details}

    def speaker(self, source: Span, head: Span | None) -> Speaker:
        """The Speaker for the phrase `source` whose head word is at `head`."""
        group = self._group(source)
        if group is not None:
            return group
        person = self._pronoun(source)
        if person is not None and person[1] is None:
            # A name the recognizer missed: the speaker is the name, with no actor.
            name = self.article.text[person[0][0] : person[0][1]]
            return Speaker(name=name, span=source)
        found = _known(person) or (self._at(head) if head else None)
        found = found or self._named_in(source)
        if found is None and self._is_document(source, head):
            found = self._issuer(source, self._points_back(source))
        if found is None:
            # Named by the phrase, or for a relative pronoun by the noun it stands for.
            named = head if head and self._relative(source) else source
            return Speaker(name=self.article.text[named[0] : named[1]], span=source)
        mention, entity = found
        detail = self._details.get((entity.id, mention))
        role = detail.role if detail is not None and detail.role else None
        role = role or (entity.roles[0] if entity.roles else None)
        return Speaker(entity.name, entity.id, source, role, entity.code)

    def _group(self, source: Span) -> Speaker | None:
        """A "they" that speaks: the group of the nearest plural subject before it, the actor
        named there if there is one ("Democrats" → the party), else the group's words."""
        word = self.article.text[source[0] : source[1]].lower()
        if self.pronouns is None or word != "they":
            return None
        found = self.pronouns.resolve_plural(source[0])
        if found is None:
            return Speaker(name=self.article.text[source[0] : source[1]], span=source)
        phrase, head = found
        named = self._at(head)
        if named is None:
            return Speaker(name=self.article.text[phrase[0] : phrase[1]], span=source)
        _, entity = named
        return Speaker(entity.name, entity.id, source, None, entity.code)

    def _at(self, span: Span) -> tuple[Span, Entity] | None:
        """The mention overlapping `span` most (the longer one on a tie)."""
        best: tuple[Span, Entity] | None = None
        best_size = 0
        right = bisect_right(self._starts, span[1] - 1)
        for mention, entity in self._mentions[max(0, right - 40) : right]:
            size = min(mention[1], span[1]) - max(mention[0], span[0])
            if size > best_size:
                best, best_size = (mention, entity), size
        return best

    def _pronoun(self, source: Span) -> tuple[Span, Entity | None] | None:
        word = self.article.text[source[0] : source[1]]
        if self.pronouns is None or word.lower() not in SPEAKING_PRONOUNS:
            return None
        return self.pronouns.resolve(word, source[0])

    def _relative(self, source: Span) -> bool:
        return self.article.text[source[0] : source[1]].lower() in _RELATIVE_PRONOUNS

    def _named_in(self, source: Span) -> tuple[Span, Entity] | None:
        """The actor named in the phrase, unless only as a place ("officials in Astana")."""
        found = self._at(source)
        if found is None:
            return None
        before = self.article.text[source[0] : found[0][0]].split()
        return None if before and before[-1].lower() in _PLACE_PREPOSITIONS else found

    def _is_document(self, source: Span, head: Span | None) -> bool:
        word = self.article.text[slice(*(head or source))].lower().split()
        return bool(word) and word[-1] in self.documents

    def _points_back(self, source: Span) -> bool:
        words = self.article.text[source[0] : source[1]].lower().split()
        return bool(_POINTING_BACK.intersection(words))

    def _issuer(self, source: Span, pointed: bool) -> tuple[Span, Entity] | None:
        """The last organization named before the document in its paragraph ("The
        ministry met on Monday. The communiqué stated …"), or, when the phrase points back
        ("its communiqué"), the last organization or state named before it."""
        text = self.article.text
        paragraph = 0 if pointed else text.rfind("\n", 0, source[0]) + 1
        types = _ISSUERS if pointed else ("ORG",)
        right = bisect_right(self._starts, source[0] - 1)
        for mention, entity in reversed(self._mentions[max(0, right - 60) : right]):
            if entity.type in types and paragraph <= mention[0] and mention[1] <= source[0]:
                return mention, entity
        return None


def _known(person: tuple[Span, Entity | None] | None) -> tuple[Span, Entity] | None:
    if person is None or person[1] is None:
        return None
    return person[0], person[1]


__all__ = ["SpeakerIndex"]
