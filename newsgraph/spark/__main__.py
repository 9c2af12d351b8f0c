"""The `newsgraph spark` commands as a Spark application file, for spark-submit:

    spark-submit [options] …/newsgraph/spark/__main__.py decode INPUT... --out LAKE

(`python -m newsgraph.spark decode …` runs the same.) See docs/spark.md.
"""

from newsgraph.cli.spark import spark_group

spark_group(prog_name="newsgraph spark")
