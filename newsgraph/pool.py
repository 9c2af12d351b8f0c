"""Decoding batches in worker processes that stay up for the whole run.

The parent reads inputs, cuts them into batches of about `config.batch_words` words and
writes results to the store; meanwhile each worker has up to two batches queued, so it never
waits for the parent. Results come back in input order.

Start-up: on Linux, when the parent runs no other thread, the parent loads the model and
the components once and forks: workers share them copy-on-write and start at once. Elsewhere
(or when threads run, where forking could copy a held lock) workers are spawned and each
loads the model itself (some seconds each).

One worker: when decode writes to a store, one forked worker analyses while the parent
writes the previous batch and groups stories (see `can_overlap`), so the store costs
little wall time on a machine with a second core.

Failures: an exception on a batch is retried article by article in the worker, so only the
article that raises becomes a Failure; a worker that dies (killed, out of memory) has its
batches retried one article at a time in fresh workers, and an article that kills a worker
again becomes a Failure. Workers that cannot start at all raise WorkerError.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from newsgraph.config import Config
from newsgraph.decoder import ContentLookup, Decoder, Outcome
from newsgraph.errors import NewsgraphError
from newsgraph.model import Failure, RawDocument
from newsgraph.nlp import timing
from newsgraph.store.sqlite import Store


class WorkerError(NewsgraphError):
    code = "workers"


# Batches queued per worker: one being analysed, one waiting, so a worker never idles while
# the parent stores a result.
IN_FLIGHT_PER_WORKER = 2

# `workers = 0` ("auto") runs one worker per core, at most this many (each holds the model,
# ~0.9 GB), when the inputs hold at least AUTO_MIN_BYTES; below that, starting workers costs
# more than they save.
AUTO_MAX_WORKERS = 4
AUTO_MIN_BYTES = 1_000_000


def auto_workers(inputs: Iterable[str | Path]) -> int:
    """Workers for `--workers auto`: one per available core (at most AUTO_MAX_WORKERS) when
    the input files and folders hold at least AUTO_MIN_BYTES, else 1. Stdin and URLs count
    as small (their size is not known before reading)."""
    cores = min(_available_cores(), AUTO_MAX_WORKERS)
    if cores < 2:
        return 1
    total = 0
    for item in inputs:
        total += _size_on_disk(Path(item)) if str(item) != "-" else 0
        if total >= AUTO_MIN_BYTES:
            return cores
    return 1


def can_overlap() -> bool:
    """Whether one worker process may analyse while this process writes the store: only
    when it can be forked (a spawned worker would load the model again, seconds a short
    run never wins back), when a second core is there to run it, and when stage timing is
    off (it times this process only, and would miss the analysis)."""
    forked = _start_context().get_start_method() == "fork"
    return forked and _available_cores() >= 2 and not timing.enabled()


def _available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _size_on_disk(path: Path) -> int:
    try:
        if path.is_file():
            return path.stat().st_size
        if path.is_dir():
            return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    except OSError:
        pass  # unreadable: the reader reports it
    return 0


def batched_by_words(
    items: Iterable[RawDocument], max_words: int, max_articles: int
) -> Iterator[list[RawDocument]]:
    """Batches closed at `max_words` words (estimated from the input: the work a batch
    makes is about proportional to them) or `max_articles` articles, whichever comes first;
    a longer article makes a batch of its own."""
    batch: list[RawDocument] = []
    words = 0
    for item in items:
        batch.append(item)
        words += estimated_words(item)
        if words >= max_words or len(batch) >= max_articles:
            yield batch
            batch, words = [], 0
    if batch:
        yield batch


def estimated_words(raw: RawDocument) -> int:
    # Counting words exactly would split every text in the parent; characters / 6 is close
    # for English prose, and HTML is about five times its text.
    if raw.text is not None:
        return len(raw.text) // 6 + 1
    return len(raw.html or "") // 30 + 1


def decode_isolated(
    decoder: Decoder, batch: list[RawDocument], lookup: ContentLookup | None
) -> list[Outcome]:
    """`decoder.decode_batch`, retried article by article if the batch raises, so that one
    article's error does not cost the others."""
    try:
        return decoder.decode_batch(batch, lookup)
    except Exception:  # narrowed below, one article at a time
        return [_decode_one(decoder, raw, lookup) for raw in batch]


def _decode_one(decoder: Decoder, raw: RawDocument, lookup: ContentLookup | None) -> Outcome:
    try:
        return decoder.decode_batch([raw], lookup)[0]
    except Exception as exc:  # one odd article must not sink the batch
        return Failure(raw.origin, "internal", f"decoding failed unexpectedly: {exc!r}")


class WorkerPool:
    """`workers` processes decoding batches, restarted if one dies."""

    def __init__(self, config: Config, db_path: str | None, workers: int) -> None:
        self.config = config
        self.db_path = db_path
        self.workers = workers
        self.context = _start_context()
        if self.context.get_start_method() == "fork":
            # Loaded here once, inherited by every worker (and by a restarted one).
            _WORKER["decoder"] = _prepared_decoder(config)
        self.executor = self._start()

    def _start(self, check: bool = False) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(
            self.workers,
            mp_context=self.context,
            initializer=_init_worker,
            initargs=(self.config, self.db_path, os.getpid()),
        )
        # The first task starts every worker: now, right after the threads were counted,
        # not once reading the first batch (which may start threads) is done.
        started = executor.submit(int)
        if check:
            try:
                started.result()
            except BrokenProcessPool as exc:
                # Not an article's fault: failing every article one by one would hide it.
                raise WorkerError(f"worker processes cannot start: {exc}") from exc
        return executor

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        _WORKER.clear()

    def map(self, batches: Iterable[list[RawDocument]]) -> Iterator[list[Outcome]]:
        """Outcomes of each batch, in input order, with a bounded number of batches queued."""
        window = IN_FLIGHT_PER_WORKER * self.workers
        pending: deque[tuple[list[RawDocument], Future[list[Outcome]]]] = deque()
        for batch in batches:
            pending.append((batch, self.executor.submit(_work, batch)))
            if len(pending) >= window:
                yield self._result(pending)
        while pending:
            yield self._result(pending)

    def _result(
        self, pending: deque[tuple[list[RawDocument], Future[list[Outcome]]]]
    ) -> list[Outcome]:
        batch, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        # A worker died: every queued batch is lost with the pool. Start afresh and redo
        # them one article at a time, so that only an article that kills a worker fails.
        lost = [batch] + [b for b, _ in pending]
        self._restart()
        outcomes = self._one_by_one(lost[0])
        for index, (queued, _) in enumerate(list(pending)):
            pending[index] = (queued, _done(self._one_by_one(queued)))
        return outcomes

    def _restart(self) -> None:
        # Waited for, so that the broken pool's threads are gone before the next fork.
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start(check=True)

    def _one_by_one(self, batch: list[RawDocument]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for raw in batch:
            try:
                outcomes.extend(self.executor.submit(_work, [raw]).result())
            except BrokenProcessPool:
                self._restart()
                message = "the worker process analysing this input died (out of memory?)"
                outcomes.append(Failure(raw.origin, "internal", message))
        return outcomes


def _done(outcomes: list[Outcome]) -> Future[list[Outcome]]:
    future: Future[list[Outcome]] = Future()
    future.set_result(outcomes)
    return future


def _start_context() -> BaseContext:
    # fork shares the loaded model, but forking while another thread runs can copy a lock
    # that thread holds (a deadlock in the child), and macOS frameworks are not fork-safe.
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _prepared_decoder(config: Config) -> Decoder:
    decoder = Decoder(config)
    _ = decoder.nlp  # load the model now: every worker shares this one
    return decoder


_WORKER: dict[str, Any] = {}


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent_pid: int) -> None:
    """A worker whose parent is killed (SIGKILL, out of memory) would otherwise wait for
    work forever, holding its copy of the model: it keeps the task queue's other end open
    itself. On Linux the kernel ends it with its parent."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # no prctl here: the worker lives on, as before
    if os.getppid() != parent_pid:  # the parent died before the request was made
        os._exit(1)


def _init_worker(config: Config, db_path: str | None, parent_pid: int) -> None:
    _end_with_parent(parent_pid)
    # Workers read the store (WAL allows it while the parent writes) so that they can skip
    # analysing an article whose content is already stored; the connection lives as long
    # as the worker process. A forked worker has the parent's decoder already.
    reader = Store(db_path, readonly=True) if db_path is not None else None
    if "decoder" not in _WORKER:
        _WORKER["decoder"] = _prepared_decoder(config)
    _WORKER["lookup"] = reader.article_for_content if reader is not None else None


def _work(batch: list[RawDocument]) -> list[Outcome]:
    return decode_isolated(_WORKER["decoder"], batch, _WORKER["lookup"])


__all__ = [
    "AUTO_MAX_WORKERS",
    "AUTO_MIN_BYTES",
    "WorkerError",
    "WorkerPool",
    "auto_workers",
    "batched_by_words",
    "can_overlap",
    "decode_isolated",
    "estimated_words",
]
