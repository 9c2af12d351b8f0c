"""The record's counts (per actor, per country, per month and year): kept in step with the
events in the same transaction, equal to a recount from the events tables whatever the
writes, and what profiles, dyads and timelines answer from."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from builders import counts_and_recount, decoded_article

from newsgraph.model import Article, Entity, Event, EventActor
from newsgraph.store import count_queries
from newsgraph.store.counts import RECOUNT
from newsgraph.store.profiles import actor_profile, relations_between, timeline
from newsgraph.store.sqlite import Store

ROOT = Path(__file__).resolve().parent.parent


def _crowded_article(article_id: str, date: str | None) -> Article:
    """Two Kazakh actors on one side of an event (the country counts it once), a country
    on both sides of another and known by the id of its group, an undated or year-only
    date, an event without a Goldstein value."""
    article = decoded_article(article_id)
    article.entities[3].canonical_id = "country:KAZ"  # a country known by its group key
    smailov = Entity("e5", "Alikhan Smailov", "PERSON", [(0, 9)], country="KAZ", code="KAZGOV")
    article.entities.append(smailov)
    sources = [
        EventActor("Kassym-Jomart Tokayev", "e1", "KAZGOV"),
        EventActor(smailov.name, "e5", "KAZGOV"),
    ]
    both = Event(
        "e4", "CONSULT", (10, 13), (0, 57),
        source=sources,
        target=[EventActor("China", "e3", "CHN"), EventActor("Kazakhstan", "e4", "KAZ")],
        quad_class=1, goldstein=None, date=date,
    )  # fmt: skip
    article.events.append(both)
    return article


def _assert_counts_match(store: Store) -> None:
    kept, recounted = counts_and_recount(store.conn)
    assert kept == recounted
    assert kept["actor_months"], "nothing was counted: the test would prove nothing"


def test_counts_equal_a_recount_after_saving_articles(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        with store.transaction():
            store.save(decoded_article("a1"))
            store.save(_crowded_article("a2", None))
        store.save(_crowded_article("a3", "2023"))  # outside a transaction: written at once
        _assert_counts_match(store)
        kaz = store.conn.execute(
            "SELECT events FROM actor_months WHERE actor = 'country:KAZ' AND side = 'source'"
            " AND by = 'month' AND period = '' AND type = 'CONSULT'"
        ).fetchone()
        assert kaz[0] == 1  # two Kazakh sources, one event


def test_counts_follow_an_article_replaced_under_the_same_id(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        with store.transaction():
            store.save(_crowded_article("a1", "2024-05-01"))
            store.save(decoded_article("a2"))
        with store.transaction():
            store.save(replace(decoded_article("a1"), events=[]))
            store.save(_crowded_article("a2", "2022-01-09"))
            store.save(_crowded_article("a2", "2021-03-04"))  # twice in one transaction
        _assert_counts_match(store)
        months = store.conn.execute(
            "SELECT DISTINCT period FROM actor_months WHERE by = 'month' AND period LIKE '202%'"
        ).fetchall()
        assert sorted(m[0] for m in months) == ["2021-03", "2024-07"]


def test_a_failed_transaction_leaves_the_counts_as_they_were(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        store.save(decoded_article("a1"))
        with pytest.raises(RuntimeError), store.transaction():
            store.save(_crowded_article("a2", None))
            raise RuntimeError("interrupted")
        store.save(decoded_article("a3"))
        _assert_counts_match(store)


def test_opening_a_store_made_before_the_counts_fills_them(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as store:
        store.save(_crowded_article("a1", "2024-05-01"))
        # As a store of schema version 5 was: no count tables, nor their migration.
        for table in RECOUNT:
            store.conn.execute(f"DROP TABLE {table}")
        store.conn.execute("DELETE FROM schema_version WHERE version = 6")
    with Store(db) as store:
        _assert_counts_match(store)


_WRITER = """
import sys
sys.path.insert(0, sys.argv[2])
from builders import decoded_article
from newsgraph.store.sqlite import Store
with Store(sys.argv[1]) as store:
    for batch in range(10**6):
        with store.transaction():
            for n in range(5):
                store.save(decoded_article(f"a{(batch * 5 + n) % 40}", f"2024-0{1 + batch % 9}-01"))
"""


def test_a_killed_writer_leaves_counts_equal_to_a_recount(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(db), str(ROOT / "tests")], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until it is replacing articles it wrote
            time.sleep(0.2)
            if db.exists() and _articles(db) >= 40:
                break
    finally:
        writer.kill()  # SIGKILL: mid-transaction, no clean-up runs
        writer.wait()
    with Store(db) as store:
        assert _articles(db) >= 40
        _assert_counts_match(store)


def _articles(db: Path) -> int:
    try:
        with Store(db, readonly=True) as store:
            return int(store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except Exception:  # not created yet
        return 0


def _by_events(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> tuple[object, object, object, object]:
    """Profiles, a dyad and timelines answered by counting the events themselves."""
    for name in ("type_counts", "actor_periods", "country_dyad_periods", "relations"):
        monkeypatch.setattr(count_queries, name, lambda *args: None)
    monkeypatch.setattr(
        count_queries,
        "mentions",
        lambda s, c: tuple(
            s.conn.execute(
                "SELECT COUNT(*), COUNT(DISTINCT m.article_id) FROM entities e JOIN mentions m"
                " ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
                " WHERE e.canonical_id = ?",
                (c,),
            ).fetchone()
        ),
    )
    monkeypatch.setattr(
        count_queries,
        "roles",
        lambda s, c: s.conn.execute(
            "SELECT m.role, MIN(a.published), MAX(a.published), COUNT(*) FROM entities e"
            " JOIN mentions m ON m.article_id = e.article_id AND m.entity_id = e.entity_id"
            " JOIN articles a ON a.id = e.article_id"
            " WHERE e.canonical_id = ? AND m.role IS NOT NULL"
            " GROUP BY lower(m.role) ORDER BY MIN(a.published), 4 DESC, lower(m.role)",
            (c,),
        ).fetchall(),
    )
    return _answers(store)


def _answers(store: Store) -> tuple[object, object, object, object]:
    return (
        [
            actor_profile(store, name, top=top)
            for name in ("KAZ", "CHN", "Tokayev", "Xi Jinping")
            for top in (1, 2, 10)
        ],
        [
            actor_profile(store, "KAZ", since=since, until=until)
            for since, until in (("2024-07", "2024"), (None, "2024"))
        ],
        relations_between(store, "KAZ", "CHN"),
        [
            timeline(store, actor=actor, type_=type_, by=by, since=since)
            for actor in ("KAZ", "Tokayev", None)
            for type_ in (None, "consult")
            for by in ("month", "year")
            for since in (None, "2024-07")
        ],
    )


def test_profiles_dyads_and_timelines_from_counts_equal_those_from_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "c.db") as store:
        with store.transaction():
            store.save(decoded_article("a1", published="2023-01-02"))
            store.save(_crowded_article("a2", "2024-06-30"))
            store.save(_crowded_article("a3", "2024"))
            store.save(_crowded_article("a4", None))
        from_counts = _answers(store)
        assert from_counts == _by_events(store, monkeypatch)


def test_a_week_date_counts_in_the_month_its_monday_falls(tmp_path: Path) -> None:
    # 2024-W22 starts on Monday 27 May 2024: a May event, never a bogus "2024-W2" period.
    with Store(tmp_path / "c.db") as store:
        store.save(_crowded_article("a1", "2024-W22"))
        _assert_counts_match(store)
        periods = {
            row[0]
            for row in store.conn.execute(
                "SELECT DISTINCT period FROM actor_months WHERE by = 'month'"
            )
        }
        assert "2024-05" in periods
        assert not any("W" in period for period in periods)
