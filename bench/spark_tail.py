"""Benchmark: how much the decode stage's last tasks cost on two cores, in CPU seconds.

    python bench/spark_tail.py [--articles 200] [--partitions 8 16 32] [--times FILE]

Wall clock on a shared machine says nothing about scaling; this measures what a load
average moves little. It decodes the sample of bench/spark_speed.py one document at a
time in this process (the model loaded once, beforehand) and takes each document's CPU
seconds (`time.process_time`); --times keeps them in FILE and reads them from there on the
next run. It then deals the documents to the partitions as `spark decode` does
(round-robin by record number: `executor.slot`) and, for comparison, balanced by text
length (longest first to the least loaded partition), sums each partition's CPU seconds
and schedules the tasks on two cores in partition order, as Spark's local scheduler
launches them (each core takes the next task when it is free). The makespan beyond half
the total is what the tail costs; the speedup is total / makespan (at most 2).
"""

from __future__ import annotations

import argparse
import heapq
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from decode_speed import CORPUS, sample_records  # noqa: E402

from newsgraph.ingest.reader import InputOptions, read_bytes  # noqa: E402
from newsgraph.model import RawDocument  # noqa: E402


def document_times(articles: int) -> list[dict[str, float]]:
    """Each document's decode CPU seconds and text length, in input order."""
    from newsgraph.decoder import Decoder

    records = sample_records(CORPUS, articles)
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    documents = [d for d in read_bytes(data, "sample.jsonl", InputOptions())]
    decoder = Decoder()
    decoder.decode_batch([documents[0]])  # the model and every table loaded first
    times = []
    for document in documents:
        assert isinstance(document, RawDocument)
        started = time.process_time()
        decoder.decode_batch([document])
        chars = len(document.text or document.html or "")
        times.append({"cpu": time.process_time() - started, "chars": chars})
    return times


def makespan(loads: list[float], cores: int = 2) -> float:
    free = [0.0] * cores
    for load in loads:
        heapq.heappush(free, heapq.heappop(free) + load)
    return max(free)


def balanced(chars: list[float], partitions: int) -> list[int]:
    loads = [(0.0, p) for p in range(partitions)]
    target = [0] * len(chars)
    for i in sorted(range(len(chars)), key=lambda i: (-chars[i], i)):
        load, p = heapq.heappop(loads)
        target[i] = p
        heapq.heappush(loads, (load + chars[i], p))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--partitions", type=int, nargs="+", default=[8, 16, 32])
    parser.add_argument("--times", type=Path, help="per-document CPU seconds, kept here")
    args = parser.parse_args()
    if args.times and args.times.exists():
        times = json.loads(args.times.read_text(encoding="utf-8"))
    else:
        times = document_times(args.articles)
        if args.times:
            args.times.write_text(json.dumps(times), encoding="utf-8")
    cpu = [t["cpu"] for t in times]
    total = sum(cpu)
    results: dict[str, object] = {"documents": len(cpu), "cpu_seconds": round(total, 1)}
    for partitions in args.partitions:
        for name, target in (
            ("round_robin", [i % partitions for i in range(len(cpu))]),
            ("by_length", balanced([t["chars"] for t in times], partitions)),
        ):
            loads = [0.0] * partitions
            for i, p in enumerate(target):
                loads[p] += cpu[i]
            span = makespan(loads)
            results[f"{partitions}_{name}"] = {
                "task_seconds": [round(min(loads), 2), round(max(loads), 2)],
                "makespan": round(span, 1),
                "tail": round(span - total / 2, 1),
                "speedup": round(total / span, 3),
            }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
