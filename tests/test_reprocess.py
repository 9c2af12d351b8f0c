"""`reprocess`: stored articles analyzed again without reading their inputs."""

from __future__ import annotations

from pathlib import Path

from builders import counts_and_recount
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.config import Config
from newsgraph.output import article_to_dict
from newsgraph.pipeline import decode
from newsgraph.reprocess import reprocess
from newsgraph.store.sqlite import Store


def _snapshot(db: Path) -> dict[str, dict[str, object]]:
    with Store(db) as store:
        return {
            i: article_to_dict(a)
            for i in store.article_ids()
            if (a := store.load_article(i)) is not None
        }


def _ids(db: Path) -> list[str]:
    with Store(db) as store:
        return store.article_ids()


def _assert_counts_match_a_recount(db: Path) -> None:
    with Store(db) as store:
        kept, recounted = counts_and_recount(store.conn)
    assert kept == recounted and kept["actor_months"]


def test_reprocess_with_the_same_pipeline_gives_the_same_records(
    samples: Path, tmp_path: Path
) -> None:
    db = tmp_path / "r.db"
    decode([samples / "jsonl"], db=db).run()
    before = _snapshot(db)
    result = reprocess(db, ids=_ids(db))  # counts kept batch by batch, not recounted
    assert result.articles == len(before) and not result.failures
    assert _snapshot(db) == before
    _assert_counts_match_a_recount(db)


def test_reprocess_applies_a_changed_pipeline_and_keeps_inputs_known(
    samples: Path, tmp_path: Path
) -> None:
    db = tmp_path / "r.db"
    decode([samples / "jsonl"], db=db).run()
    with Store(db) as store:
        inputs = store.conn.execute("SELECT COUNT(*) FROM inputs").fetchone()[0]
    _assert_counts_match_a_recount(db)
    reprocess(db, Config(components=("sentences",)))
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0] == 0
        assert store.conn.execute("SELECT COUNT(*) FROM actor_months").fetchone()[0] == 0
        assert store.conn.execute("SELECT COUNT(*) FROM inputs").fetchone()[0] == inputs
    again = decode([samples / "jsonl"], db=db).run()
    assert again.counts.decoded == 0 and again.counts.skipped == again.counts.inputs
    reprocess(db)
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0] > 0
    _assert_counts_match_a_recount(db)


def test_reprocess_command_reports_unknown_ids(samples: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    decode([samples / "text" / "aukus-pact.txt"], db=db).run()
    with Store(db) as store:
        (article_id,) = store.article_ids()
    runner = CliRunner()
    ok = runner.invoke(main, ["reprocess", "--db", str(db), "--id", article_id, "-q"])
    assert ok.exit_code == 0, ok.output
    missing = runner.invoke(main, ["reprocess", "--db", str(db), "--id", "nope"])
    assert missing.exit_code == 1 and "no article 'nope'" in missing.output
