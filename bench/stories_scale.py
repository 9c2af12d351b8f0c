"""Benchmark: the cost of grouping a new article into stories with a large store behind it.

    python bench/stories_scale.py [--sizes 10000,100000,1000000] [--per-day 5000]
                                  [--measure 320] [--out bench/stories.json]

For each size N, a store of N already grouped synthetic articles is laid down directly
(replicated state: each article's story features, index rows, document frequencies, story
and links written in bulk, as the incremental grouping would have left them, without
comparing N articles one by one), at `--per-day` articles a day: a busy feed, so that a
week's window holds tens of thousands of candidates. Then `--measure` new articles of the
last days are saved through the real write path (`Store.save`: entities, events) and
grouped with `update_stories` in batches of 16, as the pipeline does; the time of each
`update_stories` call is what is measured (decoding and saving are not), and the median
and 90th percentile per article over the batches are reported.

Synthetic articles: each reports one development of a topic; a development has its own
rare words, actors and events, a topic its common ones, and every article draws general
words with a Zipf-like skew. Words are made of letters only (no digits: the grouping
ignores numbers), so the grouping's lemmatizer leaves them as they are.

The machine may be shared: the figures are medians, and only comparable with a run made
on the same machine under the same load.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import platform
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.model import Article, Entity, Event, EventActor  # noqa: E402
from newsgraph.store.sqlite import Store  # noqa: E402
from newsgraph.stories import GroupingSettings, update_stories  # noqa: E402
from newsgraph.stories.clusters import group_id  # noqa: E402
from newsgraph.stories.features import StoryFeatures  # noqa: E402
from newsgraph.stories.grouping import STORY_PREFIX  # noqa: E402
from newsgraph.stories.index import ALL_ARTICLES  # noqa: E402
from newsgraph.stories.stored import dump_features  # noqa: E402

START = date(2024, 1, 1)
TYPES = ["CONSULT", "AGREE", "ACCUSE", "THREATEN", "SANCTION", "ASSAULT", "PROTEST", "AID"]
SOURCES = [f"Outlet {chr(65 + i)}{chr(65 + j)}" for i in range(6) for j in range(6)]


def token(prefix: str, number: int) -> str:
    """A word of letters only: `prefix` then `number` in base 26."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = chr(97 + digit) + letters
        if number == 0:
            return prefix + letters


class Feed:
    """Developments grouped in topics, and the articles that report them."""

    def __init__(self, rng: random.Random, per_day: int) -> None:
        self.rng = rng
        self.per_day = per_day
        self.general = [token("g", i) for i in range(30_000)]
        weights = [1.0 / (i + 10) for i in range(len(self.general))]  # Zipf-like
        self.cumulative = list(itertools.accumulate(weights))
        self.pool = self.general_words(1_000_000)  # general words drawn once, sliced after
        self.topics = 400
        self._base: dict[int, dict[str, float]] = {}

    def development(self, number: int) -> dict[str, Any]:
        rng = random.Random(number)  # the same development whatever asks for it
        topic = number % self.topics
        return {
            "words": [token("d", number * 8 + i) for i in range(8)],
            "topic_words": [token("t", topic * 20 + rng.randrange(20)) for _ in range(6)],
            "actors": [f"kb:a{token('', rng.randrange(200_000))}" for _ in range(3)]
            + [f"kb:c{topic % 60}"],
            "type": TYPES[number % len(TYPES)],
            "place": token("p", number % 5_000),
        }

    def day_and_development(self, index: int) -> tuple[int, int]:
        """Article `index` of the feed: its day, and its development (about 4 reports each,
        told within two days)."""
        day = index // self.per_day
        return day, day * self.per_day // 4 + self.rng.randrange(self.per_day // 2)

    def general_words(self, count: int) -> list[str]:
        return self.rng.choices(self.general, cum_weights=self.cumulative, k=count)

    def features(self, number: int) -> StoryFeatures:
        """Story features as the grouping would compute them from an article of development
        `number`: the development's own terms (the same for all its reports) and a draw of
        general words, actors and quotation shingles of its own."""
        base = self._base.get(number)
        if base is None:
            if len(self._base) > 50_000:
                self._base.clear()
            base = self._base[number] = self._development_terms(self.development(number))
        rng = self.rng
        terms = dict(base)
        offset = rng.randrange(len(self.pool) - 60)
        for word in self.pool[offset : offset + 10]:
            terms["w:" + word] = terms.get("w:" + word, 0.0) + 1.0
        for word in self.pool[offset + 10 : offset + 60]:
            terms["b:" + word] = terms.get("b:" + word, 0.0) + 2.0
        for actor in rng.sample(range(200_000), 6):
            terms[f"a:kb:a{token('', actor)}"] = 1.0
        shingles = frozenset(f"q:{token('', rng.randrange(10**9))}" for _ in range(8))
        return StoryFeatures(terms, shingles)

    def _development_terms(self, development: dict[str, Any]) -> dict[str, float]:
        terms: Counter[str] = Counter()
        for word in development["words"][:4] + development["topic_words"][:2]:
            terms["t:" + word] += 1
            terms["w:" + word] += 2
        for word in development["words"] + development["topic_words"]:
            terms["w:" + word] += 1
            terms["b:" + word] += 3
        kept = {t: float(w) for t, w in terms.items()}
        for actor in development["actors"]:
            kept["a:" + actor] = 4.5
        for actor in development["actors"][:2]:
            kept[f"e:{development['type']}>{actor}"] = 2.0
        kept[f"e:{development['type']}<{development['actors'][3]}"] = 2.0
        kept["p:" + development["place"]] = 1.0
        return kept

    def article(self, article_id: str, day: int, development: dict[str, Any]) -> Article:
        """A new article as decoding would store it: text, entities with mentions, events."""
        rng = self.rng
        title = " ".join(
            rng.sample(development["words"], 3) + rng.sample(development["topic_words"], 2)
        )
        lead = " ".join(
            rng.sample(development["words"], 5)
            + development["topic_words"]
            + self.general_words(50)
        )
        body = " ".join(self.general_words(400) + development["words"])
        names = [f"Name {a[3:].title()}" for a in development["actors"]]
        text = f"{title}\n\n{' '.join(names)} {lead}\n\n{body}"
        entities = []
        for number, (actor, name) in enumerate(zip(development["actors"], names, strict=True)):
            start = text.find(name)
            entities.append(
                Entity(
                    f"e{number}", name, "PERSON", [(start, start + len(name))], canonical_id=actor
                )
            )
        sentence = (len(title) + 2, len(title) + 200)
        events = [
            Event(
                f"v{number}",
                development["type"],
                trigger=(sentence[0], sentence[0] + 4),
                sentence=sentence,
                source=[EventActor(names[3], "e3")],
                target=[EventActor(names[number], f"e{number}")],
            )
            for number in range(2)
        ]
        published = (START + timedelta(days=day)).isoformat()
        return Article(
            id=article_id,
            text=text,
            title=title,
            source=rng.choice(SOURCES),
            published=published,
            analyzed=True,
            entities=entities,
            events=events,
            content_hash=f"hash-{article_id}",
        )


def lay_down(store: Store, feed: Feed, size: int) -> None:
    """`size` grouped articles written in bulk, as the incremental grouping leaves them."""
    conn = store.conn
    conn.execute("DROP TRIGGER story_articles_df_insert")  # frequencies are counted here
    df: Counter[str] = Counter()
    members: dict[str, list[str]] = {}
    for start in range(0, size, 20_000):
        articles, grouped, index, links = [], [], [], []
        for i in range(start, min(size, start + 20_000)):
            day, number = feed.day_and_development(i)
            article_id = f"old{i}"
            features = feed.features(number)
            terms = [*features.terms, *features.shingles]
            df.update(terms)
            story = group_id(STORY_PREFIX, f"dev{number}")
            articles.append((article_id, (START + timedelta(days=day)).isoformat(), f"h{i}"))
            grouped.append((article_id, day, story, dump_features(features)))
            heaviest = sorted(features.terms, key=lambda t: (-features.terms[t], t))[:24]
            index += [(article_id, t, day) for t in [*heaviest, *features.shingles]]
            story_members = members.setdefault(story, [])
            links += [(article_id, o, 0.4) for o in story_members[-4:]]
            links += [(o, article_id, 0.4) for o in story_members[-4:]]
            story_members.append(article_id)
        with store.transaction():
            conn.executemany(
                "INSERT INTO articles (id, source, title, published, analyzed, text, content_hash)"
                " VALUES (?, 'Outlet AA', 'old', ?, 1, 'old', ?)",
                articles,
            )
            conn.executemany(
                "INSERT INTO story_articles (article_id, day, story_id, features)"
                " VALUES (?, ?, ?, ?)",
                grouped,
            )
            conn.executemany(
                "INSERT INTO story_terms (article_id, term, weight, day) VALUES (?, ?, 0, ?)", index
            )
            conn.executemany(
                "INSERT INTO story_links (article_id, other_id, similarity) VALUES (?, ?, ?)", links
            )
    df[ALL_ARTICLES] = size
    with store.transaction():
        conn.executemany("INSERT INTO story_term_df (term, df) VALUES (?, ?)", df.items())
        conn.executemany(
            "INSERT INTO stories (id, title, articles, sources) VALUES (?, 'old', ?, 1)",
            [(story, len(ids)) for story, ids in members.items()],
        )
    conn.execute(_migration_trigger())  # new articles count their terms again


def _migration_trigger() -> str:
    text = (ROOT / "newsgraph/store/migrations/0008_story_features.sql").read_text()
    start = text.index("CREATE TRIGGER story_articles_df_insert")
    return text[start : text.index("END;", start) + 4]


def measure(
    store: Store, feed: Feed, size: int, count: int, batch: int
) -> tuple[list[float], list[float]]:
    """Save `count` new articles of the feed's next days and group them; the grouping time
    per article of each batch (ms), wall-clock and CPU."""
    per_article, cpu = [], []
    for start in range(0, count, batch):
        articles = []
        for i in range(start, min(count, start + batch)):
            day, number = feed.day_and_development(size + i)
            articles.append(feed.article(f"new{size}-{i}", day, feed.development(number)))
        with store.transaction():
            for article in articles:
                store.save(article)
            started, started_cpu = time.perf_counter(), time.process_time()
            update_stories(store, [a.id for a in articles], GroupingSettings())
            per_article.append(1000 * (time.perf_counter() - started) / len(articles))
            cpu.append(1000 * (time.process_time() - started_cpu) / len(articles))
    return per_article, cpu


def run(size: int, args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    feed = Feed(random.Random(args.seed), args.per_day)
    path = folder / f"stories-{size}.db"
    started = time.perf_counter()
    with Store(path) as store:
        lay_down(store, feed, size)
        built = time.perf_counter() - started
        timings, cpu = measure(store, feed, size, args.measure, 16)
        grouped = store.conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
    steady, steady_cpu = timings[2:] or timings, cpu[2:] or cpu  # the first batches warm up
    result = {
        "articles_in_store": size,
        "grouped_after": grouped,
        "per_day": args.per_day,
        "new_articles": args.measure,
        "ms_per_article_median": round(statistics.median(steady), 2),
        "ms_per_article_p90": round(sorted(steady)[math.ceil(0.9 * len(steady)) - 1], 2),
        "cpu_ms_per_article_median": round(statistics.median(steady_cpu), 2),
        "store_mb": round(path.stat().st_size / 2**20, 1),
        "build_seconds": round(built, 1),
    }
    print(json.dumps(result), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--per-day", type=int, default=5000)
    parser.add_argument("--measure", type=int, default=320)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="keep the stores here (default: a temp dir)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "stories.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = [run(int(size), args, folder) for size in args.sizes.split(",")]
    report = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "note": "medians over batches of 16; the machine may have been shared",
        "results": results,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
