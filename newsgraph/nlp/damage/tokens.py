"""Token helpers shared by the damage rules: neighbours, spans, punctuation, fixed phrases."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from newsgraph.model import Damage
from newsgraph.nlp.damage.lexicon import words
from newsgraph.nlp.docs import string_id, token_columns

# Punctuation that can close a noun phrase: a function word right before it lost its object.
# Quotes, brackets that open, dashes and ellipses are left out: "the 'so-called' deal",
# "the ... president" (an elision in a quote) and "the (now defunct) agency" are fine.
# Typographic quotes and dashes, spelled as escapes so that they cannot be mistaken for
# their ASCII look-alikes when reading the code.
LSQ, RSQ, LDQ, RDQ, NDASH = "\u2018", "\u2019", "\u201c", "\u201d", "\u2013"
GAP_PUNCT = frozenset({",", ".", ";", ":", ")", "!", "?"})
POSSESSIVE_S = frozenset({"'s", RSQ + "s", LSQ + "s"})
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
TERMINAL = (".", "!", "?", '"', RDQ, RSQ, "'", ")", ":", "\u2026")
CLOSING_QUOTES = frozenset({'"', "'", RDQ, RSQ})
DASHES = frozenset({"-", NDASH})


def damage(kind: str, span: tuple[int, int], detail: str) -> Damage:
    return Damage(kind=kind, span=span, detail=detail)


def _neighbour(tok: Token, step: int) -> Token | None:
    """The nearest non-space token in direction `step` within the same paragraph.

    spaCy turns extra whitespace into SPACE tokens; a line break among them ends the paragraph,
    and a hole at a paragraph edge is judged by the paragraph rule, not by word rules.
    """
    doc = tok.doc
    i = tok.i + step
    if step > 0 and "\n" in tok.whitespace_:
        return None
    while 0 <= i < len(doc):
        cand = doc[i]
        if cand.is_space:
            if "\n" in cand.text:
                return None
        else:
            if step < 0 and "\n" in cand.whitespace_:
                return None
            return cand
        i += step
    return None


def listed(doc: Doc, tokens: Sequence[Token], name: str) -> list[Token]:
    """The tokens of `tokens` (all of `doc`'s, or some of them in order) whose lower form is
    in the word list `name`. The lower forms are compared by their ids, read in C for the
    whole Doc at once: `tok.lower_` on every token, rule after rule, cost more than the
    rules' own tests."""
    wanted = _list_ids(doc, name)
    lowers = token_columns(doc, ("LOWER",))[0]
    if len(tokens) == len(lowers):  # the whole Doc, as find_damage passes it
        return [tokens[i] for i, lower in enumerate(lowers) if lower in wanted]
    return [tok for tok in tokens if lowers[tok.i] in wanted]


def _list_ids(doc: Doc, name: str) -> frozenset[int]:
    # spaCy's id of a string is its hash, the same in every vocabulary: kept by name.
    ids = _LIST_IDS.get(name)
    if ids is None:
        ids = _LIST_IDS[name] = frozenset(string_id(doc, word) for word in words(name))
    return ids


_LIST_IDS: dict[str, frozenset[int]] = {}


def next_token(tok: Token) -> Token | None:
    return _neighbour(tok, 1)


def prev_token(tok: Token) -> Token | None:
    return _neighbour(tok, -1)


def span(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def is_gap_punct(tok: Token | None) -> bool:
    """True for punctuation that a lost word left behind: 'met with , the'.

    A dropped link leaves the space that preceded it, so the mark stands apart from the word
    before it. Glued punctuation ('views we disagree with,') is ordinary English.
    """
    if tok is None or tok.text not in GAP_PUNCT or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return bool(before.whitespace_) or before.is_space


def hyphen_follows(tok: Token) -> bool:
    """True when `tok` is glued to a following hyphen ('the by-election', 'the in-laws')."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return not tok.whitespace_ and nxt is not None and nxt.text in DASHES


def _lower_tokens(tokens: Iterable[Token | None]) -> tuple[str, ...]:
    return tuple(t.lower_ for t in tokens if t is not None)


def _window(tok: Token, reach: int) -> list[Token]:
    """`tok` with up to `reach` neighbours on each side, within its paragraph."""
    window: list[Token] = [tok]
    left: Token | None = tok
    right: Token | None = tok
    for _ in range(reach):
        left = prev_token(left) if left is not None else None
        right = next_token(right) if right is not None else None
        window = [t for t in (left, *window, right) if t is not None]
    return window


def in_idiom(tok: Token) -> bool:
    """True when `tok` sits inside a fixed phrase of the idiom list (e.g. 'by and large')."""
    idioms = words("idiom")
    window = _window(tok, 3)
    pos = next(i for i, t in enumerate(window) if t.i == tok.i)
    # Lemmas too, so that "vote against" also covers "voted against".
    lowered = tuple(w.replace(RSQ, "'") for w in _lower_tokens(window))
    for forms in (lowered, tuple(t.lemma_.lower() for t in window)):
        for size in range(2, 5):
            for start in range(max(0, pos - size + 1), pos + 1):
                if start + size <= len(forms) and " ".join(forms[start : start + size]) in idioms:
                    return True
    return False


def starts_adverbial(tok: Token | None) -> bool:
    """True when `tok` opens a fixed adverbial such as 'at least' or 'in fact'."""
    if tok is None:
        return False
    pair = " ".join(_lower_tokens((tok, next_token(tok))))
    return pair in words("adverbial_phrase")


def looks_like_name_or_brand(word: str) -> bool:
    """'iPhone', 'eBay', 'al-Assad', 'www.x.com': lowercase starts that are not a lost start."""
    stem = re.split("[-'" + RSQ + "]", word, maxsplit=1)[0].lower()
    return (
        any(c.isupper() for c in word[1:])
        or stem in words("lowercase_name_prefix")
        or "." in word.strip(".,;:")
        or "/" in word
        or "@" in word
    )
