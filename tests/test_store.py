"""The SQLite store: migrations, idempotent writes, round trips, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.errors import StoreError
from newsgraph.model import Article, Damage, Entity, Note, Origin
from newsgraph.store import migrate as migrate_module
from newsgraph.store.migrate import Migration, available_migrations, current_version
from newsgraph.store.sqlite import Store


def sample_article(article_id: str = "a1", text: str = "Xi met Tokayev in Astana.") -> Article:
    return Article(
        id=article_id,
        text=text,
        url="https://x.example/a",
        source="Wire",
        title="T",
        authors=["A", "B"],
        published="2024-07-03",
        language="en",
        analyzed=True,
        sentences=[(0, len(text))],
        entities=[
            Entity("e1", "Xi", "PERSON", [(0, 2)]),
            Entity("e2", "Astana", "GPE", [(18, 24)]),
        ],
        damage=[Damage("orphan_possessive", (3, 6), "why")],
        notes=[Note("editorial_note", "Edited by C.")],
        metadata={"section": "World"},
        origin=Origin("f.txt", "line 1"),
        content_hash=f"h-{text}",
        raw_hash=f"r-{article_id}",
    )


def test_new_store_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        assert current_version(store.conn) == available_migrations()[-1].version
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_version")]
        assert versions == [m.version for m in available_migrations()]
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


# Numbers 6 to 15 were handed out to branches developed side by side, each landing on its
# own: until all have landed a branch may lack some of them. No other gap is allowed.
RESERVED_FOR_BRANCHES = range(6, 16)


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    versions = [m.version for m in available_migrations()]
    expected = [
        v for v in range(1, versions[-1] + 1) if v in versions or v not in RESERVED_FOR_BRANCHES
    ]
    assert versions == expected


def test_a_migration_numbered_below_the_database_s_version_is_still_applied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, late, third = (
        Migration(n, name, f"CREATE TABLE {name} (x INTEGER);")
        for n, name in ((1, "one"), (2, "two"), (3, "three"))
    )
    conn = sqlite3.connect(":memory:", isolation_level=None)
    monkeypatch.setattr(migrate_module, "available_migrations", lambda: [first, third])
    assert migrate_module.migrate(conn) == 3
    monkeypatch.setattr(migrate_module, "available_migrations", lambda: [first, late, third])
    assert migrate_module.migrate(conn) == 3
    assert conn.execute("SELECT COUNT(*) FROM two").fetchone()[0] == 0
    assert [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY 1")] == [
        1, 2, 3
    ]  # fmt: skip


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    article = sample_article()
    with Store(tmp_path / "n.db") as store:
        with store.transaction():
            store.save(article)
        loaded = store.load_article("a1")
    assert loaded is not None
    assert loaded.entities == article.entities and loaded.damage == article.damage
    assert (loaded.text, loaded.authors, loaded.notes) == (
        article.text,
        article.authors,
        article.notes,
    )
    assert loaded.sentences == article.sentences and loaded.metadata == article.metadata
    assert str(loaded.origin) == "f.txt [line 1]"


def test_saving_the_same_id_replaces_every_record(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        with store.transaction():
            store.save(sample_article())
        replacement = sample_article(text="A different text entirely.")
        replacement.entities = [Entity("e1", "Nobody", "PERSON", [(0, 1)])]
        with store.transaction():
            store.save(replacement)
        counts = [
            store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles", "entities", "mentions", "damage")
        ]
        assert counts == [1, 1, 1, 1]
        assert store.article_for_content("h-A different text entirely.") == "a1"


def test_failed_transaction_keeps_what_was_committed_before(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        with store.transaction():
            store.save(sample_article("a1", "First text."))
        with pytest.raises(RuntimeError), store.transaction():
            store.save(sample_article("a2", "Second text."))
            raise RuntimeError("interrupted")
    with Store(tmp_path / "n.db") as store:
        assert store.article_ids() == ["a1"]
        assert store.article_for_input("r-a1") == "a1"
        assert store.article_for_input("r-a2") is None


def test_database_from_a_newer_newsgraph_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version (version, name) VALUES (999, 'future')")
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        Store(path)
