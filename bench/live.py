"""Benchmark of live news in: WARC records through extraction, memory on a large WARC, and
what a watch cycle over unchanged sources costs on the wire.

    python bench/live.py [--repeat 3] [--big-mb 256] [--out bench/live.json]

1. WARC speed. A WARC (gzip) is written at bench time from the Article Extraction
   Benchmark's pages in ../shared/data/extraction/aeb (each page a response record with its
   request record, as crawlers write them), and timed, alternating, in one process:
     bare      FastWARC's ArchiveIterator over the response records + trafilatura.extract
     newsgraph read_warc (every record, typed, the others counted) + build_article, the
               extraction `decode` does before analysis (no spaCy)
   and the WARC layer alone: bare iteration reading payloads against read_warc.
   Figures are records per second, best of --repeat, and the ratio newsgraph / bare.
2. Memory. A WARC of --big-mb MB (the same pages over and over) is read by read_warc in a
   child process; its peak resident memory is reported next to the file's size.
3. Watch cycle. 20 feeds of 10 summary-only entries each on a server on 127.0.0.1: the
   first cycle fetches every feed and page; the second, nothing having changed, should
   cost one conditional request per feed and no page. Requests and bytes of each cycle.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fastwarc import ArchiveIterator, GzipWriter, WarcRecord, WarcRecordType  # noqa: E402

AEB = ROOT.parent / "shared" / "data" / "extraction" / "aeb" / "html"


def warc_record(kind: WarcRecordType, uri: str, block: bytes) -> WarcRecord:
    record = WarcRecord()
    record.init_headers(kind)
    record.headers["WARC-Target-URI"] = uri
    record.set_bytes_content(block)
    record.is_http = True
    return record


def write_warc(path: Path, pages: list[bytes], rounds: int = 1) -> int:
    """`pages` as response records (each after its request record); records written."""
    written = 0
    with open(path, "wb") as handle:
        writer = GzipWriter(handle)
        for round_ in range(rounds):
            for number, html in enumerate(pages):
                uri = f"https://outlet{number % 17}.example/{round_}/{number}.html"
                request = b"GET / HTTP/1.1\r\nHost: outlet.example\r\n\r\n"
                head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                warc_record(WarcRecordType.request, uri, request).write(writer)
                warc_record(WarcRecordType.response, uri, head + html).write(writer)
                written += 2
        writer.close()
    return written


def bare(path: Path) -> int:
    import trafilatura

    count = 0
    for record in ArchiveIterator(str(path), record_types=WarcRecordType.response):
        trafilatura.extract(record.reader.read())
        count += 1
    return count


def ours(path: Path) -> int:
    from newsgraph.decoder import note_patterns_for
    from newsgraph.errors import InputError
    from newsgraph.extract.article import build_article
    from newsgraph.ingest.warc import read_warc
    from newsgraph.model import RawDocument

    patterns = note_patterns_for(__import__("newsgraph").Config())
    count = 0
    for item in read_warc(str(path)):
        if isinstance(item, RawDocument):
            with suppress(InputError):  # a page without article text: still extracted
                build_article(item, patterns)
            count += 1
    return count


def bare_iteration(path: Path) -> int:
    count = 0
    for record in ArchiveIterator(str(path)):
        record.reader.read()
        count += 1
    return count


def our_iteration(path: Path) -> int:
    from newsgraph.ingest.warc import read_warc

    return sum(1 for _ in read_warc(str(path)))


def best_of(repeat: int, runs: dict[str, Callable[[], int]]) -> dict[str, dict[str, float]]:
    """Each run `repeat` times, alternating; the fastest time of each and its count."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    counts: dict[str, int] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            counts[name] = run()
            times[name].append(time.perf_counter() - start)
    return {
        name: {"records": counts[name], "seconds": round(min(t), 3),
               "records_per_second": round(counts[name] / min(t), 1)}
        for name, t in times.items()
    }  # fmt: skip


def warc_speed(folder: Path, repeat: int) -> dict[str, object]:
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(AEB.glob("*.html.gz"))]
    path = folder / "aeb.warc.gz"
    records = write_warc(path, pages)
    ours(path), bare(path)  # warm-up: imports, trafilatura's first-call costs
    extraction = best_of(repeat, {"bare": lambda: bare(path), "newsgraph": lambda: ours(path)})
    layer = best_of(
        repeat, {"bare": lambda: bare_iteration(path), "newsgraph": lambda: our_iteration(path)}
    )
    return {
        "pages": len(pages),
        "records_in_file": records,
        "file_bytes": path.stat().st_size,
        "extraction": extraction,
        "extraction_ratio": round(
            extraction["newsgraph"]["seconds"] / extraction["bare"]["seconds"], 3
        ),
        "iteration": layer,
        "iteration_ratio": round(layer["newsgraph"]["seconds"] / layer["bare"]["seconds"], 3),
    }


_PEAK = """
import resource, sys
from newsgraph.ingest.warc import read_warc
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
records = sum(1 for _ in read_warc(sys.argv[1]))
print(records, start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def warc_memory(folder: Path, megabytes: int) -> dict[str, object]:
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(AEB.glob("*.html.gz"))]
    per_round = sum(len(p) for p in pages)
    rounds = max(1, megabytes * 1024 * 1024 // per_round)
    path = folder / "big.warc.gz"
    write_warc(path, pages, rounds)
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True
    ).stdout.split()
    records, start_kb, peak_kb = (int(v) for v in out)
    return {
        "payload_megabytes": round(rounds * per_round / 1024 / 1024),
        "file_megabytes": round(path.stat().st_size / 1024 / 1024, 1),
        "records": records,
        "rss_after_imports_mb": round(start_kb / 1024),
        "peak_rss_mb": round(peak_kb / 1024),
    }


def watch_cycles(folder: Path, feeds: int = 20, entries: int = 10) -> dict[str, object]:
    from web_server import OTHER_STORY, STORY, allow_robots, page, rss, running_server

    from newsgraph.config import Config
    from newsgraph.store.sqlite import Store
    from newsgraph.watch import Listed, Poller

    config = Config(
        model="blank:en", components=(), host_delay=0.0, allowed_networks=("127.0.0.1/32",)
    )
    cycles = []
    with running_server() as server, Store(folder / "watch.db") as store:
        allow_robots(server)
        for f in range(feeds):
            items = []
            for e in range(entries):
                path = f"/{f}/{e}"
                text = [f"Report {f}-{e}. {STORY[e % 3]}", *OTHER_STORY]
                server.expect_request(path).respond_with_data(page(f"Story {f}-{e}", text))
                items.append({"title": f"S{f}-{e}", "link": server.url_for(path), "summary": "T."})
            etag = f'"feed-{f}"'
            feed_path = f"/feed/{f}.xml"
            server.expect_request(feed_path, headers={"If-None-Match": etag}).respond_with_data(
                "", 304
            )
            server.expect_request(feed_path).respond_with_data(
                rss(items), content_type="application/rss+xml", headers={"ETag": etag}
            )
        now = [time.time()]
        poller = Poller(store, config, 900, clock=lambda: now[0])
        urls = poller.add([Listed(server.url_for(f"/feed/{f}.xml")) for f in range(feeds)])
        for _ in range(2):
            server.clear_log()
            cycle = poller.cycle(urls)
            pages = sum(1 for request, _ in server.log if not request.path.startswith("/feed/"))
            cycles.append({"sources": len(cycle.polls), "requests": cycle.requests,
                           "bytes_received": cycle.bytes_received, "pages_requested": pages,
                           "articles": cycle.articles,
                           "outcomes": sorted({p.outcome for p in cycle.polls})})  # fmt: skip
            now[0] += 900
        poller.close()
    return {"feeds": feeds, "entries_per_feed": entries, "cycles": cycles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big-mb", type=int, default=256)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "live.json")
    args = parser.parse_args()
    if not AEB.is_dir():
        sys.exit(f"pages not found: {AEB} (they live in ../shared/data)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = {
            "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
            "warc_speed": warc_speed(folder, args.repeat),
            "warc_memory": warc_memory(folder, args.big_mb),
            "watch": watch_cycles(folder),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
