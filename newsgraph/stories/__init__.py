"""Stories across outlets and merged events.

Articles about the same real-world development, from any outlet, are grouped into a
story (:mod:`~newsgraph.stories.grouping`); events that are the same real event across
articles are merged into one event that counts its mentions, articles and sources and keeps
every article's event as evidence (:mod:`~newsgraph.stories.merging`). Both run
incrementally, inside the transaction that stored the articles::

    with store.transaction():
        for article in batch:
            store.save(article)
        update_stories(store, [a.id for a in batch])
"""

from __future__ import annotations

from collections.abc import Iterable

from newsgraph.store.sqlite import Store
from newsgraph.stories.grouping import GroupingSettings, StoryUpdate, group_articles
from newsgraph.stories.merging import merge_events
from newsgraph.stories.prepared import prepared_vectors
from newsgraph.stories.queries import (
    EventEvidence,
    MergedEvent,
    Story,
    StoryArticle,
    StorySummary,
    article_story,
    list_stories,
    story,
)


def update_stories(
    store: Store, article_ids: Iterable[str], settings: GroupingSettings | None = None
) -> StoryUpdate:
    """Group the stored articles `article_ids` into stories and merge their events.

    Call it inside the transaction that saved them. Articles already grouped are left as
    they are (so a second call changes nothing); stories and merged events that lost an
    article since the last call (a replaced or deleted article) are regrouped first."""
    ids = list(dict.fromkeys(article_ids))
    update = StoryUpdate()
    group_articles(store.conn, ids, update, settings or GroupingSettings(), prepared_vectors(store))
    merge_events(store.conn, ids, update)
    return update


def clear_stories(store: Store) -> None:
    """Forget every story and merged event (the articles and their events stay)."""
    for table in (
        "story_articles",  # cascades to story_terms and story_links
        "stories",
        "stories_dirty",
        "merged_event_members",
        "merged_events",
        "merged_events_dirty",
        "stories_pending",
    ):
        store.conn.execute(f"DELETE FROM {table}")  # table names are constants


def rebuild_stories(store: Store, settings: GroupingSettings | None = None) -> StoryUpdate:
    """Group all stored articles again from scratch, in the order they were published
    (undated ones last, in the order they were stored)."""
    clear_stories(store)
    ids = [
        str(r[0])
        for r in store.conn.execute(
            "SELECT id FROM articles ORDER BY published IS NULL, published, rowid"
        )
    ]
    return update_stories(store, ids, settings)


__all__ = [
    "EventEvidence",
    "GroupingSettings",
    "MergedEvent",
    "Story",
    "StoryArticle",
    "StorySummary",
    "StoryUpdate",
    "article_story",
    "clear_stories",
    "list_stories",
    "rebuild_stories",
    "story",
    "update_stories",
]
