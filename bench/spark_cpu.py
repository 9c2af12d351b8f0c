"""Benchmark: where a `spark decode` run spends CPU seconds, by process, JVM thread and stage.

    python bench/spark_cpu.py [--master 'local[2]'] [--articles 200] [--out FILE]

Wall clock on a shared machine says nothing about scaling; CPU seconds, and when they are
spent, say much more. This runs the job of bench/spark_speed.py (the same sample, one JSON
Lines file, 8 partitions) in this process and samples /proc every 0.2 s: the CPU seconds
of each process of the run (this driver, the JVM, the Python daemon and its workers) and
of each JVM thread by name (task threads, the JIT compilers, the garbage collector, the
driver's own threads), together with the stages Spark has running. It reports the CPU of
each part per phase (before the first task, each stage set, the tables), and the serial
time: samples in which less than one of the two cores' worth of Python decoding ran.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from decode_speed import CORPUS, sample_records  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
INTERVAL = 0.2


def _stat(path: Path) -> tuple[str, int, float] | None:
    """(name, parent, CPU seconds) of a /proc stat file, None if it is gone."""
    try:
        stat = path.read_text()
    except OSError:
        return None
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2 :].split()
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def _thread_kind(name: str) -> str:
    rules = (
        ("C1 Compiler", "jit"),
        ("C2 Compiler", "jit"),
        ("GC Thread", "gc"),
        ("G1 ", "gc"),
        ("VM Thread", "gc"),
        ("Executor task", "tasks"),
        ("Executor", "tasks"),
        ("stdout writer", "to_python"),
        ("writer for", "to_python"),
        ("Thread-", "driver"),
        ("java", "driver"),
        ("dag-scheduler", "driver"),
    )
    for prefix, kind in rules:
        if name.startswith(prefix):
            return kind
    return "jvm_other"


WORKERS: dict[int, tuple[float, float, int]] = {}  # last seen: user, system, minor faults


def _worker_detail(pid: int) -> None:
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return
    fields = stat[stat.rindex(")") + 2 :].split()
    WORKERS[pid] = (int(fields[11]) / TICK, int(fields[12]) / TICK, int(fields[7]))


def snapshot(root: int) -> dict[str, float]:
    """CPU seconds by part of the run, of `root` and its living descendants."""
    procs: dict[int, tuple[str, int, float]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(entry / "stat")) is not None:
            procs[int(entry.name)] = found
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [c for c, (_, parent, _) in procs.items() if parent == pid]
        tree.update(children)
        frontier.extend(children)
    parts: dict[str, float] = defaultdict(float)
    for pid in tree:
        name, parent, cpu = procs[pid]
        if pid == root:
            parts["driver_python"] += cpu
        elif name == "java":
            for task in (Path("/proc") / str(pid) / "task").iterdir():
                if (thread := _stat(task / "stat")) is not None:
                    parts["jvm_" + _thread_kind(thread[0])] += thread[2]
        elif procs.get(parent, ("",))[0] == "java":
            parts["py_daemon"] += cpu  # the daemon: the preload, then forks
        else:
            parts[f"py_worker_{pid}"] += cpu
            _worker_detail(pid)
    return dict(parts)


class Sampler(threading.Thread):
    def __init__(self, spark: object) -> None:
        super().__init__(daemon=True)
        self.spark = spark
        self.samples: list[tuple[float, dict[str, float], str]] = []
        self.stop = threading.Event()
        self.phase = "start"
        self.stage_names: dict[int, str] = {}

    def run(self) -> None:
        tracker = self.spark.sparkContext.statusTracker()  # type: ignore[attr-defined]
        root = os.getpid()
        while not self.stop.is_set():
            stages = []
            for sid in tracker.getActiveStageIds():
                info = tracker.getStageInfo(sid)
                if info is not None:
                    stages.append(f"{sid}:{info.numActiveTasks}/{info.numTasks}")
                    self.stage_names[sid] = f"{self.phase} {info.name}"
            label = self.phase + (" " + ",".join(sorted(stages)) if stages else "")
            self.samples.append((time.perf_counter(), snapshot(root), label))
            time.sleep(INTERVAL)


def summarize(samples: list[tuple[float, dict[str, float], str]]) -> dict[str, object]:
    """CPU by part and phase; the wall time in which Python decoding ran on < 1 core."""
    by_phase: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    wall: dict[str, float] = defaultdict(float)
    python_busy: dict[str, float] = defaultdict(float)
    for (t0, a, label), (t1, b, _) in itertools.pairwise(samples):
        phase = re.sub(r" .*", "", label) + (" tasks" if " " in label else " no-tasks")
        dt = t1 - t0
        wall[phase] += dt
        for key in set(a) | set(b):
            part = "py_workers" if key.startswith("py_worker_") else key
            delta = b.get(key, 0.0) - a.get(key, 0.0)
            if key not in a and key.startswith("py_worker_"):
                delta = b[key]  # a worker forked in this interval
            by_phase[phase][part] += max(0.0, delta)
            if part in ("py_workers", "py_daemon"):
                python_busy[phase] += max(0.0, delta)
    phases_by_stage = _by_stage(samples)
    phases = {
        phase: {
            "wall": round(wall[phase], 1),
            "python_cores": round(python_busy[phase] / wall[phase], 2) if wall[phase] else 0,
            **{k: round(v, 1) for k, v in sorted(parts.items())},
        }
        for phase, parts in by_phase.items()
    }
    totals: dict[str, float] = defaultdict(float)
    for parts in by_phase.values():
        for key, value in parts.items():
            totals[key] += value
    return {
        "phases": phases,
        "stages": phases_by_stage,
        "totals": {k: round(v, 1) for k, v in sorted(totals.items())},
    }


def _by_stage(samples: list[tuple[float, dict[str, float], str]]) -> dict[str, dict[str, float]]:
    """JVM and Python CPU of each interval, shared among the stages running in it (the
    intervals with none under "between stages")."""
    stages: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for (_, a, label), (_, b, _) in itertools.pairwise(samples):
        phase, _, running = label.partition(" ")
        ids = [f"{phase} stage {r.split(':')[0]}" for r in running.split(",") if r]
        ids = ids or [f"{phase} between stages"]
        for key in set(a) | set(b):
            delta = b.get(key, 0.0) - (a.get(key, 0.0) if key in a else 0.0)
            part = "python" if key.startswith("py_") else key.split("_")[0]
            for stage in ids:
                stages[stage][part] += max(0.0, delta) / len(ids)
    return {s: {k: round(v, 2) for k, v in parts.items()} for s, parts in stages.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--timeline", action="store_true", help="print every sample")
    args = parser.parse_args()
    import newsgraph.spark.job as job

    records = sample_records(args.corpus, args.articles)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sample.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        load = os.getloadavg()[0]
        started = time.perf_counter()
        spark = job.spark_session(args.master, quiet=True)
        session = time.perf_counter() - started
        sampler = Sampler(spark)
        sampler.phase = "decode"
        sampler.start()
        started = time.perf_counter()
        original = job._table_stage

        def tables(*a: object, **k: object) -> None:
            sampler.phase = "tables"
            original(*a, **k)  # type: ignore[arg-type]
            sampler.phase = "end"

        job._table_stage = tables
        run = job.decode_to_lake(
            spark, [str(source)], str(Path(folder) / "lake"), partitions=args.partitions
        )
        seconds = time.perf_counter() - started
        time.sleep(INTERVAL * 2)
        sampler.stop.set()
        sampler.join()
        spark.stop()
    result = {
        "master": args.master,
        "articles": run.articles,
        "load_average": [round(load, 1), round(os.getloadavg()[0], 1)],
        "session_seconds": round(session, 1),
        "job_seconds": round(seconds, 1),
        **run.seconds,
        **summarize(sampler.samples),
        "stage_names": {str(k): v for k, v in sorted(sampler.stage_names.items())},
        # each worker as last seen: user and system CPU seconds, minor page faults (the
        # copy-on-write of pages shared with the daemon shows as faults and system time)
        "workers": {str(pid): list(detail) for pid, detail in sorted(WORKERS.items())},
    }
    if args.timeline:
        previous: dict[str, float] = {}
        for t, parts, label in sampler.samples:
            deltas = {k: round(v - previous.get(k, 0.0), 2) for k, v in parts.items()}
            busy = {k: v for k, v in deltas.items() if v > 0.02}
            print(f"{t - sampler.samples[0][0]:6.1f} {label:30} {busy}")
            previous = parts
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
