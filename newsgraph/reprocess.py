"""Re-analyze stored articles after the pipeline changed, without reading inputs again.

Extraction is kept (the stored `text` and metadata); sentences, actors, quotes, events and
damage are made anew and replace the old records, one transaction per batch, so an
interrupted run leaves every article either fully old or fully new. The record's counts
follow each batch; reprocessing the whole store ends by recounting them from scratch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.config import Config
from newsgraph.decoder import Decoder
from newsgraph.model import Article, Failure, Origin
from newsgraph.store.counts import rebuild_counts
from newsgraph.store.sqlite import Store
from newsgraph.stories import update_stories

ReprocessProgress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass
class ReprocessResult:
    articles: int = 0
    analyzed: int = 0
    failures: list[Failure] = field(default_factory=list)
    component_failures: list[Failure] = field(default_factory=list)  # articles stored
    missing: list[str] = field(default_factory=list)  # ids asked for but not stored


def reprocess(
    db: str | Path | Store,
    config: Config | None = None,
    ids: Sequence[str] | None = None,
    progress: ReprocessProgress | None = None,
) -> ReprocessResult:
    """Analyze the articles `ids` (default: all) of the store `db` again with `config`.

    An article whose analysis fails keeps its old records and is reported in `failures`;
    one on which a component fails is stored without that component's part, and reported.
    """
    config = config or Config()
    store = db if isinstance(db, Store) else Store(db)
    try:
        result = _reprocess(
            store, Decoder(config), list(ids) if ids else store.article_ids(), config, progress
        )
        if not ids:
            with store.transaction():
                rebuild_counts(store.conn)
        return result
    finally:
        if not isinstance(db, Store):
            store.close()


def _reprocess(
    store: Store,
    decoder: Decoder,
    ids: list[str],
    config: Config,
    progress: ReprocessProgress | None,
) -> ReprocessResult:
    result = ReprocessResult()
    for batch in _chunks(ids, config.batch_size):
        articles = _load(store, batch, result)
        outcomes = decoder.reanalyze(articles)
        with store.transaction():
            for outcome in outcomes:
                if isinstance(outcome, Failure):
                    result.failures.append(outcome)
                    continue
                _replace(store, outcome)
                result.component_failures.extend(_component_failures(outcome))
                result.articles += 1
                result.analyzed += int(outcome.analyzed)
            # Replaced articles left their stories; they are grouped again.
            update_stories(store, [o.id for o in outcomes if isinstance(o, Article)])
        if progress is not None:
            progress(result.articles + len(result.failures) + len(result.missing), len(ids))
    return result


def _component_failures(article: Article) -> list[Failure]:
    # The article is stored with what the other components found; the run reports the rest.
    return [
        Failure(
            Origin(article.id),
            "component",
            f"component {error.component!r} failed: {error.message} (stored without it)",
        )
        for error in article.component_errors
    ]


def _load(store: Store, ids: list[str], result: ReprocessResult) -> list[Article]:
    articles = []
    for article_id in ids:
        article = store.load_article(article_id)
        if article is None:
            result.missing.append(article_id)
            continue
        article.origin = article.origin or Origin(article_id)
        articles.append(article)
    return articles


def _replace(store: Store, article: Article) -> None:
    # Saving replaces the article row, whose deletion cascades to the inputs that led to it:
    # keep them, so that a later decode of the same files still skips them.
    inputs = store.input_hashes(article.id)
    article.raw_hash = ""
    store.save(article)
    for raw_hash in inputs:
        store.add_input(raw_hash, article.id)


def _chunks(ids: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


__all__ = ["ReprocessResult", "reprocess"]
