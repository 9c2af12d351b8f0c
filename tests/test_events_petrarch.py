"""Converting PETRARCH2's CAMEO verb dictionary into trigger rows (events/petrarch.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import decode_text
from newsgraph.config import Config
from newsgraph.nlp.events.petrarch import convert, main, pattern_conditions
from newsgraph.nlp.events.vocabulary import converted_triggers_path, load_vocabulary

# The converted rows are opt-in: a decode configuration that adds them
WITH_PETRARCH = Config(
    components=("sentences", "actors", "events"), event_files=(converted_triggers_path(),)
)

PLOVER_TABLE = """\
04: CONSULT
042: CONSULT, visit, # Make a visit
08: RETREAT
087: RETREAT, disarm, # De-escalate military engagement
0871: RETREAT, ceasefire, # Declare truce
11: ACCUSE
111: ACCUSE, disapprove, # Criticize or denounce
17: COERCE
173: COERCE, arrest, # Arrest
"""
KNOWN = {"040", "042", "087", "0871", "110", "111", "170", "173"}

DICTIONARY = """\
&DETENTION
+DETENTION
+CUSTODY_
+HOUSE_ARREST

####### VERB PATTERNS #######

---  DENOUNCE   [111]  ---
CRITICIZE
FLOG {FLOGS FLOGGING FLOGGED } [180]
- * (IN &DETENTION)                                   [173]         # KEEP
- * {SUICIDE BOMBINGS}                                [111]         # CONDEMN

---  PULL_OUT   [---]---  ---
+PULL_OUT {+PULLED_OUT}  [087]
WITHDRAW
- * (OF CEASEFIRE_TALKS)                              [---]         # WITHDRAW
- CRITICS *                                           [111]         # WITHDRAW
- * UP OFFENSIVE                                      [0871]        # WITHDRAW
"""


def rows() -> dict[tuple[str, str], tuple[str, str, str]]:
    return {(w, r): (t, m, c) for w, r, t, m, c in convert(DICTIONARY, PLOVER_TABLE, KNOWN)}


def test_petrarch_block_code_codes_each_synonym_mapped_to_plover() -> None:
    assert rows()[("criticize", "")] == ("ACCUSE", "disapprove", "111")


def test_petrarch_code_plover_drops_or_cameo_lacks_gives_no_row() -> None:
    # FLOG's own 180 has no PLOVER row in this table: no bare row (the block's patterns stay)
    found = rows()
    assert ("flog", "") not in found and ("flog", "obj:bombings|bombing") in found


def test_petrarch_multiword_verb_keeps_its_particle_as_a_condition() -> None:
    found = rows()
    assert found[("pull", "prt:out")] == ("RETREAT", "disarm", "087")
    assert ("pull", "") not in found  # "pull out" is not "pull"


def test_petrarch_patterns_keep_objects_prepositions_and_subjects() -> None:
    found = rows()
    assert found[("criticize", "pobj:detention|custody prep:in")][2] == "173"
    assert found[("criticize", "obj:bombings|bombing")][2] == "111"
    assert found[("withdraw", "subj:critics|critic")][2] == "111"
    assert found[("withdraw", "obj:offensive prt:up")] == ("RETREAT", "ceasefire", "0871")


def test_petrarch_null_coded_patterns_give_no_row() -> None:
    assert not any("ceasefire" in requires for _, requires in rows())


@pytest.mark.parametrize(
    ("pattern", "conditions"),
    [
        ("* (TO)", ["prep:to"]),
        ("* FIRST VISIT TO ^ +", ["obj:visit"]),
        ("* INCURSION (INTO)", ["obj:incursion"]),  # the preposition belongs to the object
        ("* PUBLICLY", []),  # an adverb is no object
    ],
)
def test_petrarch_pattern_conditions(pattern: str, conditions: list[str]) -> None:
    found = pattern_conditions(pattern, {})
    assert found is not None and found[0] == conditions


def test_petrarch_main_writes_the_mit_notice_and_a_loadable_header(tmp_path: Path) -> None:
    dictionary, table, cameo, out = (tmp_path / n for n in ("d.txt", "t.txt", "c.tsv", "o.tsv"))
    dictionary.write_text(DICTIONARY, encoding="latin-1")
    table.write_text(PLOVER_TABLE, encoding="utf-8")
    cameo.write_text("code\tname\n" + "".join(f"{c}\tx\n" for c in sorted(KNOWN)), "utf-8")
    assert main([str(dictionary), str(table), str(out), "--cameo", str(cameo)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "The MIT License (MIT)" in text and "Open Event Data Alliance" in text
    assert "word\tpos\trequires\ttype\tmode\tcameo\ncriticize\tverb" in text


def test_petrarch_committed_file_loads_with_our_rows_first() -> None:
    rules = load_vocabulary((converted_triggers_path(),)).rules_for("pull", "verb")
    assert any(rule.converted and rule.conditions for rule in rules)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "coding"),
    [
        # a verb only the converted dictionary knows
        ("Turkey lambasted Sweden over the Koran burning.", ("ACCUSE", "111")),
        # a pattern's preposition and its object: "kept ... in detention", not any "kept"
        ("The Egyptian army kept three opposition leaders in detention.", ("COERCE", "173")),
    ],
)
def test_petrarch_rows_code_sentences_our_rows_miss(text: str, coding: tuple[str, str]) -> None:
    article = decode_text(text, WITH_PETRARCH)
    assert [(e.type, e.cameo) for e in article.events] == [coding]


@pytest.mark.model
def test_petrarch_rows_do_not_fire_on_a_plain_keep() -> None:
    article = decode_text("The Egyptian army kept its promise to the farmers.", WITH_PETRARCH)
    assert [e.type for e in article.events if e.type == "COERCE"] == []
