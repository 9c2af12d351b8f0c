"""robots.txt, as RFC 9309 says: fetched once per host and kept a day (in memory, and in
a :class:`RobotsStore` between runs when one is given), parsed by Protego.

A robots.txt that is missing (4xx) allows everything; one that cannot be had (5xx, network
error) disallows everything until it is tried again an hour later.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from protego import Protego

from newsgraph.errors import (
    BlockedAddress,
    FetchError,
    HttpStatusError,
    RobotsDisallowed,
    TooLargeInput,
)
from newsgraph.ingest.fetch_rules import ROBOTS_AGENT
from newsgraph.ingest.urls import host_of

if TYPE_CHECKING:
    from newsgraph.ingest.fetch import Fetched

KEEP_SECONDS = 24 * 3600
KEEP_UNREACHABLE_SECONDS = 3600
UNREACHABLE = 0  # the status recorded when robots.txt could not be had at all


@dataclass(frozen=True)
class CachedRobots:
    """A host's robots.txt as fetched: the HTTP `status` (0: unreachable) and `text` (the
    error when it could not be had)."""

    status: int
    text: str
    fetched_at: float

    def fresh(self, now: float) -> bool:
        reachable = 200 <= self.status < 500
        keep = KEEP_SECONDS if reachable else KEEP_UNREACHABLE_SECONDS
        return now - self.fetched_at < keep


class RobotsStore(Protocol):
    """Somewhere robots.txt is kept between runs (the database's `hosts` table)."""

    def load_robots(self, host: str) -> CachedRobots | None: ...

    def save_robots(self, host: str, robots: CachedRobots) -> None: ...


class _Rules:
    def __init__(self, robots: CachedRobots) -> None:
        self.robots = robots
        self.parser = Protego.parse(robots.text) if 200 <= robots.status < 300 else None

    def allowed(self, url: str) -> bool:
        if self.parser is not None:
            return bool(self.parser.can_fetch(url, ROBOTS_AGENT))
        return 400 <= self.robots.status < 500

    def crawl_delay(self) -> float | None:
        delay = self.parser.crawl_delay(ROBOTS_AGENT) if self.parser is not None else None
        return float(delay) if delay is not None else None


class RobotsRules:
    """Whether robots.txt lets newsgraph fetch a URL, and the host's Crawl-delay."""

    def __init__(
        self,
        fetch: Callable[[str], Fetched],
        store: RobotsStore | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._fetch = fetch
        self._store = store
        self._clock = clock
        self._rules: dict[str, _Rules] = {}

    def check(self, url: str) -> None:
        host = host_of(url)
        try:
            rules = self._for(host)
        except BlockedAddress as exc:  # robots.txt is on the refused host: name the page
            raise exc.for_url(url) from exc
        if rules.allowed(url):
            return
        robots = rules.robots
        if robots.status == UNREACHABLE or robots.status >= 500:
            # Transient: the site is left alone until its robots.txt can be read.
            raise FetchError(
                f"{url}: not fetched: {host}/robots.txt could not be fetched "
                f"({robots.text or robots.status}), so the site is not crawled for now"
            )
        raise RobotsDisallowed(
            f"{url}: not fetched: {host}/robots.txt disallows it for {ROBOTS_AGENT}"
        )

    def crawl_delay(self, url: str) -> float | None:
        return self._for(host_of(url)).crawl_delay()

    def _for(self, host: str) -> _Rules:
        now = self._clock()
        rules = self._rules.get(host)
        if rules is not None and rules.robots.fresh(now):
            return rules
        stored = self._store.load_robots(host) if self._store is not None else None
        if stored is None or not stored.fresh(now):
            stored = self._download(host, now)
            if self._store is not None:
                self._store.save_robots(host, stored)
        self._rules[host] = _Rules(stored)
        return self._rules[host]

    def _download(self, host: str, now: float) -> CachedRobots:
        try:
            answer = self._fetch(f"{host}/robots.txt")
        except HttpStatusError as exc:
            return CachedRobots(exc.status, "" if exc.status < 500 else exc.message, now)
        except BlockedAddress:
            raise  # the page itself would be refused: say so, not "robots.txt unreachable"
        except (FetchError, TooLargeInput) as exc:
            return CachedRobots(UNREACHABLE, exc.message, now)
        return CachedRobots(answer.status, answer.body.decode("utf-8", "replace"), now)


__all__ = ["CachedRobots", "RobotsRules", "RobotsStore"]
