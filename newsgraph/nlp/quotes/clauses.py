"""Attributions read from the dependency parse: a cue word and the clause it reports.

* a reporting verb with a clausal complement: "X said (that) …", "X told reporters …",
  "“…,” said X", "X warned the order “has become outdated”", up to a further speech cue
  joined on ("said A, and accused B of C");
* a speech verb of commitment or demand with a to-infinitive: "X vowed to veto the bill";
* a cue whose object says it, with what completes the object: "praised X for Y";
* a reporting verb inserted into the clause it reports: "The bill, X said, is dead";
* "according to X" and its kin: the rest of the clause is the content;
* a reporting noun with a that-clause: "X's claim that …", "the warning that …".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsgraph.model import Span
from newsgraph.nlp.docs import doc_text, string_id, token_columns
from newsgraph.nlp.quotes.content import Attribution, subtree_span, token_span, trim
from newsgraph.nlp.quotes.lexicon import CueLexicon
from newsgraph.nlp.quotes.subjects import ADDRESSED, SUBJECTS, expletive, speaker_phrase

_PARTICLES = ("prt",)


def parse_attributions(doc: Any, lexicon: CueLexicon) -> list[Attribution]:
    """Every attribution the parse shows, in the order of their cues."""
    found: list[Attribution] = []
    text = doc_text(doc)  # spaCy builds doc.text anew on each access
    cues = _may_be_cues(doc)
    for i in cues:
        found.extend(_from_token(text, doc[i], lexicon))
    according = string_id(doc, "according")
    lowers = token_columns(doc, ("LOWER",))[0]
    return _reported_through(doc, [i for i in cues if lowers[i] == according], found, lexicon)


def _may_be_cues(doc: Any) -> list[int]:
    """The tokens `_from_token` may find a cue at, by the ids of their lower form, part of
    speech and dependency (read in C): the others yield nothing, and building a Token for
    each of them cost as much as the rest of the scan."""
    lowers, tags, deps = token_columns(doc, ("LOWER", "POS", "DEP"))
    according, in_, prep = (string_id(doc, w) for w in ("according", "in", "prep"))
    always = {string_id(doc, pos) for pos in ("VERB", "AUX", "NOUN")}
    adjective = string_id(doc, "ADJ")
    adjective_deps = {string_id(doc, dep) for dep in ("acomp", "oprd")}
    return [
        i
        for i, (lower, tag, dep) in enumerate(zip(lowers, tags, deps, strict=True))
        if lower == according
        or (lower == in_ and dep == prep)
        or tag in always
        or (tag == adjective and dep in adjective_deps)
    ]


def _reported_through(
    doc: Any, according: list[int], found: list[Attribution], lexicon: CueLexicon
) -> list[Attribution]:
    """ "“…,” Sanders said, according to CNN": one statement, which PolNeAR gives to the
    source the writer has it from (CNN, cue "according to"), not a second quote of the same
    words. The speech verb's own attribution takes the outer source and cue. `according`:
    the indices of the tokens "according"."""
    outer: dict[Span, Attribution] = {}
    for i in according:
        token = doc[i]
        verb = _according_clause(token)
        cue = _according_cue(token)
        # Only a verb of saying that reports a clause, with "according to" set on it.
        saying = lexicon.verb_kind(verb.lemma_, verb.text) == "speech"
        if cue is None or not saying or token.head.i != verb.i:
            continue
        if verb.lemma_.lower() in lexicon.objects:
            continue
        through = next((a for a in found if a.cue == cue), None)
        if through is not None:
            outer[_cue_span(verb)] = through
    if not outer:
        return found
    kept: list[Attribution] = []
    for attribution in found:
        through = outer.get(attribution.cue) if attribution.cue else None
        if through is not None:
            attribution.cue = through.cue
            attribution.source, attribution.source_head = through.source, through.source_head
        elif attribution in outer.values():
            continue
        kept.append(attribution)
    return kept


def _from_token(text: str, token: Any, lexicon: CueLexicon) -> Iterator[Attribution]:
    if token.lower_ == "according":
        yield from _according_to(text, token)
    elif token.lower_ == "in" and token.dep_ == "prep":
        yield from _in_the_view_of(text, token)
    elif token.pos_ in ("VERB", "AUX"):
        kind = lexicon.verb_kind(token.lemma_, token.text)
        if kind is not None:
            yield from _verb_cue(text, token, kind, lexicon)
    elif token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd"):
        kind = lexicon.adjectives.get(token.lower_)
        if kind is not None:
            yield from _adjective_cue(text, token, kind)
    elif token.pos_ == "NOUN":
        kind = lexicon.nouns.get(token.lemma_.lower())
        if kind is not None:
            yield from _noun_cue(text, token, kind)


# What an adjective of stance is about: "confident of victory", "worried about X".
_ADJECTIVE_PREPOSITIONS = frozenset({"about", "of", "that", "on", "over"})


def _adjective_cue(text: str, adjective: Any, kind: str) -> Iterator[Attribution]:
    """ "X is confident that …", "X is eager to …", "X is worried about …": the subject of
    the copula holds what the adjective's clause or object says."""
    source, head = speaker_phrase(text, adjective.head)
    if source is None:
        return
    for child in adjective.children:
        content: Any = None
        if child.i < adjective.i:
            continue
        if child.dep_ in ("ccomp", "xcomp"):
            content = child
        elif child.dep_ == "prep" and child.lower_ in _ADJECTIVE_PREPOSITIONS:
            content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if content is not None:
            span = trim(text, subtree_span(content))
            if span[0] < span[1]:
                yield Attribution([span], token_span(adjective), kind, source, head)
            return


def _verb_cue(text: str, verb: Any, kind: str, lexicon: CueLexicon) -> Iterator[Attribution]:
    complements = [c for c in verb.children if _reports(verb, c, kind)]
    cue = _cue_span(verb)
    source, head = speaker_phrase(text, verb)
    for complement in complements:
        content = trim(text, _clause_span(complement, verb, lexicon))
        if content[0] < content[1]:
            yield Attribution([content], cue, kind, source, head)
    if not complements and source is not None:
        obj = (
            _object_content(text, verb)
            if verb.lemma_.lower() in lexicon.objects
            else _judged_object(text, verb)
        )
        if obj is not None:
            yield Attribution([obj], cue, kind, source, head)
    if not complements:
        judged = _judged_subject(text, verb)
        if judged is not None:
            # Held by the agent named ("is seen by many as …"), else by no one named.
            by_agent = any(c.dep_ == "agent" for c in verb.children)
            yield Attribution([judged], cue, kind, *((source, head) if by_agent else (None, None)))
    if not complements and kind == "speech" and source is not None:
        said = _pro_form(verb)
        if said is not None:
            yield Attribution([subtree_span(said)], cue, kind, source, head)
    if not complements and verb.lemma_.lower() in _SEEMING:
        yield from _seeming(text, verb, cue, kind)
    if not complements and kind != "speech":
        raised = _raised_subject(text, verb)
        if raised is not None:
            yield Attribution([raised], cue, kind, None, None)
    if _inserted(verb, kind, complements, source, lexicon):
        # "The bill, he said, is dead" / "The bill is dead, he said": the verb hangs from
        # the clause it reports, which is its head's subtree without the verb's own.
        pieces = _around(text, verb.head, verb)
        if pieces:
            yield Attribution(pieces, cue, kind, source, head)


def _reports(verb: Any, child: Any, kind: str) -> bool:
    """Whether `child` is the clause `verb` reports. A clause before the verb is reported
    only by a verb of saying ("“…,” said X") and never across a colon, which introduces
    what follows it."""
    if child.dep_ == "xcomp":
        return child.tag_ == "VB" and (kind == "intention" or _infinitive_promise(verb, child))
    if child.dep_ != "ccomp" or child.pos_ == "PUNCT":
        return False
    if child.i > verb.i:
        return True
    between = verb.doc[child.right_edge.i + 1 : verb.i]
    return kind == "speech" and not any(t.text == ":" for t in between)


# Verbs of appearance: "X seems ready to run" is a judgement about X by whoever it seems so
# to ("to voters"), or by no one named.
_SEEMING = frozenset({"seem", "appear"})


def _seeming(text: str, verb: Any, cue: Span, kind: str) -> Iterator[Attribution]:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    complement = next(
        (c for c in verb.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd") and c.i > verb.i),
        None,
    )
    if subject is None or complement is None or subject.i > verb.i or expletive(subject):
        return
    if subject.lower_ in ("it", "there") or subject.tag_ in ("WP", "WDT", "DT"):
        return  # "what seems …", "that seems …": the judged thing is elsewhere
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    holder = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    first = subject.left_edge
    last = complement.right_edge
    content = trim(text, (first.idx, last.idx + len(last.text)))
    if holder is None:
        yield Attribution([content], cue, kind, None, None)
    else:
        source = trim(text, subtree_span(holder))
        yield Attribution([content], cue, kind, source, token_span(holder))


# Words that stand for a whole statement: "half said so", "26 percent said the same",
# "46 percent said yes".
_PRO_FORMS = frozenset({"so", "yes", "no", "same"})


def _pro_form(verb: Any) -> Any:
    """The word after a verb of saying that stands for what was said, if one does."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("advmod", "dobj", "intj", "ccomp"):
            if child.lower_ in _PRO_FORMS and child.right_edge.i == child.i:
                return child
            if child.lower_ == "same" and child.left_edge.lower_ == "the":
                return child
    return None


def _judged_object(text: str, verb: Any) -> Span | None:
    """What any cue says when its object is judged ("sees him as a threat", "considered
    the deal a mistake") or its topic named ("talked about the plan", "worried about
    inflation")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        judged = [c for c in verb.children if c.i > obj.i and _as_or_predicate(c)]
        if not judged:
            return None
        last = _restrictive_end(judged[-1])
        return trim(text, (obj.left_edge.idx, last.idx + len(last.text)))
    about = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "about"), None)
    topic = (
        next((c for c in about.children if c.dep_ in ("pobj", "pcomp")), None) if about else None
    )
    return trim(text, subtree_span(topic)) if topic is not None else None


def _as_or_predicate(child: Any) -> bool:
    return bool(child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ == "as"))


def _judged_subject(text: str, verb: Any) -> Span | None:
    """A passive judgement: in "The deal is seen as a mistake" what is seen is "The deal …
    as a mistake" (held by the agent, if one is named)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    judged = [c for c in verb.children if c.i > verb.i and _as_or_predicate(c)]
    if subject is None or not judged or subject.i > verb.i or expletive(subject):
        return None
    if subject.tag_ in ("WP", "WDT"):
        return None
    last = judged[-1].right_edge
    return trim(text, (subject.left_edge.idx, last.idx + len(last.text)))


def _raised_subject(text: str, verb: Any) -> Span | None:
    """A passive belief with an infinitive and no one holding it: in "Farmers are expected
    to protest" what is expected is "Farmers … to protest" (nobody named expects it)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    clause = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subject is None or clause is None or subject.i > verb.i or expletive(subject):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    return trim(text, (subject.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)))


def _infinitive_promise(verb: Any, clause: Any) -> bool:
    """A speech verb of commitment or demand with a to-infinitive after it: "vowed to make
    them pay", "urged Congress to act". Not a passive ("is said to be"), where the
    infinitive's subject is what is talked about."""
    return (
        clause.i > verb.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and not any(c.dep_ == "auxpass" for c in verb.children)
        and not _phoned(verb, clause)
    )


def _clause_span(complement: Any, verb: Any, lexicon: CueLexicon) -> Span:
    """The complement's subtree, on its own side of the verb (a parse that hangs a phrase
    from the other side, "Asked what …, X said, “…”", must not carry the cue into it), and
    up to a tail that belongs to the reporting clause instead: "said that A, adding B".
    (A verb joined by "and" stays: "said that prices rose and fell" is one statement.)"""
    tokens = list(complement.subtree)
    if tokens[0].i < verb.i < tokens[-1].i:
        side = complement.i > verb.i
        tokens = [t for t in tokens if (t.i > verb.i) == side]
    subject = _stranded_subject(complement, verb)
    if subject is not None:
        tokens = [t for t in subject.subtree if t.i < complement.left_edge.i] + tokens
    if complement.i > verb.i:
        ends = [e for e in (_reporter_tail(complement), _next_report(complement, lexicon)) if e]
        if ends:
            tokens = [t for t in tokens if t.i < min(ends)] or tokens
    first, last = tokens[0], tokens[-1]
    return (first.idx, last.idx + len(last.text))


def _stranded_subject(complement: Any, verb: Any) -> Any:
    """The parse may take the clause's subject for the verb's object: in "warned the rules
    “have become outdated”" "the rules" hangs from "warned" and "become" has no subject."""
    if complement.i < verb.i or any(c.dep_ in SUBJECTS for c in complement.children):
        return None
    return next(
        (c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < complement.i), None
    )


def _reporter_tail(clause: Any) -> int | None:
    """Where a participle after a comma, with no subject of its own, continues the
    reporter's sentence, if the clause has one."""
    for child in clause.children:
        if child.i < clause.i:
            continue
        shared = not any(c.dep_ in SUBJECTS for c in child.children)
        start: int = child.left_edge.i
        after_comma = start > 0 and child.doc[start - 1].text == ","
        if child.dep_ in ("advcl", "xcomp") and child.tag_ == "VBG" and shared and after_comma:
            return start - 1
    return None


# Words that join a further report to the clause: "said A, and added B".
_JOINERS = frozenset({",", "and", "but", ";", "while", "as", "even", "—", "–"})


def _next_report(clause: Any, lexicon: CueLexicon) -> int | None:
    """Where a further report joined on after the clause begins, if one is: the parse may
    hang "…, and accused X of Y", "and more than half said Z" or "…, asserting that W"
    inside the clause reported before it, but a speech cue of its own starts a new
    statement (a verb of belief, "and feels he can win", stays in what was said)."""
    for token in clause.subtree:
        if (
            token.i > clause.i
            and token.pos_ == "VERB"
            and _joined_on(token)
            and lexicon.verb_kind(token.lemma_, token.text) == "speech"
        ):
            start: int = token.left_edge.i
            while start - 1 > clause.i and token.doc[start - 1].lower_ in _JOINERS:
                start -= 1
            return start
    return None


# Conjunctions of an adverbial clause that sets a second statement beside the first; a
# reason ("because he believes …") stays part of what was said.
_CONTRASTS = frozenset({"while", "as", "whereas", "though", "although"})


def _joined_on(verb: Any) -> bool:
    if verb.dep_ in ("conj", "parataxis"):
        return True
    if verb.dep_ != "advcl":
        return False
    return verb.tag_ == "VBG" or any(
        c.dep_ == "mark" and c.lower_ in _CONTRASTS for c in verb.children
    )


# Prepositions after a reporting noun whose object is what was said: "criticism of X".
_NOUN_PREPOSITIONS = frozenset({"of", "on", "about", "against"})

# Prepositions whose object is what a cue says: "called for talks", "complained about X".
_CONTENT_PREPOSITIONS = frozenset({"for", "about", "against", "of", "over"})


def _object_content(text: str, verb: Any) -> Span | None:
    """What a cue verb says of its object: "called the plan a disaster", "announced his
    resignation", "criticized the ruling", "called for talks"; from the object to its
    predicate."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and verb.lemma_.lower() in ADDRESSED and not _told_to(verb, obj):
        obj = None  # "asked reporters (about X)" names whom; "asked him to resign" says what
    if obj is None:
        prepositions = _CONTENT_PREPOSITIONS | _VERB_PREPOSITIONS.get(verb.lemma_.lower(), set())
        prep = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ in prepositions),
            None,
        )
        obj = (
            next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
        )
        if obj is not None and obj.lemma_.lower() in _MANNER_OBJECTS:
            obj = None  # "spoke on condition of anonymity", "on behalf of X": how, not what
    if obj is None:
        return None
    last = obj
    for child in verb.children:
        if child.i > obj.i and _completes_object(child):
            last = child
    if last.i == obj.i and obj.pos_ == "PRON" and obj.right_edge.i == obj.i:
        return None  # "criticized it" says nothing; "called it a disaster" does
    if last.dep_ == "xcomp" and _phoned(verb, last):
        return None
    end = _restrictive_end(last)
    return trim(text, (obj.left_edge.idx, end.idx + len(end.text)))


def _phoned(verb: Any, clause: Any) -> bool:
    """ "called him to express support" is a telephone call with a purpose, not a naming
    or a demand: "call" with a person as its direct object before a to-infinitive
    ("called him a liar", "called on him to resign" say what)."""
    if verb.lemma_.lower() != "call":
        return False
    return any(
        c.dep_ == "dobj" and c.i < clause.i and (c.pos_ == "PRON" or c.ent_type_ == "PERSON")
        for c in verb.children
    )


# What a writer adds about an object after a comma: "chose Tim Kaine, a man who …".
_ASIDES = frozenset({"appos", "relcl", "acl"})


def _restrictive_end(obj: Any) -> Any:
    """The object's last word before an aside set off by a comma ("Tim Kaine, a man who
    shifted …", "its defense of X, the business that …"): the writer's words, not the
    speaker's (PolNeAR's contents end before them)."""
    for token in obj.subtree:
        if token.i > obj.i and token.dep_ in _ASIDES and token.left_edge.i > 0:
            before = token.doc[token.left_edge.i - 1]
            if before.text == "," and before.i > obj.left_edge.i:
                return token.doc[before.i - 1]
    return obj.right_edge


# Prepositions whose object is what these verbs say, though elsewhere they set the scene:
# "referring to X", "pointed to X", "responded to X", "commented on X", "spoke on X".
_VERB_PREPOSITIONS: dict[str, set[str]] = {
    **{v: {"to"} for v in ("refer", "point", "respond", "react", "allude", "object", "reply")},
    **{v: {"on"} for v in ("comment", "speak", "elaborate", "weigh", "remark", "focus")},
}


# Objects of "on"/"to" that tell how or for whom one speaks, not what is said.
_MANNER_OBJECTS = frozenset(
    {"behalf", "condition", "basis", "phone", "television", "radio", "camera", "record", "stage"}
)


def _told_to(verb: Any, obj: Any) -> bool:
    return any(c.i > obj.i and c.dep_ in ("xcomp", "oprd", "ccomp") for c in verb.children)


# Prepositions that set the scene of the saying, not what was said: "at a rally", "in a
# statement", "during the debate". "to" and "from" more often complete the object ("compared
# X to Y", "pledged support to Y", "banned X from Y"): on PolNeAR train the content goes on.
_SCENE_PREPOSITIONS = frozenset({"at", "in", "during", "after", "before", "since"})


def _completes_object(child: Any) -> bool:
    """Whether a phrase after a cue's object completes what the cue says of it: "praised X
    for Y", "accused X of Y", "blamed X on Y", "credited X with Y", "described X as Y"."""
    if child.dep_ in ("oprd", "xcomp", "ccomp"):
        return True
    if child.dep_ != "prep" or child.lower_ in _SCENE_PREPOSITIONS:
        return False
    # Other prepositions belong to the object the parse split off ("supports abortion
    # rights with some limits"), unless they only tell when ("on Tuesday").
    pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
    return pobj is not None and pobj.ent_type_ not in ("DATE", "TIME")


def _inserted(
    verb: Any, kind: str, complements: list[Any], source: Span | None, lexicon: CueLexicon
) -> bool:
    """A verb of saying set into the clause it reports, which the parse makes its head
    ("The bill, he said, is dead"). Not a clause with its own "that", nor one a cue verb
    reports ("stated that both sides agreed"); only speech verbs."""
    head = verb.head
    return (
        kind == "speech"
        and not complements
        and source is not None
        and verb.dep_ in ("parataxis", "ccomp")
        and head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "mark" for c in verb.children)
        and lexicon.verb_kind(head.lemma_, head.text) is None
    )


def _according_to(text: str, according: Any) -> Iterator[Attribution]:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source_token = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    cue = _according_cue(according)
    if to is None or source_token is None or cue is None:
        return
    pieces = _around(text, _according_clause(according), according)
    if pieces:
        source = trim(text, subtree_span(source_token))
        yield Attribution(pieces, cue, "speech", source, token_span(source_token))


def _according_cue(according: Any) -> Span | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    return (according.idx, to.idx + len(to.text)) if to is not None else None


def _according_clause(according: Any) -> Any:
    """The clause "according to X" sets its source on: its verb, if it has one."""
    clause = according.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    return clause


# "In X's view, …", "in the opinion of X, …": whose the rest of the clause is.
_VIEW_NOUNS = frozenset({"view", "opinion", "judgment", "judgement", "estimation", "eyes", "mind"})


def _in_the_view_of(text: str, preposition: Any) -> Iterator[Attribution]:
    noun = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lower_ not in _VIEW_NOUNS:
        return
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        holder = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    clause = preposition.head
    if holder is None or (holder.pos_ == "PRON" and holder.lower_ in ("my", "our", "your")):
        return
    if clause.pos_ not in ("VERB", "AUX"):
        return
    pieces = _around(text, clause, preposition)
    if pieces:
        cue = (preposition.idx, noun.idx + len(noun.text))
        source = trim(text, subtree_span(holder))
        yield Attribution(pieces, cue, "belief", source, token_span(holder))


def _noun_cue(text: str, noun: Any, kind: str) -> Iterator[Attribution]:
    """ "the claim that …", and with an owner who speaks, "Smith's criticism of the plan"."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) or _by_whom(noun)
    source = trim(text, subtree_span(owner)) if owner is not None else None
    head = token_span(owner) if owner is not None else None
    if owner is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        # "X voiced support for Y", "X raised questions about Y": X holds it.
        source, head = speaker_phrase(text, noun.head)
    elif owner is None and (holding := _holding_verb(noun)) is not None:
        # "X stirred controversy with an assertion that …", "X backed away from a
        # suggestion that …", "X protested in the hope that …": X's.
        source, head = speaker_phrase(text, holding)
    for child in noun.children:
        content: Any = None
        if child.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            content = child
        elif child.dep_ == "prep" and _says_what(noun, child, owner):
            content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        if content is not None:
            span = trim(text, subtree_span(content))
            yield Attribution([span], token_span(noun), kind, source, head)
    if owner is not None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        # "X's position is that …": what the noun holds is the copula's that-clause.
        for clause in noun.head.children:
            if clause.dep_ == "ccomp" and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
            ):
                span = trim(text, subtree_span(clause))
                yield Attribution([span], token_span(noun), kind, source, head)


# Prepositions that make a reporting noun the clause's subject's own.
_HOLDING_PREPOSITIONS = frozenset({"with", "from", "in"})


def _holding_verb(noun: Any) -> Any:
    """The verb whose subject holds a reporting noun after "with", "from" or "in" (past an
    adverb: "backed away from a suggestion"), if there is one."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep":
        return None
    if preposition.lower_ not in _HOLDING_PREPOSITIONS:
        return None
    verb = preposition.head
    if verb.pos_ == "ADV" and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ == "VERB" else None


# What a reporting noun says, by its preposition: "support for X", "opposition to X",
# "attacks on X", "questions about X" (with or without a holder named).
_NOUN_OBJECTS = frozenset({"for", "to", "on", "about", "against"})


def _says_what(noun: Any, preposition: Any, owner: Any) -> bool:
    if preposition.i < noun.i:
        return False
    if owner is not None and preposition.lower_ in _NOUN_PREPOSITIONS:
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "as"):
        return False  # "in response to X", "as a favor to X": the occasion, not a claim
    return preposition.lower_ in _NOUN_OBJECTS and noun.lemma_.lower() not in _DOCUMENTS


# Nouns of documents and events, whose "on"/"to" tells the topic, not a claim.
_DOCUMENTS = frozenset(
    {
        "report",
        "memo",
        "letter",
        "email",
        "speech",
        "address",
        "interview",
        "briefing",
        "transcript",
        "filing",
        "lawsuit",
        "ruling",
        "order",
        "press release",
        "communiqué",
        "communique",
        "column",
        "essay",
        "blog",
        "editorial",
        "op-ed",
        "tweet",
        "post",
        "message",
        "note",
        "study",
        "poll",
        "survey",
        "data",
        "research",
        "investigation",
        "review",
        "analysis",
        "campaign",
        "effort",
        "attempt",
        "bid",
        "decision",
    }
)


def _by_whom(noun: Any) -> Any:
    """The holder of a reporting noun named after it: "criticism from Republicans", "the
    demand by X that …"."""
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (
                pobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or pobj.pos_ == "PROPN"
            ):
                return pobj
    return None


def _around(text: str, clause: Any, inserted: Any) -> list[Span]:
    """The clause's text on both sides of an inserted phrase (its subtree)."""
    sentence = clause.sent
    left, right = clause.left_edge.i, clause.right_edge.i
    cut_left, cut_right = inserted.left_edge.i, inserted.right_edge.i
    for child in clause.children:
        if _scene_setting(child) and child.right_edge.i < cut_left:
            left = max(left, child.right_edge.i + 1)
    pieces: list[Span] = []
    doc = clause.doc
    if cut_left > left:
        end = doc[cut_left - 1]
        pieces.append(trim(text, (doc[left].idx, end.idx + len(end.text))))
    if cut_right < right and cut_right + 1 < sentence.end:
        last = doc[right]
        pieces.append(trim(text, (doc[cut_right + 1].idx, last.idx + len(last.text))))
    return [p for p in pieces if p[0] < p[1]]


def _scene_setting(clause: Any) -> bool:
    """A participle clause that sets the scene of a report ("Asked what he wanted, X said,
    “…”", "Speaking in Ohio, …"): the reporter's words, not the speaker's."""
    if clause.dep_ != "advcl" or clause.tag_ not in ("VBN", "VBG", "VBD"):
        return False
    # The participle leads its clause and has no subject of its own.
    return clause.i == clause.left_edge.i and not any(c.dep_ in SUBJECTS for c in clause.children)


def _cue_span(verb: Any) -> Span:
    """The verb with its particle ("pointed out") and auxiliaries ("has said")."""
    start, end = token_span(verb)
    for child in verb.children:
        if child.dep_ in _PARTICLES and child.i > verb.i:
            end = max(end, child.idx + len(child.text))
        elif child.dep_ in ("aux", "neg") and child.i < verb.i and verb.i - child.i <= 2:
            start = min(start, child.idx)
    return (start, end)


__all__ = ["parse_attributions", "speaker_phrase"]
