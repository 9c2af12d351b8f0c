"""The lake's schema, its documentation and its checks, without Spark."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from newsgraph.errors import LakeError
from newsgraph.ingest.reader import walk_folder
from newsgraph.spark import Lake, table_schema
from newsgraph.spark.inputs import order_files
from newsgraph.spark.schema import MANIFEST, TABLES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "lake.md"


def test_lake_schema_is_documented_column_by_column() -> None:
    documented: dict[str, list[str]] = {}
    table = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### `(\w+)/`", line)
        if heading:
            table = heading.group(1)
            documented[table] = []
        elif table and (cell := re.match(r"\| `(\w+)` \|", line)):
            documented[table].append(cell.group(1))
    assert sorted(documented) == sorted(TABLES)
    for name in TABLES:
        assert documented[name] == [f.name for f in table_schema(name)], f"docs/lake.md: {name}"


def test_lake_refuses_a_lake_of_another_version(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps({"format": "newsgraph-lake", "version": 99}))
    with pytest.raises(LakeError, match="version 99"):
        Lake(str(tmp_path))
    with pytest.raises(LakeError, match="not a complete"):
        Lake(str(tmp_path / "missing"))


def test_lake_inputs_are_numbered_in_decode_order(samples: Path) -> None:
    # Spark lists files in its own order; `decode` reads them as os.walk does.
    root = samples.resolve()
    uris = sorted((f"file:{p}" for p in root.rglob("*") if p.is_file()), reverse=True)
    ordered = [shown for _, shown in order_files(str(samples), uris, f"file:{root}")]
    assert ordered == list(walk_folder(str(samples)))


@pytest.mark.model
def test_lake_rows_give_back_the_decoded_article(samples: Path) -> None:
    import pyarrow as pa

    from newsgraph import decode
    from newsgraph.output import article_to_dict
    from newsgraph.spark.rows import article_from_rows, decoded_row
    from newsgraph.spark.schema import ANNOTATION_TABLES, decoded_schema

    articles = list(decode([samples / "html" / "biden-xi-woodside.html"]))
    record = decoded_row(articles[0], seq=7)
    # The rows fit the Parquet schema exactly (a wrong type or a missing column raises).
    table = pa.Table.from_pylist([record], schema=decoded_schema())
    (row,) = table.to_pylist()
    tables = {name: row[name] for name in ANNOTATION_TABLES}
    back = article_from_rows(row["article_id"], row["article"], tables)
    assert article_to_dict(back) == article_to_dict(articles[0])
    assert row["events"] and row["quotes"] and row["event_dyads"]
    assert row["month"] == "2023-11"


def test_lake_spark_commands_start_without_spark() -> None:
    # `newsgraph --help` imports every command module: spark's must not import pyspark.
    code = (
        "import sys, newsgraph.cli.spark, newsgraph.spark.schema;"
        " assert 'pyspark' not in sys.modules, 'pyspark imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_lake_decode_partitions_get_as_many_documents_each() -> None:
    from newsgraph.spark.executor import slot
    from newsgraph.spark.inputs import InputFile

    records_of_one_file = [InputFile("u", "a.jsonl", 3).seq(r) for r in range(200)]
    files_of_one_record = [InputFile("u", f"{n}.html", n).seq(0) for n in range(200)]
    for seqs in (records_of_one_file, files_of_one_record):
        per_partition = Counter(slot(seq) % 8 for seq in seqs)
        assert sorted(per_partition.values()) == [25] * 8
