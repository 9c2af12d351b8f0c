"""Rules that read characters and lines rather than the parse: paragraphs and sentences that
start mid-sentence, hyphens without their first word, empty brackets, stray spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from newsgraph.model import Damage
from newsgraph.nlp.damage.lexicon import words
from newsgraph.nlp.damage.tokens import (
    LDQ,
    LSQ,
    NDASH,
    RDQ,
    RSQ,
    TERMINAL,
    damage,
    in_idiom,
    looks_like_name_or_brand,
    next_token,
    prev_token,
    span,
)
from newsgraph.nlp.docs import doc_text

# Also the ends of transcript lines: "[LAUGHS]" and an interrupted "So will you —".
_PARAGRAPH_END = (*TERMINAL, "]", "-", NDASH, "\u2014")
_LIST_MARKER = re.compile(r"^(?:[a-z]|[ivx]+)[.)]\s")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line; paragraphs are separated by one or more newlines."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def rule_paragraph_start(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """Paragraphs that begin inside a sentence: "said on Monday ...", ", the minister"."""
    text = doc_text(doc)
    prev_end = -1
    for start, end in _paragraphs(text):
        line = text[start:end]
        lead = len(line) - len(line.lstrip())
        body = line.lstrip()
        previous = text[:prev_end].rstrip() if prev_end >= 0 else ""
        prev_end = end
        why = _mid_sentence_start(body, previous, indented=lead > 0)
        if why:
            gap_start = start + lead
            first_word = body.split()[0]
            yield damage(
                "paragraph_starts_mid_sentence", (gap_start, gap_start + len(first_word)), why
            )


def _mid_sentence_start(body: str, previous: str, indented: bool) -> str:
    """Why the paragraph `body` seems to begin inside a sentence, or '' when it does not.

    `previous` is all the text before it, `indented` tells whether it begins with spaces.
    """
    first_word = body.split()[0]
    # ".@handle" is how tweets address someone publicly, not a lost start.
    if body[0] in ",;:)" or (body[0] == "." and not body.startswith(("..", ".@"))):
        return "paragraph starts with punctuation"
    if not body[0].islower() or _LIST_MARKER.match(body) or looks_like_name_or_brand(first_word):
        return ""
    word = re.sub(r"(?:n['\u2019]t)?\W*$", "", first_word).lower()  # "didn't" -> "did"
    if previous.endswith((":", ";")) or (previous.endswith((" and", " or")) and ";" in previous):
        return ""  # list items: "could ask for:", "...;", "...; and"
    # A long paragraph that stops without final punctuation was cut mid-sentence; a short
    # one is a caption, a heading or a speaker's name in a transcript.
    last_line = previous[previous.rfind("\n") + 1 :]
    cut = len(last_line.split()) >= 8 and not last_line.endswith(_PARAGRAPH_END)
    if word in words("continuation_start") or cut or indented:
        return "paragraph starts with a lowercase word that continues a sentence"
    return ""


def rule_sentence_start(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'... in Beijing. said the talks failed': a full stop and then a lowercase verb or
    function word, where a sentence-opening name was lost."""
    starts = words("continuation_start")
    for tok in tokens:
        if tok.text not in {".", "!", "?"}:
            continue
        prev, nxt = prev_token(tok), next_token(tok)
        if prev is None or nxt is None or (not tok.whitespace_ and not doc[tok.i + 1].is_space):
            continue
        if not prev.is_alpha or len(prev.text) < 2 or prev.text.isupper():
            continue  # "Plan B.", "U.S. ." : abbreviations keep lowercase after them
        if nxt.text.islower() and nxt.lower_ in starts and not looks_like_name_or_brand(nxt.text):
            yield damage(
                "sentence_starts_mid_sentence",
                span(tok, nxt),
                "a sentence starts with a lowercase word",
            )


def rule_hyphen(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'the -based think tank', 'a -led coalition': a compound lost its first word."""
    text = doc_text(doc)
    for match in re.finditer(r"(?:(?<=\s)|^)-[a-z]{2,}\b", text, flags=re.MULTILINE):
        before = text[: match.start()].rstrip().rsplit(None, 1)
        word = before[-1].lower() if before and "\n" not in text[match.start() - 1] else ""
        # "11th -hour" is a typo with nothing lost; after "the", "a", "by" a word is missing.
        if word and word not in words("article") and word not in words("object_preposition"):
            continue
        yield damage(
            "missing_word_before_hyphen",
            (match.start(), match.end()),
            "hyphenated compound lost its first word",
        )


# Straight quotes are left out: '""' is as often two quotations glued together.
_EMPTY_BRACKETS = re.compile(
    r"\(\s*[,;]?\s*\)|\[\s*\]|" + LDQ + r"\s*" + RDQ + "|" + LSQ + r"\s*" + RSQ
)


def rule_empty_brackets(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'( )', '“ ”': brackets or quotes whose content was dropped."""
    for match in _EMPTY_BRACKETS.finditer(doc_text(doc)):
        yield damage("empty_brackets", match.span(), "empty brackets or quotes")


def rule_space_before_punctuation(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'said , adding': a spaced comma after a verb or function word. After a noun ('Annan ,')
    the stray space is a link artefact with nothing lost, so it is not reported."""
    for tok in tokens:
        if tok.text not in {",", ".", ";", ":"} or tok.i == 0:
            continue
        before = doc[tok.i - 1]
        if not before.whitespace_ and not before.is_space:
            continue
        prev = prev_token(tok)
        # After a verb or particle ("Trudeau once said , Canada", "shot down ,") the stray
        # space is a link artefact like "Annan ,", with nothing lost.
        if prev is None or prev.pos_ not in {"DET", "CCONJ", "SCONJ"}:
            continue
        if in_idiom(prev) or doc_text(doc).startswith(". .", tok.idx):
            continue  # ". . ." is a spaced ellipsis
        yield damage(
            "space_before_punctuation",
            span(prev, tok),
            f"spaced '{tok.text}' right after '{prev.text}'",
        )


_DOUBLE_SPACE = re.compile(r"(?<=[\w,])[ \t\u00a0]{2,}(?=[\w,.;:])")


def rule_double_space(doc: Doc, tokens: Sequence[Token]) -> Iterator[Damage]:
    """'met  in Beijing': two spaces between words where a word was removed. Spaces after a
    full stop are a typing habit, so only spaces after a word or a comma count."""
    text = doc_text(doc)
    for match in _DOUBLE_SPACE.finditer(text):
        left = re.search(r"\S+$", text[: match.start()])
        right = re.match(r"\S+", text[match.end() :])
        start = left.start() if left else match.start()
        end = match.end() + (right.end() if right else 0)
        yield damage("double_space", (start, end), "two spaces where a word may be missing")
