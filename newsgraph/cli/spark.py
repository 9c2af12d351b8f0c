"""`newsgraph spark decode` and `newsgraph load`: the Parquet lake (see docs/lake.md).

pyspark is imported inside `spark decode` only, so the CLI starts as fast with it
installed as without; `load` reads the lake with pyarrow and needs no Spark.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from newsgraph.cli.common import db_option, fail_fatally, fatal_errors, stderr_console

if TYPE_CHECKING:
    from rich.console import Console

    from newsgraph.spark.job import LakeRun
    from newsgraph.spark.load import LoadResult


@click.group("spark")
def spark_group() -> None:
    """Decode on Apache Spark (a cluster, or this machine's cores) into a Parquet lake."""


@spark_group.command("decode")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "lake",
    required=True,
    help="The lake to write: a folder, or any URI Spark writes (s3a://, hdfs://, gs://).",
)
@click.option(
    "--master",
    help="Spark master (local[2], yarn, spark://HOST:7077, k8s://…); default: the one"
    " spark-submit set, else local[*].",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    help="Partitions the documents are decoded in; default: twice Spark's cores.",
)
@click.option("--source", help="Source (outlet) of the input articles.")
@click.option("--published", help="Publication date of the input articles (any date format).")
@click.option("--model", help="spaCy model to analyze with (installed on every executor).")
@click.option("--batch-size", type=click.IntRange(min=1), help="Articles per batch.")
@click.option("--languages", help="Comma-separated languages to analyze (default: en).")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="TOML file with a [decode] table of settings.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary.")
def spark_decode_command(
    inputs: tuple[str, ...],
    lake: str,
    master: str | None,
    partitions: int | None,
    source: str | None,
    published: str | None,
    model: str | None,
    batch_size: int | None,
    languages: str | None,
    config_path: str | None,
    quiet: bool,
) -> None:
    """Decode INPUTS (files, folders or URIs Spark reads: text, HTML, JSON, JSON Lines,
    RSS, Atom) on Spark into the Parquet lake --out: articles, entities, mentions, quotes,
    events, event_dyads, damage, actors, inputs and failures, by publication month.

    Bad inputs land in the lake's failures table and the job goes on; the exit code is 0
    when the job ran. An existing lake at --out is replaced."""
    from newsgraph.cli.decode import checked_config
    from newsgraph.ingest.reader import InputOptions

    err = stderr_console()
    with fatal_errors():
        config = checked_config(
            config_path, model=model, batch_size=batch_size, languages=languages
        )
        options = InputOptions(
            source=source,
            published=published,
            max_document_bytes=config.max_document_bytes,
            max_file_bytes=config.max_file_bytes,
        )
        with _spark(master, quiet) as (spark, started):
            from newsgraph.spark.job import decode_to_lake

            run = decode_to_lake(
                spark, inputs, lake, config=config, options=options, partitions=partitions
            )
    _report(err, run, started, quiet)


@contextmanager
def _spark(master: str | None, quiet: bool) -> Iterator[tuple[Any, float]]:
    """A Spark session (stopped at the end if this command started it) and the seconds
    the start took; a Spark or Java failure ends the command with exit code 3."""
    try:
        from py4j.protocol import Py4JError  # type: ignore[import-untyped]
        from pyspark.errors import PySparkException
        from pyspark.sql import SparkSession

        from newsgraph.spark.job import spark_session
    except ImportError as exc:
        fail_fatally(f"Spark is not installed ({exc}): pip install 'newsgraph[spark]' (Java 17)")
    owned = SparkSession.getActiveSession() is None
    started = time.perf_counter()
    try:
        spark = spark_session(master, quiet)
    except (PySparkException, Py4JError, OSError) as exc:
        fail_fatally(f"[spark]: cannot start Spark (is Java 17 installed?): {exc}")
    try:
        yield spark, time.perf_counter() - started
    except (PySparkException, Py4JError) as exc:
        fail_fatally(f"[spark]: the job failed: {str(exc).splitlines()[0]}")
    finally:
        if owned:
            spark.stop()


def _report(err: Console, run: LakeRun, start_seconds: float, quiet: bool) -> None:
    """Counts, then every failure (failures are shown even when quiet, as decode does)."""
    from rich.markup import escape

    if not quiet:
        seconds = sum(run.seconds.values())
        duplicates = "duplicate" if run.duplicates == 1 else "duplicates"
        err.print(
            f"wrote {run.articles:,} articles to {escape(run.lake)} from {run.documents:,}"
            f" documents ({run.duplicates:,} {duplicates} of an input or a text,"
            f" {len(run.failures):,} failed) in {seconds:.1f} s; Spark start {start_seconds:.1f} s",
            highlight=False,
            soft_wrap=True,
        )
        rows = ", ".join(f"{name} {count:,}" for name, count in run.counts.items())
        err.print(f"rows: {rows}", highlight=False, soft_wrap=True)
    for failure in run.failures:
        err.print(f"  [red]failed[/] {escape(str(failure))}", highlight=False, soft_wrap=True)


@click.command("load")
@click.argument("lake")
@db_option("SQLite database to write.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
def load_command(lake: str, db: str, quiet: bool) -> None:
    """Load LAKE (written by `newsgraph spark decode`) into the database: articles and
    their annotations, canonical actors across articles, stories. Loading the same lake
    again adds nothing."""
    from newsgraph.spark.load import load_lake
    from newsgraph.store.sqlite import Store

    err = stderr_console()
    with fatal_errors(), Store(db) as store:
        result = load_lake(lake, store)
    if not quiet:
        _report_load(err, result, db)


def _report_load(err: Console, result: LoadResult, db: str) -> None:
    from rich.markup import escape

    err.print(
        f"loaded {result.articles:,} articles from {escape(result.lake)} into {escape(db)}"
        f" ({len(result.months):,} months; {result.present:,} already there; {result.inputs:,}"
        f" inputs recorded) in {result.seconds:.1f} s",
        highlight=False,
        soft_wrap=True,
    )


__all__ = ["load_command", "spark_decode_command", "spark_group"]
