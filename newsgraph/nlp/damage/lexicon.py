"""The word lists that the damage rules consult.

They live in ``newsgraph/data/damage_lexicon.tsv`` so users can read and extend them: one
``list<TAB>entry`` per line, ``#`` for comments.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

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


def words(name: str) -> frozenset[str]:
    """The lowercase entries of the word list `name` (empty when the list does not exist)."""
    return _lexicon().get(name, frozenset())
