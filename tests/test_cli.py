"""The `newsgraph` command as a user runs it: real processes, real files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.output import CONTRACT_FIELDS

ARTICLE = (
    "Kazakh President Kassym-Jomart Tokayev greeted Chinese President Xi Jinping in Astana "
    "on Tuesday. The two leaders signed agreements on trade."
)


def newsgraph(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("command", [[], ["decode"], ["stats"], ["actors"], ["article"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.mark.model
def test_decode_jsonl_reports_bad_input_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "bad.json").write_text("{not json")
    result = newsgraph("decode", str(tmp_path), "--format", "jsonl", "--no-store", cwd=tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.decode().splitlines()
    record = json.loads(line)
    assert set(CONTRACT_FIELDS) <= set(record)
    assert record["text"] == ARTICLE and record["language"] == "en"
    for entity in record["entities"]:
        for detail in entity["mention_details"]:
            start, end = detail["span"]
            if detail["kind"] == "name":
                assert record["text"][start:end] == entity["name"]
    stderr = result.stderr.decode()
    assert "bad.json" in stderr and "malformed" in stderr
    assert "\x1b[" not in stderr  # no progress bar or colours when not a terminal
    assert not (tmp_path / "newsgraph.db").exists()


@pytest.mark.model
def test_decode_stdin_with_metadata_options(tmp_path: Path) -> None:
    result = newsgraph(
        "decode",
        "-",
        "--format",
        "jsonl",
        "--no-store",
        "--quiet",
        "--source",
        "Steppe Wire",
        "--published",
        "3 July 2024",
        "--url",
        "https://x.example/visit",
        stdin=ARTICLE.encode(),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    record = json.loads(result.stdout)
    assert (record["source"], record["published"], record["url"]) == (
        "Steppe Wire",
        "2024-07-03",
        "https://x.example/visit",
    )


@pytest.mark.model
def test_decode_into_database_then_stats_and_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = str(tmp_path / "x.db")
    first = newsgraph("decode", str(tmp_path / "a.txt"), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "decoded 1 articles" in first.stderr.decode()
    again = newsgraph("decode", str(tmp_path / "a.txt"), "--db", db)
    assert "decoded 0 articles" in again.stderr.decode()
    stats = newsgraph("stats", "--db", db)
    assert stats.returncode == 0
    assert "1 articles" in stats.stdout.decode() and "Tokayev" in stats.stdout.decode()
    exported = json.loads(
        newsgraph("decode", str(tmp_path / "a.txt"), "--no-store", "--format", "jsonl", "-q").stdout
    )
    stored = json.loads(newsgraph("article", exported["id"], "--db", db).stdout)
    assert stored["entities"] == exported["entities"] and stored["text"] == ARTICLE


def test_stats_without_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "run `newsgraph decode` first" in result.output


def test_url_option_needs_a_single_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["decode", "a", "b", "--url", "https://x.example"])
    assert result.exit_code == 2 and "single input" in result.output


def test_bad_configuration_exits_3(tmp_path: Path) -> None:
    (tmp_path / "ng.toml").write_text('[decode]\ncomponents = ["sentences", "nope"]\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = newsgraph(
        "decode", str(tmp_path / "a.txt"), "--no-store", "--config", str(tmp_path / "ng.toml")
    )
    assert result.returncode == 3 and b"unknown component" in result.stderr


@pytest.mark.model
def test_quiet_still_reports_failures(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    result = newsgraph("decode", str(tmp_path), "--no-store", "--quiet")
    assert result.returncode == 1
    assert result.stderr.decode().strip().endswith("empty input: there is no text in it [empty]")
    assert "decoded" not in result.stderr.decode()


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def _children_of(pid: int) -> set[int]:
    children: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        children.update(int(child) for child in task.read_text().split())
    return children


def _ended_within(pids: set[int], seconds: float) -> set[int]:
    """The processes of pids still alive after waiting up to seconds."""
    deadline = time.monotonic() + seconds
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        alive = {pid for pid in alive if Path(f"/proc/{pid}").exists() and not _zombie(pid)}
        time.sleep(0.1)
    return alive


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.model
def test_killed_run_keeps_committed_batches_and_the_next_run_completes(tmp_path: Path) -> None:
    sentence = (
        "Officials from {0} countries met in Astana on day {0} to discuss trade and security. "
    )
    records = [{"id": f"r{i}", "text": sentence.format(i) * 30} for i in range(60)]
    source = tmp_path / "batch.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "newsgraph.cli", "decode", str(source), "--db", str(db)]
    process = subprocess.Popen([*command, "--batch-size", "2", "-q"])
    deadline = time.monotonic() + 240
    while stored_count(db) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = _children_of(process.pid)
    process.kill()  # SIGKILL: no clean-up runs
    process.wait()
    assert _ended_within(workers, seconds=30) == set()  # no orphaned worker holds a model
    committed = stored_count(db)
    assert 2 <= committed < 60
    resumed = subprocess.run(command, capture_output=True, timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert f"decoded {60 - committed} articles" in resumed.stderr.decode()
    assert stored_count(db) == 60


@pytest.mark.model
def test_jsonl_output_covers_known_inputs_on_a_second_run(samples: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "again.db")
    args = ("decode", str(samples / "json"), "--db", db, "--format", "jsonl", "-q")
    first, second = newsgraph(*args), newsgraph(*args)
    ids = [[json.loads(line)["id"] for line in r.stdout.splitlines()] for r in (first, second)]
    assert len(ids[0]) == 6
    assert sorted(ids[0]) == sorted(ids[1])


@pytest.mark.model
def test_actors_command_lists_coded_actors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    db = str(tmp_path / "x.db")
    assert newsgraph("decode", str(tmp_path / "a.txt"), "--db", db, "-q").returncode == 0
    result = newsgraph("actors", "--db", db, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    codes = {row["name"]: row["code"] for row in rows}
    assert codes["Kassym-Jomart Tokayev"] == "KAZGOV"
    assert codes["Xi Jinping"] == "CHNGOV"
    table = newsgraph("actors", "--db", db, "--country", "KAZ")
    assert "Tokayev" in table.stdout.decode() and "Xi Jinping" not in table.stdout.decode()
