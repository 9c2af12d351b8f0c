"""Grouped articles' vectors, kept between comparisons while the store has not grown much.

A new article is compared with tens of candidates, most of them compared again with the
next article of the batch and the next batch. Their TF-IDF vectors depend on document
frequencies that move little once a store holds more than a few hundred articles, so a
vector is reused until the number of grouped articles has changed by `growth` (5%) since
it was computed; then it is computed again from the current frequencies. Vectors are
found by the stored features themselves (a replaced article has new features) and kept
per store, at most `capacity` of them.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable

from newsgraph.store.sqlite import Store

Vectors = dict[str, dict[str, float]]
Entry = tuple[Vectors, frozenset[str]]  # the vectors and the quotation shingles


class PreparedVectors:
    """Vectors by features (JSON text), with the article count they were computed at."""

    def __init__(self, capacity: int = 20_000, growth: float = 0.05) -> None:
        self.capacity = capacity
        self.growth = growth
        self._entries: OrderedDict[str, tuple[Entry, int]] = OrderedDict()

    def get(self, features: str, articles: int, compute: Callable[[], Entry]) -> Entry:
        """The vectors of `features`: remembered ones while still fresh, else `compute()`."""
        found = self._entries.get(features)
        if found is not None and abs(articles - found[1]) <= self.growth * found[1]:
            self._entries.move_to_end(features)
            return found[0]
        vectors = compute()
        self._entries[features] = (vectors, articles)
        self._entries.move_to_end(features)
        if len(self._entries) > self.capacity:
            self._entries.popitem(last=False)
        return vectors

    def clear(self) -> None:
        self._entries.clear()


_BY_STORE: weakref.WeakKeyDictionary[Store, PreparedVectors] = weakref.WeakKeyDictionary()


def prepared_vectors(store: Store) -> PreparedVectors:
    """The vectors remembered for `store` (one set per open store)."""
    found = _BY_STORE.get(store)
    if found is None:
        found = _BY_STORE[store] = PreparedVectors()
    return found


__all__ = ["Entry", "PreparedVectors", "Vectors", "prepared_vectors"]
