"""Score article-body extraction on the Article Extraction Benchmark (AEB).

Compares, in one run, newsgraph's extraction (the `text` that
`build_article` gives the decode pipeline: `extract_html` plus notes split off) with plain
`trafilatura.extract(html)` (default options), using the benchmark's own metric as
implemented in scrapinghub/article-extraction-benchmark's evaluate.py:

* tokens are `\\w+` matches; shingles are 4-token n-grams, counted as a multiset (a text
  shorter than 4 tokens is one shorter shingle);
* per page, TP/FP/FN are shingle counts, normalised to sum to 1;
* precision is averaged over pages with TP+FP > 0 (an empty prediction has no precision),
  recall over pages with TP+FN > 0; a page where prediction and truth are both empty scores 1;
* F1 is the harmonic mean of the mean precision and the mean recall.

Usage: python eval/extraction.py [--limit N] [--data DIR] [--out PATH]
The data directory holds html/<id>.html.gz (gzip, utf-8) and ground-truth.json.
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "extraction" / "aeb"
DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "extraction.json"

# Run from a checkout without installing the package.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import trafilatura  # noqa: E402

from newsgraph.errors import NewsgraphError  # noqa: E402
from newsgraph.extract.article import build_article  # noqa: E402
from newsgraph.model import Origin, RawDocument  # noqa: E402

TpFpFn = tuple[float, float, float]
Extractor = Callable[[str, str | None], str]

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
NGRAM_N = 4


# --- the benchmark's metric (evaluate.py) ----------------------------------------------------


def _tokenize(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def _shingles(text: str | None, n: int = NGRAM_N) -> Counter[tuple[str, ...]]:
    tokens = _tokenize(text)
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(gram for gram in grams if gram)


def shingle_matching(true: str | None, pred: str | None) -> TpFpFn:
    true_counts, pred_counts = _shingles(true), _shingles(pred)
    tp = fp = fn = 0.0
    for key in true_counts.keys() | pred_counts.keys():
        t, p = true_counts.get(key, 0), pred_counts.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    # Normalised so that long articles do not outweigh short ones.
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(scores: list[TpFpFn]) -> dict[str, float]:
    precisions = [precision_score(*s) for s in scores if s[0] + s[1] > 0]
    recalls = [recall_score(*s) for s in scores if s[0] + s[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


# --- systems ---------------------------------------------------------------------------------


def ours(html: str, url: str | None) -> str:
    # The text the decode pipeline stores: extraction, then footers and notes split off.
    raw = RawDocument(origin=Origin("aeb"), format="html", html=html, url=url)
    try:
        return build_article(raw).text
    except NewsgraphError:
        return ""  # "no article text": scored as an empty prediction, like the benchmark


def plain_trafilatura(html: str, url: str | None) -> str:
    # Deliberately trafilatura's defaults and no URL: the baseline we must not fall below.
    return trafilatura.extract(html) or ""


SYSTEMS: dict[str, Extractor] = {"ours": ours, "trafilatura": plain_trafilatura}


# --- driver ----------------------------------------------------------------------------------


def load_pages(data: Path, limit: int | None) -> list[tuple[str, str, str, str | None]]:
    """(id, html, true article body, url) for each benchmark page, sorted by id."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        path = data / "html" / f"{page_id}.html.gz"
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            html = handle.read()
        item = truth[page_id]
        pages.append((page_id, html, item.get("articleBody") or "", item.get("url")))
    return pages


def run_system(
    extractor: Extractor, pages: list[tuple[str, str, str, str | None]]
) -> tuple[dict[str, float], int]:
    scores: list[TpFpFn] = []
    errors = 0
    start = time.perf_counter()
    for page_id, html, true, url in pages:
        try:
            pred = extractor(html, url)
        except Exception as err:  # one crashing page must not lose the whole evaluation
            print(f"  error on {page_id}: {type(err).__name__}: {err}", file=sys.stderr)
            pred, errors = "", errors + 1
        scores.append(shingle_matching(true, pred))
    result = metrics(scores)
    result["seconds"] = round(time.perf_counter() - start, 2)
    result["errors"] = errors
    return result, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="AEB directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results path")
    args = parser.parse_args(argv)
    # trafilatura logs a warning for every page it discards; the table is what matters here.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)

    pages = load_pages(args.data, args.limit)
    results: dict[str, object] = {}
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'pages':>6} {'seconds':>8}")
    for name, extractor in SYSTEMS.items():
        result, errors = run_system(extractor, pages)
        results[name] = result
        note = f"  ({errors} errors)" if errors else ""
        print(
            f"{name:<12} {result['precision']:>9.4f} {result['recall']:>7.4f} "
            f"{result['f1']:>7.4f} {len(pages):>6} {result['seconds']:>8.1f}{note}"
        )
    results["pages"] = len(pages)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
