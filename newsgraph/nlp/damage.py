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
from collections.abc import Callable, Iterable, Iterator
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
    "missing_noun_after_determiner",
    "missing_object_after_preposition",
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
_GAP_PUNCT = frozenset({",", ".", ";", ":", ")", "!", "?"})
_POSSESSIVE_S = frozenset({"'s", "’s", "‘s"})
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")", ":", "…")

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
    return tok is not None and tok.text in _GAP_PUNCT


def _hyphen_follows(tok: Token) -> bool:
    """True when `tok` is glued to a following hyphen ('the by-election', 'the in-laws')."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return not tok.whitespace_ and nxt is not None and nxt.text in {"-", "–"}


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
    words = _lower_tokens(window)
    pos = next(i for i, t in enumerate(window) if t.i == tok.i)
    for size in range(2, 5):
        for start in range(max(0, pos - size + 1), pos + 1):
            if start + size <= len(words) and " ".join(words[start : start + size]) in idioms:
                return True
    return False


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)


def _may_be_stranded(prep: Token) -> bool:
    """True when a preposition may legitimately lack its object (English strands them).

    Relative clauses ("the people he met with on Tuesday"), questions and wh-clauses ("what
    he asked for"), passives ("the issue was dealt with") and infinitives that modify a noun
    or adjective ("a country to be proud of", "hard to argue with") all move the object away.
    """
    sent = prep.sent
    if sent.text.rstrip().rstrip("\"”’')").endswith("?"):
        return True
    if any(t.tag_ in _WH_TAGS for t in sent if t.i < prep.i):
        return True
    node = prep
    while node.head.i != node.i:
        node = node.head
        if node.dep_ in {"relcl", "acl"} or _is_passive(node):
            return True
        has_to = any(c.tag_ == "TO" for c in node.children)
        if has_to and node.dep_ in {"xcomp", "advcl"} and node.head.pos_ in {"ADJ", "NOUN"}:
            return True
    return False


def _damage(kind: str, span: tuple[int, int], detail: str) -> Damage:
    return Damage(kind=kind, span=span, detail=detail)


# ---------------------------------------------------------------- word rules


def _determiner_lacks_noun(det: Token, nxt: Token | None) -> bool:
    """True when what follows an article/possessive cannot start its noun phrase."""
    if nxt is None or _is_gap_punct(nxt):
        return True
    if nxt.lower_ not in _words("not_after_determiner") or _hyphen_follows(nxt):
        return False
    after = _next(nxt)
    pair = " ".join(_lower_tokens((nxt, after)))
    return pair not in _words("determiner_adverbial")


def _rule_determiner(doc: Doc) -> Iterator[Damage]:
    """'pointing to the , the and the RCEP', 'blames the for launching attacks'."""
    articles = _words("article")
    possessives = _words("possessive_determiner")
    for tok in doc:
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
        if _determiner_lacks_noun(tok, nxt):
            end = nxt if nxt is not None else tok
            yield _damage(
                "missing_noun_after_determiner",
                _span(tok, end),
                f"'{tok.text}' is not followed by a noun",
            )


def _rule_his(doc: Doc) -> Iterator[Damage]:
    """'greeted his as he arrived': 'his' as the object of a verb, with a non-noun after it."""
    for tok in doc:
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


def _rule_possessive(doc: Doc) -> Iterator[Damage]:
    """"The SCO was 's first": a possessive 's after a space, with no owner before it."""
    for tok in doc:
        if tok.text not in _POSSESSIVE_S:
            continue
        prev = _prev(tok)
        glued = prev is not None and not prev.whitespace_ and prev.i == tok.i - 1
        if glued and prev is not None and prev.pos_ not in {"DET", "ADP", "CCONJ"}:
            continue  # the normal case: "China's"
        # "Austria 's" is a stray space left by a link, but the owner is there: not a loss.
        owner_kinds = {"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X", "SYM"}
        if prev is not None and prev.pos_ in owner_kinds and prev.lower_ not in _words("article"):
            continue
        if prev is not None and prev.text in {")", "]", '"', "”", "’"}:
            continue
        first = prev if prev is not None and not _is_gap_punct(prev) else tok
        yield _damage("orphan_possessive", _span(first, tok), "possessive 's has no owner")


def _rule_conjunct(doc: Doc) -> Iterator[Damage]:
    """'the meeting between and Xi': a preposition or 'both' directly before 'and'."""
    coordinators = _words("coordinator")
    object_preps = _words("object_preposition")
    correlatives = _words("correlative")
    for tok in doc:
        if tok.lower_ not in coordinators:
            continue
        prev, nxt = _prev(tok), _next(tok)
        if prev is None:
            continue
        is_prep = prev.lower_ in object_preps and prev.tag_ in {"IN", "TO"}
        if not is_prep and prev.lower_ not in correlatives:
            continue
        # "for and against", "with and without": two prepositions share one object.
        if nxt is not None and nxt.tag_ in {"IN", "TO", "RP"}:
            continue
        if _in_idiom(tok) or (is_prep and _may_be_stranded(prev)):
            continue
        yield _damage(
            "missing_conjunct", _span(prev, tok), f"nothing between '{prev.text}' and '{tok.text}'"
        )


def _preposition_gap(prep: Token, nxt: Token | None) -> str:
    """Why `prep` lacks its object, or '' when it does not."""
    low = prep.lower_
    strong = low in _words("object_preposition")
    if prep.tag_ not in {"IN", "TO"} or not (strong or low in _words("preposition")):
        return ""
    if nxt is None or _is_gap_punct(nxt):
        return "followed by punctuation" if strong and nxt is not None else ""
    if strong and nxt.lower_ in _words("gap_after_preposition") and nxt.tag_ == "IN":
        return "" if _hyphen_follows(nxt) else f"followed by another preposition '{nxt.text}'"
    if nxt.tag_ in _FINITE_VERB_TAGS and nxt.pos_ in {"VERB", "AUX"} and nxt.lower_ != "'s":
        return f"followed by the verb '{nxt.text}'"
    return ""


def _rule_preposition(doc: Doc) -> Iterator[Damage]:
    """'according to , the talks failed', 'met with on Tuesday', 'Officials in said'."""
    for tok in doc:
        nxt = _next(tok)
        why = _preposition_gap(tok, nxt)
        if not why or nxt is None:
            continue
        fixed = tok.lower_ == "to" and (prev := _prev(tok)) is not None and prev.lower_ in {
            "according",
            "due",
            "prior",
        }
        if not fixed and (_may_be_stranded(tok) or _in_idiom(tok)):
            continue
        yield _damage("missing_object_after_preposition", _span(tok, nxt), f"'{tok.text}' {why}")


def _rule_dangling_conjunction(doc: Doc) -> Iterator[Damage]:
    """'..., China and .': a conjunction with nothing after it ('and, in fact,' is fine)."""
    for tok in doc:
        if tok.lower_ not in _words("coordinator") or _prev(tok) is None:
            continue
        nxt = _next(tok)
        if nxt is not None and nxt.text in {".", ";", ":", ")", "!", "?"}:
            yield _damage("dangling_conjunction", _span(tok, nxt), f"nothing after '{tok.text}'")


def _rule_title(doc: Doc) -> Iterator[Damage]:
    """'Chinese President said on Monday': a title used as a name, with neither name nor 'the'."""
    titles = _words("title")
    for tok in doc:
        if tok.lower_ not in titles or tok.tag_ != "NNP" or not tok.text[0].isupper():
            continue
        nxt = _next(tok)
        if nxt is None:
            continue
        # A capitalized verb ("President Says") is headline style, which drops articles.
        verb = nxt.tag_ in _FINITE_VERB_TAGS and nxt.text.islower()
        if not verb and nxt.text not in _POSSESSIVE_S:
            continue
        first = _title_phrase_start(tok)
        if first is None or _is_headline(tok):
            continue
        yield _damage(
            "missing_name_after_title", _span(first, nxt), f"no name after the title '{tok.text}'"
        )


def _title_phrase_start(title: Token) -> Token | None:
    """First token of a title phrase ('Chinese Foreign Minister'), or None when a determiner
    or possessive introduces it ('the President', "Russia's President") and it is complete."""
    first = title
    node = _prev(title)
    while node is not None:
        if node.tag_ in {"DT", "PRP$", "POS", "WP$"} or node.text in _POSSESSIVE_S:
            return None
        if node.lower_ in {"as", "became", "become", "becomes", "named", "elected"}:
            return None  # predicative: "as President", "became Prime Minister"
        capitalized = node.text[:1].isupper()
        if not (capitalized or node.text in {"-", "–", "of", "for"}):
            break
        first = node
        node = _prev(node)
    return first


def _is_headline(tok: Token) -> bool:
    """True when `tok` is in a short line without final punctuation: a headline or caption."""
    text = tok.doc.text
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    line = text[start : end if end >= 0 else len(text)].strip()
    return not line.endswith(_TERMINAL) and len(line.split()) <= 25


# ---------------------------------------------------------------- character rules


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line; paragraphs are separated by one or more newlines."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def _looks_like_name_or_brand(word: str) -> bool:
    """'iPhone', 'eBay', 'al-Assad', 'www.x.com': lowercase starts that are not a lost start."""
    stem = re.split(r"[-’']", word, maxsplit=1)[0].lower()
    return (
        any(c.isupper() for c in word[1:])
        or stem in _words("lowercase_name_prefix")
        or "." in word.strip(".,;:")
        or "/" in word
        or "@" in word
    )


_LIST_MARKER = re.compile(r"^(?:[a-z]|[ivx]+)[.)]\s")


def _rule_paragraph_start(doc: Doc) -> Iterator[Damage]:
    """Paragraphs that begin inside a sentence: "said on Monday ...", ", the minister"."""
    text = doc.text
    prev_end = -1
    for start, end in _paragraphs(text):
        line = text[start:end]
        lead = len(line) - len(line.lstrip())
        body = line.lstrip()
        previous = text[:prev_end].rstrip() if prev_end >= 0 else ""
        prev_end = end
        first_word = body.split()[0]
        gap_start = start + lead
        if body[0] in ",;:)" or (body[0] == "." and not body.startswith("..")):
            yield _damage(
                "paragraph_starts_mid_sentence",
                (gap_start, gap_start + len(first_word)),
                "paragraph starts with punctuation",
            )
            continue
        if not body[0].islower() or _LIST_MARKER.match(body) or _looks_like_name_or_brand(
            first_word
        ):
            continue
        word = re.sub(r"\W+$", "", first_word).lower()
        broken_before = bool(previous) and not previous.endswith(_TERMINAL)
        if word in _words("continuation_start") or broken_before or lead:
            yield _damage(
                "paragraph_starts_mid_sentence",
                (gap_start, gap_start + len(first_word)),
                "paragraph starts with a lowercase word that continues a sentence",
            )


def _rule_sentence_start(doc: Doc) -> Iterator[Damage]:
    """'... in Beijing. said the talks failed': a full stop and then a lowercase verb or
    function word, where a sentence-opening name was lost."""
    starts = _words("continuation_start")
    for tok in doc:
        if tok.text not in {".", "!", "?"}:
            continue
        prev, nxt = _prev(tok), _next(tok)
        if prev is None or nxt is None or not tok.whitespace_ and not doc[tok.i + 1].is_space:
            continue
        if not prev.is_alpha or len(prev.text) < 2 or prev.text.isupper():
            continue  # "Plan B.", "U.S. ." : abbreviations keep lowercase after them
        if nxt.text.islower() and nxt.lower_ in starts and not _looks_like_name_or_brand(nxt.text):
            yield _damage(
                "sentence_starts_mid_sentence",
                _span(tok, nxt),
                "a sentence starts with a lowercase word",
            )


def _rule_hyphen(doc: Doc) -> Iterator[Damage]:
    """'the -based think tank', 'a -led coalition': a compound lost its first word."""
    for match in re.finditer(r"(?:(?<=\s)|^)-[a-z]{2,}\b", doc.text, flags=re.MULTILINE):
        yield _damage(
            "missing_word_before_hyphen",
            (match.start(), match.end()),
            "hyphenated compound lost its first word",
        )


_EMPTY_BRACKETS = re.compile(r"\(\s*[,;]?\s*\)|\[\s*\]|“\s*”|‘\s*’|\"\"")


def _rule_empty_brackets(doc: Doc) -> Iterator[Damage]:
    """'( )', '“ ”': brackets or quotes whose content was dropped."""
    for match in _EMPTY_BRACKETS.finditer(doc.text):
        yield _damage("empty_brackets", match.span(), "empty brackets or quotes")


def _rule_space_before_punctuation(doc: Doc) -> Iterator[Damage]:
    """'said , adding': a spaced comma after a verb or function word. After a noun ('Annan ,')
    the stray space is a link artefact with nothing lost, so it is not reported."""
    for tok in doc:
        if tok.text not in {",", ".", ";", ":"} or tok.i == 0:
            continue
        before = doc[tok.i - 1]
        if not before.whitespace_ and not before.is_space:
            continue
        prev = _prev(tok)
        if prev is None or prev.pos_ not in {"VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ"}:
            continue
        if _in_idiom(prev):
            continue
        yield _damage(
            "space_before_punctuation",
            _span(prev, tok),
            f"spaced '{tok.text}' right after '{prev.text}'",
        )


_DOUBLE_SPACE = re.compile(r"(?<=[\w,])[ \t\u00a0]{2,}(?=[\w,.;:])")


def _rule_double_space(doc: Doc) -> Iterator[Damage]:
    """'met  in Beijing': two spaces between words where a word was removed. Spaces after a
    full stop are a typing habit, so only spaces after a word or a comma count."""
    text = doc.text
    for match in _DOUBLE_SPACE.finditer(text):
        left = re.search(r"\S+$", text[: match.start()])
        right = re.match(r"\S+", text[match.end() :])
        start = left.start() if left else match.start()
        end = match.end() + (right.end() if right else 0)
        yield _damage("double_space", (start, end), "two spaces where a word may be missing")


_RULES: tuple[Callable[[Doc], Iterator[Damage]], ...] = (
    _rule_possessive,
    _rule_conjunct,
    _rule_title,
    _rule_determiner,
    _rule_his,
    _rule_preposition,
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
    if doc.text != text:
        raise ValueError("doc must be the spaCy Doc of exactly this text")
    if not text.strip():
        return []
    return _merge(damage for rule in _RULES for damage in rule(doc))
