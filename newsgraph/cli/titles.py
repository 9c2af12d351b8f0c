"""Titles the CLI tables show: an article's own, else its first sentence marked as such
(:mod:`newsgraph.store.titles`), so that an untitled article reads as more than its id.
JSON Lines and CSV keep `title` as the store holds it (None when the source gave none)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.store.sqlite import Store

# Marks a title the table made from the first sentence, not the outlet's headline.
DERIVED_MARK = "untitled: "  # as the web pages mark it


def article_titles(store: Store, articles: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Article id -> the title to show, for (id, stored title) pairs: the stored title, else
    DERIVED_MARK and the first sentence, else "" (a text without words)."""
    from newsgraph.store.titles import derived_title

    shown: dict[str, str] = {}
    for article_id, title in articles:
        if title:
            shown[article_id] = title
        elif article_id not in shown:
            derived = derived_title(store.conn, article_id)
            shown[article_id] = DERIVED_MARK + derived if derived else ""
    return shown


def story_titles(store: Store, stories: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Story id -> the title to show, for (id, stored title) pairs: the stored title, else
    the shown title of the article the story takes its title from."""
    from newsgraph.store.titles import story_title_article

    shown: dict[str, str] = {}
    for story_id, title in stories:
        found = None if title else story_title_article(store.conn, story_id)
        if found is None:
            shown[story_id] = title or ""
        else:
            shown[story_id] = article_titles(store, [found])[found[0]]
    return shown


__all__ = ["DERIVED_MARK", "article_titles", "story_titles"]
