"""Benchmark: `newsgraph spark decode` on local[1] and local[2] against plain `decode`.

    python bench/spark_speed.py [--articles 200] [--out bench/spark.json]

Writes a deterministic sample of ../shared/data/corpus/allsides-intl/articles.jsonl (the
same sample as bench/decode_speed.py) as one JSON Lines file, then runs, each in a fresh
process so that nothing (JVM, model, Python workers) carries over:
  plain     `newsgraph decode FILE --no-store --workers 1 --quiet` (process start and
            model load included, as a user sees it)
  local[1]  a Spark session on one core (JVM start timed apart), then the job into a new
            lake: listing, decode (a Python worker starts and loads the model), tables
  local[2]  the same on two cores (two workers, each loading the model)
Scaling is local[1] job ÷ local[2] job; the overhead is local[1] job ÷ plain, and the
same with the JVM start added. Both Spark runs use the same --partitions. Wall-clock times:
run it on a quiet machine. CPU seconds are recorded too, which a shared machine moves far
less: plain decode's process as the kernel counted it once it had ended (getrusage of the
waited-for child); a Spark run's whole process tree (the driver, the JVM, the Python
workers), read from /proc before the session stops (the JVM outlives the driver, so
getrusage would miss it), from the process's start and over the job alone, and the job's
by part (the JVM, the Python daemon's preload, the Python workers, the driver: see
bench/spark_cpu.py, which also times them by stage).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from decode_speed import CORPUS, sample_records  # noqa: E402
from spark_cpu import snapshot  # noqa: E402

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"


def tree_cpu() -> float:
    """CPU seconds (user + system) of this process and every living descendant, with the
    children each of them has already waited for."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = sum(int(f) for f in fields[11:15]) / tick
    tree, frontier = {os.getpid()}, [os.getpid()]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier.extend(children)
    return sum(times.get(pid, 0.0) for pid in tree)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def spark_child(master: str, source: str, lake: str, partitions: int) -> None:
    """One Spark run in this process; prints its timings as JSON."""
    from newsgraph.spark.job import decode_to_lake, spark_session

    started = time.perf_counter()
    spark = spark_session(master, quiet=True)
    session = time.perf_counter() - started
    cpu, parts, started = tree_cpu(), snapshot(os.getpid()), time.perf_counter()
    run = decode_to_lake(spark, [source], lake, partitions=partitions)
    job = time.perf_counter() - started
    total_cpu, parts_after = tree_cpu(), snapshot(os.getpid())
    job_cpu = total_cpu - cpu
    spark.stop()
    size = sum(p.stat().st_size for p in Path(lake).rglob("*.parquet"))
    timings: dict[str, Any] = {
        "session": session,
        "job": job,
        "articles": run.articles,
        "bytes": size,
    }
    timings["job_cpu"], timings["cpu"] = job_cpu, total_cpu
    timings["job_cpu_parts"] = job_cpu_parts(parts, parts_after)
    print(json.dumps({**timings, **run.seconds}))


def job_cpu_parts(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """The job's CPU seconds by part: the Python driver, the JVM (all its threads), the
    Python daemon (the model's preload) and the Python workers (decoding)."""
    parts: dict[str, float] = {}
    for key in set(before) | set(after):
        part = "python_workers" if key.startswith("py_worker_") else key
        part = "jvm" if part.startswith("jvm_") else part
        spent = after.get(key, 0.0) - before.get(key, 0.0)
        parts[part] = round(parts.get(part, 0.0) + max(0.0, spent), 1)
    return dict(sorted(parts.items()))


def run_spark(master: str, source: Path, tmp: Path, partitions: int) -> dict[str, Any]:
    lake = tmp / f"lake-{master.removeprefix('local[').removesuffix(']')}"
    command = [sys.executable, __file__, "--child", master, str(source), str(lake)]
    command += ["--partitions", str(partitions)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    timings: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return timings


def run_plain(source: Path) -> tuple[float, float]:
    """Wall and CPU seconds of a plain decode, process start and model load included."""
    cpu, started = children_cpu(), time.perf_counter()
    command = [str(NEWSGRAPH), "decode", str(source), "--no-store", "--workers", "1", "--quiet"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "spark.json")
    parser.add_argument("--child", nargs=3, metavar=("MASTER", "SOURCE", "LAKE"))
    args = parser.parse_args()
    if args.child:
        master, source, lake = args.child
        spark_child(master, source, lake, partitions=args.partitions)
        return
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (it lives in ../shared/data)")
    records = sample_records(args.corpus, args.articles)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source = tmp / "sample.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        load = os.getloadavg()[0]
        plain, plain_cpu = run_plain(source)
        one = run_spark("local[1]", source, tmp, args.partitions)
        two = run_spark("local[2]", source, tmp, args.partitions)
    results = {
        "articles": len(records),
        "partitions": args.partitions,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "load_average": [round(load, 1), round(os.getloadavg()[0], 1)],  # at start, at end
        "seconds": {
            "plain_decode_no_store": round(plain, 1),
            "jvm_start_local1": round(one["session"], 1),
            "spark_job_local1": round(one["job"], 1),
            "spark_job_local2": round(two["job"], 1),
            "jvm_start_local2": round(two["session"], 1),
            "local1_decode_stage": round(one["decode"], 1),
            "local1_tables_stage": round(one["tables"], 1),
        },
        "cpu_seconds": {
            "plain_decode_no_store": round(plain_cpu, 1),
            "spark_local1": round(one["cpu"], 1),  # the whole run: JVM start and job
            "spark_local2": round(two["cpu"], 1),
            "spark_job_local1": round(one["job_cpu"], 1),
            "spark_job_local2": round(two["job_cpu"], 1),
        },
        # apart, because the second core hides some and not others: the JVM's work runs
        # beside local[1]'s single worker, but takes its share from local[2]'s two; the
        # daemon's model preload runs before any worker on both
        "cpu_seconds_job_local1_by_part": one["job_cpu_parts"],
        "cpu_seconds_job_local2_by_part": two["job_cpu_parts"],
        "overhead_local1_vs_plain_cpu": round(one["job_cpu"] / plain_cpu, 2),
        "overhead_local1_with_jvm_vs_plain_cpu": round(one["cpu"] / plain_cpu, 2),
        # CPU the second core costs: a second Python worker and its model load
        "cpu_local2_vs_local1": round(two["job_cpu"] / one["job_cpu"], 2),
        "scaling_local2_vs_local1": round(one["job"] / two["job"], 2),
        "overhead_local1_vs_plain": round(one["job"] / plain, 2),
        "overhead_local1_with_jvm_vs_plain": round((one["job"] + one["session"]) / plain, 2),
        "lake_bytes_per_article": round(one["bytes"] / max(1, one["articles"])),
        "articles_per_second_per_core": round(len(records) / one["job"], 2),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
