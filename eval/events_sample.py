"""Draw the sentences of the own events gold set (eval/data/events_own.jsonl) at random.

Every article of the AllSides international corpus is cut into sentences by a plain regex
(no model, so the cut never depends on newsgraph), the sentences that look like prose are
kept, and a fixed-seed random sample is drawn from all of them by position. The sample is
printed (or written as label-less skeleton lines) in draw order, so any prefix of the file is
itself a random sample. The text is never stored: a line holds the article id and the
sentence's character offsets into the article's ``text``.

Usage: python eval/events_sample.py [--corpus PATH] [--n 600] [--seed 11] [--skeleton]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the main checkout; a worktree under /work/wt finds it one level up.
SHARED = next(
    (p / "shared" for p in (REPO_ROOT.parent, REPO_ROOT.parent.parent) if (p / "shared").exists()),
    REPO_ROOT.parent / "shared",
)
DEFAULT_CORPUS = SHARED / "data" / "corpus" / "allsides-intl" / "articles.jsonl"
SEED = 11
# A sentence ends at . ! ? (and a closing quote) followed by space and a capital or a quote.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z]{2,}")
# A period after these (or after an initial: "Emmet G.", "U.S.") does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|Jr|Sr|No|Vol|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs|etc)|\b[A-Z]|\.[A-Z])\.$"
)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of `text`: lines are cut at sentence ends."""
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _BOUNDARY.finditer(line):
            if _ABBREVIATION.search(line[: match.start()]):
                continue
            end = match.start() + len(match.group(0).rstrip())
            yield offset + start, offset + end
            start = match.end()
        if line[start:].strip():
            yield offset + start, offset + len(line.rstrip())
        offset += len(line) + 1


def is_prose(sentence: str) -> bool:
    """Long enough to say something, short enough not to be a run-on of several."""
    return 40 <= len(sentence) <= 400 and len(_WORD.findall(sentence)) >= 6


def population(corpus: Path) -> list[tuple[str, int, int, str]]:
    """Every prose sentence of the corpus: (article id, start, end, published date)."""
    rows = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        text = article.get("text") or ""
        for start, end in sentences(text):
            if is_prose(text[start:end]):
                rows.append((article["id"], start, end, article.get("date") or ""))
    return rows


def draw(corpus: Path, n: int, seed: int = SEED) -> list[tuple[str, int, int, str]]:
    rows = population(corpus)
    return random.Random(seed).sample(rows, n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--skeleton", action="store_true", help="print JSONL lines to label")
    args = parser.parse_args(argv)
    texts = {
        json.loads(line)["id"]: json.loads(line)["text"]
        for line in args.corpus.read_text(encoding="utf-8").splitlines()
    }
    for number, (article, start, end, date) in enumerate(draw(args.corpus, args.n, args.seed)):
        if args.skeleton:
            print(json.dumps({"article_id": article, "start": start, "end": end, "date": date}))
        else:
            print(f"[{number}] {article} {start}:{end} {date}\n    {texts[article][start:end]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
