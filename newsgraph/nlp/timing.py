"""Time spent in each stage of decode (extraction, the spaCy model, each component, the
store), for `make bench` and profiling. Off unless switched on; when off a stage costs one
attribute check, so the hooks stay in the code.

    with timing.collect() as seconds:      # switch on for this block
        decode([...], config=config).run()
    seconds  # {"model": 31.2, "actors": 2.1, ...}, wall seconds in this process
    with timing.collect(cpu=True) as seconds:  # this process's CPU seconds instead

Only this process is timed: run with one worker to see every stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TypeVar

T = TypeVar("T")


class _Clock:
    """Where the totals go (`totals` is None while timing is off) and what measures them."""

    def __init__(self) -> None:
        self.totals: dict[str, float] | None = None
        self.now: Callable[[], float] = time.perf_counter


_CLOCK = _Clock()


class stage:  # lower case: used as a context manager, like contextlib's
    """`with stage("name"):` adds the block's wall time to `name` while timing is on."""

    __slots__ = ("name", "start")

    def __init__(self, name: str) -> None:
        self.name = name
        self.start = 0.0

    def __enter__(self) -> None:
        if _CLOCK.totals is not None:
            self.start = _CLOCK.now()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        totals = _CLOCK.totals
        if totals is not None and self.start:
            totals[self.name] = totals.get(self.name, 0.0) + _CLOCK.now() - self.start
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
def collect(cpu: bool = False) -> Iterator[dict[str, float]]:
    """Switch timing on for the block; the dict it gives is filled with seconds by stage:
    wall seconds, or with `cpu` this process's CPU seconds (the steadier figure when other
    work shares the machine)."""
    previous, previous_now = _CLOCK.totals, _CLOCK.now
    totals: dict[str, float] = {}
    _CLOCK.totals = totals
    _CLOCK.now = time.process_time if cpu else time.perf_counter
    try:
        yield totals
    finally:
        _CLOCK.totals, _CLOCK.now = previous, previous_now


__all__ = ["collect", "enabled", "stage", "timed_iter"]
