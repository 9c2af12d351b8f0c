"""Who "he said" is: the nearest person before it in the text flow, of the pronoun's gender
when the text tells it.

The actor layer links a pronoun to the latest person mentioned, which in news text is often
someone the previous speaker talked about ("“… Trump's design,” Alterman said. So …, he
said" is Alterman), a place or person in a relative clause ("Onnerfors, who lives in
Lund, …"), or a name inside the quotation before the cue. A pronoun that speaks through a
cue is read as a reader does: walking back from the cue over people named outside quote
marks and page furniture to the nearest subject or speaker (a name that is an object, a
possessive or after a preposition is not who goes on talking), skipping names inside a
relative clause and people of the other gender (by "Mr."/"Mrs."/"Ms." or a gendered role
word such as "spokeswoman"). A speaker the recognizer took for an unknown organization
("said Andreas Onnerfors") counts as a person, and so does any name it took for a place or
organization that a title ("Mr.", "Dr.") or an apposition of what people are ("Dakota
Wood, a senior fellow") shows is a person's. A subject name the recognizer missed altogether
but given such an apposition is a person too, named by its words with no actor.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from newsgraph.model import Article, Entity, Span

SPEAKING_PRONOUNS = {"he": "m", "she": "f"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLAUSES = frozenset({"relcl", "acl"})
_MALE = frozenset(
    {"mr", "mr.", "spokesman", "congressman", "businessman", "man", "husband", "father", "son",
     "brother", "king", "prince", "uncle", "boyfriend", "grandfather", "sir", "lord"}
)  # fmt: skip
_FEMALE = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "spokeswoman", "congresswoman", "businesswoman",
     "chairwoman", "woman", "wife", "mother", "daughter", "sister", "queen", "princess",
     "actress", "widow", "girlfriend", "grandmother", "lady", "dame", "aunt"}
)  # fmt: skip
# What the recognizer tags a person's name as when it misreads it.
_MISREAD_TYPES = frozenset({"GPE", "ORG", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
_PERSON_TITLES = _MALE | _FEMALE | frozenset({"dr", "dr.", "prof.", "professor"})
# Nouns of what people are, heading an apposition to a name ("X, a senior fellow at …").
_PEOPLE = frozenset(
    {"analyst", "expert", "fellow", "professor", "researcher", "scholar", "economist",
     "lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson", "resident",
     "activist", "founder", "chairman", "chairwoman", "director", "officer", "official",
     "commander", "minister", "senator", "lawmaker", "ambassador", "adviser", "advisor",
     "aide", "student", "teacher", "doctor", "author", "writer", "journalist", "reporter",
     "veteran", "colonel", "general", "father", "mother", "son", "daughter", "wife",
     "husband", "brother", "sister", "man", "woman", "politician", "candidate"}
)  # fmt: skip
# How many paragraphs back a pronoun may reach.
_PARAGRAPHS_BACK = 3


@dataclass
class PronounSpeakers:
    """The people an article names where a later "he"/"she" may stand for them."""

    article: Article
    doc: Any
    excluded: list[Span]  # quotations and page furniture
    speaking: list[Span] = field(default_factory=list)  # head words of the cues' speakers
    groups: frozenset[str] = frozenset()  # nouns of people ("officials", "voters")
    _starts: list[int] = field(default_factory=list)
    _people: list[tuple[Span, Entity | None]] = field(default_factory=list)
    _gender: dict[str, str] = field(default_factory=dict)
    _built: bool = False

    def _build(self) -> None:
        """Built at the first pronoun that speaks: most articles' speakers are all named."""
        self._built = True
        heads = {start for start, _ in self.speaking}
        for entity in self.article.entities:
            misread = _maybe_a_person(entity)
            signed = entity.type != "PERSON" and self._signs_a_person(entity)
            if entity.type != "PERSON" and not misread and not signed:
                continue
            misread = misread and not signed
            gender = self._gender_of(entity)
            if gender:
                self._gender[entity.id] = gender
            for detail in entity.details:
                speaks = any(i in heads for i in range(*detail.span))
                if detail.kind == "pronoun" or (misread and not speaks):
                    continue
                if self._may_go_on(detail.span, speaks):
                    self._people.append((detail.span, entity))
        self._people.extend((span, None) for span in self._unrecognized())
        self._people.sort(key=lambda pair: pair[0])
        self._starts = [span[0] for span, _ in self._people]

    def resolve(self, pronoun: str, at: int) -> tuple[Span, Entity | None] | None:
        """The person `pronoun` (he/she) before offset `at` stands for (the entity None for
        a name the recognizer missed), None if unknown."""
        wanted = SPEAKING_PRONOUNS.get(pronoun.lower())
        if wanted is None:
            return None
        if not self._built:
            self._build()
        text = self.article.text
        limit = at
        for _ in range(_PARAGRAPHS_BACK + 1):
            limit = max(0, text.rfind("\n\n", 0, limit))
        for index in range(bisect_left(self._starts, at) - 1, -1, -1):
            span, entity = self._people[index]
            if span[0] < limit:
                return None
            if entity is None or self._gender.get(entity.id, wanted) == wanted:
                return span, entity
        return None

    def resolve_plural(self, at: int) -> tuple[Span, Span] | None:
        """The group a "they" at offset `at` stands for: the nearest plural subject before it
        in the text flow (a plural noun, or names joined by "and"), outside quotations,
        furniture and relative clauses, within a few paragraphs; as (its phrase, its head
        word). None if there is none: the actor layer links "they" to the last body named,
        which is often not a group that can speak ("the groups say. They argue …" is not
        the Islamophobia the groups wrote about)."""
        text = self.article.text
        limit = at
        for _ in range(_PARAGRAPHS_BACK + 1):
            limit = max(0, text.rfind("\n\n", 0, limit))
        first = self.doc.char_span(limit, at, alignment_mode="expand")
        if first is None:
            return None
        for token in reversed(list(first)):
            if token.idx >= at or not _a_group(token, self.groups):
                continue
            head = (token.idx, token.idx + len(token.text))
            if self._may_go_on(head, False):
                left = min(
                    (t for t in token.subtree if t.dep_ not in _CLAUSES and t.i <= token.i),
                    key=lambda t: t.i,
                )
                return (left.idx, head[1]), head
        return None

    def _may_go_on(self, span: Span, speaks: bool) -> bool:
        """Whether the name is the subject of a clause (or speaks through a cue) outside
        quotations, furniture and relative clauses: "he" continues a subject, not an object
        ("Cruz did not mention Kasich by name, but he …" is Cruz)."""
        if any(e[0] <= span[0] < e[1] for e in self.excluded):
            return False
        words = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if words is None or len(words) == 0:
            return False
        root = words.root
        if not speaks and root.dep_ not in _SUBJECTS:
            return False
        token = root
        for _ in range(8):
            if token.dep_ in _CLAUSES:
                return False
            if token.head.i == token.i:
                break
            token = token.head
        return True

    def _unrecognized(self) -> list[Span]:
        """Names the recognizer missed that the text shows are people's: a subject of proper
        nouns with an apposition of what people are ("Dakota Wood, a senior fellow at …")."""
        named = sorted(span for entity in self.article.entities for span in entity.mentions)
        found: list[Span] = []
        for token in self.doc:
            if token.pos_ != "PROPN" or token.dep_ not in _SUBJECTS:
                continue
            if not any(c.dep_ == "appos" and c.lemma_.lower() in _PEOPLE for c in token.children):
                continue
            first = min(
                [token, *(c for c in token.children if c.dep_ == "compound")], key=lambda t: t.i
            )
            span = (first.idx, token.idx + len(token.text))
            if any(s < span[1] and span[0] < e for s, e in named):
                continue
            if self._may_go_on(span, False):
                found.append(span)
        return found

    def _signs_a_person(self, entity: Entity) -> bool:
        """A name the recognizer took for a place or organization that the text shows is a
        person's: a courtesy or gendered title before it ("Mr. Kupinsky") or an apposition
        naming what people are ("Dakota Wood, a senior fellow at …")."""
        if entity.code is not None or entity.type not in _MISREAD_TYPES:
            return False
        text = self.article.text
        for start, end in entity.mentions:
            before = text[max(0, start - 6) : start].split()
            if before and before[-1].lower() in _PERSON_TITLES:
                return True
            words = self.doc.char_span(start, end, alignment_mode="expand")
            if words is None or len(words) == 0:
                continue
            for child in words.root.children:
                if child.dep_ == "appos" and child.lemma_.lower() in _PEOPLE:
                    return True
        return False

    def _gender_of(self, entity: Entity) -> str | None:
        words: set[str] = set()
        for role in entity.roles:
            words.update(role.lower().split())
        text = self.article.text
        for start, _ in entity.mentions:
            before = text[max(0, start - 6) : start].split()
            if before:
                words.add(before[-1].lower())
        male, female = bool(words & _MALE), bool(words & _FEMALE)
        return "m" if male and not female else "f" if female and not male else None


def _a_group(token: Any, groups: frozenset[str]) -> bool:
    """A subject that "they" may stand for: people in the plural ("the groups",
    "officials", "Democrats") or names joined by "and" ("Rubio and Cruz"); not things
    ("these contributions", "the odds")."""
    if token.dep_ not in _SUBJECTS or token.pos_ == "PRON":
        return False
    if token.tag_ in ("NNS", "NNPS"):
        return token.ent_type_ in _GROUP_TYPES or token.lemma_.lower() in groups
    joined = any(c.dep_ == "conj" for c in token.children)
    return joined and token.ent_type_ in ("PERSON", *_GROUP_TYPES)


# Names of bodies and peoples in the plural: "Democrats", "Republicans", "Americans".
_GROUP_TYPES = ("NORP", "ORG")


def _maybe_a_person(entity: Entity) -> bool:
    """An organization the knowledge base does not know, named by two or three capitalised
    words, that speaks: the recognizer often tags a person so ("said Andreas Onnerfors")."""
    words = entity.name.split()
    return (
        entity.type == "ORG"
        and entity.code is None
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() and w.isalpha() for w in words)
    )


__all__ = ["SPEAKING_PRONOUNS", "PronounSpeakers"]
