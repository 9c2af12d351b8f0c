"""The event vocabulary files: loading, user extensions, and the CAMEO code table."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.nlp.events.vocabulary import converted_triggers_path, load_vocabulary

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "RETREAT",
    "CONCEDE",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_vocabulary_codes_every_plover_type_with_known_cameo_codes() -> None:
    vocabulary = load_vocabulary()
    rules = [rule for rules in vocabulary.triggers.values() for rule in rules]
    assert {rule.type for rule in rules} == PLOVER_TYPES
    assert all(rule.cameo in vocabulary.cameo for rule in rules)


@pytest.mark.parametrize(
    ("code", "quad_class", "plover_type"),
    [("042", 1, "CONSULT"), ("0841", 2, "RETREAT"), ("112", 3, "ACCUSE"), ("193", 4, "ASSAULT")],
)
def test_vocabulary_cameo_table_has_quad_class_goldstein_and_plover_type(
    code: str, quad_class: int, plover_type: str
) -> None:
    entry = load_vocabulary().cameo[code]
    assert (entry.quad_class, entry.plover_type) == (quad_class, plover_type)
    assert entry.goldstein is not None


def test_vocabulary_more_specific_rule_is_tried_first() -> None:
    rules = load_vocabulary().rules_for("withdraw", "verb")
    own = [rule for rule in rules if not rule.converted]
    assert [len(rule.conditions) for rule in own] == sorted(
        (len(rule.conditions) for rule in own), reverse=True
    )
    assert own[-1].conditions == ()


def test_vocabulary_default_has_no_converted_rows() -> None:
    rules = [rule for rules in load_vocabulary().triggers.values() for rule in rules]
    assert not any(rule.converted for rule in rules)


def test_vocabulary_own_rows_are_tried_before_converted_ones() -> None:
    rules = load_vocabulary((converted_triggers_path(),)).rules_for("withdraw", "verb")
    origins = [rule.converted for rule in rules]
    assert origins == sorted(origins) and origins[0] is False and origins[-1] is True
    # our bare "withdraw" decides when the word alone is an event: no converted bare row
    assert all(rule.conditions for rule in rules if rule.converted)


def test_vocabulary_converted_rows_add_words_we_do_not_have() -> None:
    vocabulary = load_vocabulary((converted_triggers_path(),))
    rules = vocabulary.rules_for("slander", "verb")
    assert rules and all(rule.converted for rule in rules)
    assert {rule.type for rule in rules if not rule.conditions} == {"ACCUSE"}


@pytest.mark.parametrize("word", ["attack", "arrest", "accuse", "meet"])
def test_vocabulary_converted_row_never_replaces_our_row_with_the_same_key(word: str) -> None:
    # PETRARCH2 has bare rows for words we have bare rows for: ours must stay, else the
    # bare word stops being an event and only the converted phrases are left
    ours = [r for r in load_vocabulary().rules_for(word, "verb") if not r.conditions]
    merged = load_vocabulary((converted_triggers_path(),)).rules_for(word, "verb")
    assert ours and [r for r in merged if not r.conditions] == ours


@pytest.mark.parametrize("word", ["say", "expect", "impose", "hold"])
def test_vocabulary_cue_words_take_no_converted_rows(word: str) -> None:
    rules = load_vocabulary((converted_triggers_path(),)).rules_for(word, "verb")
    assert not any(rule.converted for rule in rules)


def test_vocabulary_user_file_replaces_a_row_with_the_same_key(tmp_path: Path) -> None:
    extra = tmp_path / "ours.tsv"
    extra.write_text("word\tpos\trequires\ttype\tmode\tcameo\nmeet\tverb\t\tAGREE\t\t036\n")
    user_rules = load_vocabulary((str(extra),)).rules_for("meet", "verb")
    plain = [rule for rule in user_rules if not rule.conditions]
    assert [(rule.type, rule.cameo) for rule in plain] == [("AGREE", "036")]
    assert len(user_rules) == len(load_vocabulary().rules_for("meet", "verb"))


def test_vocabulary_user_cue_and_context_files(tmp_path: Path) -> None:
    cues = tmp_path / "cues.tsv"
    cues.write_text("# ours\nword\tkind\tmodality\nmull\tgovernor\thypothetical\n")
    contexts = tmp_path / "contexts.tsv"
    contexts.write_text("word\tcontext\npipeline\tenvironment\n")
    vocabulary = load_vocabulary((str(cues), str(contexts)))
    assert vocabulary.cue("governor", "mull") == "hypothetical"
    assert vocabulary.contexts["pipeline"] == "environment"


@pytest.mark.parametrize(
    "content",
    [
        "word\tpos\trequires\ttype\tmode\tcameo\nsnub\tverb\tobject:x\tREJECT\t\t120\n",
        "word\tpos\trequires\ttype\tmode\tcameo\nsnub\tadverb\t\tREJECT\t\t120\n",
        "word\tpos\trequires\ttype\tmode\tcameo\nsnub\tverb\t\tREJECT\t\t999\n",
        "word\tkind\tmodality\nmaybe\tguess\tfuture\n",
        "lemma\tmeaning\nsnub\treject\n",
    ],
)
def test_vocabulary_bad_user_file_is_a_config_error(tmp_path: Path, content: str) -> None:
    extra = tmp_path / "bad.tsv"
    extra.write_text(content)
    with pytest.raises(ConfigError):
        load_vocabulary((str(extra),))
