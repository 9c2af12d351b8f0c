"""The lake's schema, its documentation and its checks, without Spark."""

from __future__ import annotations

import json
import re
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
