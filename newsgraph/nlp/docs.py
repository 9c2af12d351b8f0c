"""Values of a spaCy Doc computed once and kept in `doc.user_data`: spaCy rebuilds
`doc.text` from every token, and `doc.ents` as new spans, on each access."""

from __future__ import annotations

from typing import Any

_TEXT_KEY = "newsgraph.text"


def doc_text(doc: Any) -> str:
    """The Doc's text, built once."""
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return str(cached)


def remember_text(doc: Any, text: str) -> Any:
    """`doc`, which spaCy made from exactly `text`, told its text, so that `doc_text` need
    not rebuild it from the tokens (spaCy's tokenizer keeps every character: `doc.text`
    is the string it was given)."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def token_columns(doc: Any, names: tuple[str, ...]) -> list[list[int]]:
    """One list per attribute name ("LOWER", "POS", "DEP", ...) of its value id for every
    token, read in one pass in C: a loop that tests every token in Python builds a Token
    object and a string per test, so a scan for a few cue words tests these ids instead
    and builds only the tokens that pass. Compare with `string_id`."""
    if len(doc) == 0:
        return [[] for _ in names]
    array = doc.to_array(list(names)).reshape(len(doc), len(names))
    return [column.tolist() for column in array.T]


def doc_columns(doc: Any, names: tuple[str, ...]) -> list[list[int]]:
    """`token_columns` of the whole Doc, read once and kept, for scans that run sentence by
    sentence (a read per sentence would read the whole Doc each time)."""
    key = "newsgraph.columns." + ",".join(names)
    cached = doc.user_data.get(key)
    if cached is None or len(cached[0]) != len(doc):  # a Doc changed since: read again
        cached = doc.user_data[key] = token_columns(doc, names)
    return list(cached)


def string_id(doc: Any, value: str) -> int:
    """The id of `value` in `token_columns` (a POS name such as "VERB" is also one)."""
    return int(doc.vocab.strings[value])


__all__ = ["doc_columns", "doc_text", "remember_text", "string_id", "token_columns"]
