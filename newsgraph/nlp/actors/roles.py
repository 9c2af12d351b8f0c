"""Roles and affiliations the text gives a name: premodifiers ("Kazakh President",
"China expert"), appositions ("Eberhard Sandschneider, partner at the Berlin Global Advisor
think tank", "Xi, the Chinese president") and "of" phrases ("Liu Qingbin, of Yokohama
University in Japan"), read from the dependency parse."""

from __future__ import annotations

from typing import Any

from newsgraph.nlp.actors.filters import not_actor_words
from newsgraph.nlp.actors.kb import KnowledgeBase

Token = Any
Doc = Any

# Tokens that can sit inside a role premodifier: "UN Secretary-General", "Kazakh President",
# "former US Secretary of State" (the "of State" part is taken by _extend_of).
_PREMODIFIER_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_PREMODIFIER_PUNCT = frozenset({"-", "–"})
_MAX_ROLE_TOKENS = 8


def premodifier_role(doc: Doc, start_token: int, kb: KnowledgeBase) -> tuple[str, int] | None:
    """The role written just before a name starting at `start_token`, with the index of
    its first token; None when the words before the name are not a role."""
    first = start_token
    index = start_token - 1
    while index >= 0 and start_token - index <= _MAX_ROLE_TOKENS:
        token = doc[index]
        if token.is_space or token.is_sent_end:
            break
        if token.pos_ in _PREMODIFIER_POS or token.text in _PREMODIFIER_PUNCT:
            first = index
            index -= 1
            continue
        if token.lower_ in {"former", "then", "acting", "deputy", "vice", "late"}:
            first = index
            index -= 1
            continue
        if token.lower_ == "of" and index > 0 and doc[index - 1].pos_ in _PREMODIFIER_POS:
            first = index  # "Secretary of State Hillary Clinton"
            index -= 1
            continue
        break
    if first == start_token:
        return None
    words = doc[first:start_token]
    if not _names_a_role(words, kb):
        return None
    return words.text.strip(), first


def _names_a_role(words: Any, kb: KnowledgeBase) -> bool:
    """A premodifier is a role when it holds a title, a role word or a demonym."""
    text = words.text.lower()
    tokens = [t.lower_ for t in words]
    if kb.sector_for(text) is not None:
        return True
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[i : i + size]).replace(" - ", "-")
            if kb.sector_for(phrase) is not None or kb.is_title(phrase):
                return True
    if any(kb.is_title(t.text) for t in words):
        return True  # a title abbreviation written in capitals ("AG", "PM")
    party = not_actor_words().by_kind.get("party", frozenset())
    return any(kb.country_by_demonym(t.text) is not None or t.lower_ in party for t in words)


def apposition_roles(doc: Doc, start_token: int, end_token: int) -> list[str]:
    """Appositions and comma-set "of" phrases attached to the name's tokens."""
    roles: list[str] = []
    name_tokens = range(start_token, end_token)
    for index in name_tokens:
        token = doc[index]
        for child in token.children:
            if child.i in name_tokens:
                continue
            if child.dep_ == "appos" or _comma_of_phrase(doc, child):
                roles.append(_subtree_text(doc, child))
        if token.dep_ == "appos" and token.head.i not in name_tokens and token.head.i < start_token:
            # "The Chinese president, Xi Jinping, said": the role is the head phrase.
            roles.append(_head_phrase(doc, token.head, start_token))
    return [role for role in roles if role]


def as_roles(doc: Doc, start_token: int, end_token: int) -> list[str]:
    """Roles given with "as": "Kim Darroch's resignation as British ambassador to
    Washington", "Darroch quits as UK ambassador", "Rice was named as national security
    adviser". The "as" phrase hangs on the noun the name owns or on the verb whose subject
    the name is; not on a verb with an object ("Trump described Putin as a strong leader":
    the phrase is the object's)."""
    roles: list[str] = []
    for index in range(start_token, end_token):
        token = doc[index]
        if start_token <= token.head.i < end_token or token.head.i == token.i:
            continue  # a word inside the name; its head word is the one that relates
        head = token.head
        if token.dep_ == "nsubj" and any(c.dep_ in {"dobj", "obj"} for c in head.children):
            continue
        if token.dep_ not in {"poss", "nsubj", "nsubjpass"}:
            continue
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    roles.append(_subtree_text(doc, objects[0]))
    return [role for role in roles if role]


def _comma_of_phrase(doc: Doc, child: Token) -> bool:
    return bool(
        child.dep_ == "prep"
        and child.lower_ == "of"
        and child.i > 0
        and doc[child.i - 1].text == ","
    )


def _subtree_text(doc: Doc, token: Token) -> str:
    left, right = token.left_edge.i, token.right_edge.i + 1
    words = doc[left:right]
    return str(words.text).strip(" ,;:-–—()\n")


def _head_phrase(doc: Doc, head: Token, stop: int) -> str:
    left = head.left_edge.i
    right = min(head.i + 1, stop)
    text = str(doc[left:right].text).strip(" ,;:-–—()\n")
    lowered = text.lower()
    for article in ("the ", "a ", "an "):
        if lowered.startswith(article):
            return text[len(article) :]
    return text


__all__ = ["apposition_roles", "as_roles", "premodifier_role"]
