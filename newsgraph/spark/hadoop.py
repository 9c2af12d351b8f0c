"""The lake's folder through Hadoop's FileSystem, as Spark sees it (local disk, S3, HDFS,
GCS alike): check it, write the manifest, remove the staging table."""

from __future__ import annotations

import json
from typing import Any

from pyspark.sql import SparkSession

from newsgraph.errors import LakeError
from newsgraph.spark.schema import MANIFEST, TABLES


class LakeFiles:
    """Files under one lake root, through the session's Hadoop configuration."""

    def __init__(self, spark: SparkSession, root: str) -> None:
        # Hadoop's FileSystem has no Python API: it is reached through Spark's py4j gateway.
        context: Any = spark.sparkContext
        self._jvm: Any = context._jvm
        self._conf: Any = context._jsc.hadoopConfiguration()
        path = self._jvm.org.apache.hadoop.fs.Path(root)
        self._fs: Any = path.getFileSystem(self._conf)
        self.root = str(self._fs.makeQualified(path))

    @classmethod
    def for_session(cls, spark: SparkSession, root: str) -> LakeFiles:
        return cls(spark, root)

    def path(self, name: str) -> str:
        return f"{self.root.rstrip('/')}/{name}"

    def _hpath(self, name: str | None = None) -> Any:
        return self._jvm.org.apache.hadoop.fs.Path(self.root if name is None else self.path(name))

    def prepare(self) -> None:
        """Make the root a lake to (over)write: empty, or a lake already (whose manifest
        goes first, so that a job that dies leaves no lake that looks complete)."""
        root = self._hpath()
        if self._fs.exists(root):
            if not self._fs.getFileStatus(root).isDirectory():
                raise LakeError(f"{self.root} is a file, not a folder for a lake")
            names = {str(s.getPath().getName()) for s in self._fs.listStatus(root)}
            if names and MANIFEST not in names and not names <= {*TABLES, "staging"}:
                raise LakeError(
                    f"{self.root} is not empty and holds no newsgraph lake ({MANIFEST});"
                    " give an empty or new folder"
                )
            self._fs.delete(self._hpath(MANIFEST), False)
        self._fs.mkdirs(root)

    def tables(self) -> list[str]:
        return [t for t in TABLES if self._fs.exists(self._hpath(t))]

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        stream = self._fs.create(self._hpath(MANIFEST), True)
        try:
            stream.write(bytearray(json.dumps(manifest, indent=2).encode("utf-8")))
        finally:
            stream.close()

    def delete(self, name: str) -> None:
        self._fs.delete(self._hpath(name), True)

    def qualify(self, path: str) -> tuple[str, bool] | None:
        """The qualified URI of `path` and whether it is a folder; None if not there."""
        hpath = self._jvm.org.apache.hadoop.fs.Path(path)
        fs = hpath.getFileSystem(self._conf)
        if not fs.exists(hpath):
            return None
        return str(fs.makeQualified(hpath)), bool(fs.getFileStatus(hpath).isDirectory())


__all__ = ["LakeFiles"]
