"""The events evaluation splits its gold data into fixed tuning and check halves, and our own
gold sentences point into the AllSides corpus by offsets that still fit it."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

from events import (  # noqa: E402
    MainEvent,
    OwnEvent,
    OwnSentence,
    event_config,
    gap,
    half,
    load_own,
    score_own,
)
from events_sample import sentences  # noqa: E402

OWN = ROOT / "eval" / "data" / "events_own.jsonl"


def test_half_follows_the_first_sha1_byte_rule_the_rule_writers_use() -> None:
    for key in ("PLOVER-GSR01-ACCUSE-0001", "abc:12", "42"):
        expected = hashlib.sha1(key.encode()).digest()[0] % 2 == 0
        assert half(key) == ("tuning" if expected else "check")


def test_gap_is_tuning_minus_check_for_figures_only() -> None:
    tuning = {"type_accuracy": 0.9, "records": 10, "by_type": {"A": 1.0}}
    check = {"type_accuracy": 0.8, "records": 12, "by_type": {"A": 0.5}}
    assert gap(tuning, check) == {"type_accuracy": 0.1}


def test_sentence_cut_keeps_titles_and_initials_and_starts_each_line_anew() -> None:
    text = 'Mr. Kerry met Gen. Sisi in Cairo. Judge Emmet G. Sullivan ruled.\n"We agree," he said.'
    cut = [text[start:end] for start, end in sentences(text)]
    assert cut == [
        "Mr. Kerry met Gen. Sisi in Cairo.",
        "Judge Emmet G. Sullivan ruled.",
        '"We agree," he said.',
    ]


def test_own_labels_hold_no_corpus_text_and_every_actor_has_a_code() -> None:
    for line in OWN.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        assert "text" not in label
        assert label["start"] < label["end"]
        for event in label["events"]:
            for actor in event["source"] + event["target"]:
                assert actor["code"] == "---" or len(actor["code"]) == 3


@pytest.mark.shared
def test_own_labels_still_fit_the_corpus_and_fall_in_both_halves(shared_data: Path) -> None:
    corpus = shared_data / "corpus" / "allsides-intl" / "articles.jsonl"
    if not corpus.exists():
        pytest.skip("the AllSides corpus is not in ../shared/data")
    own, stale = load_own(OWN, corpus)
    assert stale == []
    halves = {half(sentence.key) for sentence in own}
    assert halves == {"tuning", "check"}
    assert len(own) >= 300


@pytest.mark.shared
def test_events_eval_reports_tuning_check_and_gap_for_plover_and_own(
    shared_data: Path, tmp_path: Path
) -> None:
    if not (shared_data / "events" / "plover" / "PLOVER_GSR_dev.json").exists():
        pytest.skip("PLOVER gold is not in ../shared/data")
    out = tmp_path / "events.json"
    subprocess.run(
        [sys.executable, str(ROOT / "eval" / "events.py"), "--limit", "12", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    results = json.loads(out.read_text(encoding="utf-8"))
    plover, own = results["plover"], results["own"]
    assert plover["tuning"]["records"] + plover["check"]["records"] == plover["records"] == 12
    assert "type_accuracy" in plover["gap"]
    assert own["tuning"]["sentences"] + own["check"]["sentences"] == own["all"]["sentences"]
    for key in ("type_recall", "type_precision", "source_country_accuracy", "false_event_rate"):
        assert 0.0 <= own["check"][key] <= 1.0
        assert key in own["gap"]
    in_context = results["own_context"]
    assert in_context["all"]["sentences"] == own["all"]["sentences"]
    assert "type_recall" in in_context["gap"]


@pytest.mark.model
def test_own_sentence_in_context_is_scored_with_the_actors_named_before_it() -> None:
    sentence = OwnSentence(
        key="test:60",
        text="Pompeo met King Salman on Tuesday.",
        date="2019-01-15",
        events=[OwnEvent("CONSULT", ["USA"], ["SAU"])],
        uncertain=False,
        before="Secretary of State Mike Pompeo arrived in Riyadh on Monday. ",
    )
    config = event_config()
    main = MainEvent(config)
    alone = score_own(sentence, config, main)
    in_context = score_own(sentence, config, main, context=True)
    assert alone.found == in_context.found == [True]
    assert alone.source_hits == [False]
    assert in_context.source_hits == [True]
    # the visit the sentence before tells is not this sentence's event
    assert in_context.events == alone.events == 1
