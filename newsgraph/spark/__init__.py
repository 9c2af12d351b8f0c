"""Beyond one machine: `decode` as an Apache Spark job writing a Parquet lake, and the lake
loaded back into the store.

    from newsgraph.spark.job import decode_to_lake, spark_session   # imports pyspark
    run = decode_to_lake(spark_session("local[2]"), ["samples/"], "lake/")

    from newsgraph.spark import load_lake                           # no Spark needed
    load_lake("lake/", Store("newsgraph.db"))

Only :mod:`newsgraph.spark.job` and :mod:`newsgraph.spark.hadoop` import pyspark; the lake's
schema (:mod:`~newsgraph.spark.schema`), its rows and its loader need pyarrow only.
"""

from newsgraph.spark.lake import Lake
from newsgraph.spark.load import LoadResult, load_lake
from newsgraph.spark.schema import LAKE_VERSION, TABLES, table_schema

__all__ = ["LAKE_VERSION", "TABLES", "Lake", "LoadResult", "load_lake", "table_schema"]
