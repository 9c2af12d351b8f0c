"""Score coreference: is each hand-marked mention attached to the entity it refers to?

Gold: eval/data/coref_gold.jsonl (see eval/data/README.md), one mention a line::

    {"article_id", "start", "end", "mention", "kind", "antecedent", "antecedent_type",
     "antecedent_country"}

``kind`` is pronoun | nominal | name | metonym; offsets index the ``text`` of the article with
that id in the AllSides corpus (read from the shared data directory, never copied here).

Each article is decoded once (``decode_text(text, published=date)``). For each gold mention the
predicted entity with a mention overlapping [start, end) is found (largest overlap wins), and
the mention is right when that entity is the gold antecedent:

* names are compared after casefolding and stripping diacritics; right when equal, when one
  contains the other and the shorter still holds the surname ("Xi" vs "Xi Jinping"), or when
  the predicted name is the gold name's acronym ("NATO", "WHO");
* when the gold antecedent is a country, also right when the entity's ``country`` code (added
  by the actor layer) equals ``antecedent_country``.

Unresolved: no predicted entity overlaps the mention (scored wrong).

Usage: python eval/coref.py [--gold PATH] [--corpus PATH] [--limit N] [--show N] [--out PATH]
Always exits 0 once the results are written: a separate gate compares them to floors.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO_ROOT / "eval" / "data" / "coref_gold.jsonl"
DEFAULT_CORPUS = (
    REPO_ROOT.parent / "shared" / "data" / "corpus" / "allsides-intl" / "articles.jsonl"
)
DEFAULT_OUT = REPO_ROOT / "eval" / "results" / "coref.json"
KINDS = ("pronoun", "nominal", "name", "metonym")

# Run from a checkout without installing the package.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from newsgraph import decode_text  # noqa: E402
from newsgraph.errors import NewsgraphError  # noqa: E402
from newsgraph.model import Article, Entity  # noqa: E402

Span = tuple[int, int]

# Words that do not make a name: titles and articles ("President Xi", "the Kremlin").
_TITLE_WORDS = {
    "the", "mr", "mrs", "ms", "dr", "president", "prime", "minister", "secretary", "general",
    "chancellor", "king", "queen", "prince", "leader", "sen", "senator", "gov", "governor",
}  # fmt: skip


@dataclass
class GoldMention:
    article_id: str
    start: int
    end: int
    mention: str
    kind: str
    antecedent: str
    antecedent_type: str | None
    antecedent_country: str | None


@dataclass
class Scored:
    gold: GoldMention
    entity: Entity | None
    right: bool


# --- names ----------------------------------------------------------------------------------


def normalize(name: str) -> str:
    """Casefolded, diacritics stripped, punctuation to spaces: "López Obrador" ~ "lopez obrador"."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Hyphens stay: "Jae-in" is one given name, not two words.
    return " ".join(re.sub(r"[^\w-]+", " ", stripped.casefold()).split())


def name_words(name: str) -> list[str]:
    return [w for w in normalize(name).split() if w not in _TITLE_WORDS]


def acronym(name: str) -> str:
    # Initials of the capitalized words: "North Atlantic Treaty Organization" -> "nato".
    return "".join(w[0] for w in name.split() if w[:1].isupper()).casefold()


def names_match(predicted: str, gold: str) -> bool:
    pred, ref = normalize(predicted), normalize(gold)
    if not pred or not ref:
        return False
    if pred.replace("-", " ") == ref.replace("-", " "):
        return True  # "Kim Jong-un" is "Kim Jong Un"
    pred_words, gold_words = name_words(predicted), name_words(gold)
    if not pred_words or not gold_words:
        return False
    if len(pred_words) == 1 and len(pred_words[0]) >= 2 and pred_words[0] == acronym(gold):
        return True  # "NATO", "the WHO"
    # Word-level containment, so "Xi" matches "Xi Jinping" but "Kim" not "Kimberly"; the
    # shorter name must keep the surname, so a bare "Benjamin" is not "Benjamin Netanyahu".
    shorter, longer = sorted((pred_words, gold_words), key=len)
    return _is_subsequence(shorter, longer) and bool(surnames(gold_words) & set(shorter))


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    words = iter(long)
    return all(word in words for word in short)


# Family names written first (Chinese, Korean): "Xi Jinping", "Kim Jong Un", "Moon Jae-in".
# The string alone cannot tell name order, so the common ones in news are listed.
_SURNAME_FIRST = {
    "xi", "li", "wang", "zhang", "liu", "chen", "hu", "wen", "zhou", "deng", "mao", "jiang",
    "kim", "moon", "park", "lee", "yoon", "song", "kang", "leung", "lam", "tsai", "ma", "lai",
}  # fmt: skip


def surnames(gold_words: list[str]) -> set[str]:
    if len(gold_words) >= 2 and gold_words[0] in _SURNAME_FIRST:
        return {gold_words[0]}
    found = {gold_words[-1]}
    # Spanish double surnames: "López Obrador" is "López" as often as the pair.
    if len(gold_words) >= 3 and len(gold_words[-2]) > 1:
        found.add(gold_words[-2])
    return found


def entity_matches(entity: Entity, gold: GoldMention) -> bool:
    if names_match(entity.name, gold.antecedent):
        return True
    if gold.antecedent_type == "country" and gold.antecedent_country:
        # The actor layer's country code (absent until it lands).
        country = getattr(entity, "country", None)
        return bool(country) and str(country).upper() == gold.antecedent_country.upper()
    return False


# --- matching -------------------------------------------------------------------------------


def covering_entity(article: Article, span: Span) -> Entity | None:
    """The entity whose mention overlaps the span most: the nominal "Netanyahu's chief rival"
    overlaps a "Netanyahu" mention, but the gold expects the entity of the whole phrase,
    which a coreferent mention of Gantz would cover entirely."""
    best: Entity | None = None
    best_overlap = 0
    for entity in article.entities:
        for start, end in entity.mentions:
            size = min(end, span[1]) - max(start, span[0])
            if size > best_overlap:
                best, best_overlap = entity, size
    return best


def load_gold(path: Path) -> list[GoldMention]:
    golds: list[GoldMention] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                golds.append(
                    GoldMention(
                        article_id=record["article_id"],
                        start=int(record["start"]),
                        end=int(record["end"]),
                        mention=record["mention"],
                        kind=record["kind"],
                        antecedent=record["antecedent"],
                        antecedent_type=record.get("antecedent_type"),
                        antecedent_country=record.get("antecedent_country"),
                    )
                )
    return golds


def load_articles(path: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    articles: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("id") in ids:
                articles[record["id"]] = record
    return articles


def decode_articles(records: dict[str, dict[str, Any]]) -> dict[str, Article | None]:
    decoded: dict[str, Article | None] = {}
    for article_id, record in records.items():
        try:
            decoded[article_id] = decode_text(record["text"], published=record.get("date"))
        except NewsgraphError as error:
            logging.warning("could not decode %s: %s", article_id, error)
            decoded[article_id] = None
    return decoded


def check_offsets(golds: list[GoldMention], records: dict[str, dict[str, Any]]) -> int:
    """Gold offsets must still point at the mention: a changed corpus would silently shift
    them. Returns the number of stale mentions (logged, and scored as they stand)."""
    stale = 0
    for gold in golds:
        text = records.get(gold.article_id, {}).get("text", "")
        if text[gold.start : gold.end] != gold.mention:
            stale += 1
            logging.warning("stale offsets: %s %d-%d", gold.article_id, gold.start, gold.end)
    return stale


def score(golds: list[GoldMention], decoded: dict[str, Article | None]) -> list[Scored]:
    scored: list[Scored] = []
    for gold in golds:
        article = decoded.get(gold.article_id)
        entity = covering_entity(article, (gold.start, gold.end)) if article else None
        scored.append(Scored(gold, entity, entity is not None and entity_matches(entity, gold)))
    return scored


# --- reporting ------------------------------------------------------------------------------


def _rates(items: list[Scored]) -> dict[str, Any]:
    n = len(items)
    right = sum(s.right for s in items)
    unresolved = sum(s.entity is None for s in items)
    return {
        "mentions": n,
        "right": right,
        "accuracy": right / n if n else 0.0,
        "unresolved": unresolved / n if n else 0.0,
    }


def summarize(scored: list[Scored]) -> dict[str, Any]:
    by_kind: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        by_kind[s.gold.kind].append(s)
    kinds = [k for k in KINDS if k in by_kind] + sorted(set(by_kind) - set(KINDS))
    return {
        **_rates(scored),
        "articles": len({s.gold.article_id for s in scored}),
        "by_kind": {kind: _rates(by_kind[kind]) for kind in kinds},
    }


def show_errors(scored: list[Scored], texts: dict[str, str], limit: int) -> None:
    errors = [s for s in scored if not s.right]
    if not limit or not errors:
        return
    print(f"first {min(limit, len(errors))} of {len(errors)} errors")
    for s in errors[:limit]:
        gold = s.gold
        text = texts.get(gold.article_id, "")
        left = text[max(0, gold.start - 60) : gold.start].replace("\n", " ")
        right = text[gold.end : gold.end + 40].replace("\n", " ")
        predicted = "(unresolved)" if s.entity is None else repr(s.entity.name)
        print(f"- [{gold.article_id} {gold.start}] {gold.kind}: …{left}[{gold.mention}]{right}…")
        print(f"  gold={gold.antecedent!r} predicted={predicted}")
    print()


def print_table(summary: dict[str, Any]) -> None:
    print(f"{'kind':10} {'mentions':>8} {'accuracy':>8} {'unresolved':>10}")
    rows = [*summary["by_kind"].items(), ("all", summary)]
    for kind, r in rows:
        print(f"{kind:10} {r['mentions']:>8} {r['accuracy']:>8.3f} {r['unresolved']:>10.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    parser.add_argument("--show", type=int, default=0, help="print the first N errors")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    started = time.perf_counter()
    golds = load_gold(args.gold)
    if args.limit:
        # Limit by article, so a quick run decodes few articles but scores them fully.
        keep = list(dict.fromkeys(g.article_id for g in golds))[: args.limit]
        golds = [g for g in golds if g.article_id in set(keep)]
    records = load_articles(args.corpus, {g.article_id for g in golds})
    missing = {g.article_id for g in golds} - set(records)
    if missing:
        logging.warning("%d gold articles not in the corpus: %s", len(missing), sorted(missing))
    stale = check_offsets(golds, records)
    scored = score(golds, decode_articles(records))

    show_errors(scored, {i: r["text"] for i, r in records.items()}, args.show)
    summary = summarize(scored)
    print_table(summary)
    results = {
        "gold": str(args.gold),
        **summary,
        "missing_articles": len(missing),
        "stale_offsets": stale,
        "seconds": round(time.perf_counter() - started, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
