"""Stories in the store, grouped incrementally as articles arrive.

Two articles are compared when they were published within `window_days` of each other:
the cosine of their TF-IDF vectors (title and lead words, actors). A story is a group whose
articles are, on average, similar enough (average-linkage clustering with `threshold`):
unlike connected components of single links, a group cannot grow by a chain of
articles each a little off the previous one's subject (the summit cancelled, the summit back
on, the summit held).

A new article costs one look-up of its rarest terms in the (term, day) index, the
comparison with the few articles that share them, and the regrouping of the stories it is
close to, with it: nothing else in the store is read. Because those stories are regrouped
from their articles in publication order, the result depends on which articles are stored
and on the IDF weights when each similarity was computed, not on the order of arrival.
Grouping a grouped article again does nothing; an article that is replaced or deleted
leaves its story through the cascades of the schema, and what is left of the story is
regrouped (``stories_dirty``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsgraph.stories.clusters import average_link, group_id
from newsgraph.stories.features import (
    actor_key,
    article_day,
    article_terms,
    cosine,
    tfidf,
)

STORY_PREFIX = "st_"
_CHUNK = 500  # parameters per IN (...) list, well under SQLite's limit


@dataclass(frozen=True)
class GroupingSettings:
    """How close two articles must be to be about the same development. The defaults were
    chosen on a hand-labelled window of the AllSides corpus (see eval/stories.py)."""

    threshold: float = 0.18  # mean similarity of two groups that are one story
    window_days: int = 3
    link_floor: float = 0.05  # weaker similarities count as 0 (and are not stored)
    probe_terms: int = 12  # the article's heaviest terms used to find candidates
    max_candidates: int = 200


@dataclass
class StoryUpdate:
    """What one update did: articles grouped, stories written or removed, merged events
    written or removed (ids)."""

    grouped: list[str] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)
    removed_stories: set[str] = field(default_factory=set)
    merged_events: set[str] = field(default_factory=set)
    removed_merged_events: set[str] = field(default_factory=set)


def group_articles(
    conn: sqlite3.Connection,
    article_ids: Iterable[str],
    update: StoryUpdate,
    settings: GroupingSettings,
) -> None:
    """Regroup the stories that lost articles, then add each article not yet grouped."""
    regroup_dirty_stories(conn, update, settings)
    for article_id in dict.fromkeys(article_ids):
        if _group_article(conn, article_id, update, settings):
            update.grouped.append(article_id)
    # A story written early in the update may have been merged into another later on.
    update.stories = {s for s in update.stories if _story_exists(conn, s)}
    update.removed_stories -= update.stories


def regroup_dirty_stories(
    conn: sqlite3.Connection, update: StoryUpdate, settings: GroupingSettings
) -> None:
    """Regroup what is left of the stories that lost articles: they may fall apart."""
    dirty = [str(r[0]) for r in conn.execute("SELECT story_id FROM stories_dirty")]
    for story_id in dirty:
        members = _members(conn, story_id)
        if conn.execute("DELETE FROM stories WHERE id = ?", (story_id,)).rowcount:
            update.removed_stories.add(story_id)
        if members:
            _recluster(conn, members, update, settings)
    conn.execute("DELETE FROM stories_dirty")


def _group_article(
    conn: sqlite3.Connection, article_id: str, update: StoryUpdate, settings: GroupingSettings
) -> bool:
    if conn.execute("SELECT 1 FROM story_articles WHERE article_id = ?", (article_id,)).fetchone():
        return False  # already grouped: grouping twice changes nothing
    row = conn.execute(
        "SELECT title, text, published, decoded_at FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return False
    day = article_day(row["published"], row["decoded_at"])
    terms = article_terms(row["title"], row["text"], _actor_counts(conn, article_id))
    conn.execute(
        "INSERT INTO story_articles (article_id, day, story_id) VALUES (?, ?, ?)",
        (article_id, day, article_id),
    )
    conn.executemany(
        "INSERT INTO story_terms (article_id, term, weight, day) VALUES (?, ?, ?, ?)",
        [(article_id, term, weight, day) for term, weight in terms.items()],
    )
    links = _similar_articles(conn, article_id, terms, day, settings)
    conn.executemany(
        "INSERT OR REPLACE INTO story_links (article_id, other_id, similarity) VALUES (?, ?, ?)",
        [
            pair
            for other, sim in links
            for pair in ((article_id, other, sim), (other, article_id, sim))
        ],
    )
    # Only the stories this article is close to can change: they are regrouped with it.
    neighbourhood = {article_id}
    for other, similarity in links:
        if similarity >= settings.threshold:
            neighbourhood |= set(_members(conn, _story_of(conn, other)))
    _recluster(conn, sorted(neighbourhood), update, settings)
    return True


def _recluster(
    conn: sqlite3.Connection, members: list[str], update: StoryUpdate, settings: GroupingSettings
) -> None:
    """Regroup `members` (whole stories and new articles) by average linkage and write
    the stories they form; the stories they were in are replaced. The articles are taken
    in publication order, so the groups do not depend on the order they arrived in."""
    days = dict(_days(conn, members))
    for old in {_story_of(conn, m) for m in members}:
        if conn.execute("DELETE FROM stories WHERE id = ?", (old,)).rowcount:
            update.removed_stories.add(old)
    # Until written again each article is a story of its own, so that writing one part
    # cannot touch another part that kept the old story's id.
    conn.executemany(
        "UPDATE story_articles SET story_id = article_id WHERE article_id = ?",
        [(m,) for m in members],
    )
    similarities = {(a, b): sim for a, b, sim in _links_among(conn, members)}
    nodes = sorted(members, key=lambda m: (days[m], m))
    for group in average_link(nodes, similarities, settings.threshold):
        _write_story(conn, group, update)


def _story_of(conn: sqlite3.Connection, article_id: str) -> str:
    row = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return str(row[0])


def _days(conn: sqlite3.Connection, members: list[str]) -> list[tuple[str, int]]:
    found = []
    for start in range(0, len(members), _CHUNK):
        chunk = members[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        found += [
            (str(a), int(d))
            for a, d in conn.execute(
                f"SELECT article_id, day FROM story_articles WHERE article_id IN ({marks})", chunk
            )
        ]
    return found


def _actor_counts(conn: sqlite3.Connection, article_id: str) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for type_, name, canonical, mentions in conn.execute(
        "SELECT e.type, e.name, e.canonical_id, COUNT(m.start) FROM entities e"
        " JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
        " WHERE e.article_id = ? GROUP BY e.entity_id",
        (article_id,),
    ):
        key = actor_key(type_, name, canonical)
        if key is not None:
            counts[key] += int(mentions)
    return dict(counts)


def _similar_articles(
    conn: sqlite3.Connection,
    article_id: str,
    terms: dict[str, float],
    day: int,
    settings: GroupingSettings,
) -> list[tuple[str, float]]:
    """Articles within the window whose similarity reaches the link floor, most similar
    first. Candidates are those sharing one of the article's heaviest (rarest) terms."""
    total = int(conn.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0])
    vector = tfidf(terms, _df(conn, terms), total)
    probes = sorted(vector, key=lambda t: (-vector[t], t))[: settings.probe_terms]
    if not probes:
        return []
    marks = ", ".join("?" for _ in probes)
    candidates = [
        str(r[0])
        for r in conn.execute(
            f"SELECT article_id FROM story_terms WHERE term IN ({marks})"
            " AND day BETWEEN ? AND ? AND article_id != ?"
            " GROUP BY article_id ORDER BY COUNT(*) DESC, article_id LIMIT ?",
            (
                *probes,
                day - settings.window_days,
                day + settings.window_days,
                article_id,
                settings.max_candidates,
            ),
        )
    ]
    found = []
    for other in candidates:
        other_terms = _terms(conn, other)
        similarity = cosine(vector, tfidf(other_terms, _df(conn, other_terms), total))
        if similarity >= settings.link_floor:
            found.append((other, round(similarity, 6)))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def _terms(conn: sqlite3.Connection, article_id: str) -> dict[str, float]:
    return {
        str(term): float(weight)
        for term, weight in conn.execute(
            "SELECT term, weight FROM story_terms WHERE article_id = ?", (article_id,)
        )
    }


def _df(conn: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    wanted = list(terms)
    df: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for term, count in conn.execute(
            f"SELECT term, df FROM story_term_df WHERE term IN ({marks})", chunk
        ):
            df[str(term)] = int(count)
    return df


def _members(conn: sqlite3.Connection, story_id: str) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,)
        )
    ]


def _links_among(conn: sqlite3.Connection, members: list[str]) -> list[tuple[str, str, float]]:
    inside = set(members)
    links = []
    for start in range(0, len(members), _CHUNK):
        chunk = members[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        for a, b, sim in conn.execute(
            "SELECT article_id, other_id, similarity FROM story_links"
            f" WHERE article_id IN ({marks})",
            chunk,
        ):
            if b in inside:
                links.append((str(a), str(b), float(sim)))
    return links


def _write_story(conn: sqlite3.Connection, members: list[str], update: StoryUpdate) -> str:
    """Write the story made of `members`: its id (from its earliest article), title (its
    most central article's), dates and counts."""
    links = _links_among(conn, members)
    centrality: defaultdict[str, float] = defaultdict(float)
    for a, _, sim in links:
        centrality[a] += sim
    rows = _member_rows(conn, members)
    earliest = min(rows, key=lambda r: (r["day"], r["article_id"]))
    central = max(rows, key=lambda r: (centrality[r["article_id"]], -r["day"], r["article_id"]))
    story_id = group_id(STORY_PREFIX, str(earliest["article_id"]))
    update.stories.add(story_id)
    conn.executemany(
        "UPDATE story_articles SET story_id = ?, centrality = ? WHERE article_id = ?",
        [(story_id, round(centrality[m], 6), m) for m in members],
    )
    published = sorted(str(r["published"]) for r in rows if r["published"])
    conn.execute(
        "INSERT OR REPLACE INTO stories (id, title, first_published, last_published, articles,"
        " sources) VALUES (?, ?, ?, ?, ?, ?)",
        (
            story_id,
            central["title"],
            published[0] if published else None,
            published[-1] if published else None,
            len(rows),
            len({r["source"] or r["article_id"] for r in rows}),
        ),
    )
    return story_id


def _member_rows(conn: sqlite3.Connection, members: list[str]) -> list[sqlite3.Row]:
    rows: list[sqlite3.Row] = []
    for start in range(0, len(members), _CHUNK):
        chunk = members[start : start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows += conn.execute(
            "SELECT s.article_id, s.day, a.title, a.published, a.source"
            " FROM story_articles s JOIN articles a ON a.id = s.article_id"
            f" WHERE s.article_id IN ({marks})",
            chunk,
        ).fetchall()
    return rows


def _story_exists(conn: sqlite3.Connection, story_id: str) -> bool:
    return conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None


__all__ = [
    "STORY_PREFIX",
    "GroupingSettings",
    "StoryUpdate",
    "group_articles",
    "regroup_dirty_stories",
]
