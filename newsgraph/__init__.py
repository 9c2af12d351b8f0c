"""newsgraph: turn news into a traceable record of who said what and who did what to whom.

The library is the product::

    import newsgraph
    for article in newsgraph.decode(["samples/"], db=None):
        print(article.title, [e.name for e in article.entities])

`import newsgraph` is cheap: the names below are imported on first use (PEP 562), so a
program that only reads a store never loads spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.config import Config
    from newsgraph.model import Article, Damage, Entity, Failure, Note, Origin, RawDocument
    from newsgraph.pipeline import DecodeResult, decode, decode_text

# Each public name → the module that defines it.
_EXPORTS = {
    "Article": "newsgraph.model",
    "Config": "newsgraph.config",
    "Damage": "newsgraph.model",
    "DecodeResult": "newsgraph.pipeline",
    "Entity": "newsgraph.model",
    "Failure": "newsgraph.model",
    "Note": "newsgraph.model",
    "Origin": "newsgraph.model",
    "RawDocument": "newsgraph.model",
    "decode": "newsgraph.pipeline",
    "decode_text": "newsgraph.pipeline",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "Article",
    "Config",
    "Damage",
    "DecodeResult",
    "Entity",
    "Failure",
    "Note",
    "Origin",
    "RawDocument",
    "decode",
    "decode_text",
]
__version__ = "0.1.0"
