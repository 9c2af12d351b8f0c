"""A time limit on one piece of work (extracting one document), by SIGALRM.

A pathological page can keep an HTML parser busy for minutes; the limit turns that into a
failure of that document. SIGALRM interrupts Python code (C code when it returns to
Python), and exists only in a process's main thread on POSIX: elsewhere (a thread of a
server, Windows) the work runs without a limit rather than not at all.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newsgraph.errors import TooSlowInput


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise TooSlowInput if the block runs longer than `seconds` (0: no limit)."""
    if seconds <= 0 or not _can_alarm():
        yield
        return

    expired = False
    message = f"too slow: {what} took longer than {seconds:g} s"

    def expire(signum: int, frame: FrameType | None) -> None:
        nonlocal expired
        expired = True
        raise TooSlowInput(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # The signal can land where Python swallows exceptions (a garbage-collector callback, a
    # __del__): the work then ran on to the end, past its limit, and is still a failure.
    if expired:
        raise TooSlowInput(message)


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


__all__ = ["time_limit"]
