"""`newsgraph load`: a lake into the SQLite store, through the store's own writes.

Canonical actors are first resolved over the whole lake in input order (what `decode`
would do), reading only the entities' names and codes. Articles are then saved as
`newsgraph decode` saves them (`Store.save`) and grouped into stories in the same
transaction, one batch at a time, in publication-month order and, within a month, in input
order. One month of the lake's rows is in memory at a time. An article already stored with
the same text is left as it is, so loading a lake twice adds nothing.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from newsgraph.spark.lake import Lake
from newsgraph.spark.rows import Row, article_from_rows, entity_from_row
from newsgraph.spark.schema import ANNOTATION_TABLES
from newsgraph.store.actors import assign_canonical
from newsgraph.store.sqlite import Store
from newsgraph.stories import update_stories

BATCH = 16  # articles per transaction, as `decode` stores them by default


@dataclass
class LoadResult:
    lake: str
    articles: int = 0  # articles added to the store
    present: int = 0  # articles the store already had (same text)
    inputs: int = 0  # inputs recorded, so that `decode` skips them later
    months: list[str] = field(default_factory=list)
    seconds: float = 0.0


LoadProgress = Callable[[LoadResult], None]


def load_lake(location: str, store: Store, progress: LoadProgress | None = None) -> LoadResult:
    """Load the lake at `location` into `store`, then record its inputs."""
    started = time.perf_counter()
    lake = Lake(location)
    result = LoadResult(lake.location)
    _resolve_actors(lake, store)
    for month in lake.months():
        result.months.append(month)
        articles = lake.rows("articles", month)
        tables = {t: _by_article(lake.rows(t, month)) for t in ANNOTATION_TABLES}
        for batch in _batches(articles, BATCH):
            with store.transaction():
                saved = [_save(store, row, tables, result) for row in batch]
                update_stories(store, [article_id for article_id in saved if article_id])
            if progress is not None:
                progress(result)
    with store.transaction():
        for row in lake.rows("inputs"):
            if store.article_for_input(row["raw_hash"]) is None and _stored(store, row):
                store.add_input(row["raw_hash"], row["article_id"])
                result.inputs += 1
    result.seconds = time.perf_counter() - started
    return result


def _resolve_actors(lake: Lake, store: Store) -> None:
    """Canonical actors in input order over the whole lake, as `decode` resolves them: the
    months are then saved one by one, and each entity finds the id given here again (by
    its name key), so the store is the one `decode` makes whatever the months' order."""
    columns = ["seq", "position", "entity_id", "name", "type", "country", "sector", "code"]
    entities = lake.dataset("entities").to_table(columns=[*columns, "canonical_id", "roles"])
    entities = entities.sort_by([("seq", "ascending"), ("position", "ascending")])
    with store.transaction():
        for batch in entities.to_batches(max_chunksize=10_000):
            for row in batch.to_pylist():
                assign_canonical(store.conn, entity_from_row(row))


def _save(
    store: Store, row: Row, tables: dict[str, dict[str, list[Row]]], result: LoadResult
) -> str | None:
    article_id = row["id"]
    existing = store.article_for_content(row["content_hash"])
    if existing is not None:
        # The same text is stored (by this lake's earlier load, or by a decode under
        # another id): like decode, keep the stored article.
        result.present += 1
        return None
    children = {t: tables[t].get(article_id, []) for t in ANNOTATION_TABLES}
    store.save(article_from_rows(article_id, row, children))
    result.articles += 1
    return str(article_id)


def _stored(store: Store, row: Row) -> bool:
    found = store.conn.execute("SELECT 1 FROM articles WHERE id = ?", (row["article_id"],))
    return found.fetchone() is not None


def _by_article(rows: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(row)
    return grouped


def _batches(rows: list[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


__all__ = ["LoadResult", "load_lake"]
