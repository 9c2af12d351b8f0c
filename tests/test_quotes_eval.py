"""The PolNeAR evaluation of the quotes layer runs and reports every figure (skipped where
../shared/data is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.shared


def test_quotes_eval_reports_ggt_and_citron_figures_for_all_and_speech(
    shared_data: Path, tmp_path: Path
) -> None:
    if not (shared_data / "quotes" / "polnear" / "data").is_dir():
        pytest.skip("PolNeAR is not in ../shared/data")
    out = tmp_path / "quotes.json"
    subprocess.run(
        [sys.executable, str(ROOT / "eval" / "quotes.py"), "--limit", "3", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["articles"] == 3
    for view in ("all", "speech"):
        for key in ("ggt_30", "ggt_80"):
            figures = results[view][key]
            assert {"precision", "recall", "f1", "speaker_accuracy", "cue_accuracy"} <= set(figures)
            assert 0.0 <= figures["f1"] <= 1.0
        assert set(results[view]["citron"]) == {"content", "source"}
    assert results["all"]["ggt_30"]["gold"] >= results["speech"]["ggt_30"]["gold"] > 0
