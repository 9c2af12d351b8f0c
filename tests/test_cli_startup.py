"""The command starts light and checks what it is given before any heavy work: help,
version and the store's queries never import spaCy, pyarrow, networkx or the web stack;
bad arguments, dates, ids and files are reported (with the README's exit codes) before
the model loads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import decoded_article

from newsgraph.store.sqlite import Store
from newsgraph.stories import update_stories

HEAVY = (
    "spacy", "thinc", "pyarrow", "networkx", "fastapi", "uvicorn", "jinja2", "trafilatura",
    "feedparser", "httpx", "pyspark", "fastwarc",
)  # fmt: skip

# Runs the command in a fresh interpreter, then reports its exit code and which heavy
# modules it imported (on the last line of stderr).
_PROBE = """
import json, sys
from newsgraph.cli import main
code = 0
try:
    main(sys.argv[1:], prog_name="newsgraph")
except SystemExit as end:
    code = end.code if isinstance(end.code, int) else (0 if end.code is None else 1)
heavy = [name for name in {heavy!r} if name in sys.modules]
print(json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""


def probe(*args: str, cwd: Path) -> tuple[int, list[str], str]:
    """(exit code, heavy modules imported, what the command wrote to stdout and stderr)."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )
    *lines, last = result.stderr.rstrip("\n").split("\n")
    report = json.loads(last)
    return report["code"], report["heavy"], result.stdout + "\n".join(lines)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "s.db"
    with Store(path) as store, store.transaction():
        store.save(decoded_article())
        update_stories(store, ["a1"])
    return path


def story_id(db: Path) -> str:
    with Store(db, readonly=True) as store:
        return str(store.conn.execute("SELECT id FROM stories").fetchone()[0])


def test_help_and_version_import_nothing_heavy(tmp_path: Path) -> None:
    code, heavy, out = probe("--help", cwd=tmp_path)
    assert (code, heavy) == (0, []) and "stats" in out and "serve" in out
    code, heavy, out = probe("--version", cwd=tmp_path)
    assert (code, heavy) == (0, []) and "version" in out


@pytest.mark.parametrize(
    "args",
    [
        ["stats"],
        ["actors"],
        ["article", "a1"],
        ["quotes"],
        ["events", "--modality", "all"],
        ["actor", "Tokayev"],
        ["relations", "Tokayev", "China"],
        ["timeline"],
        ["search", "cooperation"],
        ["stories", "--min-articles", "1"],
        ["export", "articles"],
        ["export", "gdelt"],
        ["decode", "--help"],
        ["serve", "--help"],
    ],
)
def test_reading_the_store_imports_nothing_heavy(store: Path, args: list[str]) -> None:
    code, heavy, out = probe(*args, "--db", str(store), cwd=store.parent)
    assert code == 0, out
    assert heavy == []
    assert out.strip()


def test_a_story_prints_without_importing_anything_heavy(store: Path) -> None:
    code, heavy, out = probe("story", story_id(store), "--db", str(store), cwd=store.parent)
    assert (code, heavy) == (0, []), out
    assert "Astana" in out or "Tokayev" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        # what was asked for is not in the store: 1, as grep finding nothing
        (["reprocess", "--id", "nope"], 1, "no article 'nope'"),
        (["article", "nope"], 1, "no article 'nope'"),
        (["story", "nope"], 1, "no story 'nope'"),
        (["actor", "Nobody Atall"], 1, "no actor named 'Nobody Atall'"),
        (["relations", "Nobody Atall", "China"], 1, "no actor named 'Nobody Atall'"),
        # bad usage: 2
        (["events", "--since", "July"], 2, "'July' is not a date"),
        (["quotes", "--until", "2024-02-30"], 2, "'2024-02-30' is not a date"),
        (["export", "events", "--since", "last week"], 2, "is not a date"),
        (["events", "--modality", "maybe"], 2, "unknown modality maybe"),
        (["decode", "-", "--no-store", "--published", "someday"], 2, "'someday' is not a date"),
        (["reprocess", "--model", "no_such_model"], 3, "no spaCy model 'no_such_model'"),
    ],
)
def test_bad_arguments_and_unknown_ids_are_reported_before_the_model_loads(
    store: Path, args: list[str], code: int, message: str
) -> None:
    exit_code, heavy, out = probe(*args, "--db", str(store), cwd=store.parent)
    assert exit_code == code, out
    assert message in out
    assert "spacy" not in heavy and "thinc" not in heavy


@pytest.mark.parametrize(
    "command", ["stats", "actors", "article a1", "quotes", "actor China", "story x", "reprocess"]
)
def test_a_missing_database_is_bad_usage(tmp_path: Path, command: str) -> None:
    code, heavy, out = probe(*command.split(), "--db", str(tmp_path / "none.db"), cwd=tmp_path)
    assert code == 2, out
    assert "no database at" in out and "run `newsgraph decode` first" in out
    assert heavy == []
    assert not (tmp_path / "none.db").exists()


def test_decode_of_inputs_that_are_not_there_stops_before_the_model_and_the_store(
    tmp_path: Path,
) -> None:
    db = tmp_path / "new.db"
    code, heavy, out = probe("decode", str(tmp_path / "nope.txt"), "--db", str(db), cwd=tmp_path)
    assert code == 1, out
    assert "nope.txt: no such file or folder [unreadable]" in out
    assert "spacy" not in heavy and not db.exists()


def test_decode_with_an_unknown_model_is_fatal_before_reading(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Kazakh President Tokayev met Xi Jinping in Astana.")
    db = tmp_path / "new.db"
    code, heavy, out = probe(
        "decode", str(tmp_path / "a.txt"), "--db", str(db), "--model", "no_such_model",
        cwd=tmp_path,
    )  # fmt: skip
    assert code == 3, out
    assert "no spaCy model 'no_such_model'" in out
    assert "spacy" not in heavy and not db.exists()


def test_the_command_s_default_database_is_the_store_s() -> None:
    from newsgraph.cli.common import DEFAULT_DB
    from newsgraph.store import sqlite

    assert DEFAULT_DB == sqlite.DEFAULT_DB


def test_import_newsgraph_is_light_and_still_offers_decode(tmp_path: Path) -> None:
    script = (
        "import sys, newsgraph\n"
        f"assert not [m for m in {HEAVY!r} if m in sys.modules], sys.modules.keys()\n"
        "assert 'decode_text' in dir(newsgraph)\n"
        "from newsgraph import Config, decode, decode_text\n"
        "assert callable(decode) and callable(decode_text) and Config().batch_size\n"
        "print(newsgraph.__version__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
