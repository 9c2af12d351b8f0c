"""Worker processes: the same output as one process, in input order, and a worker that
dies costs only the article it was analysing."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import Config, decode, pool
from newsgraph.config import load_config
from newsgraph.errors import ConfigError
from newsgraph.model import Article, Origin, RawDocument
from newsgraph.nlp.registry import ComponentFn, component
from newsgraph.output import article_to_dict
from newsgraph.pool import AUTO_MIN_BYTES, auto_workers, batched_by_words

pytestmark = pytest.mark.model

_DEADLY = "This sentence kills the worker that analyses it."


@component("exit_on_deadly_text")
def _make_exit_on_deadly_text(config: Config) -> ComponentFn:
    # A crash no `except` can catch (as a segfault or the out-of-memory killer would be).
    def exit_on_deadly_text(article: Article, doc: object) -> Article:
        if _DEADLY in article.text:
            os._exit(3)
        return article

    return exit_on_deadly_text


def _jsonl(inputs: list[Path], config: Config) -> list[str]:
    return [json.dumps(article_to_dict(a), sort_keys=True) for a in decode(inputs, config=config)]


def test_two_workers_write_the_same_jsonl_in_input_order(samples: Path) -> None:
    inputs = [samples / "jsonl", samples / "text", samples / "json"]
    # Small batches, so that many are in flight and they finish out of order.
    one = _jsonl(inputs, Config(workers=1, batch_words=150))
    two = _jsonl(inputs, Config(workers=2, batch_words=150))
    assert one == two and len(one) >= 12
    in_process = _jsonl(inputs, Config(workers=1))
    assert [json.loads(line)["id"] for line in one] == [
        json.loads(line)["id"] for line in in_process
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="the component is inherited by fork")
def test_a_worker_that_dies_costs_only_its_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pool forks only when no other thread runs; under pytest-xdist one does, and a
    # spawned worker would not know this test's component: fork as a plain run would.
    monkeypatch.setattr(pool, "_start_context", lambda: multiprocessing.get_context("fork"))
    texts = [f"Article {i}. The minister met the envoy in Paris on Monday." for i in range(6)]
    texts[3] = f"Article 3. {_DEADLY}"
    source = tmp_path / "batch.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    config = Config(workers=2, batch_words=20, components=("sentences", "exit_on_deadly_text"))
    run = decode([source], config=config)
    ids = [article.id for article in run]
    assert ids == ["a0", "a1", "a2", "a4", "a5"]
    assert [f.origin.record for f in run.failures] == ["line 4"]
    assert "died" in run.failures[0].message


# Run in a fresh process with one thread, as a plain `decode` is: forking inside a
# pytest-xdist worker, which runs threads of its own, could copy a lock one of them holds.
_OVERLAP_SCRIPT = """
import io, json, sys
from pathlib import Path
from newsgraph import Config, decode, pipeline, pool
from newsgraph.output import write_jsonl

def stored_jsonl(db):
    stream = io.StringIO()
    run = decode(inputs, config=Config(workers=1, batch_words=150), db=db)
    for article in run:
        write_jsonl(article, stream)
        stream.write("\\n")
    return stream.getvalue(), run.counts.skipped

samples, tmp = Path(sys.argv[1]), Path(sys.argv[2])
inputs = [samples / "jsonl", samples / "text", samples / "json", samples / "html"]
real_can_overlap = pool.can_overlap
pool.can_overlap = lambda: False
before = stored_jsonl(tmp / "in_process.db")
pool._available_cores = lambda: 2  # as on a 2-core machine
pool.can_overlap = real_can_overlap
forked = []
real_pool = pool.WorkerPool
def counting_pool(config, db_path, workers):
    forked.append(workers)
    return real_pool(config, db_path, workers)
pipeline.WorkerPool = counting_pool
overlapping = pool.can_overlap()
after = stored_jsonl(tmp / "overlapped.db")
json.dump({"overlapping": overlapping, "forked": forked, "before": before, "after": after},
          sys.stdout)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="overlapping needs fork")
def test_one_worker_into_a_store_overlapping_writes_gives_the_same_jsonl(
    samples: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-c", _OVERLAP_SCRIPT, str(samples), str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    run = json.loads(result.stdout)
    assert run["overlapping"]
    assert run["forked"] == [1]  # the analysis did run in one worker process
    (before, before_skipped), (after, after_skipped) = run["before"], run["after"]
    assert after == before and after.count("\n") >= 12
    assert after_skipped == before_skipped


def test_batches_close_at_the_word_budget_or_the_article_count() -> None:
    def raw(words: int) -> RawDocument:
        return RawDocument(origin=Origin("x"), format="text", text="word " * words)

    sizes = [len(b) for b in batched_by_words([raw(300)] * 10, max_words=1000, max_articles=4)]
    assert sizes == [4, 4, 2]
    sizes = [len(b) for b in batched_by_words([raw(2000), raw(10), raw(10)], 1000, 16)]
    assert sizes == [1, 2]


def test_auto_uses_one_process_for_small_inputs(samples: Path, tmp_path: Path) -> None:
    assert auto_workers([samples / "text", "-"]) == 1
    big = tmp_path / "big.jsonl"
    big.write_bytes(b" " * AUTO_MIN_BYTES)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    assert auto_workers([big]) == (min(cores, 4) if cores > 1 else 1)


def test_workers_auto_in_a_config_file(tmp_path: Path) -> None:
    path = tmp_path / "newsgraph.toml"
    path.write_text('[decode]\nworkers = "auto"\n', encoding="utf-8")
    assert load_config(path).workers == 0
    with pytest.raises(ConfigError, match="workers"):
        Config(workers=-1).validate()
