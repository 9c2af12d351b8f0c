"""Titles to show for stored articles and stories that came without one: the first sentence
of the article (:func:`newsgraph.extract.titles.title_from_text`). The store keeps `title`
as the source gave it (None when it gave none); the web explorer and the CLI tables call
these to show something better than an id, and mark what they show as derived.
"""

from __future__ import annotations

import re
import sqlite3

from newsgraph.extract.titles import title_from_text

# The first sentence is looked for in this many leading characters of the text.
_LEAD_CHARS = 600
_LEAD_SQL = "SELECT substr(text, 1, ?), substr(sentences, 1, 40) FROM articles WHERE id = ?"
# The first of the analysis' sentence spans, "[[start, end], ...": where sentence one ends.
_FIRST_SPAN = re.compile(r"^\[\[(\d+),\s*(\d+)\]")
# A story shows its most central article's title, preferring articles that have one.
_STORY_ARTICLE_SQL = (
    "SELECT s.article_id, a.title FROM story_articles s JOIN articles a ON a.id = s.article_id"
    " WHERE s.story_id = ? ORDER BY a.title IS NULL, s.centrality DESC, s.day, s.article_id"
    " LIMIT 1"
)


def derived_title(conn: sqlite3.Connection, article_id: str) -> str | None:
    """A title made from the stored article's first sentence (one primary-key look-up of
    its lead); None when there is no such article or its text has no words."""
    row = conn.execute(_LEAD_SQL, (_LEAD_CHARS, article_id)).fetchone()
    if row is None:
        return None
    first = _FIRST_SPAN.match(row[1] or "")
    return title_from_text(row[0] or "", int(first.group(2)) if first else None)


def story_title_article(conn: sqlite3.Connection, story_id: str) -> tuple[str, str | None] | None:
    """The article whose title a story without a title shows, as (id, its title): its most
    central article that has a title, else its most central article."""
    row = conn.execute(_STORY_ARTICLE_SQL, (story_id,)).fetchone()
    return None if row is None else (str(row[0]), row[1])


__all__ = ["derived_title", "story_title_article"]
