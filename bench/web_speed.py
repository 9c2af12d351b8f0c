"""Benchmark: every page and API route of the web explorer on a store of 100k articles.

    python bench/web_speed.py [--db /tmp/web100k.db] [--repeat 5] [--out bench/web.json]

Builds the synthetic store of bench/record_scale.py (1,000,000 events in 100,000 articles,
200,000 actors; about 15 minutes) unless --db names an existing one, then requests each
route in-process (the ASGI app through its test client: routing, queries, templates and
JSON, without network noise) --repeat times after one warm-up request, and reports the
median and worst latency. The target is under 300 ms for every route.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from record_scale import build  # noqa: E402

from newsgraph.store.sqlite import Store  # noqa: E402
from newsgraph.web import create_app  # noqa: E402

TARGET_MS = 300.0


def subjects(db: Path) -> dict[str, str]:
    """Realistic arguments from the store: the busiest and a median actor, a partner of the
    busiest, an article, a story, an outlet."""
    with Store(db, readonly=True) as store:
        conn = store.conn
        busiest = conn.execute(
            "SELECT canonical_id FROM event_actors WHERE canonical_id IS NOT NULL"
            " AND code IS NOT NULL AND length(code) > 3"
            " GROUP BY canonical_id ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()[0]
        median = conn.execute(
            "SELECT canonical_id FROM actors WHERE type = 'PERSON' ORDER BY canonical_id"
            " LIMIT 1 OFFSET (SELECT COUNT(*) FROM actors) / 2"
        ).fetchone()[0]
        partner = conn.execute(
            "SELECT target_canonical_id FROM event_dyads WHERE source_canonical_id = ?"
            " AND target_canonical_id IS NOT NULL LIMIT 1",
            (busiest,),
        ).fetchone()[0]
        name = conn.execute("SELECT name FROM actors WHERE canonical_id = ?", (median,)).fetchone()
        article = conn.execute(
            "SELECT id, source FROM articles LIMIT 1 OFFSET (SELECT COUNT(*) FROM articles) / 2"
        ).fetchone()
        story = conn.execute("SELECT id FROM stories LIMIT 1").fetchone()
    return {
        "busiest": quote(busiest, safe=""),
        "median": quote(median, safe=""),
        "partner": quote(partner, safe=""),
        "surname": name[0].split()[-1],
        "article": quote(article[0], safe=""),
        "source": quote(article[1] or "", safe=""),
        "story": story[0] if story else "none",
    }


def routes(s: dict[str, str]) -> list[str]:
    pages = [
        "/",
        f"/search?q={s['surname']}",
        "/search?q=talk",
        "/articles",
        "/articles?offset=5000",
        f"/articles?actor={s['busiest']}",
        f"/articles?actor={s['median']}",
        f"/articles?source={s['source']}",
        "/articles?since=2019-03&until=2019-04",
        f"/articles/{s['article']}",
        "/actors",
        f"/actors?q={s['surname']}",
        "/actors?q=Person00",
        f"/actors/{s['busiest']}",
        f"/actors/{s['median']}",
        "/actors/KAZ",
        "/events",
        "/events?actor=KAZ",
        f"/events?actor={s['surname']}",
        "/events?type=ASSAULT&since=2018&until=2018",
        "/stories",
        f"/stories/{s['story']}",
        "/network",
        "/network?actor=KAZ",
        f"/network?actor={s['busiest']}",
        "/network?since=2018&until=2018&type=CONSULT",
        "/map",
        "/relations?a=CHN&b=KAZ",
        f"/relations?a={s['busiest']}&b={s['partner']}",
    ]
    api = [
        "/api/summary",
        "/api/articles?limit=50",
        "/api/articles?offset=10000",
        f"/api/articles?actor={s['busiest']}",
        f"/api/articles/{s['article']}",
        f"/api/actors?q={s['surname']}",
        f"/api/actors/{s['busiest']}",
        "/api/actors/KAZ",
        "/api/timeline",
        "/api/timeline?actor=KAZ",
        f"/api/timeline?actor={s['busiest']}&by=day",
        "/api/relations?a=CHN&b=KAZ",
        f"/api/quotes?speaker={s['surname']}",
        "/api/quotes?q=talk",
        "/api/quotes?speaker=KAZ",
        f"/api/events?actor={s['busiest']}",
        "/api/events?type=SANCTION",
        "/api/events?offset=10000",
        "/api/events?actor=KAZ&modality=negated",
        f"/api/search?q={s['surname']}",
        "/api/search?q=talk",
        "/api/search?q=talk&since=2020",
        "/api/network",
        "/api/network?edges=500",
        "/api/map",
        "/api/stories",
        "/openapi.json",
    ]
    return pages + api


def measure(client: Any, url: str, repeat: int) -> dict[str, float]:
    status = client.get(url).status_code  # warm-up: page cache, template compilation
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "status": status,
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/web100k.db"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "web.json")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"building {args.db} (100k articles, 1M events) ...", file=sys.stderr)
        build(args.db, events=1_000_000, actors=200_000, per_article=10, seed=7)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's test client: a future HTTP library
        from fastapi.testclient import TestClient
    client = TestClient(create_app(args.db))
    with Store(args.db, readonly=True) as store:
        articles = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    results = {url: measure(client, url, args.repeat) for url in routes(subjects(args.db))}
    slow = sorted(url for url, r in results.items() if r["max_ms"] >= TARGET_MS)
    report = {
        "articles": articles,
        "repeat": args.repeat,
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "target_ms": TARGET_MS,
        "worst_median_ms": max(r["median_ms"] for r in results.values()),
        "worst_max_ms": max(r["max_ms"] for r in results.values()),
        "over_target": slow,
        "routes": results,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    for url, r in results.items():
        flag = "  SLOW" if url in slow else ""
        print(f"{r['median_ms']:8.1f} {r['max_ms']:8.1f}  {r['status']}  {url}{flag}")
    print(f"{len(results)} routes on {articles:,} articles; over {TARGET_MS:.0f} ms: {len(slow)}")


if __name__ == "__main__":
    main()
