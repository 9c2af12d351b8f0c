"""Benchmark: how long the `newsgraph` command takes to start and answer.

    python bench/startup.py [--db /tmp/demo.db] [--repeat 11] [--out bench/startup.json]

Decodes samples/ into a temporary store (the demo store) unless --db names one, then runs
each command as a user does (a new process of the installed `newsgraph` script, output
to a pipe) --repeat times after one warm-up run, and reports the median and the fastest
wall time and the median CPU time of the process. Targets: `--version` and `--help` within
0.3 s, `stats` on the demo store within 0.6 s. On a busy machine the wall time grows with
the load while the CPU time does not: both are reported, with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"--version": 0.3, "--help": 0.3, "stats": 0.6}


def commands(db: str) -> dict[str, list[str]]:
    return {
        "--version": ["--version"],
        "--help": ["--help"],
        "stats": ["stats", "--db", db],
        "actors": ["actors", "--db", db],
        "events": ["events", "--db", db],
        "quotes": ["quotes", "--db", db],
        "actor Putin": ["actor", "Putin", "--db", db],
        "search Putin": ["search", "Putin", "--db", db],
        "stories": ["stories", "--db", db],
        "reprocess --id nope": ["reprocess", "--id", "nope", "--db", db],
    }


def measure(executable: str, args: list[str], repeat: int) -> dict[str, Any]:
    walls: list[float] = []
    cpus: list[float] = []
    code = 0
    for run in range(repeat + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([executable, *args], capture_output=True, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        code = done.returncode
        if run:  # the first run warms the file system cache
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {
        "exit_code": code,
        "wall_median_s": round(statistics.median(walls), 3),
        "wall_min_s": round(min(walls), 3),
        "cpu_median_s": round(statistics.median(cpus), 3),
    }


def demo_store(folder: Path, executable: str) -> str:
    db = folder / "demo.db"
    subprocess.run(
        [executable, "decode", str(ROOT / "samples"), "--db", str(db), "--quiet"], check=True
    )
    return str(db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: samples/ decoded anew)")
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "startup.json")
    options = parser.parse_args()
    executable = shutil.which("newsgraph", path=str(Path(sys.executable).parent))
    if executable is None:
        sys.exit("no `newsgraph` script next to this Python: run `make install` first")
    with tempfile.TemporaryDirectory() as folder:
        db = options.db or demo_store(Path(folder), executable)
        load_before = os.getloadavg()[0]
        results = {
            name: measure(executable, args, options.repeat) for name, args in commands(db).items()
        }
        load_after = os.getloadavg()[0]
    for name, result in results.items():
        target = TARGETS.get(name)
        result["target_s"] = target
        met = "" if target is None else ("  ok" if result["wall_median_s"] <= target else "  OVER")
        print(
            f"{name:22} wall median {result['wall_median_s']:.3f} s (fastest "
            f"{result['wall_min_s']:.3f}), cpu {result['cpu_median_s']:.3f} s{met}"
        )
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "repeat": options.repeat,
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
        "commands": results,
    }
    options.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"load average {load_before:.2f} → {load_after:.2f}; written to {options.out}")


if __name__ == "__main__":
    main()
