"""Score the quotes layer against PolNeAR (political news with every attribution annotated).

Gold: ../shared/data/quotes/polnear/data/<split>/ (brat standoff, see its FORMAT.md); the
first annotator of each article (metadata.tsv) is the reference. Each article is decoded
once (``decode_text(text, published=date)`` with sentences, actors and quotes).

Two views, each for all attributions and for speech only (PolNeAR also annotates beliefs
and intentions; an attribution is speech when its cue reads as a speech cue in our cue
lexicon, or is a colon; a predicted quote likewise by its cue; a floating quote with no
cue counts as speech):

* Gender Gap Tracker style: a predicted and a gold content match when their overlap covers
  at least 30% (and, separately, 80%) of both; one-to-one, largest overlap first. Content
  precision, recall and F1; on the 30% matches, speaker accuracy (the predicted speaker's
  span, or any mention of its actor, overlaps the gold source; a gold attribution without
  source is right when no speaker is predicted) and cue accuracy (the cue spans overlap).
* Citron style: exact-span F1 of content (the same letters and digits covered: gold
  contents keep their quote marks and split differently around them, ours do not) and of
  source (the distinct source spans of an article, compared after stripping spaces, quote
  marks and punctuation at their edges).

Usage: python eval/quotes.py [--split train|dev] [--limit N] [--show N] [--out PATH]
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "quotes" / "polnear" / "data"
DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "quotes.json"
COMPONENTS = ("sentences", "actors", "quotes")

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from newsgraph import decode_text  # noqa: E402
from newsgraph.config import Config  # noqa: E402
from newsgraph.errors import NewsgraphError  # noqa: E402
from newsgraph.model import Article, Quote  # noqa: E402
from newsgraph.nlp.quotes.lexicon import load_cues  # noqa: E402

Span = tuple[int, int]
_EDGE = set(" \t\n“”„«»‘’‹›\"'.,;:!?—–-()[]")


@dataclass
class Gold:
    content: list[Span]
    cue: list[Span]
    source: list[Span]
    cue_text: str


@dataclass
class Pair:
    """The gold and predicted attributions of one article."""

    article_id: str
    text: str
    golds: list[Gold]
    predicted: list[Quote]
    article: Article | None


# --- reading PolNeAR ------------------------------------------------------------------------


def read_split(data: Path, split: str, limit: int) -> list[tuple[str, str, str]]:
    """(article name, annotator, publication date) of the split, in metadata order."""
    rows: list[tuple[str, str, str]] = []
    with (data / "metadata.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["compartment"] == split:
                annotator = row["annotators"].split("|")[0]
                rows.append((row["filename"], annotator, row["publication_date"]))
    return rows[:limit] if limit else rows


def parse_spans(field: str) -> list[Span]:
    spans: list[Span] = []
    for part in field.split(";"):
        start, end = part.split()[-2:]
        spans.append((int(start), int(end)))
    return spans


def read_gold(path: Path, text: str) -> list[Gold]:
    spans: dict[str, list[Span]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("T") and len(cells) >= 2:
            spans[cells[0]] = parse_spans(cells[1])
        elif line.startswith("E") and len(cells) >= 2:
            roles = dict(part.split(":", 1) for part in cells[1].split())
            relations.append(roles)
    golds: list[Gold] = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""), [])
        cue = spans.get(roles.get("Cue", ""), [])
        if not content:
            continue
        cue_text = " ".join(text[s:e] for s, e in cue)
        golds.append(Gold(content, cue, spans.get(roles.get("Source", ""), []), cue_text))
    return golds


# --- span arithmetic ------------------------------------------------------------------------


def chars(text: str, spans: Iterable[Span]) -> set[int]:
    """The offsets of the letters and digits in the spans (marks and spaces do not count)."""
    return {i for s, e in spans for i in range(s, e) if text[i].isalnum()}


def normalized(text: str, span: Span) -> Span:
    start, end = span
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1].isspace()):
        end -= 1
    return (start, end)


def overlaps(a: list[Span], b: list[Span]) -> bool:
    return any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


# --- scoring --------------------------------------------------------------------------------


def match(pair: Pair, threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) content matches at `threshold` overlap."""
    gold_chars = [chars(pair.text, g.content) for g in pair.golds]
    pred_chars = [chars(pair.text, q.spans) for q in pair.predicted]
    candidates: list[tuple[float, int, int]] = []
    for gi, gc in enumerate(gold_chars):
        for pi, pc in enumerate(pred_chars):
            common = len(gc & pc)
            if gc and pc and common >= threshold * len(gc) and common >= threshold * len(pc):
                candidates.append((common / max(len(gc), len(pc)), gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches: list[tuple[int, int]] = []
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matches.append((gi, pi))
    return matches


def speaker_right(pair: Pair, gold: Gold, quote: Quote) -> bool:
    speaker = quote.speaker
    if not gold.source:
        return speaker is None
    if speaker is None:
        return False
    if speaker.span is not None and overlaps([speaker.span], gold.source):
        return True
    entity = (
        next((e for e in pair.article.entities if e.id == speaker.entity), None)
        if (pair.article and speaker.entity)
        else None
    )
    return entity is not None and overlaps(entity.mentions, gold.source)


def cue_right(gold: Gold, quote: Quote) -> bool:
    return quote.cue is not None and overlaps([quote.cue.span], gold.cue)


def prf(right_pred: int, predicted: int, right_gold: int, gold: int) -> dict[str, float]:
    precision = right_pred / predicted if predicted else 0.0
    recall = right_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def ggt(pairs: list[Pair], threshold: float) -> dict[str, Any]:
    matched = speaker_ok = cue_ok = predicted = gold = 0
    for pair in pairs:
        matches = match(pair, threshold)
        matched += len(matches)
        predicted += len(pair.predicted)
        gold += len(pair.golds)
        for gi, pi in matches:
            speaker_ok += speaker_right(pair, pair.golds[gi], pair.predicted[pi])
            cue_ok += cue_right(pair.golds[gi], pair.predicted[pi])
    return {
        **prf(matched, predicted, matched, gold),
        "speaker_accuracy": round(speaker_ok / matched, 4) if matched else 0.0,
        "cue_accuracy": round(cue_ok / matched, 4) if matched else 0.0,
        "matched": matched,
        "predicted": predicted,
        "gold": gold,
    }


def citron(pairs: list[Pair]) -> dict[str, Any]:
    content = {"right": 0, "predicted": 0, "gold": 0}
    source = {"right": 0, "predicted": 0, "gold": 0}
    for pair in pairs:
        gold_contents = {frozenset(chars(pair.text, g.content)) for g in pair.golds}
        pred_contents = {frozenset(chars(pair.text, q.spans)) for q in pair.predicted}
        content["right"] += len(gold_contents & pred_contents)
        content["predicted"] += len(pred_contents)
        content["gold"] += len(gold_contents)
        gold_sources = {normalized(pair.text, s) for g in pair.golds for s in g.source}
        pred_sources = {
            normalized(pair.text, q.speaker.span)
            for q in pair.predicted
            if q.speaker is not None and q.speaker.span is not None
        }
        source["right"] += len(gold_sources & pred_sources)
        source["predicted"] += len(pred_sources)
        source["gold"] += len(gold_sources)
    return {
        "content": prf(content["right"], content["predicted"], content["right"], content["gold"]),
        "source": prf(source["right"], source["predicted"], source["right"], source["gold"]),
    }


def _norm(text: str, spans: list[Span]) -> frozenset[Span]:
    return frozenset(normalized(text, s) for s in spans)


def speech_only(pairs: list[Pair]) -> list[Pair]:
    lexicon = load_cues()

    def is_speech(cue: str) -> bool:
        return cue.strip() == ":" or lexicon.kind_of_text(cue) == "speech"

    return [
        Pair(
            p.article_id,
            p.text,
            [g for g in p.golds if is_speech(g.cue_text)],
            [q for q in p.predicted if q.cue is None or is_speech(q.cue.text)],
            p.article,
        )
        for p in pairs
    ]


def summarize(pairs: list[Pair]) -> dict[str, Any]:
    return {
        "ggt_30": ggt(pairs, 0.3),
        "ggt_80": ggt(pairs, 0.8),
        "citron": citron(pairs),
    }


# --- running --------------------------------------------------------------------------------


def decode_split(data: Path, split: str, limit: int) -> list[Pair]:
    config = Config().with_overrides(components=COMPONENTS)
    pairs: list[Pair] = []
    for name, annotator, published in read_split(data, split, limit):
        text = (data / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        golds = read_gold(data / split / "attributions" / f"{name}_{annotator}.ann", text)
        try:
            article: Article | None = decode_text(text, config=config, published=published)
        except NewsgraphError as error:
            logging.warning("could not decode %s: %s", name, error)
            article = None
        # Decoding may drop trailing blank lines; anything else would shift the offsets.
        if article is not None and not text.startswith(article.text.rstrip()):
            logging.warning("%s: decoded text differs from the file; offsets may shift", name)
        quotes = article.quotes if article is not None else []
        pairs.append(Pair(name, text, golds, quotes, article))
    return pairs


def show_errors(pairs: list[Pair], limit: int) -> None:
    shown = 0
    for pair in pairs:
        matches = match(pair, 0.3)
        matched_gold = {gi for gi, _ in matches}
        matched_pred = {pi for _, pi in matches}
        for gi, gold in enumerate(pair.golds):
            if gi not in matched_gold and shown < limit:
                shown += 1
                cited = " | ".join(pair.text[s:e] for s, e in gold.content)[:160]
                print(f"- missed [{pair.article_id}] cue={gold.cue_text!r}: {cited!r}")
        for pi, quote in enumerate(pair.predicted):
            if pi not in matched_pred and shown < limit:
                shown += 1
                cue = quote.cue.text if quote.cue else None
                print(f"- spurious [{pair.article_id}] cue={cue!r}: {quote.text[:160]!r}")


def print_table(results: dict[str, Any]) -> None:
    print(f"{'view':8} {'match':6} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'cue':>6}")
    for view in ("all", "speech"):
        for key in ("ggt_30", "ggt_80"):
            r = results[view][key]
            print(
                f"{view:8} {key[4:] + '%':6} {r['precision']:6.3f} {r['recall']:6.3f} "
                f"{r['f1']:6.3f} {r['speaker_accuracy']:8.3f} {r['cue_accuracy']:6.3f}"
            )
        c = results[view]["citron"]
        print(
            f"{view:8} exact  content F1 {c['content']['f1']:.3f}  "
            f"source F1 {c['source']['f1']:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    parser.add_argument("--show", type=int, default=0, help="print the first N errors")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    started = time.perf_counter()
    pairs = decode_split(args.data, args.split, args.limit)
    show_errors(pairs, args.show)
    results = {
        "split": args.split,
        "articles": len(pairs),
        "all": summarize(pairs),
        "speech": summarize(speech_only(pairs)),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print_table(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
