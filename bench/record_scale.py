"""Benchmark: the record's queries on a large synthetic store.

    python bench/record_scale.py [--events 1000000] [--actors 200000] [--out bench/scale.json]

Builds a store of synthetic articles through the real write path (`Store.save`: actors made
canonical, quotes, events and their actors, full-text indexes), `--events-per-article`
events each, actors drawn with a Zipf-like skew (a few actors are in very many events, as
in news), dates over ten years. Reports insert throughput, store size per million events,
and the latency of the actor profile and dyad queries (median and worst of --repeat runs)
for the most active actor, a median actor, a country-level dyad and a person-level dyad.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.model import Article, Entity, Event, EventActor, Quote, Speaker  # noqa: E402
from newsgraph.store.profiles import actor_profile, relations_between, timeline  # noqa: E402
from newsgraph.store.sqlite import Store  # noqa: E402

COUNTRIES = ["CHN", "KAZ", "RUS", "USA", "DEU", "FRA", "GBR", "IND", "JPN", "TUR", "IRN", "UKR"]
SECTORS = ["GOV", "MIL", "BUS", "OPP", "MED", "CVL"]
TYPES = [
    ("CONSULT", "040", 1, 1.0),
    ("AGREE", "057", 1, 8.0),
    ("COOPERATE", "061", 2, 6.4),
    ("AID", "070", 2, 7.0),
    ("ACCUSE", "112", 3, -2.0),
    ("REJECT", "120", 3, -4.0),
    ("THREATEN", "130", 3, -4.4),
    ("SANCTION", "163", 4, -8.0),
    ("ASSAULT", "190", 4, -10.0),
]


class Population:
    """Synthetic actors: the first len(COUNTRIES) are the countries themselves; the rest are
    people with a country and sector, drawn with a heavy-tailed skew."""

    def __init__(self, size: int, rng: random.Random) -> None:
        self.rng = rng
        self.actors: list[tuple[str, str, str, str]] = []  # name, type, country, code
        for country in COUNTRIES:
            self.actors.append((f"Country {country}", "GPE", country, country))
        for i in range(size - len(COUNTRIES)):
            country = COUNTRIES[i % len(COUNTRIES)]
            sector = SECTORS[(i // len(COUNTRIES)) % len(SECTORS)]
            self.actors.append(
                (f"Person{i:06d} Surname{i:06d}", "PERSON", country, country + sector)
            )
        # Zipf-like: weight 1/(rank+1); cumulative weights for fast sampling.
        weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(self.actors))]
        total, cumulative = 0.0, []
        for weight in weights:
            total += weight
            cumulative.append(total)
        self.cumulative = cumulative

    def draw(self) -> int:
        return self.rng.choices(range(len(self.actors)), cum_weights=self.cumulative)[0]


def synthetic_article(
    index: int, population: Population, events: int, rng: random.Random
) -> Article:
    day = f"{2015 + index % 10}-{1 + index % 12:02d}-{1 + index % 28:02d}"
    pairs = []
    for _ in range(events):
        source, target = population.draw(), population.draw()
        while target == source:
            target = population.draw()
        pairs.append((source, target))
    used = sorted({a for pair in pairs for a in pair})
    sentences, entities, entity_ids = [], [], {}
    text = ""
    for n, actor in enumerate(used):
        name, type_, country, code = population.actors[actor]
        start = len(text)
        text += f"{name} was mentioned. "
        entity_ids[actor] = f"e{n + 1}"
        entities.append(
            Entity(f"e{n + 1}", name, type_, [(start, start + len(name))], country=country,
                   sector=None if type_ == "GPE" else code[3:], code=code)
        )  # fmt: skip
    article_events = []
    for n, (source, target) in enumerate(pairs):
        type_, cameo, quad, goldstein = TYPES[rng.randrange(len(TYPES))]
        source_name, _, _, source_code = population.actors[source]
        target_name, _, _, target_code = population.actors[target]
        start = len(text)
        text += f"{source_name} acted towards {target_name}. "
        trigger = (start + len(source_name) + 1, start + len(source_name) + 6)
        sentences.append((start, len(text) - 1))
        article_events.append(
            Event(
                f"e{n + 1}", type_, trigger, (start, len(text) - 1),
                source=[EventActor(source_name, entity_ids[source], source_code)],
                target=[EventActor(target_name, entity_ids[target], target_code)],
                cameo=cameo, quad_class=quad, goldstein=goldstein, date=day,
                date_source="published", modality="asserted" if rng.random() > 0.1 else "negated",
            )
        )  # fmt: skip
    quote_start = len(text)
    text += "We will talk, said the speaker."
    speaker = population.actors[used[0]]
    quote = Quote(
        "q1", "We will talk", [(quote_start, quote_start + 12)], "indirect",
        Speaker(speaker[0], entity_ids[used[0]], None, None, speaker[3]), None, 0.0,
    )  # fmt: skip
    return Article(
        id=f"art{index:07d}", text=text, source=f"Outlet {index % 60}", title=f"Story {index}",
        published=day, language="en", analyzed=True, sentences=sentences, entities=entities,
        quotes=[quote], events=article_events, content_hash=f"hash{index}",
    )  # fmt: skip


def build(path: Path, events: int, actors: int, per_article: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    population = Population(actors, rng)
    articles = events // per_article
    started, cpu_started = time.perf_counter(), time.process_time()
    with Store(path) as store:
        for first in range(0, articles, 1000):
            with store.transaction():
                for index in range(first, min(first + 1000, articles)):
                    store.save(synthetic_article(index, population, per_article, rng))
            if first % 20000 == 0:
                print(f"  {first:,} articles", file=sys.stderr, flush=True)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.conn.execute("ANALYZE")
        counts = {
            table: store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "events", "event_actors", "actors", "entities", "quotes")
        }
    size = path.stat().st_size
    return {
        **{f"rows_{k}": float(v) for k, v in counts.items()},
        "build_seconds": round(seconds, 1),
        # CPU (this process: making the synthetic articles too) is steadier than wall time
        # on a shared machine.
        "build_cpu_seconds": round(cpu, 1),
        "cpu_seconds_per_1000_articles": round(cpu / counts["articles"] * 1000, 2),
        "articles_per_second": round(counts["articles"] / seconds, 1),
        "events_per_second": round(counts["events"] / seconds, 1),
        "store_mb": round(size / 2**20, 1),
        "store_mb_per_million_events": round(size / 2**20 / (counts["events"] / 1e6), 1),
    }


def latency(action: Callable[[], object], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def measure(path: Path, repeat: int) -> dict[str, dict[str, float]]:
    with Store(path) as store:
        busiest = store.conn.execute(
            "SELECT canonical_id, COUNT(*) FROM event_actors WHERE canonical_id IS NOT NULL"
            " AND code NOT IN (" + ",".join(f"'{c}'" for c in COUNTRIES) + ")"
            " GROUP BY canonical_id ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
        # A median actor: the middle of the actors that are in any event.
        median = store.conn.execute(
            "SELECT canonical_id FROM (SELECT canonical_id, COUNT(*) AS n FROM event_actors"
            " WHERE canonical_id IS NOT NULL GROUP BY canonical_id ORDER BY n)"
            " LIMIT 1 OFFSET (SELECT COUNT(DISTINCT canonical_id) FROM event_actors) / 2"
        ).fetchone()[0]
        pair = store.conn.execute(
            "SELECT x.canonical_id, y.canonical_id FROM event_actors x JOIN event_actors y"
            " ON y.article_id = x.article_id AND y.event_id = x.event_id AND y.side = 'target'"
            " WHERE x.side = 'source' AND x.canonical_id = ? LIMIT 1",
            (busiest[0],),
        ).fetchone()
        results = {
            "profile_busiest_person": latency(lambda: actor_profile(store, busiest[0]), repeat),
            "profile_median_actor": latency(lambda: actor_profile(store, median), repeat),
            "profile_country_code_prefix": latency(lambda: actor_profile(store, "KAZ"), repeat),
            "dyad_countries_CHN_KAZ": latency(
                lambda: relations_between(store, "CHN", "KAZ"), repeat
            ),
            "dyad_busiest_person_pair": latency(
                lambda: relations_between(store, pair[0], pair[1]), repeat
            ),
            "timeline_country_by_month": latency(lambda: timeline(store, actor="KAZ"), repeat),
        }
        results["busiest_person_events"] = {"events": float(busiest[1])}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=200_000)
    parser.add_argument("--events-per-article", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temp dir)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "scale.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "scale.db"
        if path.exists():
            sys.exit(f"{path} exists: give a new path")
        print(f"building {args.events:,} events, {args.actors:,} actors ...", file=sys.stderr)
        built = build(path, args.events, args.actors, args.events_per_article, args.seed)
        queries = measure(path, args.repeat)
    report = {
        "events_requested": args.events,
        "actors_requested": args.actors,
        "events_per_article": args.events_per_article,
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "build": built,
        "queries": queries,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
