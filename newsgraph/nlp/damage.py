"""Find places where an article's text has lost words.

Scrapers often drop the text of hyperlinks, leaving sentences such as "the meeting between
and Xi" or "Kazakh President greeted his as he arrived". Each rule below looks for one
grammatical hole of that kind: a word that cannot stand where it stands unless something after
(or before) it was removed. The rules prefer silence to guessing: legitimate English that looks
similar (stranded prepositions, "the book is his", "by and large") is excluded, because a false
alarm costs a reader more trust than a missed gap.

Word lists live in ``newsgraph/data/damage_lexicon.tsv`` so users can read and extend them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from newsgraph.model import Damage

__all__ = ["KINDS", "find_damage"]

# Kinds, most specific first: when two flags overlap, the earlier kind names the merged flag.
KINDS: tuple[str, ...] = (
    "orphan_possessive",
    "missing_conjunct",
    "missing_name_after_title",
    "missing_speaker",
    "missing_noun_after_determiner",
    "missing_object_after_preposition",
    "missing_object_after_verb",
    "dangling_conjunction",
    "missing_word_before_hyphen",
    "empty_brackets",
    "paragraph_starts_mid_sentence",
    "sentence_starts_mid_sentence",
    "space_before_punctuation",
    "double_space",
)
_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}

# Punctuation that can close a noun phrase: a function word right before it lost its object.
# Quotes, brackets that open, dashes and ellipses are left out: "the 'so-called' deal",
# "the ... president" (an elision in a quote) and "the (now defunct) agency" are fine.
# Typographic quotes and dashes, spelled as escapes so that they cannot be mistaken for
# their ASCII look-alikes when reading the code.
_LSQ, _RSQ, _LDQ, _RDQ, _NDASH = "\u2018", "\u2019", "\u201c", "\u201d", "\u2013"
_GAP_PUNCT = frozenset({",", ".", ";", ":", ")", "!", "?"})
_POSSESSIVE_S = frozenset({"'s", _RSQ + "s", _LSQ + "s"})
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_TERMINAL = (".", "!", "?", '"', _RDQ, _RSQ, "'", ")", ":", "\u2026")
# Also the ends of transcript lines: "[LAUGHS]" and an interrupted "So will you —".
_PARAGRAPH_END = (*_TERMINAL, "]", "-", _NDASH, "\u2014")
_CLOSING_QUOTES = frozenset({'"', "'", _RDQ, _RSQ})
_DASHES = frozenset({"-", _NDASH})

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"})
_FIXED_TO = frozenset({"according", "due", "prior"})
_LEXICON_FILE = "damage_lexicon.tsv"


@cache
def _lexicon() -> dict[str, frozenset[str]]:
    """Read the word lists once per process: list name -> lowercase entries."""
    raw = resources.files("newsgraph.data").joinpath(_LEXICON_FILE).read_text(encoding="utf-8")
    lists: dict[str, set[str]] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("list\t"):
            continue
        name, entry, *_ = [*line.split("\t"), ""]
        lists.setdefault(name.strip(), set()).add(entry.strip().lower())
    return {name: frozenset(entries) for name, entries in lists.items()}


def _doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds `doc.text` from every token on each access."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return str(cached)


_TEXT_KEY = "newsgraph.damage.text"


def _words(name: str) -> frozenset[str]:
    return _lexicon().get(name, frozenset())


# ---------------------------------------------------------------- token helpers


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


def _next(tok: Token) -> Token | None:
    return _neighbour(tok, 1)


def _prev(tok: Token) -> Token | None:
    return _neighbour(tok, -1)


def _span(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last.text)


def _is_gap_punct(tok: Token | None) -> bool:
    """True for punctuation that a lost word left behind: 'met with , the'.

    A dropped link leaves the space that preceded it, so the mark stands apart from the word
    before it. Glued punctuation ('views we disagree with,') is ordinary English.
    """
    if tok is None or tok.text not in _GAP_PUNCT or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return bool(before.whitespace_) or before.is_space


def _hyphen_follows(tok: Token) -> bool:
    """True when `tok` is glued to a following hyphen ('the by-election', 'the in-laws')."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return not tok.whitespace_ and nxt is not None and nxt.text in _DASHES


def _lower_tokens(tokens: Iterable[Token | None]) -> tuple[str, ...]:
    return tuple(t.lower_ for t in tokens if t is not None)


def _in_idiom(tok: Token) -> bool:
    """True when `tok` sits inside a fixed phrase of the idiom list (e.g. 'by and large')."""
    idioms = _words("idiom")
    window: list[Token] = [tok]
    left: Token | None = tok
    right: Token | None = tok
    for _ in range(3):
        left = _prev(left) if left is not None else None
        right = _next(right) if right is not None else None
        window = [t for t in (left, *window, right) if t is not None]
    pos = next(i for i, t in enumerate(window) if t.i == tok.i)
    # Lemmas too, so that "vote against" also covers "voted against".
    lowered = tuple(w.replace(_RSQ, "'") for w in _lower_tokens(window))
    for words in (lowered, tuple(t.lemma_.lower() for t in window)):
        for size in range(2, 5):
            for start in range(max(0, pos - size + 1), pos + 1):
                if start + size <= len(words) and " ".join(words[start : start + size]) in idioms:
                    return True
    return False


def _starts_adverbial(tok: Token | None) -> bool:
    """True when `tok` opens a fixed adverbial such as 'at least' or 'in fact'."""
    if tok is None:
        return False
    pair = " ".join(_lower_tokens((tok, _next(tok))))
    return pair in _words("adverbial_phrase")


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)


def _may_be_stranded(prep: Token) -> bool:
    """True when a preposition may legitimately lack its object (English strands them).

    Relative clauses ("the people he met with on Tuesday"), questions and wh-clauses ("what
    he asked for"), passives ("the issue was dealt with") and infinitives that modify a noun
    or adjective ("a country to be proud of", "hard to argue with") all move the object away.
    """
    sent = prep.sent
    if sent.text.rstrip().rstrip("\"')" + _RDQ + _RSQ).endswith("?"):
        return True
    # A wh-word, or "than" ("more than he bargained for"), earlier in the sentence.
    # A wh-word that is a subject ("el-Sissi, who banned travel to ...") moves no object.
    if any(
        (t.tag_ in _WH_TAGS and t.dep_ not in {"nsubj", "nsubjpass"}) or t.lower_ == "than"
        for t in sent
        if t.i < prep.i
    ):
        return True
    node = prep
    while node.head.i != node.i:
        node = node.head
        subject_relative = any(
            c.tag_ in _WH_TAGS and c.dep_ in {"nsubj", "nsubjpass"} for c in node.children
        )
        if (node.dep_ in {"relcl", "acl"} and not subject_relative) or _is_passive(node):
            return True
        # Reduced passives ("if agreed to by both sides") and infinitives ("a country to be
        # proud of", "nothing to worry about") strand prepositions without any marker.
        if node.tag_ == "VBN" or any(c.tag_ == "TO" for c in node.children):
            return True
    return False


def _in_parenthetical_coordination(tok: Token) -> bool:
    """True for 'accused of, and convicted for, fraud' and 'despite, not because of, X': a
    preposition whose object follows a parenthetical opened by ', and' / ', not'."""
    start = max(tok.sent.start, tok.i - 8)
    for i in range(tok.i - 1, start - 1, -1):
        cand = tok.doc[i]
        if cand.text == "," and tok.doc[i + 1].lower_ in {"and", "or", "but", "not", "nor", "if"}:
            return True
    after = _next(tok)
    nxt = _next(after) if after is not None and after.text == "," else None
    return nxt is not None and nxt.lower_ in {"and", "or", "but", "not", "nor", "if"}


def _damage(kind: str, span: tuple[int, int], detail: str) -> Damage:
    return Damage(kind=kind, span=span, detail=detail)


# ---------------------------------------------------------------- word rules


def _determiner_lacks_noun(det: Token, nxt: Token | None) -> bool:
    """True when what follows an article/possessive cannot start its noun phrase."""
    if nxt is None or _is_gap_punct(nxt):
        return True
    # "Mattis said the will answer": the parser made the article itself the subject.
    if det.dep_ in _ARGUMENT_DEPS and nxt.tag_ in _FINITE_VERB_TAGS and nxt.text.islower():
        after = _next(nxt)
        # "The continued sparring": a participle before its noun, not a verb.
        return after is None or (after.pos_ not in {"NOUN", "PROPN"} and after.tag_ != "VBG")
    # "the WHO", "the IS": capitals make a name of a function word.
    if not nxt.text.islower() or nxt.lower_ not in _words("not_after_determiner"):
        return False
    if _hyphen_follows(nxt):
        return False
    return not _starts_adverbial(nxt)


def _rule_determiner(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'pointing to the , the and the RCEP', 'blames the for launching attacks'."""
    articles = _words("article")
    possessives = _words("possessive_determiner")
    for tok in tokens:
        low = tok.lower_
        if low not in articles and low not in possessives:
            continue
        # "A" is also a letter and a grade ("Plan A", "(a)"): trust only lowercase a/an.
        if low in {"a", "an"} and tok.text != low:
            continue
        prev = _prev(tok)
        nxt = _next(tok)
        if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")":
            continue  # list markers such as "(a)"
        if nxt is not None and nxt.text in _POSSESSIVE_S:
            continue  # reported as an orphan possessive
        if nxt is None and prev is None:
            continue  # a paragraph that is a single word
        if nxt is not None and nxt.text == ")" and not tok.whitespace_:
            continue  # "that a) America has enemies; b) ..."
        if _determiner_lacks_noun(tok, nxt) and not _in_idiom(tok):
            end = nxt if nxt is not None else tok
            yield _damage(
                "missing_noun_after_determiner",
                _span(tok, end),
                f"'{tok.text}' is not followed by a noun",
            )


def _rule_his(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'greeted his as he arrived': 'his' as the object of a verb, with a non-noun after it."""
    for tok in tokens:
        if tok.lower_ not in _words("ambiguous_possessive"):
            continue
        prev, nxt = _prev(tok), _next(tok)
        if prev is None or nxt is None:
            continue
        # "the book is his", "a friend of his": only an action verb makes 'his' a determiner.
        if prev.pos_ != "VERB" or prev.lemma_ == "be":
            continue
        if nxt.tag_ in {"IN", "CC", "TO"} or _is_gap_punct(nxt):
            if _in_idiom(nxt):
                continue
            yield _damage(
                "missing_noun_after_determiner", _span(tok, nxt), "'his' is not followed by a noun"
            )


def _rule_possessive(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'The SCO was 's first': a possessive 's after a space, with no owner before it."""
    for tok in tokens:
        if tok.text not in _POSSESSIVE_S:
            continue
        prev = _prev(tok)
        glued = prev is not None and not prev.whitespace_ and prev.i == tok.i - 1
        if glued and prev is not None and prev.lower_ not in _words("article"):
            continue  # the normal case: "China's", and contractions such as "That's"
        # "Austria 's" is a stray space left by a link, but the owner is there: not a loss.
        owner_kinds = {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X", "SYM"}
        owner = (
            prev is not None and prev.pos_ in owner_kinds and prev.lower_ not in _words("article")
        )
        if owner and not (prev is not None and _ends_title(prev)):
            continue  # but "President 's promise" lost the president's name
        if prev is not None and (prev.text in {")", "]"} or prev.text in _CLOSING_QUOTES):
            continue
        first = prev if prev is not None and not _is_gap_punct(prev) else tok
        yield _damage("orphan_possessive", _span(first, tok), "possessive 's has no owner")


def _rule_conjunct(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'the meeting between and Xi': a preposition or 'both' directly before 'and'."""
    coordinators = _words("coordinator")
    object_preps = _words("object_preposition")
    correlatives = _words("correlative")
    for tok in tokens:
        if tok.lower_ not in coordinators:
            continue
        prev, nxt = _prev(tok), _next(tok)
        if prev is None:
            continue
        if nxt is not None and nxt.tag_ in _FINITE_VERB_TAGS and _after_between(tok):
            # "Relations between Beijing and have soured": the second conjunct is lost.
            yield _damage(
                "missing_conjunct", _span(tok, nxt), f"nothing after '{tok.text}' in 'between'"
            )
            continue
        known = prev.lower_ in object_preps or prev.lower_ in _words("preposition")
        is_prep = known and prev.tag_ in {"IN", "TO"}
        if not is_prep and prev.lower_ not in correlatives:
            continue
        repeated = nxt is not None and nxt.lower_ == prev.lower_  # "spoke to and to the press"
        # "for and against", "with and without": two prepositions share one object.
        if nxt is not None and nxt.tag_ in {"IN", "TO", "RP"} and not repeated:
            continue
        # "reaching out to and recruiting people", "travel to and business with Cuba": the
        # object is shared with a later phrase. Only a name right after 'and', or a word
        # such as 'between' that needs two conjuncts, shows the first conjunct is lost.
        strong = prev.lower_ in object_preps or prev.lower_ in correlatives
        if is_prep and prev.lower_ not in correlatives and not repeated and not _name_follows(nxt):
            continue
        if not strong and not _name_follows(nxt):
            continue  # "in and out", "on and off": adverbs, unless a name follows
        if _in_idiom(tok) or (is_prep and _may_be_stranded(prev)):
            continue
        yield _damage(
            "missing_conjunct", _span(prev, tok), f"nothing between '{prev.text}' and '{tok.text}'"
        )


def _after_between(cc: Token) -> bool:
    """True when 'between' opened the coordination that `cc` belongs to (within 4 words)."""
    node: Token | None = cc
    for _ in range(4):
        node = _prev(node) if node is not None else None
        if node is None or node.is_punct or node.lower_ in _words("coordinator"):
            return False  # "between Trump and Comey and said": the pair was complete
        if node.lower_ == "between":
            return True
    return False


def _name_follows(tok: Token | None) -> bool:
    """True when `tok` starts a name: 'Xi', 'the United States'."""
    if tok is not None and tok.lower_ == "the":
        tok = _next(tok)
    return tok is not None and tok.pos_ == "PROPN"


def _preposition_gap(prep: Token, nxt: Token | None) -> str:
    """Why `prep` lacks its object, or '' when it does not."""
    low = prep.lower_
    strong = low in _words("object_preposition")
    if prep.tag_ not in {"IN", "TO"} or not (strong or low in _words("preposition")):
        return ""
    prev = _prev(prep)
    if nxt is None or (prev is not None and prev.text == "("):
        return ""  # "(from)": a word the writer inserted into a quote
    if _is_gap_punct(nxt):
        # A colon introduces a list or a quote ("prefaced with: ..."), so it is not a gap.
        if not strong or nxt.text == ":" or _in_parenthetical_coordination(prep):
            return ""
        fixed = prev is not None and prev.lower_ in _FIXED_TO
        if low == "to" and not fixed and (prev is None or prev.pos_ not in {"NOUN", "PROPN"}):
            return ""  # "he wants them to.", "agreed to,": an elided verb phrase
        return "followed by punctuation"
    # A following name ("of In Amenas"), a doubled word ("with with") or an adverbial
    # ("of at least") is not a lost object.
    if not nxt.text.islower() or nxt.lower_ == low or _starts_adverbial(nxt):
        return ""
    if strong and nxt.lower_ in _words("gap_after_preposition") and nxt.tag_ == "IN":
        return "" if _hyphen_follows(nxt) else f"followed by another preposition '{nxt.text}'"
    # "In came the United States", "Inside ousted ruler's palace": inversions and captions
    # start with the preposition; a lost object leaves it in mid-sentence, in lowercase.
    if nxt.tag_ in _FINITE_VERB_TAGS and nxt.pos_ in {"VERB", "AUX"} and prep.text.islower():
        return f"followed by the verb '{nxt.text}'"
    return ""


def _rule_preposition(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'according to , the talks failed', 'met with on Tuesday', 'Officials in said'."""
    for tok in tokens:
        nxt = _next(tok)
        why = _preposition_gap(tok, nxt)
        if not why or nxt is None:
            continue
        # "according to" never strands its object.
        prev = _prev(tok)
        fixed = tok.lower_ == "to" and prev is not None and prev.lower_ in _FIXED_TO
        if not fixed and (_may_be_stranded(tok) or _in_idiom(tok)):
            continue
        yield _damage("missing_object_after_preposition", _span(tok, nxt), f"'{tok.text}' {why}")


def _rule_dangling_conjunction(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'..., China and .': a conjunction with nothing after it ('and, in fact,' is fine)."""
    for tok in tokens:
        if tok.lower_ not in _words("coordinator") or _prev(tok) is None:
            continue
        nxt = _next(tok)
        # Glued "(and)" is an editor's insertion; a lost word leaves "and ." spaced.
        if nxt is not None and nxt.text in {".", ";", ":", ")", "!", "?"} and _is_gap_punct(nxt):
            yield _damage("dangling_conjunction", _span(tok, nxt), f"nothing after '{tok.text}'")


def _rule_speech_verb(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'"We will win," said.': a reporting verb between a closing quote and punctuation has
    lost its speaker ('"We will win," he said.' keeps it)."""
    for tok in tokens:
        if tok.lower_ not in _words("speech_verb"):
            continue
        prev, nxt = _prev(tok), _next(tok)
        # After a comma the speaker usually precedes ("Ms. Rice, an adviser, said."); only a
        # closing quote right before the verb shows that the speaker after it is gone.
        if prev is None or nxt is None or prev.text not in _CLOSING_QUOTES:
            continue
        if nxt.text in {",", ".", ";"} and not _in_idiom(tok):
            yield _damage("missing_speaker", _span(prev, nxt), f"'{tok.text}' has no speaker")


def _rule_verb_object(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'Haddad told that Morsy was held', 'the president thanked for the support': an active
    verb that always names whom it addresses, with no one after it."""
    for tok in tokens:
        if tok.lower_ not in _words("verb_needs_object") or tok.tag_ != "VBD":
            continue
        nxt = _next(tok)
        if nxt is None or _is_passive(tok) or tok.dep_ in {"relcl", "acl", "amod"}:
            continue
        if nxt.lower_ in {"that", "for"} or _is_gap_punct(nxt):
            if _may_be_stranded(nxt) if nxt.lower_ == "for" else _may_be_stranded(tok):
                continue
            yield _damage(
                "missing_object_after_verb", _span(tok, nxt), f"'{tok.text}' has no object"
            )


def _rule_title(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'Chinese President said on Monday': a title used as a name, with neither name nor 'the'."""
    for tok in tokens:
        nxt = _next(tok)
        if nxt is None or not _ends_title(tok):
            continue
        if tok.lower_ in _HONORIFICS:
            # "Mr. said", "Mr. , and others": an honorific is always followed by a name
            # ("Mr. el-Erian" and "Dr. von der Leyen" begin with a lowercase particle).
            lost = nxt.text[:1].islower() and not _looks_like_name_or_brand(nxt.text)
            if lost or _is_gap_punct(nxt) or nxt.text in _POSSESSIVE_S:
                yield _damage(
                    "missing_name_after_title", _span(tok, nxt), f"no name after '{tok.text}'"
                )
            continue
        if not tok.text[0].isupper():
            continue
        # A capitalized verb ("President Says") is headline style, which drops articles.
        verb = nxt.tag_ in _FINITE_VERB_TAGS and nxt.text.islower()
        # "Queen's Speech" names a thing; "Chinese President's visit" lost the name.
        owner = nxt.text in _POSSESSIVE_S and _next_is_lowercase(nxt)
        # A comma or 'and' after a title is left alone: "Interior Minister and party leader
        # Naftali Bennett", "King, R-New York" (a surname) and "Mr. President," are common.
        if not (verb or owner) or tok.ent_type_ == "PERSON":
            continue  # "a step King argues": a surname, not a title
        title_start = _title_start(tok)
        first = _title_phrase_start(title_start) if title_start is not None else None
        if first is None or _is_headline(tok):
            continue
        yield _damage(
            "missing_name_after_title", _span(first, nxt), f"no name after the title '{tok.text}'"
        )


def _ends_title(tok: Token) -> bool:
    """True when `tok` ends a title: 'President', 'Mr.', 'Secretary of State'."""
    # "Mr." / "Mr", but not "MR." in an all-caps caption nor "DR" (the Dominican Republic).
    if tok.lower_ in _HONORIFICS:
        return tok.text[0].isupper() and tok.text[1:2].islower()
    return _title_start(tok) is not None


def _title_start(tok: Token) -> Token | None:
    """First word of the capitalized title that `tok` ends ('Secretary' for 'Secretary of
    State'), or None when `tok` ends no title ('the secretary of State' is not one)."""
    if tok.tag_ not in {"NNP", "NN"} or not tok.text[:1].isupper():
        return None
    titles = _words("title")
    if tok.lower_ in titles:
        return tok
    words = [tok.lower_]
    node: Token | None = tok
    for _ in range(3):
        node = _prev(node) if node is not None else None
        if node is None:
            return None
        words.insert(0, node.lower_)
        if " ".join(words) in titles:
            return node if node.text[:1].isupper() else None
    return None


def _next_is_lowercase(tok: Token) -> bool:
    nxt = _next(tok)
    return nxt is not None and nxt.text[:1].islower()


def _title_phrase_start(title: Token) -> Token | None:
    """First token of a title phrase ('Chinese Foreign Minister'), or None when the phrase is
    complete: a determiner or possessive introduces it ('the next President', "Russia's
    President"), a verb or 'as' makes it predicative ('remaining Prime Minister', 'as
    President'), or it holds a person's name ('Martin Luther King's')."""
    first = title
    node = _prev(title)
    while node is not None:
        if node.tag_ in {"DT", "PRP$", "POS", "WP$"} or node.text in _POSSESSIVE_S:
            return None
        if node.ent_type_ == "PERSON":
            return None
        capitalized = node.text[:1].isupper()
        # "Secretary of State", "ex-Chancellor", "then-President", "new Prime Minister".
        joiner = node.text in _DASHES or node.lower_ in {"ex", "then", "of", "for"}
        if not (capitalized or joiner or node.tag_ in {"JJ", "JJR", "JJS"}):
            break
        first = node
        node = _prev(node)
    if node is not None and (node.pos_ in {"VERB", "AUX"} or node.lower_ == "as"):
        return None
    return first


def _is_headline(tok: Token) -> bool:
    """True when `tok` is in a short line without final punctuation: a headline or caption."""
    text = _doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    line = text[start : end if end >= 0 else len(text)].strip()
    return not line.endswith(_TERMINAL)


# ---------------------------------------------------------------- character rules


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line; paragraphs are separated by one or more newlines."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def _looks_like_name_or_brand(word: str) -> bool:
    """'iPhone', 'eBay', 'al-Assad', 'www.x.com': lowercase starts that are not a lost start."""
    stem = re.split("[-'" + _RSQ + "]", word, maxsplit=1)[0].lower()
    return (
        any(c.isupper() for c in word[1:])
        or stem in _words("lowercase_name_prefix")
        or "." in word.strip(".,;:")
        or "/" in word
        or "@" in word
    )


_LIST_MARKER = re.compile(r"^(?:[a-z]|[ivx]+)[.)]\s")


def _rule_paragraph_start(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """Paragraphs that begin inside a sentence: "said on Monday ...", ", the minister"."""
    text = _doc_text(doc)
    prev_end = -1
    for start, end in _paragraphs(text):
        line = text[start:end]
        lead = len(line) - len(line.lstrip())
        body = line.lstrip()
        previous = text[:prev_end].rstrip() if prev_end >= 0 else ""
        prev_end = end
        first_word = body.split()[0]
        gap_start = start + lead
        # ".@handle" is how tweets address someone publicly, not a lost start.
        if body[0] in ",;:)" or (body[0] == "." and not body.startswith(("..", ".@"))):
            yield _damage(
                "paragraph_starts_mid_sentence",
                (gap_start, gap_start + len(first_word)),
                "paragraph starts with punctuation",
            )
            continue
        if (
            not body[0].islower()
            or _LIST_MARKER.match(body)
            or _looks_like_name_or_brand(first_word)
        ):
            continue
        word = re.sub(r"(?:n['\u2019]t)?\W*$", "", first_word).lower()  # "didn't" -> "did"
        if previous.endswith((":", ";")) or (
            previous.endswith((" and", " or")) and ";" in previous
        ):
            continue  # list items: "could ask for:", "...;", "...; and"
        # A long paragraph that stops without final punctuation was cut mid-sentence; a short
        # one is a caption, a heading or a speaker's name in a transcript.
        last_line = previous[previous.rfind("\n") + 1 :]
        cut = len(last_line.split()) >= 8 and not last_line.endswith(_PARAGRAPH_END)
        if word in _words("continuation_start") or cut or lead:
            yield _damage(
                "paragraph_starts_mid_sentence",
                (gap_start, gap_start + len(first_word)),
                "paragraph starts with a lowercase word that continues a sentence",
            )


def _rule_sentence_start(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'... in Beijing. said the talks failed': a full stop and then a lowercase verb or
    function word, where a sentence-opening name was lost."""
    starts = _words("continuation_start")
    for tok in tokens:
        if tok.text not in {".", "!", "?"}:
            continue
        prev, nxt = _prev(tok), _next(tok)
        if prev is None or nxt is None or (not tok.whitespace_ and not doc[tok.i + 1].is_space):
            continue
        if not prev.is_alpha or len(prev.text) < 2 or prev.text.isupper():
            continue  # "Plan B.", "U.S. ." : abbreviations keep lowercase after them
        if nxt.text.islower() and nxt.lower_ in starts and not _looks_like_name_or_brand(nxt.text):
            yield _damage(
                "sentence_starts_mid_sentence",
                _span(tok, nxt),
                "a sentence starts with a lowercase word",
            )


def _rule_hyphen(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'the -based think tank', 'a -led coalition': a compound lost its first word."""
    for match in re.finditer(r"(?:(?<=\s)|^)-[a-z]{2,}\b", _doc_text(doc), flags=re.MULTILINE):
        before = _doc_text(doc)[: match.start()].rstrip().rsplit(None, 1)
        word = (
            before[-1].lower() if before and "\n" not in _doc_text(doc)[match.start() - 1] else ""
        )
        # "11th -hour" is a typo with nothing lost; after "the", "a", "by" a word is missing.
        if word and word not in _words("article") and word not in _words("object_preposition"):
            continue
        yield _damage(
            "missing_word_before_hyphen",
            (match.start(), match.end()),
            "hyphenated compound lost its first word",
        )


# Straight quotes are left out: '""' is as often two quotations glued together.
_EMPTY_BRACKETS = re.compile(
    r"\(\s*[,;]?\s*\)|\[\s*\]|" + _LDQ + r"\s*" + _RDQ + "|" + _LSQ + r"\s*" + _RSQ
)


def _rule_empty_brackets(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'( )', '“ ”': brackets or quotes whose content was dropped."""
    for match in _EMPTY_BRACKETS.finditer(_doc_text(doc)):
        yield _damage("empty_brackets", match.span(), "empty brackets or quotes")


def _rule_space_before_punctuation(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'said , adding': a spaced comma after a verb or function word. After a noun ('Annan ,')
    the stray space is a link artefact with nothing lost, so it is not reported."""
    for tok in tokens:
        if tok.text not in {",", ".", ";", ":"} or tok.i == 0:
            continue
        before = doc[tok.i - 1]
        if not before.whitespace_ and not before.is_space:
            continue
        prev = _prev(tok)
        # After a verb or particle ("Trudeau once said , Canada", "shot down ,") the stray
        # space is a link artefact like "Annan ,", with nothing lost.
        if prev is None or prev.pos_ not in {"DET", "CCONJ", "SCONJ"}:
            continue
        if _in_idiom(prev) or _doc_text(doc).startswith(". .", tok.idx):
            continue  # ". . ." is a spaced ellipsis
        yield _damage(
            "space_before_punctuation",
            _span(prev, tok),
            f"spaced '{tok.text}' right after '{prev.text}'",
        )


_DOUBLE_SPACE = re.compile(r"(?<=[\w,])[ \t\u00a0]{2,}(?=[\w,.;:])")


def _rule_double_space(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'met  in Beijing': two spaces between words where a word was removed. Spaces after a
    full stop are a typing habit, so only spaces after a word or a comma count."""
    text = _doc_text(doc)
    for match in _DOUBLE_SPACE.finditer(text):
        left = re.search(r"\S+$", text[: match.start()])
        right = re.match(r"\S+", text[match.end() :])
        start = left.start() if left else match.start()
        end = match.end() + (right.end() if right else 0)
        yield _damage("double_space", (start, end), "two spaces where a word may be missing")


_RULES: tuple[Callable[[Doc, Sequence[Token]], Iterator[Damage]], ...] = (
    _rule_possessive,
    _rule_conjunct,
    _rule_title,
    _rule_speech_verb,
    _rule_determiner,
    _rule_his,
    _rule_preposition,
    _rule_verb_object,
    _rule_dangling_conjunction,
    _rule_hyphen,
    _rule_empty_brackets,
    _rule_paragraph_start,
    _rule_sentence_start,
    _rule_space_before_punctuation,
    _rule_double_space,
)


def _merge(found: Iterable[Damage]) -> list[Damage]:
    """Sort by start and merge overlapping flags into one, named by the most specific kind."""
    merged: list[Damage] = []
    for item in sorted(found, key=lambda d: (d.span[0], _PRIORITY[d.kind])):
        if merged and item.span[0] < merged[-1].span[1]:
            last = merged[-1]
            best = last if _PRIORITY[last.kind] <= _PRIORITY[item.kind] else item
            merged[-1] = Damage(
                best.kind, (last.span[0], max(last.span[1], item.span[1])), best.detail
            )
        else:
            merged.append(item)
    return merged


def find_damage(text: str, doc: Doc) -> list[Damage]:
    """Places in `text` where words seem lost, sorted by start, without overlaps.

    `doc` must be the spaCy Doc of exactly `text` (tagger, parser and lemmatizer are used).
    """
    if _doc_text(doc) != text:
        raise ValueError("doc must be the spaCy Doc of exactly this text")
    if not text.strip():
        return []
    # Iterating a Doc builds Token objects anew each time; the rules share one list.
    tokens = list(doc)
    return _merge(damage for rule in _RULES for damage in rule(doc, tokens))
