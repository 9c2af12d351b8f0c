"""The work of a Spark task, in plain Python: read a file's documents, decode a partition.

These functions run inside Spark's Python worker processes. The Decoder is the one
`newsgraph decode` runs (the same code, not a copy); it is built once per worker process
and configuration, so the spaCy model loads once per process, not once per task.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice

from newsgraph.config import Config
from newsgraph.decoder import Decoder
from newsgraph.ingest.reader import InputOptions
from newsgraph.model import Article, Failure, RawDocument
from newsgraph.spark.inputs import RECORD_BITS, InputFile, read_file
from newsgraph.spark.rows import Row, decoded_row, failure_row

Keyed = tuple[int, RawDocument | Failure]


@cache
def decoder_for(config: Config) -> Decoder:
    """One Decoder per worker process and configuration (Spark reuses Python workers
    across tasks, so the model is loaded once per process)."""
    return Decoder(config)


def no_rows(rows: Iterable[object]) -> None:
    """A task that only needs a Python worker (job._start_python_daemon)."""
    for _ in rows:
        pass


def read_partition(
    rows: Iterable[tuple[str, bytes, str, int]], options: InputOptions
) -> Iterator[tuple[str, Keyed]]:
    """The documents of a partition's files (uri, content, shown path, file number), keyed
    for the duplicate check of whole inputs."""
    for uri, content, path, number in rows:
        for seq, item in read_file(InputFile(uri, path, number), bytes(content), options):
            yield dedup_key(seq, item), (seq, item)


def dedup_key(seq: int, item: RawDocument | Failure) -> str:
    """Inputs with the same exact content are one input (as `decode` skips a known input);
    each failure stays apart."""
    return item.raw_hash if isinstance(item, RawDocument) else f"failure:{seq}"


def earlier(a: Keyed, b: Keyed) -> Keyed:
    """Of two inputs with the same content, the one read first."""
    return a if a[0] <= b[0] else b


def slot(seq: int) -> int:
    """Where a document is decoded: Spark takes this modulo the partitions, so the records
    of one file, and files of one record each, are dealt round-robin. Partitions get the
    same number of documents (give or take one), where hashing the content left some with
    half again as many as others and a core idle at the end of the stage."""
    return (seq >> RECORD_BITS) + (seq & ((1 << RECORD_BITS) - 1))


def decode_partition(items: Iterable[Keyed], config: Config) -> Iterator[Row]:
    """Decoded records (see schema.decoded_schema) of a partition's documents, in batches
    of `config.batch_size`; a document that fails becomes a failure record."""
    iterator = iter(items)
    while batch := list(islice(iterator, config.batch_size)):
        documents = [(seq, item) for seq, item in batch if isinstance(item, RawDocument)]
        for seq, item in batch:
            if isinstance(item, Failure):
                yield failure_row(item, seq)
        if not documents:
            continue
        outcomes = decoder_for(config).decode_batch([doc for _, doc in documents])
        for (seq, document), outcome in zip(documents, outcomes, strict=True):
            if isinstance(outcome, Article):
                yield decoded_row(outcome, seq)
            elif isinstance(outcome, Failure):
                yield failure_row(outcome, seq, document.raw_hash)


__all__ = [
    "decode_partition",
    "decoder_for",
    "dedup_key",
    "earlier",
    "no_rows",
    "read_partition",
    "slot",
]
