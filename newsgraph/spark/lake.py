"""Reading a lake without Spark (pyarrow): its manifest and one month of a table at a time.

A lake path is a local folder or a URI pyarrow opens (`s3://bucket/lake`, `gs://…`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# pyarrow ships no type information (see newsgraph/export/writers.py).
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.dataset as ds  # type: ignore[import-untyped]
import pyarrow.fs as pafs  # type: ignore[import-untyped]

from newsgraph.errors import LakeError
from newsgraph.spark.rows import Row
from newsgraph.spark.schema import (
    ARTICLE_TABLES,
    LAKE_FORMAT,
    LAKE_VERSION,
    MANIFEST,
    UNKNOWN_MONTH,
    table_schema,
)

_MONTH_PARTITION = ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive")


class Lake:
    """A complete lake of this version (else LakeError, saying what is wrong)."""

    def __init__(self, location: str) -> None:
        self.location = location.rstrip("/")
        try:
            self.fs, self.root = pafs.FileSystem.from_uri(_as_uri(self.location))
            with self.fs.open_input_stream(f"{self.root}/{MANIFEST}") as stream:
                manifest = json.loads(stream.read().decode("utf-8"))
        except (OSError, ValueError) as exc:
            raise LakeError(
                f"{location} is not a complete newsgraph lake: cannot read {MANIFEST} ({exc});"
                " a job that did not finish leaves none"
            ) from exc
        if manifest.get("format") != LAKE_FORMAT or manifest.get("version") != LAKE_VERSION:
            raise LakeError(
                f"{location} is a lake of format {manifest.get('format')!r} version"
                f" {manifest.get('version')!r}; this newsgraph reads {LAKE_FORMAT!r} version"
                f" {LAKE_VERSION} (decode it again with `newsgraph spark decode`)"
            )
        self.manifest: dict[str, Any] = manifest

    def dataset(self, table: str) -> ds.Dataset:
        # The schema is given, not inferred: an empty table (a job that kept no article)
        # reads as empty, with its columns.
        return ds.dataset(
            f"{self.root}/{table}",
            schema=table_schema(table),
            filesystem=self.fs,
            format="parquet",
            partitioning=_MONTH_PARTITION if table in ARTICLE_TABLES else None,
        )

    def months(self) -> list[str]:
        """The publication months of the lake's articles, oldest first, `unknown` last."""
        column = self.dataset("articles").to_table(columns=["month"]).column("month")
        months = {str(m) for m in column.unique().to_pylist()}
        return sorted(months - {UNKNOWN_MONTH}) + sorted(months & {UNKNOWN_MONTH})

    def rows(self, table: str, month: str | None = None) -> list[Row]:
        """Every row of `table` (of one publication `month`), in input order."""
        dataset = self.dataset(table)
        flt = None if month is None else ds.field("month") == month
        data = dataset.to_table(filter=flt)
        if "seq" in data.column_names:
            data = data.sort_by("seq")
        rows: list[Row] = data.to_pylist()
        return rows


def _as_uri(location: str) -> str:
    if "://" in location:
        return location
    if location.startswith("file:"):  # Spark's "file:/abs/lake"
        location = "/" + location[len("file:") :].lstrip("/")
    return Path(location).resolve().as_uri()


__all__ = ["Lake"]
