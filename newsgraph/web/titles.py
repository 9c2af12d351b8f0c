"""Titles the pages show: an article's own, else one made from its first sentence
(:func:`newsgraph.extract.titles.title_from_text`), marked as derived so that nobody takes
it for the outlet's headline. The store and the API keep `title` as the source gave it."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from newsgraph.extract.titles import title_from_text
from newsgraph.store.sqlite import Store

# The first sentence is looked for in this many leading characters of the text.
_LEAD_CHARS = 600
_LEAD_SQL = "SELECT substr(text, 1, ?), substr(sentences, 1, 40) FROM articles WHERE id = ?"
_FIRST_SPAN = re.compile(r"^\[\[(\d+),\s*(\d+)\]")


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
            row = self._store().conn.execute(_LEAD_SQL, (_LEAD_CHARS, article_id)).fetchone()
            self._derived[article_id] = None if row is None else _derive(row[0], row[1])
        return _shown(self._derived[article_id], article_id)

    def story(self, story_id: str, title: str | None) -> Markup:
        """`title`, else the title of its most central article that has one (a story takes
        its most central article's title), else the derived title of its most central
        article, else the story's id."""
        if title:
            return Markup.escape(title)
        row = (
            self._store()
            .conn.execute(
                "SELECT s.article_id, a.title FROM story_articles s JOIN articles a"
                " ON a.id = s.article_id WHERE s.story_id = ?"
                " ORDER BY a.title IS NULL, s.centrality DESC, s.day, s.article_id LIMIT 1",
                (story_id,),
            )
            .fetchone()
        )
        return self.article(str(row[0]), row[1]) if row else Markup.escape(story_id)


def _derive(lead: str, sentences: str) -> str | None:
    first = _FIRST_SPAN.match(sentences or "")
    return title_from_text(lead, int(first.group(2)) if first else None)


def _shown(derived: str | None, fallback: str) -> Markup:
    if derived is None:
        return Markup.escape(fallback)
    return Markup(
        '<span class="derived" title="No title given: its first sentence">{}</span>'
    ).format(derived)


__all__ = ["DisplayTitles"]
