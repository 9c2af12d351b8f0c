"""`newsgraph spark decode` and `newsgraph load`: the lake of samples/ on Spark local[2].

One Spark session and one job for the module (a JVM start and a model load per Python
worker are the cost); the tests then read what that job wrote.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph import decode
from newsgraph.errors import LakeError
from newsgraph.spark import Lake, load_lake, table_schema
from newsgraph.spark.rows import month_of
from newsgraph.spark.schema import MANIFEST, TABLES
from newsgraph.store.sqlite import Store

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "lake.md"
SAMPLES = ROOT / "samples"
# Every table of the store that decode fills (timestamps aside), compared row for row.
STORE_TABLES = (
    "articles",
    "entities",
    "mentions",
    "quotes",
    "events",
    "event_actors",
    "event_dyads",
    "damage",
    "inputs",
    "actors",
    "actor_keys",
    "story_articles",
    "stories",
    "merged_events",
)


def _spark_available() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'newsgraph[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (make java installs Debian's openjdk-17-jre-headless)"
    return None


pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(_spark_available() is not None, reason=str(_spark_available())),
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from newsgraph.spark.job import spark_session

    session = spark_session("local[2]", quiet=True)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "broken.jsonl").write_text('{"id": "b1", "text": "unterminated\n', encoding="utf-8")
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    return folder


@pytest.fixture(scope="module")
def lake(spark: Any, bad_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from newsgraph.spark.job import decode_to_lake

    out = tmp_path_factory.mktemp("lake") / "lake"
    run = decode_to_lake(
        spark, [str(SAMPLES), str(bad_inputs), "no-such-folder"], str(out), partitions=2
    )
    return run


@pytest.fixture(scope="module")
def plain_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("plain") / "plain.db"


@pytest.fixture(scope="module")
def plain_run(bad_inputs: Path, plain_db: Path) -> Any:
    """`newsgraph decode` of the same inputs into a store (its result: counts, failures)."""
    return decode([str(SAMPLES), str(bad_inputs), "no-such-folder"], db=plain_db).run()


@pytest.fixture(scope="module")
def plain_store(plain_run: Any, plain_db: Path) -> Path:
    return plain_db


def _dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    tables = {}
    for table in STORE_TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        # Stories are grouped in publication-month order by load, in input order by decode:
        # the same stories, but a story's centrality sums depend on arrival order.
        skip = {"decoded_at", "centrality"}
        names = ", ".join(f'"{c}"' for c in columns if c not in skip)
        tables[table] = sorted(conn.execute(f"SELECT {names} FROM {table}"), key=repr)
    conn.close()
    return tables


def test_spark_decode_counts_articles_duplicates_and_failures(lake: Any, plain_run: Any) -> None:
    # samples/ (one record the exact duplicate of another's text) and 3 bad inputs: the
    # counts `decode` gives.
    assert lake.articles == plain_run.counts.decoded > 25
    assert lake.duplicates == plain_run.counts.skipped >= 1
    assert len(lake.failures) == plain_run.counts.failed == 3
    assert lake.documents == plain_run.counts.inputs
    manifest = json.loads((Path(lake.lake.removeprefix("file:")) / MANIFEST).read_text())
    assert manifest["articles"] == lake.articles
    assert manifest["rows"]["events"] == lake.counts["events"]


def test_spark_failures_land_in_the_failures_table(lake: Any, bad_inputs: Path) -> None:
    rows = Lake(lake.lake).rows("failures")
    found = {(Path(r["path"]).name, r["record"], r["code"]) for r in rows}
    assert found == {
        ("broken.jsonl", "line 1", "malformed"),
        ("scan.txt", None, "binary"),
        ("no-such-folder", None, "unreadable"),
    }
    assert all(r["message"] for r in rows)


def test_spark_lake_loaded_equals_the_decode_store(
    lake: Any, plain_store: Path, tmp_path: Path
) -> None:
    db = tmp_path / "loaded.db"
    with Store(db) as store:
        result = load_lake(lake.lake, store)
    assert result.articles == lake.articles
    loaded, plain = _dump(db), _dump(plain_store)
    for table in STORE_TABLES:
        assert loaded[table] == plain[table], f"table {table} differs"
    assert len(loaded["events"]) > 50 and len(loaded["quotes"]) > 50


def test_spark_load_twice_adds_nothing(lake: Any, tmp_path: Path) -> None:
    db = tmp_path / "twice.db"
    with Store(db) as store:
        load_lake(lake.lake, store)
    first = _dump(db)
    with Store(db) as store:
        again = load_lake(lake.lake, store)
    assert (again.articles, again.present, again.inputs) == (0, lake.articles, 0)
    assert _dump(db) == first


def test_spark_lake_tables_have_the_documented_schema(lake: Any) -> None:
    for table in TABLES:
        schema = Lake(lake.lake).dataset(table).schema
        for field in table_schema(table):
            assert schema.field(field.name).type == field.type, f"{table}.{field.name}"


def _doc_queries() -> list[str]:
    blocks = re.findall(r"```sql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if b.lstrip().upper().startswith("SELECT")]


def _expected(plain_store: Path, query: str) -> list[tuple[Any, ...]]:
    # The same query on the store made by plain `decode`: the lake answers as the store does.
    conn = sqlite3.connect(plain_store)
    conn.create_function("month_of", 1, month_of, deterministic=True)
    rows = conn.execute(query.replace("event_month", "month_of(date)")).fetchall()
    conn.close()
    return [tuple(r) for r in rows]


def test_spark_docs_queries_run_on_spark_sql(lake: Any, spark: Any, plain_store: Path) -> None:
    queries = _doc_queries()
    assert len(queries) == 2
    spark.read.parquet(f"{lake.lake}/event_dyads").createOrReplaceTempView("event_dyads")
    for query in queries:
        got = [tuple(r) for r in spark.sql(query).collect()]
        assert got, query
        assert got == _expected(plain_store, query)


def test_spark_docs_queries_run_on_duckdb(lake: Any, plain_store: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    folder = lake.lake.removeprefix("file:")
    conn = duckdb.connect()
    conn.execute(
        "CREATE VIEW event_dyads AS SELECT * FROM"
        f" read_parquet('{folder}/event_dyads/*/*.parquet', hive_partitioning = true)"
    )
    for query in _doc_queries():
        got = [tuple(r) for r in conn.execute(query).fetchall()]
        assert got and got == _expected(plain_store, query)


def test_spark_decode_refuses_a_folder_that_is_not_a_lake(spark: Any, tmp_path: Path) -> None:
    from newsgraph.spark.job import decode_to_lake

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(LakeError, match="not empty"):
        decode_to_lake(spark, [str(SAMPLES)], str(tmp_path))
    assert (tmp_path / "notes.txt").exists()


def test_spark_cli_decodes_and_loads(spark: Any, bad_inputs: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import main

    lake, db = tmp_path / "lake", tmp_path / "cli.db"
    runner = CliRunner()
    args = ["spark", "decode", str(SAMPLES / "json"), str(bad_inputs), "--out", str(lake)]
    decoded = runner.invoke(main, [*args, "--master", "local[2]", "--partitions", "2"])
    assert decoded.exit_code == 0, decoded.output
    expected = len(list(decode([SAMPLES / "json"])))
    assert f"wrote {expected} articles" in decoded.stderr and "2 failed" in decoded.stderr
    assert "broken.jsonl [line 1]" in decoded.stderr
    loaded = runner.invoke(main, ["load", str(lake), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    assert f"loaded {expected} articles" in loaded.stderr
    again = runner.invoke(main, ["load", str(lake), "--db", str(db), "--quiet"])
    assert again.exit_code == 0 and again.stderr == ""
    missing = runner.invoke(main, ["load", str(tmp_path / "nowhere"), "--db", str(db)])
    assert missing.exit_code == 3 and "not a complete newsgraph lake" in missing.stderr


def test_spark_workers_start_with_the_decoder_the_daemon_preloaded(spark: Any) -> None:
    from newsgraph.spark.job import DAEMON_MODULE

    assert spark.sparkContext.getConf().get("spark.python.daemon.module") == DAEMON_MODULE

    def worker_state(_: int) -> tuple[int, int]:
        import gc

        from newsgraph.spark.executor import decoder_for

        # Frozen objects exist only where newsgraph's daemon preloaded before forking.
        return gc.get_freeze_count(), decoder_for.cache_info().currsize

    states = spark.sparkContext.parallelize(range(4), 2).map(worker_state).collect()
    assert all(frozen > 100_000 and decoders >= 1 for frozen, decoders in states), states


def test_spark_local_session_runs_without_adaptive_query_execution(spark: Any) -> None:
    # The tables stage's small jobs are planned once; the lake the other tests read was
    # written so, and its tables match decode's store row for row.
    assert spark.conf.get("spark.sql.adaptive.enabled") == "false"
