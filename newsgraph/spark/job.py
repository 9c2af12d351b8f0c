"""`newsgraph spark decode`: the decode pipeline as a Spark job writing a Parquet lake.

Stages (each a Spark job):
  1. list   the inputs' files through Spark (any URI it reads), in `decode`'s order;
  2. decode read each file's documents, keep one of each exact input (raw hash, the
            first read), deal them round-robin to the partitions, decode them with one
            Decoder per Python worker, and write every outcome, nested, to LAKE/staging
            (so decoding runs once whatever follows);
  3. tables keep one article per normalized text (content hash: the first read) and per
            id (the last read, as a store's save replaces), then write each table
            partitioned by publication month, the failures, the inputs and the actors;
  4. the manifest LAKE/_lake.json, written last: a lake without it is incomplete.

This module imports pyspark; import it only where a Spark job runs.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pyspark import StorageLevel
from pyspark.sql import DataFrame, Observation, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

import newsgraph
from newsgraph.config import Config
from newsgraph.ingest.reader import InputOptions
from newsgraph.model import Failure, Origin
from newsgraph.spark.executor import (
    decode_partition,
    earlier,
    no_rows,
    read_partition,
    slot,
)
from newsgraph.spark.hadoop import LakeFiles
from newsgraph.spark.inputs import InputFile, order_files
from newsgraph.spark.rows import failure_row
from newsgraph.spark.schema import (
    ANNOTATION_TABLES,
    ARTICLE_TABLES,
    LAKE_FORMAT,
    LAKE_VERSION,
    decoded_schema,
)

DAEMON_MODULE = "newsgraph.spark.daemon"
# Not "_staging": Spark warns that it ignores a path whose name starts with "_".
STAGING = "staging"
ARTICLES_PER_FILE = 20_000  # about 100-200 MB of Parquet per file of `articles`
JOBS_AT_ONCE = 2  # table writes run side by side (see _write_tables)


@dataclass
class LakeRun:
    """What a job wrote: counts, the failures (file and record) and where time went."""

    lake: str
    documents: int = 0  # documents read (inputs and records), failures included
    articles: int = 0
    duplicates: int = 0  # documents whose input or text was already there
    failures: list[Failure] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def spark_session(master: str | None = None, quiet: bool = False) -> SparkSession:
    """A session for `master` (default: the one spark-submit set, else all local cores).

    Local masters run the Python workers with this interpreter, so they see the package
    and the model installed here; on a cluster, the README's spark-submit ships them."""
    builder = SparkSession.builder.appName("newsgraph")
    # spark-submit starts the JVM first and hands this process its gateway: its --master
    # (and every --conf) is already in force and is not overridden.
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    master = master or (None if submitted else "local[*]")
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # Everything stays on this machine: no UI, and no address but the loopback one.
        builder = builder.config("spark.ui.enabled", "false")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1")
        # Only the fast JIT compiler: a local job's JVM lives for minutes, and its C2
        # compilations cost a third of the JVM's CPU while they never pay back (measured:
        # the tables stage of 60 articles, 23 -> 15 CPU seconds), a core the Python
        # workers decoding need. Not on a cluster, whose executors run for hours.
        builder = builder.config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
        # No adaptive query execution: it plans each of the tables stage's dozen small jobs
        # again after every shuffle, driver work no core shares (measured, 40 articles on
        # local[1], alternated: the tables stage's JVM 8.0 and 10.2 -> 6.9 and 7.0 CPU
        # seconds). What it adapts to, skewed joins and thousands of shuffle partitions,
        # a local job does not have: the shuffles follow --partitions.
        builder = builder.config("spark.sql.adaptive.enabled", "false")
        # A Python daemon that loads the decoder once and forks the workers with it (see
        # daemon.py). Local masters only: on a cluster the daemon starts before the
        # --py-files are on its path, so it is set there only with a packed environment.
        builder = builder.config("spark.python.daemon.module", DAEMON_MODULE)
    builder = builder.config("spark.ui.showConsoleProgress", str(not quiet).lower())
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR" if quiet else "WARN")
    return spark


def decode_to_lake(
    spark: SparkSession,
    inputs: Sequence[str],
    out: str,
    *,
    config: Config | None = None,
    options: InputOptions | None = None,
    partitions: int | None = None,
) -> LakeRun:
    """Decode `inputs` (files, folders or URIs Spark reads) into the lake at `out`."""
    config = config or Config()
    options = options or InputOptions(
        max_document_bytes=config.max_document_bytes, max_file_bytes=config.max_file_bytes
    )
    partitions = partitions or max(2, spark.sparkContext.defaultParallelism * 2)
    # The tables' shuffles (duplicates) use as many partitions as decoding: Spark's default
    # of 200 costs minutes of empty tasks on a small input.
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    files = LakeFiles.for_session(spark, _qualified(spark, out))
    files.prepare()
    run = LakeRun(files.root)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1) as pool:
        warm = _start_python_daemon(spark, pool)
        listed, missing = _list_inputs(spark, files, inputs)
        staging = files.path(STAGING)
        _decode_stage(spark, listed, missing, options, config, partitions).write.mode(
            "overwrite"
        ).parquet(staging)
        if warm is not None:
            warm.result()
    run.seconds["decode"] = time.perf_counter() - started
    started = time.perf_counter()
    _table_stage(spark, spark.read.parquet(staging), files, run)
    files.write_manifest(_manifest(inputs, config, run))
    files.delete(STAGING)
    run.seconds["tables"] = time.perf_counter() - started
    return run


def _start_python_daemon(spark: SparkSession, pool: ThreadPoolExecutor) -> Future[None] | None:
    """Start the preloading Python daemon now, in a job of its own, on a local master.

    Spark starts the daemon for the first task that runs Python, and the decode stage's
    first task waits for the model's preload (about 4 CPU seconds on one core). Started
    by an empty task first, the preload runs while the driver lists the inputs and plans
    the decode stage, on the core the planning leaves free."""
    conf = spark.sparkContext.getConf()
    if conf.get("spark.python.daemon.module") != DAEMON_MODULE:
        return None  # PySpark's own daemon loads nothing: no gain in starting it early
    warm_up = spark.sparkContext.parallelize([0], 1)
    return pool.submit(lambda: warm_up.foreachPartition(no_rows))


def _qualified(spark: SparkSession, out: str) -> str:
    # A plain path means this machine's disk when Spark runs here; on a cluster it is
    # resolved by Spark's default file system, as every Spark path is.
    master = spark.sparkContext.master or ""
    return os.path.abspath(out) if "://" not in out and master.startswith("local") else out


def _list_inputs(
    spark: SparkSession, files: LakeFiles, inputs: Sequence[str]
) -> tuple[list[InputFile], list[tuple[int, Failure]]]:
    """Every article file of `inputs` numbered in read order; inputs that are not there."""
    listed: list[InputFile] = []
    missing: list[tuple[int, Failure]] = []
    for argument in inputs:
        found = files.qualify(_qualified(spark, argument))
        number = len(listed) + len(missing)
        if found is None:
            failure = Failure(Origin(argument), "unreadable", "no such file or folder")
            missing.append((InputFile("", argument, number).seq(0), failure))
            continue
        root, is_folder = found
        reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
        uris = [r.path for r in reader.load(root).select("path").collect()] if is_folder else [root]
        for uri, shown in order_files(argument, uris, root):
            listed.append(InputFile(uri, shown, len(listed) + len(missing)))
    return listed, missing


def _decode_stage(
    spark: SparkSession,
    listed: list[InputFile],
    missing: list[tuple[int, Failure]],
    options: InputOptions,
    config: Config,
    partitions: int,
) -> DataFrame:
    schema = from_arrow_schema(decoded_schema())
    context = spark.sparkContext
    failed = context.parallelize([failure_row(f, seq) for seq, f in missing], 1)
    if not listed:
        return spark.createDataFrame(failed, schema)
    order = spark.createDataFrame(
        [(f.uri, f.path, f.number) for f in listed], "uri string, shown string, number long"
    )
    contents = (
        spark.read.format("binaryFile")
        .load([f.uri for f in listed])
        .join(F.broadcast(order), F.col("path") == F.col("uri"))
        .select("uri", "content", "shown", "number")
    )
    decoded = (
        contents.rdd.map(tuple)
        .mapPartitions(lambda rows: read_partition(rows, options))
        .reduceByKey(earlier, numPartitions=partitions)
        .values()
        .partitionBy(partitions, slot)
        .mapPartitions(lambda items: decode_partition(items, config))
    )
    return spark.createDataFrame(decoded.union(failed), schema)


def _table_stage(spark: SparkSession, decoded: DataFrame, files: LakeFiles, run: LakeRun) -> None:
    # Every count comes from an Observation of the write that makes the table (no job of
    # its own, no reading a table back): on a small input each Spark job costs about a
    # second of JVM work, more than the rows themselves.
    # The failures' two jobs run beside the articles' (a core the driver's planning of
    # one job leaves idle runs the other's tasks), and so do the tables in _write_tables.
    with ThreadPoolExecutor(max_workers=JOBS_AT_ONCE) as pool:
        failures = pool.submit(_write_failures, spark, decoded, files)
        counts = _article_tables(decoded, files, run, pool)
        run.failures = failures.result()
    run.documents += len(run.failures)
    # The manifest's order: the article tables, then the rest.
    run.counts = {table: counts[table] for table in ARTICLE_TABLES}
    run.counts.update(failures=len(run.failures), inputs=counts["inputs"], actors=counts["actors"])


def _write_failures(spark: SparkSession, decoded: DataFrame, files: LakeFiles) -> list[Failure]:
    """Write the failures table; its rows in input order (the summary names each one)."""
    failed = decoded.where(F.col("failure").isNotNull()).select("seq", "failure.*")
    # Sorted here, not by Spark: they are few, and a global sort is a job that samples the
    # keys plus a shuffle, two stages of JVM work on the tables stage's one core.
    rows = sorted(failed.collect(), key=lambda row: int(row.seq))
    _write(spark.createDataFrame(rows, failed.schema), files.path("failures"), partitioned=False)
    return [Failure(Origin(r.path, r.record), r.code, r.message) for r in rows]


def _article_tables(
    decoded: DataFrame, files: LakeFiles, run: LakeRun, pool: ThreadPoolExecutor
) -> dict[str, int]:
    """Write the inputs, the article tables and the actors (the rows each got); count the
    documents and articles."""
    articles = decoded.where(F.col("article").isNotNull())
    by_content = Window.partitionBy("content_hash").orderBy("seq")
    ranked = articles.withColumn("kept_as", F.first("article_id").over(by_content)).withColumn(
        "content_rank", F.row_number().over(by_content)
    )
    ranked = ranked.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        documents, inputs = Observation(), Observation()
        counted = _observed(ranked, documents)
        kept_inputs = counted.select("raw_hash", F.col("kept_as").alias("article_id"))
        _write(
            _observed(kept_inputs.dropDuplicates(["raw_hash"]), inputs),
            files.path("inputs"),
            partitioned=False,
        )
        run.documents = _rows(documents)
        by_id = Window.partitionBy("article_id").orderBy(F.col("seq").desc())
        kept = (
            ranked.where("content_rank = 1")
            .withColumn("id_rank", F.row_number().over(by_id))
            .where("id_rank = 1")
            .drop("kept_as", "content_rank", "id_rank")
        )
        # The documents bound the articles from above: enough to size the files.
        counts = _write_tables(_range_partitioned(kept, run.documents), files, pool)
    finally:
        ranked.unpersist()
    run.articles = counts["articles"]
    run.duplicates = run.documents - run.articles
    counts["inputs"] = _rows(inputs)
    return counts


def _observed(frame: DataFrame, observation: Observation) -> DataFrame:
    """`frame`, counting its rows into `observation` whenever an action runs it."""
    return frame.observe(observation, F.count(F.lit(1)).alias("rows"))


def _rows(observation: Observation) -> int:
    return int(observation.get["rows"])


def _range_partitioned(kept: DataFrame, total: int) -> DataFrame:
    # Contiguous (month, seq) ranges per task: each file holds one month's articles in
    # input order, files are of even size, and a reader of one month opens few files.
    parts = math.ceil(total / ARTICLES_PER_FILE)
    if parts <= 1:
        return kept.coalesce(1).sortWithinPartitions("month", "seq")
    return kept.repartitionByRange(parts, "month", "seq")


def _write_tables(kept: DataFrame, files: LakeFiles, pool: ThreadPoolExecutor) -> dict[str, int]:
    """Write the article tables and the actors; the rows each got."""
    kept = kept.persist(StorageLevel.MEMORY_AND_DISK)
    observations = {table: Observation() for table in (*ARTICLE_TABLES, "actors")}
    try:
        # The first write fills the cache of `kept`; the others read it, two jobs at a
        # time: while one is planned on the driver the other's tasks run, where one job
        # after another leaves a core idle (a small input's tables are one task each).
        articles = kept.select(F.col("article_id").alias("id"), "seq", "article.*", "month")
        _write(_observed(articles, observations["articles"]), files.path("articles"))
        frames = {table: _annotation_rows(kept, table) for table in ANNOTATION_TABLES}
        frames["actors"] = _actors(kept)

        def write(table: str) -> None:
            frame = _observed(frames[table], observations[table])
            _write(frame, files.path(table), partitioned=table != "actors")

        list(pool.map(write, frames))
    finally:
        kept.unpersist()
    return {table: _rows(observation) for table, observation in observations.items()}


def _annotation_rows(kept: DataFrame, table: str) -> DataFrame:
    rows = kept.select("article_id", "seq", F.explode(table).alias("row"), "month")
    return rows.select("article_id", "seq", "row.*", "month")


def _actors(kept: DataFrame) -> DataFrame:
    """One row per actor id across the lake, named as where it was first read."""
    entities = kept.select("article_id", "seq", F.explode("entities").alias("e"))
    entities = entities.select("article_id", "seq", "e.*").where("canonical_id IS NOT NULL")
    mentions = (
        kept.select("article_id", F.explode("mentions").alias("m"))
        .groupBy("article_id", "m.entity_id")
        .count()
    )
    joined = entities.join(mentions, ["article_id", "entity_id"], "left")
    first = {c: F.min_by(c, "seq").alias(c) for c in ("name", "type", "country", "sector", "code")}
    return joined.groupBy("canonical_id").agg(
        *first.values(),
        F.countDistinct("article_id").alias("articles"),
        F.coalesce(F.sum("count"), F.lit(0)).cast("long").alias("mentions"),
    )


def _write(frame: DataFrame, path: str, partitioned: bool = True) -> None:
    writer = frame.write.mode("overwrite")
    if partitioned:
        writer = writer.partitionBy("month")
    writer.parquet(path)


def _manifest(inputs: Sequence[str], config: Config, run: LakeRun) -> dict[str, Any]:
    return {
        "format": LAKE_FORMAT,
        "version": LAKE_VERSION,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "newsgraph": newsgraph.__version__,
        "inputs": list(inputs),
        "config": {
            "model": config.model,
            "components": list(config.components),
            "languages": list(config.languages),
            "entity_types": list(config.entity_types),
        },
        "documents": run.documents,
        "articles": run.articles,
        "duplicates": run.duplicates,
        "failures": len(run.failures),
        "rows": run.counts,
    }


__all__ = ["LakeRun", "decode_to_lake", "spark_session"]
