"""A fast tuning loop for the story grouping, on the tuning set only (``tuning_all``).

eval/stories.py groups every set in both date modes, in several orders, and merges events:
some twenty minutes on a loaded machine. Choosing a setting needs only the tuning set's
publication-order grouping (and its triplets) in both date modes. This script reads each
article's inputs to the story features (title, text, entities, events, quote speakers,
day) from the decoded stores once, then groups from scratch with the package's own code
(:func:`newsgraph.stories.grouping.group_articles`, the features computed from the
in-memory inputs by the current :func:`~newsgraph.stories.features.story_features`), for
each setting asked for, and prints B-cubed and pairwise F1.

It reads the stores eval/stories.py caches (every labelled article decoded: a store of the
tuning articles alone merges actors differently and scores a point apart), so its figures
are eval/stories.py's publication-order ones for ``tuning_all`` (week, defaults: pairwise
0.3149 here, 0.315 there); about 25 s of CPU for one setting in both modes. It does not
score the ``tuning`` window alone, which has floors of its own: confirm a choice with
eval/stories.py.

Reads the tuning set only: the check sets are never used to choose anything.

Usage: python eval/stories_tune.py [--corpus PATH] [--modes real,week] [--batch-size N]
                                   [--set KEY=VALUE ...]...
Each ``--set`` is one setting to score (several KEY=VALUE, comma-separated, in one):
``threshold``, ``window_days``, ``link_floor``, a SimilaritySettings field
(``near_bonus``...), ``w.CHANNEL`` for a channel weight (``w.e=0.1``), or ``c.PREFIX`` to
put a term prefix in another channel (``c.d=d``: the days named, a channel of their own).
No ``--set`` scores the defaults.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
for path in (REPO_ROOT, REPO_ROOT / "eval"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from stories_data import (  # noqa: E402
    COMPONENTS,
    DEFAULT_CORPUS,
    GOLD_FILES,
    SETS,
    decoded_store,
    load_gold,
    load_records,
)
from stories_scores import Clustering, bcubed, pairwise, triplets  # noqa: E402

from newsgraph.store.annotations import load_events  # noqa: E402
from newsgraph.store.sqlite import Store  # noqa: E402
from newsgraph.stories import clear_stories  # noqa: E402
from newsgraph.stories import grouping as grouping_module  # noqa: E402
from newsgraph.stories import similarity as similarity_module  # noqa: E402
from newsgraph.stories.features import StoryFeatures, article_day, story_features  # noqa: E402
from newsgraph.stories.grouping import GroupingSettings, StoryUpdate  # noqa: E402
from newsgraph.stories.prepared import PreparedVectors  # noqa: E402
from newsgraph.stories.queries import article_story  # noqa: E402
from newsgraph.stories.stored import _entities  # noqa: E402

TUNING = "tuning_all"  # the only set read here
DEFAULT_PREFIXES = dict(similarity_module.CHANNELS)
Inputs = dict[str, Any]  # story_features' keyword arguments and the day


def read_inputs(conn: sqlite3.Connection, ids: list[str]) -> dict[str, Inputs]:
    """Each article's inputs to its story features, as stored."""
    found: dict[str, Inputs] = {}
    for article_id in ids:
        row = conn.execute(
            "SELECT title, text, source, url, published, decoded_at FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            continue
        speakers = [
            str(r[0])
            for r in conn.execute(
                "SELECT speaker_entity FROM quotes WHERE article_id = ?"
                " AND speaker_entity IS NOT NULL",
                (article_id,),
            )
        ]
        found[article_id] = {
            "title": row["title"],
            "text": row["text"],
            "source": row["source"],
            "url": row["url"],
            "entities": _entities(conn, article_id),
            "events": load_events(conn, article_id),
            "speakers": speakers,
            "day": article_day(row["published"], row["decoded_at"]),
            "published": row["published"] or "",
        }
    return found


def features_from(
    inputs: dict[str, Inputs],
) -> Callable[[sqlite3.Connection, str], tuple[StoryFeatures, int] | None]:
    """A stand-in for stored_features reading the in-memory inputs (features computed by
    the current code, once per article)."""
    cache: dict[str, tuple[StoryFeatures, int]] = {}

    def stored(conn: sqlite3.Connection, article_id: str) -> tuple[StoryFeatures, int] | None:
        if article_id not in inputs:
            return None
        if article_id not in cache:
            i = inputs[article_id]
            cache[article_id] = (
                story_features(
                    i["title"],
                    i["text"],
                    i["source"],
                    i["url"],
                    i["entities"],
                    i["events"],
                    i["speakers"],
                ),
                int(i["day"]),
            )
        return cache[article_id]

    return stored


def parse_setting(text: str) -> GroupingSettings:
    """The settings of one ``--set`` (channel moves applied to the similarity module)."""
    similarity_module.CHANNELS.clear()
    similarity_module.CHANNELS.update(DEFAULT_PREFIXES)
    settings = GroupingSettings()
    similarity = settings.similarity
    weights = dict(similarity.channel_weights)
    grouping: dict[str, Any] = {}
    sim: dict[str, Any] = {}
    for item in filter(None, text.split(",")):
        key, value = item.split("=")
        if key.startswith("c."):
            similarity_module.CHANNELS[key[2:] + ":"] = value
        elif key.startswith("w."):
            weights[key[2:]] = float(value)
        elif key in ("threshold", "link_floor"):
            grouping[key] = float(value)
        elif key in ("window_days", "probe_terms", "index_terms", "max_candidates"):
            grouping[key] = int(value)
        else:
            current = getattr(similarity, key)
            sim[key] = type(current)(value)
    similarity = replace(similarity, channel_weights=weights, **sim)
    return replace(settings, similarity=similarity, **grouping)


def group(
    store: Store, order: list[str], batch_size: int, settings: GroupingSettings
) -> Clustering:
    """Group `order` from scratch in batches, as update_stories does (without merging
    events, which the grouping does not read)."""
    with store.transaction():
        clear_stories(store)
    prepared = PreparedVectors()
    for start in range(0, len(order), batch_size):
        with store.transaction():
            grouping_module.group_articles(
                store.conn, order[start : start + batch_size], StoryUpdate(), settings, prepared
            )
    return {a: article_story(store, a) or a for a in order}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--modes", default="real,week")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--no-triplets", action="store_true")
    parser.add_argument(
        "--stores", type=Path, help="a folder of decoded stores real.db and week.db to use"
    )
    parser.add_argument("--set", action="append", default=[], dest="settings")
    args = parser.parse_args()
    gold = {a: s for name in SETS[TUNING] for a, s in load_gold(GOLD_FILES[name]).items()}
    # Every labelled article, as eval/stories.py decodes them: the same cached stores
    # (decoding the tuning articles alone would replace them). Only the tuning set's
    # articles are grouped and scored.
    every = {a for path in GOLD_FILES.values() for a in load_gold(path)}
    records = load_records(args.corpus, every)
    chosen = triplets(gold, {r["id"]: r["source"] for r in records})
    for mode in args.modes.split(","):
        # A copy: the cached store may be grouped by eval/stories.py at the same time.
        copy = Path(tempfile.mkdtemp()) / "stories.db"
        stored = args.stores / f"{mode}.db" if args.stores else None
        shutil.copyfile(stored or decoded_store(records, mode, COMPONENTS), copy)
        with Store(copy) as store:
            inputs = read_inputs(store.conn, sorted(gold))
            chosen_here = chosen & set(inputs)
            order = sorted(inputs, key=lambda a: (inputs[a]["published"], a))
            # The grouping reads each article's features through this name.
            setattr(grouping_module, "stored_features", features_from(inputs))  # noqa: B010
            for text in args.settings or [""]:
                settings = parse_setting(text)
                found = group(store, order, args.batch_size, settings)
                line = (
                    f"{mode:5} {text or 'defaults':50}"
                    f" B3 {bcubed(found, gold)['f1']:.4f} pw {pairwise(found, gold)['f1']:.4f}"
                )
                if not args.no_triplets:
                    part = group(store, [a for a in order if a in chosen_here], 16, settings)
                    line += f" triplets pw {pairwise(part, gold)['f1']:.4f}"
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
