"""A decode in progress shares its store: readers (the CLI) and a second writer (another
decode) run beside it without "database is locked", and both decodes' articles are kept."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

SENTENCE = "Officials from {0} countries met in Astana on day {0} to discuss trade and security. "


def write_batch(path: Path, prefix: str, count: int, first: int = 0) -> None:
    numbers = range(first, first + count)
    records = [{"id": f"{prefix}{i}", "text": SENTENCE.format(i) * 20} for i in numbers]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsgraph.cli", *args]


def test_readers_and_a_second_writer_during_a_decode_are_never_locked(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    write_batch(tmp_path / "first.jsonl", "a", 40)
    write_batch(tmp_path / "second.jsonl", "b", 6, first=100)  # other texts: no duplicates
    first = subprocess.Popen(
        cli("decode", str(tmp_path / "first.jsonl"), "--db", str(db), "--batch-size", "2", "-q"),
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 240
    while stored_count(db) < 2 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    second = subprocess.Popen(
        cli("decode", str(tmp_path / "second.jsonl"), "--db", str(db), "--batch-size", "2", "-q"),
        stderr=subprocess.PIPE,
    )
    readers = 0
    while first.poll() is None or second.poll() is None:
        for command in (("stats",), ("actors", "--format", "json"), ("article", "a0")):
            read = subprocess.run(cli(*command, "--db", str(db)), capture_output=True, timeout=120)
            assert read.returncode == 0, read.stderr
            assert b"locked" not in read.stderr
            readers += 1
    _, first_err = first.communicate(timeout=300)
    _, second_err = second.communicate(timeout=300)
    assert first.returncode == 0 and b"locked" not in first_err, first_err
    assert second.returncode == 0 and b"locked" not in second_err, second_err
    assert readers >= 3
    assert stored_count(db) == 46
