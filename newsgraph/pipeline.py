"""`decode`: inputs → analyzed articles, stored and yielded as they are done.

    run = newsgraph.decode(["samples/"], db="newsgraph.db")
    for article in run:        # articles decoded in this run, in input order
        ...
    run.failures               # inputs that could not be decoded, with the reason

Inputs are read lazily, sent in batches to the Decoder (here or in worker processes), and
each batch is stored in one transaction, so an interrupted run keeps every finished batch
and the next run skips them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from newsgraph import pool
from newsgraph.config import Config
from newsgraph.decoder import Decoder, Outcome, Skipped
from newsgraph.errors import input_error
from newsgraph.ingest.fetch_rules import FetchConfig
from newsgraph.ingest.reader import InputOptions, read_inputs
from newsgraph.model import Article, ComponentError, Failure, Origin, RawDocument, Unread
from newsgraph.nlp.timing import stage
from newsgraph.pool import WorkerPool, auto_workers, batched_by_words, decode_isolated
from newsgraph.store.sqlite import Store
from newsgraph.stories import update_stories


@dataclass
class Counts:
    inputs: int = 0
    decoded: int = 0
    analyzed: int = 0
    skipped: int = 0  # already known inputs and duplicates
    duplicates: int = 0  # of `skipped`: inputs whose text another input already gave
    failed: int = 0
    component_failures: int = 0  # a component that raised on an article (which was kept)
    words: int = 0
    unread: int = 0  # records that hold no article (WARC requests ...), pages known by URL


@dataclass(frozen=True)
class ComponentFailure:
    """A component that raised on one article; the article was kept without its part."""

    origin: Origin
    article_id: str
    error: ComponentError

    def __str__(self) -> str:
        return (
            f"{self.origin}: component {self.error.component!r} failed on article "
            f"{self.article_id}: {self.error.message}"
        )


@dataclass
class DecodeResult:
    """An iterator over the articles decoded in a run, which tallies the run as it goes."""

    _articles: Generator[Article, None, None]
    counts: Counts = field(default_factory=Counts)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    component_failures: list[ComponentFailure] = field(default_factory=list)
    unread: Counter[str] = field(default_factory=Counter)  # records not read, by reason
    not_analyzed: Counter[str] = field(default_factory=Counter)  # articles kept, by reason
    replaced: int = 0  # articles whose input had bytes that are not UTF-8, replaced

    def __iter__(self) -> Iterator[Article]:
        return self._articles

    def __next__(self) -> Article:
        return next(self._articles)

    def close(self) -> None:
        """Stop the run early: batches already stored stay; the open one is rolled back."""
        self._articles.close()

    def run(self) -> DecodeResult:
        """Consume the run (when only the store or the counts matter)."""
        for _ in self._articles:
            pass
        return self


ProgressCallback = Callable[[Counts], None]
Item = RawDocument | Failure | Unread


def decode(
    inputs: Iterable[str | Path],
    *,
    config: Config | None = None,
    db: str | Path | Store | None = None,
    options: InputOptions | None = None,
    stdin: BinaryIO | None = None,
    progress: ProgressCallback | None = None,
    include_known: bool = False,
) -> DecodeResult:
    """Decode files, folders or "-" (stdin). With `db`, articles are stored and inputs
    already in the store are skipped; without it nothing is written.

    The result yields the articles decoded in this run; with `include_known`, it also
    yields (from the store, once each) the articles of inputs that were skipped because
    they are already stored, so that an output covers every input on every run."""
    config = config or Config()
    inputs = list(inputs)
    if config.workers == 0:  # auto: by the size of the inputs
        config = replace(config, workers=auto_workers(inputs))
    options = options or InputOptions(
        max_document_bytes=config.max_document_bytes,
        max_file_bytes=config.max_file_bytes,
        max_parse_seconds=config.max_extract_seconds,
        fetch=FetchConfig.of(config),
    )

    def read(store: Store | None) -> Iterable[Item]:
        known = store.article_for_input if store is not None else None
        return read_inputs(inputs, options, stdin, known)

    result = DecodeResult(_no_articles())
    result._articles = _run(read, config, db, progress, result, include_known)
    return result


def decode_documents(
    documents: Iterable[Item],
    *,
    config: Config | None = None,
    db: str | Path | Store | None = None,
    progress: ProgressCallback | None = None,
) -> DecodeResult:
    """Decode documents already read (a poller's fetched pages, a WARC reader's records):
    as :func:`decode`, stored batch by batch."""
    result = DecodeResult(_no_articles())
    result._articles = _run(lambda _: documents, config or Config(), db, progress, result, False)
    return result


def _no_articles() -> Generator[Article, None, None]:
    yield from ()


def decode_text(text: str, config: Config | None = None, **metadata: Any) -> Article:
    """Decode one article given as a string (metadata: id, url, source, title, authors,
    published). Raises the InputError when it cannot be decoded."""
    raw = RawDocument(origin=Origin("<text>"), format="text", text=text, **metadata)
    outcome = _cached_decoder(config or Config()).decode(raw)
    if isinstance(outcome, Failure):
        raise input_error(outcome.code, outcome.message)
    return outcome


_DECODERS: dict[Config, Decoder] = {}


def _cached_decoder(config: Config) -> Decoder:
    if config not in _DECODERS:
        _DECODERS[config] = Decoder(config)
    return _DECODERS[config]


def _run(
    read: Callable[[Store | None], Iterable[Item]],
    config: Config,
    db: str | Path | Store | None,
    progress: ProgressCallback | None,
    result: DecodeResult,
    include_known: bool,
) -> Generator[Article, None, None]:
    store = db if isinstance(db, Store) else (Store(db) if db is not None else None)
    try:
        state = _RunState(store, result, include_known)
        documents = state.unseen(read(store))
        db_path = store.path if store is not None else None
        for outcomes in _map_batches(documents, config, db_path):
            yield from state.accept(outcomes)
            yield from state.known_articles()
            if progress is not None:
                progress(result.counts)
        yield from state.known_articles()
    finally:
        if store is not None and not isinstance(db, Store):
            store.close()


class _RunState:
    """Duplicate checks and store writes for one run (in the main process only)."""

    def __init__(self, store: Store | None, result: DecodeResult, include_known: bool) -> None:
        self.store = store
        self.result = result
        self.include_known = include_known and store is not None
        self.emitted: set[str] = set()  # ids of the articles yielded so far
        self.known_pending: list[str] = []  # stored articles to yield (include_known)
        self.raw_seen: dict[str, str] = {}  # raw hash → article id, this run
        self.content_seen: dict[str, str] = {}  # content hash → article id, this run

    def unseen(self, items: Iterable[Item]) -> Iterator[RawDocument]:
        """Documents that need work; failures, unread records and known inputs are
        tallied, not yielded."""
        for item in items:
            if isinstance(item, Unread):
                self._unread(item)
                continue
            self.result.counts.inputs += 1
            if isinstance(item, Failure):
                self._fail(item)
                continue
            known = self.raw_seen.get(item.raw_hash) or (
                self.store.article_for_input(item.raw_hash) if self.store else None
            )
            if known is not None:
                self._skip(Skipped(item.origin, known, item.raw_hash, "known input"))
                continue
            yield item

    def accept(self, outcomes: list[Outcome]) -> list[Article]:
        accepted: list[Article] = []
        if self.store is None:
            return self._accept_all(outcomes, accepted)
        with stage("store"), self.store.transaction():
            self._accept_all(outcomes, accepted)
            # Stories grow with each batch, in the transaction that stored it.
            with stage("stories"):
                update_stories(self.store, [a.id for a in accepted])
        return accepted

    def _accept_all(self, outcomes: list[Outcome], accepted: list[Article]) -> list[Article]:
        for outcome in outcomes:
            if isinstance(outcome, Failure):
                self._fail(outcome)
            elif isinstance(outcome, Skipped):
                self._skip(outcome)
            elif self._is_duplicate(outcome):
                continue
            else:
                self._keep(outcome)
                accepted.append(outcome)
        return accepted

    def _is_duplicate(self, article: Article) -> bool:
        # The same text twice in one run is a duplicate even under the same id (three
        # copies of a page without a URL); the same id as a stored article is an update.
        existing = self.content_seen.get(article.content_hash)
        if existing is None and self.store is not None:
            stored = self.store.article_for_content(article.content_hash)
            existing = None if stored == article.id else stored
        if existing is None:
            return False
        origin = article.origin or Origin(article.id)
        self._skip(Skipped(origin, existing, article.raw_hash, "duplicate"))
        return True

    def _keep(self, article: Article) -> None:
        if self.store is not None:
            self.store.save(article)
        self.raw_seen[article.raw_hash] = article.id
        self.content_seen[article.content_hash] = article.id
        self.emitted.add(article.id)
        counts = self.result.counts
        counts.decoded += 1
        counts.analyzed += int(article.analyzed)
        if not article.analyzed:
            reason = article.metadata.get("not_analyzed", "no reason recorded")
            self.result.not_analyzed[str(reason)] += 1
        self.result.replaced += int(bool(article.metadata.get("encoding_replaced")))
        for error in article.component_errors:
            origin = article.origin or Origin(article.id)
            self.result.component_failures.append(ComponentFailure(origin, article.id, error))
            counts.component_failures += 1
        counts.words += len(article.text.split())

    def known_articles(self) -> Iterator[Article]:
        """Stored articles of skipped inputs, loaded once the batch that may have written
        them is committed."""
        pending, self.known_pending = self.known_pending, []
        for article_id in pending:
            article = self.store.load_article(article_id) if self.store else None
            if article is not None:
                yield article

    def _skip(self, skipped: Skipped) -> None:
        if self.include_known and skipped.article_id not in self.emitted:
            self.emitted.add(skipped.article_id)
            self.known_pending.append(skipped.article_id)
        self.result.skipped.append(skipped)
        self.result.counts.skipped += 1
        self.result.counts.duplicates += int(skipped.reason == "duplicate")
        self.raw_seen.setdefault(skipped.raw_hash, skipped.article_id)
        if self.store is not None and skipped.raw_hash:
            # A second input with known content maps to the stored article, so the next run
            # skips it before any parsing.
            self.store.add_input(skipped.raw_hash, skipped.article_id)

    def _unread(self, item: Unread) -> None:
        if item.article_id is not None:  # a page known by its URL: as a known input
            self.result.counts.inputs += 1
            self._skip(Skipped(item.origin, item.article_id, item.raw_hash, "known input"))
            return
        self.result.counts.unread += 1
        self.result.unread[item.reason] += 1

    def _fail(self, failure: Failure) -> None:
        self.result.failures.append(failure)
        self.result.counts.failed += 1


def _map_batches(
    documents: Iterable[RawDocument], config: Config, db_path: str | None
) -> Iterator[list[Outcome]]:
    batches = batched_by_words(documents, config.batch_words, config.batch_size)
    overlap = _overlap_writes(config, db_path)
    if config.workers <= 1 and not overlap:
        decoder = Decoder(config)
        reader = Store(db_path, readonly=True) if db_path is not None else None
        lookup = reader.article_for_content if reader is not None else None
        try:
            for batch in batches:
                yield decode_isolated(decoder, batch, lookup)
        finally:
            if reader is not None:
                reader.close()
        return
    # Batches are submitted from this thread (the input reader uses the store's
    # connection) and only a bounded window is in flight, so memory stays flat on huge
    # inputs.
    workers = WorkerPool(config, db_path, max(1, config.workers))
    try:
        yield from workers.map(batches)
    finally:
        workers.close()


def _overlap_writes(config: Config, db_path: str | None) -> bool:
    """One worker into a store: analyse in one forked worker while this process writes
    the previous batch and groups its stories, rather than one after the other. The
    output is the same: batches come back in input order and are accepted here as
    before."""
    return config.workers <= 1 and db_path is not None and pool.can_overlap()


__all__ = [
    "ComponentFailure",
    "Counts",
    "DecodeResult",
    "ProgressCallback",
    "decode",
    "decode_documents",
    "decode_text",
]
