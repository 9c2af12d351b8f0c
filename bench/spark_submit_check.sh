#!/usr/bin/env bash
# The README's spark-submit command, run for real: a Spark standalone cluster (a master and
# one worker, from the pyspark package) on 127.0.0.1, newsgraph and the spaCy model shipped
# to the executors as a packed virtual environment (spark.archives), samples/ decoded into a
# lake, and the lake loaded into a store.
#
#     bash bench/spark_submit_check.sh        # after `make install`; WORK=dir keeps the files
#
# It needs Java 17 and about 2 GB of disk for the packed environment; it stops the cluster
# it started when it ends.
set -euo pipefail

ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
PY=$ROOT/.venv/bin/python
WORK=${WORK:-$(mktemp -d)}
SPARK_HOME=$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1
echo "work folder: $WORK"

# 1. What the executors run: newsgraph's wheel with its dependencies (spaCy and the model
#    included) in a virtual environment, packed with venv-pack.
#    (Kept from an earlier run in the same WORK folder.)
if [ ! -f "$WORK/newsgraph-env.tar.gz" ]; then
    "$PY" -m pip wheel --quiet --no-deps -w "$WORK/dist" "$ROOT"
    "$PY" -m venv "$WORK/env"
    "$WORK/env/bin/pip" install --quiet -c "$ROOT/constraints.txt" \
        "$WORK"/dist/newsgraph-*.whl "venv-pack==0.2.0"
    "$WORK/env/bin/venv-pack" --quiet -p "$WORK/env" -o "$WORK/newsgraph-env.tar.gz"
fi

# 2. A standalone cluster on this machine (loopback only).
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port 17077 --webui-port 18080 >"$WORK/master.log" 2>&1 &
MASTER_PID=$!
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 2 --memory 4g --webui-port 18081 --work-dir "$WORK/worker" \
    spark://127.0.0.1:17077 >"$WORK/worker.log" 2>&1 &
WORKER_PID=$!
trap 'kill "$WORKER_PID" "$MASTER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    grep -q "Successfully registered with master" "$WORK/worker.log" && break
    sleep 1
done

# 3. The job, exactly as on a real cluster (only the master URL and paths change).
START=$(date +%s)
"$SPARK_HOME/bin/spark-submit" \
    --master spark://127.0.0.1:17077 \
    --archives "$WORK/newsgraph-env.tar.gz#environment" \
    --conf spark.pyspark.python=./environment/bin/python \
    --conf spark.pyspark.driver.python="$PY" \
    --conf spark.executor.memory=1g \
    --conf spark.driver.host=127.0.0.1 \
    "$ROOT/newsgraph/spark/__main__.py" decode "$ROOT/samples" --out "$WORK/lake"
echo "spark-submit: $(($(date +%s) - START)) s"

# 4. Back into the record.
"$ROOT/.venv/bin/newsgraph" load "$WORK/lake" --db "$WORK/check.db"
"$ROOT/.venv/bin/newsgraph" stats --db "$WORK/check.db" | head -5
