"""Quality gates: the evaluations on gold data in ../shared must stay above eval/floors.json.

Skipped where ../shared/data is absent. The full figures come from `make eval`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))

from check_floors import check  # noqa: E402

FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.shared


def run_eval(script: str, out: Path, *args: str) -> dict[str, object]:
    subprocess.run(
        [sys.executable, str(ROOT / "eval" / script), "--out", str(out), *args],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_extraction_on_aeb_meets_floor_and_beats_plain_trafilatura(
    shared_data: Path, tmp_path: Path
) -> None:
    results = run_eval("extraction.py", tmp_path / "extraction.json")
    assert check({"extraction.json": FLOORS["extraction.json"]}, tmp_path) == []
    ours, baseline = results["ours"], results["trafilatura"]
    assert isinstance(ours, dict) and isinstance(baseline, dict)
    assert ours["f1"] >= baseline["f1"]


@pytest.mark.model
def test_damage_false_alarms_and_recall_meet_floors(shared_data: Path, tmp_path: Path) -> None:
    run_eval("damage.py", tmp_path / "damage.json")
    assert check({"damage.json": FLOORS["damage.json"]}, tmp_path) == []


@pytest.mark.model
@pytest.mark.parametrize("name", ["actors", "coref", "quotes", "events", "when_where"])
def test_actors_coreference_quotes_events_dates_and_places_meet_floors(
    shared_data: Path, tmp_path: Path, name: str
) -> None:
    run_eval(f"{name}.py", tmp_path / f"{name}.json")
    assert check({f"{name}.json": FLOORS[f"{name}.json"]}, tmp_path) == []
