"""What the routers share: the store (one read-only connection per server thread) and the
error a route raises for a record that does not exist. The routers (api, pages) and the
app that assembles them import this module; it imports none of them."""

from __future__ import annotations

import threading

from fastapi import Request

from newsgraph.store.sqlite import Store


class NotFound(Exception):
    """A record the request names does not exist."""


class Readers:
    """One read-only connection to the store per server thread: sqlite3 connections may
    not be shared between threads, and opening one per request would cost more than most
    queries."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.path, readonly=True)
            self._local.store = store
        return store


def store_of(request: Request) -> Store:
    """The calling thread's read-only store."""
    readers: Readers = request.app.state.readers
    return readers.get()


__all__ = ["NotFound", "Readers", "store_of"]
