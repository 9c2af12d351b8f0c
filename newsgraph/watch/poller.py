"""Polling sources: each due source fetched conditionally, its new articles decoded and
stored, then its fetch state saved.

The state (ETag, Last-Modified, the body's hash) of a source is saved only after every
article it led to is stored and every page it links to was had (or is gone for good): a
run stopped or failed half-way leaves the old state, so the next poll reads the source
again and fetches what is missing (pages already stored are known by their URL and not
fetched again). Nothing is lost, whatever stops a run.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from newsgraph.config import Config
from newsgraph.errors import FetchError, HttpStatusError, InputError
from newsgraph.ingest.bytes import content_hash
from newsgraph.ingest.fetch import Fetcher, Validators
from newsgraph.ingest.fetch_rules import FetchConfig
from newsgraph.ingest.urls import host_of
from newsgraph.ingest.web import Item, SourceRead, WebReader
from newsgraph.model import Failure, RawDocument
from newsgraph.pipeline import decode_documents
from newsgraph.store.sources import (
    HostTable,
    SourceState,
    add_sources,
    list_sources,
    save_source,
    utc_text,
)
from newsgraph.store.sqlite import Store
from newsgraph.watch.schedule import backoff
from newsgraph.watch.sources_file import Listed


@dataclass
class Poll:
    """What polling one source did. `outcome`: "not modified", "unchanged" (the same body
    again), "read", "incomplete" (some pages to fetch next time), "failed", "deferred"
    (its host asked to wait), "stopped"."""

    url: str
    outcome: str
    articles: int = 0
    pages_fetched: int = 0
    pages_known: int = 0
    requests: int = 0
    bytes_received: int = 0
    message: str | None = None
    failures: list[Failure] = field(default_factory=list)


@dataclass
class Cycle:
    """One pass over the due sources."""

    polls: list[Poll] = field(default_factory=list)
    stopped: bool = False

    @property
    def requests(self) -> int:
        return sum(p.requests for p in self.polls)

    @property
    def bytes_received(self) -> int:
        return sum(p.bytes_received for p in self.polls)

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.polls)


class Poller:
    """Polls the sources of a store every `every` seconds.

    `fetcher` replaces the one made from `config` (which keeps robots.txt in the store);
    `on_poll` hears of each source as it is done; `clock` and `sleep` are time."""

    def __init__(
        self,
        store: Store,
        config: Config,
        every: float,
        *,
        fetcher: Fetcher | None = None,
        on_poll: Callable[[Poll], None] | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.config = config
        self.every = every
        self.on_poll = on_poll or (lambda poll: None)
        self.clock = clock
        self.sleep = sleep
        self.stopping = threading.Event()
        hosts = HostTable(store.conn)
        self.fetcher = fetcher or Fetcher(FetchConfig.of(config), robots_store=hosts, clock=clock)
        # A host's Retry-After outlives the run: a cron job's next run honours it too.
        for host, until in hosts.deferred_hosts(clock()).items():
            self.fetcher.hosts.keep_away(host, until)
        self.fetcher.hosts.on_defer = hosts.save_deferral
        self.web = WebReader(
            self.fetcher,
            known=store.article_for_input,
            stop=self.stopping.is_set,
            max_document_bytes=config.max_document_bytes,
        )

    def stop(self) -> None:
        """Stop after the source being polled (its fetched pages are still stored)."""
        self.stopping.set()

    def close(self) -> None:
        self.fetcher.close()

    def add(self, listed: list[Listed]) -> list[str]:
        """Record the sources (new ones, and names given now); their URLs."""
        add_sources(self.store.conn, ((s.url, s.name) for s in listed))
        return [s.url for s in listed]

    def run(self, urls: list[str], once: bool = False) -> Iterator[Cycle]:
        """Cycles over `urls` until stopped (or one, when `once`), sleeping between them
        until the next source is due."""
        while not self.stopping.is_set():
            cycle = self.cycle(urls)
            yield cycle
            if once or cycle.stopped:
                return
            self._sleep_until(self._next_due(urls))

    def cycle(self, urls: list[str]) -> Cycle:
        """Poll every due source of `urls` once, the hosts taken in turn."""
        cycle = Cycle()
        # A little early counts as due: a run started by cron every 15 minutes must not
        # find its sources due a second later and skip them for a whole interval.
        soon = self.clock() + min(60.0, self.every / 10)
        due = [s for s in list_sources(self.store.conn, urls) if s.due(soon)]
        for state in _hosts_in_turn(due):
            if self.stopping.is_set():
                cycle.stopped = True
                break
            poll = self.poll(state)
            cycle.polls.append(poll)
            self.on_poll(poll)
            cycle.stopped = poll.outcome == "stopped"
        return cycle

    def poll(self, state: SourceState) -> Poll:
        """Fetch one source and store what it leads to; its state saved after."""
        now = self.clock()
        requests, received = self.fetcher.stats.requests, self.fetcher.stats.bytes_received
        deferred = self.fetcher.hosts.deferred_until(host_of(state.url))
        if deferred is not None:
            state.next_due = utc_text(deferred)
            poll = Poll(state.url, "deferred", message="its host asked to wait (Retry-After)")
        else:
            state.last_attempt = utc_text(now)
            poll = self._fetch(state, now)
        poll.requests = self.fetcher.stats.requests - requests
        poll.bytes_received = self.fetcher.stats.bytes_received - received
        state.requests += poll.requests
        state.bytes += poll.bytes_received
        state.articles += poll.articles
        save_source(self.store.conn, state)
        return poll

    def _fetch(self, state: SourceState, now: float) -> Poll:
        try:
            read = self.web.read_source(state.url, Validators(state.etag, state.last_modified))
        except InputError as exc:
            return self._failed(state, exc, now)
        if read.fetched.not_modified:
            self._succeeded(state, now, "304")
            return Poll(state.url, "not modified")
        body_hash = content_hash(read.fetched.body)
        if body_hash == state.body_hash:  # no validators, but the same bytes as last time
            self._succeeded(state, now, "200")
            return Poll(state.url, "unchanged")
        return self._store(state, read, body_hash, now)

    def _store(self, state: SourceState, read: SourceRead, body_hash: str, now: float) -> Poll:
        documents = _named(read.documents, state.name)
        run = decode_documents(documents, config=self.config, db=self.store).run()
        poll = Poll(
            state.url,
            "read",
            articles=run.counts.decoded,
            pages_fetched=read.pages_fetched,
            pages_known=read.pages_known,
            failures=list(run.failures),
        )
        if self.stopping.is_set() and not read.complete:
            poll.outcome, poll.message = "stopped", "stopped before every page was fetched"
            state.last_status = "200"
        elif not read.complete:
            poll.outcome = "incomplete"
            poll.message = "some pages could not be fetched yet: the source is read again"
            state.last_status, state.last_error = "200", poll.message
            state.next_due = utc_text(now + self.every)
        else:
            validators = read.fetched.validators
            state.etag, state.last_modified = validators.etag, validators.last_modified
            state.body_hash = body_hash
            self._succeeded(state, now, "200")
        return poll

    def _succeeded(self, state: SourceState, now: float, status: str) -> None:
        state.last_success, state.last_status, state.last_error = utc_text(now), status, None
        state.errors = 0
        state.next_due = utc_text(now + self.every)

    def _failed(self, state: SourceState, error: InputError, now: float) -> Poll:
        state.errors += 1
        state.last_status, state.last_error = error.code, error.message
        retry_after = error.retry_after if isinstance(error, HttpStatusError) else None
        permanent = isinstance(error, FetchError) and not error.transient
        wait = backoff(self.every, state.errors + (3 if permanent else 0), retry_after)
        state.next_due = utc_text(now + wait)
        return Poll(state.url, "failed", message=f"{error.message} [{error.code}]")

    def _next_due(self, urls: list[str]) -> float:
        from newsgraph.store.sources import utc_seconds

        dues = [utc_seconds(s.next_due) for s in list_sources(self.store.conn, urls) if s.next_due]
        return min(dues) if dues else self.clock() + self.every

    def _sleep_until(self, when: float) -> None:
        while not self.stopping.is_set():
            left = when - self.clock()
            if left <= 0:
                return
            self.sleep(min(left, 0.5))


def _named(items: Iterator[Item], name: str | None) -> Iterator[Item]:
    """The documents with the outlet's name the sources file gives, if it gives one."""
    for item in items:
        if name and isinstance(item, RawDocument):
            item.source = name
        yield item


def _hosts_in_turn(states: list[SourceState]) -> list[SourceState]:
    """The sources ordered so that hosts take turns: one host's politeness delay is spent
    fetching from the others."""
    by_host: dict[str, list[SourceState]] = defaultdict(list)
    for state in states:
        by_host[host_of(state.url)].append(state)
    queues = list(by_host.values())
    ordered: list[SourceState] = []
    while queues:
        ordered.extend(queue.pop(0) for queue in queues)
        queues = [queue for queue in queues if queue]
    return ordered


__all__ = ["Cycle", "Poll", "Poller"]
