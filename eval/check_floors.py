"""Compare evaluation results with the pinned floors; exit 1 if any figure fell below.

    python eval/check_floors.py eval/floors.json eval/results

floors.json maps a results file to {dotted.metric.path: {"min": x} or {"max": x}}. A floor
is raised when the work improves and is never lowered silently.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def lookup(data: Any, dotted: str) -> float:
    for key in dotted.split("."):
        data = data[key]
    return float(data)


def check(floors: dict[str, dict[str, dict[str, float]]], results_dir: Path) -> list[str]:
    problems = []
    for file_name, metrics in floors.items():
        path = results_dir / file_name
        if not path.exists():
            problems.append(f"{path}: missing (run the evaluation first)")
            continue
        results = json.loads(path.read_text(encoding="utf-8"))
        for metric, bound in metrics.items():
            value = lookup(results, metric)
            if "min" in bound and value < bound["min"]:
                problems.append(f"{file_name} {metric} = {value:.4f} < floor {bound['min']}")
            if "max" in bound and value > bound["max"]:
                problems.append(f"{file_name} {metric} = {value:.4f} > ceiling {bound['max']}")
            print(f"{file_name:18} {metric:40} {value:.4f}  bound {bound}")
    return problems


def main() -> None:
    floors = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    problems = check(floors, Path(sys.argv[2]))
    for problem in problems:
        print(f"BELOW FLOOR: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
