"""CAMEO's ethnic and religious groups: "Jewish", "Kurds", "Sunnis" as actors with a code.

A group named alone (the model's NORP tag, no country's demonym) takes CAMEO's code for it
(`JEW`, `MOS`, `SUN`; ethnic groups in lower case as CAMEO writes them: `kur`) and one
canonical id per group (`religion:jew`), so "Jewish" and "Jews" are one actor. The groups
are `cameo_groups.tsv` (converted by phoenix.py); `group_words.tsv` adds the adjectives and
plurals news uses for them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from newsgraph.nlp.actors.kb import KnownActor, normalize_name
from newsgraph.tsv import parse_table

_GROUPS = "cameo_groups.tsv"
_WORDS = "group_words.tsv"


def _read(name: str) -> list[dict[str, str]]:
    folder = resources.files("newsgraph").joinpath("data", "kb")
    text = folder.joinpath(name).read_text(encoding="utf-8")
    return [row for _, row in parse_table(text, f"newsgraph/data/kb/{name}")[1]]


@lru_cache(maxsize=1)
def _index() -> dict[str, KnownActor]:
    """Normalized word → group: our words first, then CAMEO's names (religions before the
    ethnic group of the same name, the first row of a name that CAMEO lists twice)."""
    groups: dict[str, KnownActor] = {}
    for row in _read(_GROUPS):
        groups.setdefault(
            row["id"], KnownActor(row["id"], row["name"], (), row["kind"], None, None, row["code"])
        )
    index = {normalize_name(row["word"]): groups[row["id"]] for row in _read(_WORDS)}
    for group in sorted(groups.values(), key=lambda g: g.kind != "religion"):
        index.setdefault(normalize_name(group.name), group)
    return index


def group_named(surface: str) -> KnownActor | None:
    """The CAMEO group a name (or its plural) names, if any: "Kurds" → the Kurds."""
    key = normalize_name(surface)
    index = _index()
    found = index.get(key)
    if found is None and key.endswith("s"):
        found = index.get(key[:-1])
    return found


__all__ = ["group_named"]
