"""When English legitimately leaves a preposition or verb without the object that follows it.

The rules that flag a lost object ask these questions first, so that stranded prepositions
("the people he met with"), passives and parentheticals are not reported as damage.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp.damage.tokens import RDQ, RSQ, next_token

_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)


def may_be_stranded(prep: Token) -> bool:
    """True when a preposition may legitimately lack its object (English strands them).

    Relative clauses ("the people he met with on Tuesday"), questions and wh-clauses ("what
    he asked for"), passives ("the issue was dealt with") and infinitives that modify a noun
    or adjective ("a country to be proud of", "hard to argue with") all move the object away.
    """
    sent = prep.sent
    if sent.text.rstrip().rstrip("\"')" + RDQ + RSQ).endswith("?"):
        return True
    # A wh-word, or "than" ("more than he bargained for"), earlier in the sentence.
    # A wh-word that is a subject ("el-Sissi, who banned travel to ...") moves no object.
    if any(
        (t.tag_ in _WH_TAGS and t.dep_ not in {"nsubj", "nsubjpass"}) or t.lower_ == "than"
        for t in sent
        if t.i < prep.i
    ):
        return True
    node = prep
    while node.head.i != node.i:
        node = node.head
        subject_relative = any(
            c.tag_ in _WH_TAGS and c.dep_ in {"nsubj", "nsubjpass"} for c in node.children
        )
        if (node.dep_ in {"relcl", "acl"} and not subject_relative) or is_passive(node):
            return True
        # Reduced passives ("if agreed to by both sides") and infinitives ("a country to be
        # proud of", "nothing to worry about") strand prepositions without any marker.
        if node.tag_ == "VBN" or any(c.tag_ == "TO" for c in node.children):
            return True
    return False


def in_parenthetical_coordination(tok: Token) -> bool:
    """True for 'accused of, and convicted for, fraud' and 'despite, not because of, X': a
    preposition whose object follows a parenthetical opened by ', and' / ', not'."""
    start = max(tok.sent.start, tok.i - 8)
    for i in range(tok.i - 1, start - 1, -1):
        cand = tok.doc[i]
        if cand.text == "," and tok.doc[i + 1].lower_ in {"and", "or", "but", "not", "nor", "if"}:
            return True
    after = next_token(tok)
    nxt = next_token(after) if after is not None and after.text == "," else None
    return nxt is not None and nxt.lower_ in {"and", "or", "but", "not", "nor", "if"}
