"""newsgraph: turn news into a traceable record of who said what and who did what to whom.

The library is the product::

    import newsgraph
    for article in newsgraph.decode(["samples/"], store=None):
        print(article.title, [e.name for e in article.entities])
"""

from newsgraph.config import Config
from newsgraph.model import Article, Damage, Entity, Failure, Note, Origin, RawDocument
from newsgraph.pipeline import DecodeResult, decode, decode_text

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
