"""Titles the pages show: an article's own, else one made from its first sentence
(:mod:`newsgraph.store.titles`), marked as derived so that nobody takes it for the outlet's
headline. The store and the API keep `title` as the source gave it."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from newsgraph.store.sqlite import Store
from newsgraph.store.titles import derived_title, story_title_article


class DisplayTitles:
    """Derived titles of the articles and stories one page shows, each read once (a
    primary-key look-up of the article's lead, only for those without a title)."""

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store  # opened on first use: most pages show no untitled article
        self._derived: dict[str, str | None] = {}

    def article(self, article_id: str, title: str | None) -> Markup:
        """`title`, else the derived title of the article, else its id."""
        if title:
            return Markup.escape(title)
        if article_id not in self._derived:
            self._derived[article_id] = derived_title(self._store().conn, article_id)
        return _shown(self._derived[article_id], article_id)

    def story(self, story_id: str, title: str | None) -> Markup:
        """`title`, else the title of its most central article that has one (a story takes
        its most central article's title), else the derived title of its most central
        article, else the story's id."""
        if title:
            return Markup.escape(title)
        found = story_title_article(self._store().conn, story_id)
        return self.article(*found) if found else Markup.escape(story_id)


def _shown(derived: str | None, fallback: str) -> Markup:
    if derived is None:
        return Markup.escape(fallback)
    return Markup(
        '<span class="derived" title="No title given: its first sentence">{}</span>'
    ).format(derived)


__all__ = ["DisplayTitles"]
