"""Politeness towards hosts: a delay between two requests to one host, and the waits a
host asks for (Retry-After on 429 and 503)."""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

from newsgraph.errors import FetchError

# A wait longer than this is not slept through: the fetch fails as transient (a poller
# tries the host again when it is due) rather than holding every other host up.
MAX_SLEEP = 60.0
MAX_CRAWL_DELAY = 60.0


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delay-seconds or an HTTP date."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class HostClock:
    """When each host (scheme://host:port) may be asked again."""

    def __init__(
        self,
        delay: float,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.delay = delay
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        self._not_before: dict[str, float] = {}
        # Hears of each wait a host asks for, so that it can be kept between runs.
        self.on_defer: Callable[[str, float], None] = lambda host, until: None

    def ready_at(self, host: str, crawl_delay: float | None = None) -> float:
        """The time (clock's epoch seconds) from which `host` may be asked."""
        delay = max(self.delay, min(crawl_delay or 0.0, MAX_CRAWL_DELAY))
        return max(self._last.get(host, 0.0) + delay, self._not_before.get(host, 0.0))

    def wait(self, host: str, crawl_delay: float | None = None) -> None:
        """Sleep until `host` may be asked; FetchError (transient) if that is far off."""
        wait = self.ready_at(host, crawl_delay) - self._clock()
        if wait > MAX_SLEEP:
            raise FetchError(f"{host} asked to be left alone for another {wait:,.0f} s")
        if wait > 0:
            self._sleep(wait)

    def done(self, host: str) -> None:
        self._last[host] = self._clock()

    def defer(self, host: str, seconds: float | None) -> None:
        """`host` asked (429/503) to wait `seconds` (one host delay when it did not say)."""
        wait = seconds if seconds is not None else max(self.delay, 1.0)
        self.keep_away(host, self._clock() + wait)
        self.on_defer(host, self._not_before[host])

    def keep_away(self, host: str, until: float) -> None:
        """`host` is not asked before `until` (a wait it asked for, maybe in an earlier run)."""
        self._not_before[host] = max(self._not_before.get(host, 0.0), until)

    def deferred_until(self, host: str) -> float | None:
        until = self._not_before.get(host)
        return until if until is not None and until > self._clock() else None


__all__ = ["MAX_SLEEP", "HostClock", "retry_after_seconds"]
