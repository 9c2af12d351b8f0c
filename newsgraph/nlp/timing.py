"""Time spent in each stage of decode (extraction, the spaCy model, each component, the
store), for `make bench` and profiling. Off unless switched on; when off a stage costs one
attribute check, so the hooks stay in the code.

    with timing.collect() as seconds:      # switch on for this block
        decode([...], config=config).run()
    seconds  # {"model": 31.2, "actors": 2.1, ...}, CPU-wall seconds in this process

Only this process is timed: run with one worker to see every stage.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TypeVar

T = TypeVar("T")


class _Clock:
    """Where the totals go; `totals` is None while timing is off."""

    totals: dict[str, float] | None = None


_CLOCK = _Clock()


class stage:  # lower case: used as a context manager, like contextlib's
    """`with stage("name"):` adds the block's wall time to `name` while timing is on."""

    __slots__ = ("name", "start")

    def __init__(self, name: str) -> None:
        self.name = name
        self.start = 0.0

    def __enter__(self) -> None:
        if _CLOCK.totals is not None:
            self.start = time.perf_counter()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        totals = _CLOCK.totals
        if totals is not None and self.start:
            totals[self.name] = totals.get(self.name, 0.0) + time.perf_counter() - self.start
        self.start = 0.0


def timed_iter(name: str, items: Iterable[T]) -> Iterator[T]:
    """`items` as they come, the time spent producing each added to `name` (for lazy
    producers such as `nlp.pipe`, whose work happens as it is iterated)."""
    iterator = iter(items)
    while True:
        with stage(name):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


def enabled() -> bool:
    return _CLOCK.totals is not None


@contextmanager
def collect() -> Iterator[dict[str, float]]:
    """Switch timing on for the block; the dict it gives is filled with seconds by stage."""
    previous = _CLOCK.totals
    totals: dict[str, float] = {}
    _CLOCK.totals = totals
    try:
        yield totals
    finally:
        _CLOCK.totals = previous


__all__ = ["collect", "enabled", "stage", "timed_iter"]
