"""Convert PETRARCH2's CAMEO verb dictionary into the project's trigger format.

    python -m newsgraph.nlp.events.petrarch CAMEO.2.0.txt CAMEO2PLOVER-2021.txt OUT.tsv

(`make dictionaries` runs it on ../shared and writes newsgraph/data/events/petrarch_triggers.tsv.)

The dictionary (MIT, Open Event Data Alliance) lists blocks of synonymous verbs, each verb
with an optional CAMEO code, followed by patterns that apply to every verb of the block:
``- * (TO) [042:043]``, ``- * {AIR RAID} (AGAINST) [195]``, ``- &MILITARY * EXERCISES [062]``.
A pattern is turned into `requires` conditions that our parse-based matcher checks:

* the first noun after the verb (a word, the head of a ``{noun phrase}``, or an ``&synset``'s
  heads) becomes ``obj:``; its other words are dropped: the parse attaches them to the
  object, not to the verb, and demanding them made the rows almost never match;
* a preposition's object (``(IN &DETENTION)``) becomes ``pobj:`` (an object of one of the
  verb's prepositions): "held in detention", not any "held in";
* a particle right after the verb (``KEEP UP``, ``PULL OUT``) becomes ``prt:``, a
  preposition before any object (``* (TO)``, ``* (WITH)``) ``prep:``; a preposition after the
  object belongs to the object ("an incursion into") and is dropped for the same reason;
* nouns before the verb become ``subj:`` ("critics branded", "aircraft staged raids");
* a verb alone takes its block's code unless it is one of the general verbs the WordNet
  synonym sets brought in (GENERIC_VERBS: "consider", "go", "increase", "handle");
* multi-word verbs (``+ASK_FOR``, ``PULL_OUT``) keep their second word as a ``prt:``
  condition (the matcher accepts it as a particle or a preposition).

Words are kept in their written form and their regular singular ("ATTACKS" -> attacks|attack):
the matcher compares conditions with a dependent's lemma and its form. Patterns coded
``[---]`` (no event) and codes that PLOVER drops (CAMEO 01, 02) give no row; the first code
of a pair (``[042:043]``: the source's act, then the reverse) is the one kept. Each CAMEO code
is mapped to its PLOVER type and mode by CAMEO2PLOVER (a code it does not list takes its
parent's), and the code kept is the nearest one our cameo.tsv knows.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Words that follow a verb as a particle ("pull out", "keep up"), not as an object.
PARTICLES = frozenset(
    {"up", "out", "down", "off", "back", "away", "over", "in", "on", "forward", "ahead", "aside"}
)
PREPOSITIONS = frozenset(
    {
        "to", "with", "against", "in", "on", "for", "of", "from", "into", "by", "at", "over",
        "about", "upon", "toward", "towards", "between", "among", "across", "through",
        "under", "after", "before", "without", "within", "onto", "as", "behind", "near",
        "alongside", "despite", "during", "amid", "beside", "beyond", "like", "than", "via",
    }
)  # fmt: skip
# Verbs the dictionary's synonym blocks (built from WordNet sets) give their block's code,
# though alone they name no political event: thinking and perceiving, going and coming,
# growing and shrinking, and other general verbs. They keep their patterns ("face charges",
# "lead a delegation"), not the bare row: "China increased exports" is no cooperation.
GENERIC_VERBS = frozenset(
    {
        # thinking, perceiving
        "consider", "contemplate", "ponder", "think", "mull", "muse", "meditate", "ruminate",
        "reason", "speculate", "weigh", "excogitate", "reconsider", "learn", "hear", "wonder",
        "believe", "mean", "want", "prefer", "value", "decide", "determine",
        # going, coming, gathering
        "go", "leave", "depart", "egress", "embark", "journey", "approach", "converge", "flock",
        "cluster", "huddle", "constellate", "congregate", "conglomerate", "come", "move",
        "face", "brave", "arrive", "travel", "tour", "touring", "reside", "inhabit", "infest",
        # growing, shrinking, changing
        "add", "increase", "decrease", "improve", "enhance", "enlarge", "expand", "boost",
        "heighten", "magnify", "amplify", "augment", "deepen", "ease", "better", "simplify",
        "compound", "exaggerate", "intensify", "escalate", "abate", "ameliorate", "moderate",
        "loosen", "relax", "affect", "impact", "influence", "enliven", "invigorate",
        # general doing and having
        "handle", "manage", "serve", "render", "relate", "attach", "attire", "blend", "combine",
        "connect", "constitute", "control", "lead", "head", "steer", "stock", "gear", "buy",
        "purchase", "innovate", "insert", "introduce", "interact", "reveal", "unveil", "match",
        "best", "master", "overshadow", "mar", "ring", "circle", "pit", "spoil", "corrupt",
        "contaminate", "die", "take", "pull", "extract", "fill", "clear", "pass", "contain",
        "remove", "enclose", "catch", "pluck", "tease", "ready", "prepare", "train", "groom",
        "signal", "seek", "vote", "subscribe", "associate", "correlate", "conform", "deal",
        "divulge", "expose", "triumph", "tempt", "rouse", "spur", "break", "blow", "engage",
        "overcome", "overtake", "surmount", "dominate", "struggle", "conflict", "detach",
        "disconnect", "undo", "untie", "unloose", "satify", "bide", "abide", "resolve", "settle",
        "submit", "verify", "retire", "exchange", "issue", "link", "institute", "found",
        "establish", "administer", "conduct", "direct", "dictate", "command", "rule", "govern",
        "regulate", "oversee", "supervise", "supervize", "task", "assign", "trade", "import",
        "pay", "give", "tender", "provide", "supply", "furnish",
    }
)  # fmt: skip
# Function words inside patterns that carry no condition.
_SKIP = frozenset(
    {
        "a", "an", "the", "its", "their", "his", "her", "to", "that", "and", "of", "if", "not",
        "no", "will", "would", "be", "is", "are", "was", "were", "it", "this", "who", "which",
        "or", "but", "when", "while", "also", "all", "any", "more", "most", "new", "first",
        "been", "has", "have", "had", "being", "by", "with",
    }
)  # fmt: skip
_MARKERS = frozenset({"$", "+", "^", "%", "*", "**"})
_CODE = re.compile(r"\[([0-9A-Za-z-]+)(?::[0-9A-Za-z-]+)?\]")
_HEADER = re.compile(r"^---\s+(.+?)\s+\[([^\]]*)\]\s*---")

HEADER = """\
# Trigger rows converted from PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt) by
# newsgraph/nlp/events/petrarch.py (`make dictionaries`); do not edit by hand, add rows to
# triggers.tsv instead (its rows take precedence: see README.md).
# Source: openeventdata/petrarch2, commit 676801cd9cb2924bbbad09f86d15c9323e7097bf,
#   petrarch2/data/dictionaries/CAMEO.2.0.txt; CAMEO codes mapped to PLOVER 2.0 types and
#   modes by CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0).
#
# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
word\tpos\trequires\ttype\tmode\tcameo
"""


@dataclass
class Block:
    """One verb synonym block: its verbs (lemma, particle, own code) and its patterns."""

    code: str | None
    verbs: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    patterns: list[tuple[str, str]] = field(default_factory=list)  # (pattern text, code)


@dataclass(frozen=True)
class Row:
    word: str
    requires: str
    type: str
    mode: str
    cameo: str
    dropped: int  # pattern words the conditions leave out (fewer: a truer row)


def forms(word: str) -> list[str]:
    """A pattern word in its written form and its regular singular, lower case."""
    word = word.lower().strip("_")
    found = [word]
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith("ss"):
            found.append(word[: -len(suffix)] + replacement)
            break
    return found


def _strip_comment(line: str) -> str:
    return re.sub(r"<!--.*?-->", "", line.split("#", 1)[0].split(";", 1)[0]).rstrip()


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """&LABEL -> its one-word members, in their forms."""
    synsets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines:
        line = _strip_comment(raw).strip()
        if line.startswith("&") and " " not in line:
            current = synsets.setdefault(line.rstrip("_").upper(), [])
        elif line.startswith("+") and current is not None:
            words = line[1:].strip("_ ").replace(" ", "_").split("_")
            # Only one-word members: a phrase's head alone is too wide ("infantry fighting
            # vehicle" would make every "vehicle" a weapon)
            if len(words) == 1 and words[0]:
                current.extend(f for f in forms(words[0]) if f not in current)
        elif not line:
            current = None
    return synsets


def _verb_line(line: str) -> tuple[str, str | None, str | None] | None:
    """ "+ASK_FOR {+ASKED_FOR} [020]" -> ("ask", "for", "020")."""
    code_match = _CODE.search(line)
    code = code_match.group(1) if code_match else None
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()
    if not head:
        return None
    words = head[0].lstrip("+").strip("_").lower().split("_")
    if not words[0].isalpha():
        return None
    particle = words[1] if len(words) > 1 else None
    if len(words) > 2 or (particle is not None and not particle.isalpha()):
        return None  # longer idioms name more than one dependent: left to our own rows
    return words[0], particle, code


def read_blocks(lines: list[str]) -> Iterator[Block]:
    block: Block | None = None
    for raw in lines:
        header = _HEADER.match(raw.strip())
        if header:
            if block is not None:
                yield block
            code = header.group(2).split(":")[0]
            block = Block(code=None if code.startswith("-") else code)
            continue
        if block is None or raw.startswith("~"):
            continue
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("-"):
            found = _CODE.search(line)
            if found:
                block.patterns.append((line[1 : found.start()].strip(), found.group(1)))
        else:
            verb = _verb_line(line)
            if verb is not None:
                block.verbs.append(verb)
    if block is not None:
        yield block


def _tokens(pattern: str) -> list[str]:
    """Pattern words with brackets as tokens: "* {AIR RAID} (AGAINST)"."""
    return re.findall(r"[{}()]|[^\s{}()]+", pattern)


def _words_of(token: str, synsets: dict[str, list[str]]) -> list[str] | None:
    if token.startswith("&"):
        return synsets.get(token.rstrip("_").upper()) or None
    cleaned = token.strip("_")
    if not re.fullmatch(r"[A-Za-z][A-Za-z'-]*(_[A-Za-z'-]+)*", cleaned):
        return None
    return forms(cleaned.split("_")[-1])


def pattern_conditions(pattern: str, synsets: dict[str, list[str]]) -> tuple[list[str], int] | None:
    """The `requires` conditions of a pattern and how many of its words they leave out;
    None for a pattern that names no verb position or an unknown synset."""
    tokens = _tokens(pattern)
    if "*" not in tokens:
        return None
    star = tokens.index("*")
    conditions: list[str] = []
    dropped = 0
    before = [
        t for t in tokens[:star] if t not in _MARKERS and t not in "{}()" and t.lower() not in _SKIP
    ]
    if before:
        subject = _words_of(before[-1], synsets)
        if subject is None:
            return None
        conditions.append("subj:" + "|".join(subject))
        dropped += len(before) - 1
    obj: list[str] | None = None
    prep_object: list[str] | None = None
    in_paren = False
    phrase: list[str] | None = None  # the words of an open {noun phrase}
    after = tokens[star + 1 :]
    for position, token in enumerate(after):
        if token in {"(", ")"}:
            in_paren = token == "("
        elif token == "{":
            phrase = []
        elif token == "}":
            head = _words_of(phrase[-1], synsets) if phrase else None
            if head is None and phrase:
                return None
            if obj is None and head is not None and not in_paren:
                obj, phrase = head, phrase[:-1] if phrase else []
            elif in_paren and prep_object is None and head is not None:
                prep_object, phrase = head, phrase[:-1] if phrase else []
            dropped += len(phrase or [])
            phrase = None
        elif phrase is not None:
            phrase.append(token)
        elif token in _MARKERS:
            continue
        else:
            lower = token.lower().strip("_")
            following = _next_plain(after, position)
            if obj is None and position == 0 and lower in PARTICLES and not in_paren:
                conditions.append(f"prt:{lower}")
            elif lower in PREPOSITIONS:
                if obj is None and not any(c.startswith("prep:") for c in conditions):
                    conditions.append(f"prep:{lower}")
                else:
                    dropped += 1
            elif in_paren and obj is None and prep_object is None and lower not in _SKIP:
                # "(IN &DETENTION)": the preposition's object, its last word before ")"
                if following is not None:
                    dropped += 1
                    continue
                prep_object = _words_of(token, synsets)
                if prep_object is None:
                    return None
            elif in_paren or obj is not None or lower in _SKIP or lower.endswith("ly"):
                dropped += 1  # words after the object, or an adverb
            elif following is not None and following.lower() not in PREPOSITIONS:
                dropped += 1  # "FIRST VISIT TO": the head is the last word before a preposition
            else:
                obj = _words_of(token, synsets)
                if obj is None:
                    return None
    if prep_object is not None and any(c.startswith("prep:") for c in conditions):
        conditions.append("pobj:" + "|".join(prep_object))
    if obj is not None:
        conditions.insert(0, "obj:" + "|".join(obj))
    return conditions, dropped


def _next_plain(tokens: list[str], index: int) -> str | None:
    """The next plain word after `index` before any bracket or marker, if any."""
    if index + 1 < len(tokens):
        token = tokens[index + 1]
        if token not in _MARKERS and token not in "{}()":
            return token
    return None


def read_plover_table(text: str) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode) from CAMEO2PLOVER ("030: AGREE,  , diplomatic")."""
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        body = line.split("#", 1)[0]
        code, _, rest = body.partition(":")
        code = code.strip()
        if not code.isdigit() or not rest.strip():
            continue
        parts = [p.strip() for p in rest.split(",")]
        table[code] = (parts[0].upper(), parts[1] if len(parts) > 1 else "")
    return table


def plover_of(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The PLOVER (type, mode) of a CAMEO code, from its own row or its nearest parent's."""
    for length in range(len(code), 1, -1):
        found = table.get(code[:length])
        if found is not None and found[0]:
            return found if length == len(code) else (found[0], "")
    return None


def known_code(code: str, known: set[str]) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in known:
            return code[:length]
    return None


def convert(
    dictionary: str, plover_table: str, known_codes: set[str]
) -> list[tuple[str, str, str, str, str]]:
    """The trigger rows (word, requires, type, mode, cameo) the dictionary gives, sorted."""
    lines = dictionary.splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    synsets = read_synsets(lines[:start])
    table = read_plover_table(plover_table)
    rows: dict[tuple[str, str], Row] = {}
    for block in read_blocks(lines[start:]):
        for verb, particle, own_code in block.verbs:
            base = [f"prt:{particle}"] if particle else []
            code = own_code or (None if verb in GENERIC_VERBS and not base else block.code)
            if code is not None and not code.startswith("-"):
                _add(rows, verb, base, code, 0, table, known_codes)
            for pattern, pattern_code in block.patterns:
                found = pattern_conditions(pattern, synsets)
                if found is None or pattern_code.startswith("-"):
                    continue
                conditions, dropped = found
                if not conditions and not base:
                    continue  # "- * [code]": the verb alone, already coded above
                _add(rows, verb, [*base, *conditions], pattern_code, dropped, table, known_codes)
    return sorted((r.word, r.requires, r.type, r.mode, r.cameo) for r in rows.values())


def _add(
    rows: dict[tuple[str, str], Row],
    verb: str,
    conditions: list[str],
    code: str,
    dropped: int,
    table: dict[str, tuple[str, str]],
    known: set[str],
) -> None:
    plover = plover_of(code, table)
    cameo = known_code(code, known)
    if plover is None or cameo is None:
        return  # CAMEO 01 and 02 (statements, appeals): no PLOVER event
    kinds = [c.split(":", 1)[0] for c in conditions]
    if len(set(kinds)) < len(kinds):
        return  # two conditions of one kind cannot be told apart in our format
    requires = " ".join(sorted(conditions))
    row = Row(verb, requires, plover[0], plover[1], cameo, dropped)
    key = (verb, requires)
    # The same conditions from several patterns: the one that drops the fewest words wins
    if key not in rows or dropped < rows[key].dropped:
        rows[key] = row


def _known_codes(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t", 1)[0] for line in lines if line and not line.startswith("#")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dictionary", type=Path, help="PETRARCH2's CAMEO.2.0.txt")
    parser.add_argument("plover", type=Path, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument("out", type=Path, help="the trigger file to write")
    parser.add_argument(
        "--cameo", type=Path, default=Path(__file__).parents[2] / "data/events/cameo.tsv"
    )
    args = parser.parse_args(argv)
    rows = convert(
        args.dictionary.read_text(encoding="latin-1"),
        args.plover.read_text(encoding="utf-8"),
        _known_codes(args.cameo),
    )
    body = "".join(f"{w}\tverb\t{r}\t{t}\t{m}\t{c}\n" for w, r, t, m, c in rows)
    args.out.write_text(HEADER + body, encoding="utf-8")
    print(f"{args.out}: {len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
