"""Stories in the store, grouped incrementally as articles arrive.

A new article's features (see :mod:`~newsgraph.stories.features`) are stored with it and
its terms indexed; its candidates are the articles within `window_days` that share one of
its rarest terms (:mod:`~newsgraph.stories.index`), and those similar enough are linked
to it (:mod:`~newsgraph.stories.similarity`). A story is a group whose articles are, on
average, similar enough (average-linkage clustering with `threshold`): unlike connected
components of single links, a group cannot grow by a chain of articles each a little off
the previous one's subject (the summit cancelled, the summit back on, the summit held).

Only the stories the new article is close to can change: they are regrouped with it, in
publication order, so the stories depend on which articles are stored and on the document
frequencies when each pair was compared, not on the order the articles arrived in.
Grouping a grouped article again does nothing; an article that is replaced or deleted
leaves its story through the cascades of the schema, and what is left of the story is
regrouped (``stories_dirty``).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from newsgraph.stories.clusters import average_link, group_id
from newsgraph.stories.index import Frequencies, candidates, in_chunks, index_terms
from newsgraph.stories.prepared import Entry, PreparedVectors
from newsgraph.stories.similarity import (
    Prepared,
    SimilaritySettings,
    prepare,
    similarity,
    vectors,
)
from newsgraph.stories.stored import dump_features, load_features, stored_features

STORY_PREFIX = "st_"
# Channels that weigh in the similarity but find no candidates: a named day ("n:wd:3",
# a Thursday) is shared by a seventh of a week's articles, a costly probe that finds
# nothing a word or an actor would not.
UNINDEXED_CHANNELS = frozenset({"n"})


@dataclass(frozen=True)
class GroupingSettings:
    """How close two articles must be to be about the same development. The defaults were
    chosen on hand-labelled windows of the AllSides corpus (see eval/stories.py)."""

    threshold: float = 0.23  # mean similarity of two groups that are one story
    window_days: int = 7  # articles further apart are never compared
    link_floor: float = 0.05  # weaker similarities count as 0 (and are not stored)
    probe_terms: int = 24  # the article's heaviest terms used to find candidates
    index_terms: int = 48  # the heaviest terms it is found by (with its quotation shingles)
    max_candidates: int = 100
    similarity: SimilaritySettings = field(default_factory=SimilaritySettings)


@dataclass
class StoryUpdate:
    """What one update did: articles grouped, stories written or removed, merged events
    written or removed (ids)."""

    grouped: list[str] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)
    removed_stories: set[str] = field(default_factory=set)
    merged_events: set[str] = field(default_factory=set)
    removed_merged_events: set[str] = field(default_factory=set)


@dataclass
class _Comparer:
    """Compares stored articles with the frequencies of the moment (their vectors kept in
    `prepared` between comparisons)."""

    conn: sqlite3.Connection
    settings: GroupingSettings
    frequencies: Frequencies
    prepared: PreparedVectors

    def stored(self, ids: Iterable[str]) -> dict[str, Prepared]:
        """The stored articles `ids`, ready to compare."""
        found = {}
        rows = in_chunks(
            self.conn,
            "SELECT article_id, day, features FROM story_articles WHERE article_id IN ({marks})",
            sorted(set(ids)),
        )
        for row in rows:
            data = str(row["features"])
            channels, shingles = self.prepared.get(
                data, self.frequencies.articles, partial(self._compute, data)
            )
            found[str(row["article_id"])] = Prepared(channels, shingles, int(row["day"]))
        return found

    def _compute(self, data: str) -> Entry:
        features = load_features(data)
        self.frequencies.load(features.terms)
        return vectors(features.terms, self.frequencies.df, self.frequencies.articles), (
            features.shingles
        )

    def similarity(self, a: Prepared, b: Prepared) -> float:
        self.frequencies.load(a.shingles & b.shingles)
        return round(similarity(a, b, self.frequencies.df, self.settings.similarity), 6)

    def refresh(self, links: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
        """`links` with their similarities computed again with today's frequencies (and
        stored so): a pair compared when the store was small is judged as it is now."""
        articles = self.stored(a for link in links for a in link[:2])
        fresh: dict[tuple[str, str], float] = {}
        result, changed = [], []
        for a, b, old in links:
            pair = (a, b) if a < b else (b, a)
            if pair not in fresh:
                fresh[pair] = self.similarity(articles[pair[0]], articles[pair[1]])
            result.append((a, b, fresh[pair]))
            if fresh[pair] != old:
                changed.append((fresh[pair], a, b))
        self.conn.executemany(
            "UPDATE story_links SET similarity = ? WHERE article_id = ? AND other_id = ?",
            changed,
        )
        return result


def group_articles(
    conn: sqlite3.Connection,
    article_ids: Iterable[str],
    update: StoryUpdate,
    settings: GroupingSettings,
    prepared: PreparedVectors | None = None,
) -> None:
    """Regroup the stories that lost articles, then add each article not yet grouped
    (first those a schema upgrade queued, in publication order). `prepared` keeps the
    candidates' vectors between calls (see :mod:`~newsgraph.stories.prepared`)."""
    regroup_dirty_stories(conn, update, settings)
    comparer = _Comparer(conn, settings, Frequencies(conn), prepared or PreparedVectors())
    for article_id in [*_pending(conn), *dict.fromkeys(article_ids)]:
        if _group_article(conn, article_id, update, comparer):
            update.grouped.append(article_id)
    conn.execute("DELETE FROM stories_pending")
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


def _pending(conn: sqlite3.Connection) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT p.article_id FROM stories_pending p JOIN articles a ON a.id = p.article_id"
            " ORDER BY a.published IS NULL, a.published, a.rowid"
        )
    ]


def _group_article(
    conn: sqlite3.Connection, article_id: str, update: StoryUpdate, comparer: _Comparer
) -> bool:
    settings, frequencies = comparer.settings, comparer.frequencies
    if conn.execute("SELECT 1 FROM story_articles WHERE article_id = ?", (article_id,)).fetchone():
        return False  # already grouped: grouping twice changes nothing
    found = stored_features(conn, article_id)
    if found is None:
        return False
    features, day = found
    terms = [*features.terms, *features.shingles]
    frequencies.load(terms)
    conn.execute(  # the triggers count its terms in story_term_df
        "INSERT INTO story_articles (article_id, day, story_id, features) VALUES (?, ?, ?, ?)",
        (article_id, day, article_id, dump_features(features)),
    )
    frequencies.added(terms)
    mine = prepare(features, day, frequencies.df, frequencies.articles, settings.similarity)
    heaviest = _heaviest(mine, settings)
    index_terms(conn, article_id, [*heaviest[: settings.index_terms], *mine.shingles], day)
    probes = [*heaviest[: settings.probe_terms], *sorted(mine.shingles)]
    links = _similar_articles(conn, article_id, mine, probes, comparer)
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
    for other, sim in links:
        if sim >= settings.threshold:
            neighbourhood |= set(_members(conn, _story_of(conn, other)))
    _recluster(conn, sorted(neighbourhood), update, settings, comparer)
    return True


def _heaviest(mine: Prepared, settings: GroupingSettings) -> list[str]:
    """The article's terms, those that weigh most in its similarity first (a term of two
    channels counts once, at its heavier weight)."""
    weights = settings.similarity.channel_weights
    scored: dict[str, float] = {}
    for channel, vector in mine.vectors.items():
        if channel in UNINDEXED_CHANNELS:
            continue
        for term, value in vector.items():
            base = term[2:] if term[:2] in ("t:", "w:", "b:") else term
            key = "w:" + base if term[:2] in ("t:", "w:", "b:") else term
            scored[key] = max(scored.get(key, 0.0), value * weights.get(channel, 0.0))
    return sorted(scored, key=lambda t: (-scored[t], t))


def _similar_articles(
    conn: sqlite3.Connection,
    article_id: str,
    mine: Prepared,
    probes: list[str],
    comparer: _Comparer,
) -> list[tuple[str, float]]:
    """Candidates found by `probes` whose similarity reaches the link floor, most similar
    first."""
    settings = comparer.settings
    others = candidates(
        conn, article_id, probes, mine.day, settings.window_days, settings.max_candidates
    )
    found = []
    for other, prepared in comparer.stored(others).items():
        sim = comparer.similarity(mine, prepared)
        if sim >= settings.link_floor:
            found.append((other, sim))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def _recluster(
    conn: sqlite3.Connection,
    members: list[str],
    update: StoryUpdate,
    settings: GroupingSettings,
    comparer: _Comparer | None = None,
) -> None:
    """Regroup `members` (whole stories and new articles) by average linkage and write
    the stories they form; the stories they were in are replaced. The articles are taken
    in publication order, and their links compared again with the frequencies of the
    moment (with a `comparer`), so the groups depend little on the order they came in."""
    days = {
        str(r[0]): int(r[1])
        for r in in_chunks(
            conn,
            "SELECT article_id, day FROM story_articles WHERE article_id IN ({marks})",
            members,
        )
    }
    for old in {_story_of(conn, m) for m in members}:
        if conn.execute("DELETE FROM stories WHERE id = ?", (old,)).rowcount:
            update.removed_stories.add(old)
    # Until written again each article is a story of its own, so that writing one part
    # cannot touch another part that kept the old story's id.
    conn.executemany(
        "UPDATE story_articles SET story_id = article_id WHERE article_id = ?",
        [(m,) for m in members],
    )
    links = _links_among(conn, members)
    if comparer is not None:
        links = comparer.refresh(links)
    similarities = {(a, b): sim for a, b, sim in links}
    nodes = sorted(members, key=lambda m: (days[m], m))
    for group in average_link(nodes, similarities, settings.threshold):
        _write_story(conn, group, update)


def _story_of(conn: sqlite3.Connection, article_id: str) -> str:
    row = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return str(row[0])


def _members(conn: sqlite3.Connection, story_id: str) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT article_id FROM story_articles WHERE story_id = ?", (story_id,)
        )
    ]


def _links_among(conn: sqlite3.Connection, members: list[str]) -> list[tuple[str, str, float]]:
    inside = set(members)
    return [
        (str(a), str(b), float(sim))
        for a, b, sim in in_chunks(
            conn,
            "SELECT article_id, other_id, similarity FROM story_links"
            " WHERE article_id IN ({marks})",
            members,
        )
        if b in inside
    ]


def _write_story(conn: sqlite3.Connection, members: list[str], update: StoryUpdate) -> str:
    """Write the story made of `members`: its id (from its earliest article), title (its
    most central article's), dates and counts."""
    centrality: defaultdict[str, float] = defaultdict(float)
    for a, _, sim in _links_among(conn, members):
        centrality[a] += sim
    rows = in_chunks(
        conn,
        "SELECT s.article_id, s.day, a.title, a.published, a.source"
        " FROM story_articles s JOIN articles a ON a.id = s.article_id"
        " WHERE s.article_id IN ({marks})",
        members,
    )
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


def _story_exists(conn: sqlite3.Connection, story_id: str) -> bool:
    return conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is not None


__all__ = [
    "STORY_PREFIX",
    "GroupingSettings",
    "StoryUpdate",
    "group_articles",
    "regroup_dirty_stories",
]
