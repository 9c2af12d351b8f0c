"""The `quotes` analysis component: every reported statement with its speaker and cue.

Attributions come from the clause parse (indirect and mixed quotes, and direct quotes the
parse hangs on their reporting verb), then from the quote marks the parse left unclaimed
(continuations, colon introductions, floating quotations). A quotation split by its cue is
joined back, and no content keeps its own speaker or cue. Page furniture (video captions,
"Story highlights") holds no quotation, cue or speaker. Each becomes a Quote with its
content fragments, kind, speaker (through the actor layer, "he said" read in the text flow),
cue and tone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsgraph.config import Config
from newsgraph.model import Article, Cue, Quote, Span, Speaker
from newsgraph.nlp.actors.kb import load_kb
from newsgraph.nlp.quotes.clauses import parse_attributions
from newsgraph.nlp.quotes.colon_lead import colon_leads
from newsgraph.nlp.quotes.content import (
    Attribution,
    cut_out,
    extend_to_regions,
    quote_kind,
    trim,
    without_marks,
)
from newsgraph.nlp.quotes.direct import DirectQuotes
from newsgraph.nlp.quotes.furniture import furniture_spans, masked, past_furniture
from newsgraph.nlp.quotes.headline import headline_verbs
from newsgraph.nlp.quotes.lexicon import CueLexicon, load_cues
from newsgraph.nlp.quotes.lines import bare_lines, on_own_line
from newsgraph.nlp.quotes.marks import QuotedRegion, find_quoted_regions
from newsgraph.nlp.quotes.pronouns import PronounSpeakers
from newsgraph.nlp.quotes.speaker import SpeakerIndex
from newsgraph.nlp.quotes.tone import tone
from newsgraph.nlp.registry import ComponentFn, component


@component("quotes", requires=("actors",), provides=("quotes",))
def make_quotes(config: Config) -> ComponentFn:
    lexicon = load_cues(config.cue_files)
    holders = lexicon.holders | load_kb(config.actor_files).role_words

    def quotes(article: Article, doc: Any) -> Article:
        article.quotes = extract_quotes(article, doc, lexicon, holders)
        return article

    return quotes


def extract_quotes(
    article: Article, doc: Any, lexicon: CueLexicon, holders: frozenset[str] | None = None
) -> list[Quote]:
    """The quotes of an article whose `doc` is the parse of exactly `article.text`;
    `holders` are the common nouns that may believe, want, know or perceive (the cue
    lexicon's when None)."""
    furniture = furniture_spans(article.text)
    # Video captions and share widgets hold neither quotations nor colon introductions.
    plain = masked(article.text, furniture)
    regions = find_quoted_regions(plain)
    inside_quotes = [f for region in regions for f in region.fragments]
    parsed = parse_attributions(doc, lexicon)
    cues = [a.cue for a in parsed if a.cue is not None]
    # A headline's verb the parse did read keeps the parse's attribution.
    headlines = [a for a in headline_verbs(doc, article.text, lexicon) if not _within(a.cue, cues)]
    found = [
        attribution
        for attribution in [*parsed, *colon_leads(plain, lexicon), *headlines]
        # "I think" inside someone's quotation is part of what they said, not a report.
        if not _within(attribution.cue, inside_quotes) and not _touches(attribution.cue, furniture)
    ]
    for attribution in found:
        attribution.content = _within_paragraph(article.text, attribution)
        _grow_to_quotations(attribution, regions)
        cuts = [attribution.source, attribution.cue, *furniture]
        attribution.content = cut_out(article.text, attribution.content, cuts)
        attribution.source = past_furniture(article.text, attribution.source, furniture)
    # Cutting out the source and cue may leave nothing: no statement then.
    found = _joined_at_the_cue(article.text, _unique([a for a in found if a.content]))
    DirectQuotes(doc, lexicon, found).attribute(regions)
    bare = bare_lines(article.text)
    for attribution in found:
        # A floating quotation's cue is its predecessor's: the line test applies to it.
        attribution.content = on_own_line(attribution.content, _cue_of(attribution, found), bare)
    documents = frozenset(n for n, kind in lexicon.nouns.items() if kind == "speech")
    heads = [a.source_head for a in found if a.source_head is not None]
    holders = lexicon.holders if holders is None else holders
    pronouns = PronounSpeakers(article, doc, [*inside_quotes, *furniture], heads, holders)
    speakers = SpeakerIndex(article, documents, furniture, pronouns)
    built: list[tuple[Attribution, Quote]] = []
    for attribution in found:
        quote = _to_quote(article.text, attribution, speakers, found)
        if quote is not None and _has_a_holder(doc, attribution, quote, holders):
            built.append((attribution, quote))
    built = _without_nested(built)
    built.sort(key=lambda pair: (pair[1].spans[0], pair[1].cue.span if pair[1].cue else (0, 0)))
    for number, (_, quote) in enumerate(built, 1):
        quote.id = f"q{number}"
    return [quote for _, quote in built]


# Pronouns that name someone: "it", "this" and "that" may be a plan or a report.
_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them"})


def _has_a_holder(
    doc: Any, attribution: Attribution, quote: Quote, holders: frozenset[str]
) -> bool:
    """Whether an intention is someone's: "the plan aims to …" is no one's. A name, an
    actor, a personal pronoun or a noun of people holds one. (Beliefs and knowledge may be
    a document's: "the data show …", "the poll found …" are attributions in PolNeAR.)"""
    if attribution.kind_of_cue != "intention" or attribution.inherited_from is not None:
        return True
    speaker = quote.speaker
    if speaker is None or speaker.entity is not None or attribution.source_head is None:
        return True
    head = doc.char_span(*attribution.source_head, alignment_mode="expand")
    if head is None or len(head) == 0:
        return True
    word = head[-1]
    if word.pos_ == "PROPN" or word.lower_ in _PERSONAL:
        return True
    return word.lemma_.lower() in holders or word.lower_ in holders


def _without_nested(built: list[tuple[Attribution, Quote]]) -> list[tuple[Attribution, Quote]]:
    """No quote inside another one's content with its cue there too: the clause "the West
    has not noticed that …" inside an expert's words is the expert's, not a second
    statement by "the West". (On PolNeAR train such nested reports are mostly not
    annotated as attributions of their own.)"""
    kept: list[tuple[Attribution, Quote]] = []
    for attribution, quote in built:
        cue = quote.cue.span if quote.cue else None
        nested = cue is not None and any(
            other is not quote
            and _within(cue, other.spans)
            and all(_within(span, other.spans) for span in quote.spans)
            for _, other in built
        )
        if not nested:
            kept.append((attribution, quote))
    return kept


def _touches(span: Span | None, stretches: list[Span]) -> bool:
    return span is not None and any(s[0] < span[1] and span[0] < s[1] for s in stretches)


def _within(span: Span | None, fragments: list[Span]) -> bool:
    return span is not None and any(f[0] <= span[0] and span[1] <= f[1] for f in fragments)


def _within_paragraph(text: str, attribution: Attribution) -> list[Span]:
    """Parse content cut at paragraph breaks, keeping the side of the cue: a parse can run
    a headline into the dateline below it (quotations over several paragraphs are grown
    back afterwards)."""
    if attribution.cue is None:
        return attribution.content
    clipped: list[Span] = []
    for start, end in attribution.content:
        breaks = [i for i in range(start, end) if text[i] == "\n"]
        if breaks:
            if attribution.cue[0] >= breaks[-1]:
                start = breaks[-1] + 1
            elif attribution.cue[1] <= breaks[0]:
                end = breaks[0]
        clipped.append(trim(text, (start, end)))
    # A fragment wholly in a paragraph before the cue's is a parse run across the break (a
    # headline line read as what the next line's "X said" reports).
    paragraph = text.rfind("\n", 0, attribution.cue[0]) + 1
    return [span for span in clipped if span[0] < span[1] and span[1] > paragraph]


def _unique(attributions: list[Attribution]) -> list[Attribution]:
    """One attribution per content: two cues of one clause ("said and added") report it
    once; the first (in text order) is kept, a speech cue before any other."""
    kept: dict[tuple[Span, ...], Attribution] = {}
    for attribution in attributions:
        key = tuple(sorted(set(attribution.content)))
        other = kept.get(key)
        if other is None or (other.kind_of_cue != "speech" and attribution.kind_of_cue == "speech"):
            kept[key] = attribution
    return [a for a in attributions if kept.get(tuple(sorted(set(a.content)))) is a]


def _joined_at_the_cue(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """A quotation split by its cue (“…,” X said, “…”) is one statement: quoted contents
    the parse hangs on one cue, right before and right after it, become one attribution."""
    kept: list[Attribution] = []
    by_cue: dict[Span, Attribution] = {}
    for attribution in attributions:
        other = by_cue.get(attribution.cue) if attribution.cue else None
        if other is not None and _split_by_cue(text, other, attribution):
            other.content.extend(attribution.content)
            other.regions.extend(r for r in attribution.regions if r not in other.regions)
            continue
        if attribution.cue is not None and attribution.regions:
            by_cue.setdefault(attribution.cue, attribution)
        kept.append(attribution)
    return kept


# Words that may stand between a cue and the rest of its quotation: the speaker's name
# and a few more ("said Senator Amy Lee of Ohio, “…”").
_SPLIT_GAP_WORDS = 8


def _split_by_cue(text: str, before: Attribution, after: Attribution) -> bool:
    if not (before.regions and after.regions and before.cue and before.content):
        return False
    first_end = max(end for _, end in before.content)
    second_start = min(start for start, _ in after.content)
    cue_start, cue_end = before.cue
    if not first_end <= cue_start < cue_end <= second_start:
        return False
    gap = text[first_end:second_start]
    return "\n" not in gap and len(text[cue_end:second_start].split()) <= _SPLIT_GAP_WORDS


def _grow_to_quotations(attribution: Attribution, regions: list[QuotedRegion]) -> None:
    content: list[Any] = []
    for span in attribution.content:
        spans, touched = extend_to_regions(span, regions)
        content.extend(spans)
        attribution.regions.extend(r for r in touched if r not in attribution.regions)
    attribution.content = content


def _to_quote(
    text: str, attribution: Attribution, speakers: SpeakerIndex, found: list[Attribution]
) -> Quote | None:
    spans = _without_stray_words(
        text, without_marks(text, sorted(set(attribution.content))), attribution
    )
    if not spans:
        return None
    speaker = _speaker(attribution, speakers, found)
    cue = (
        Cue(text[attribution.cue[0] : attribution.cue[1]], attribution.cue)
        if attribution.cue
        else None
    )
    content = " ".join(text[start:end] for start, end in spans)
    kind = quote_kind(spans, attribution.regions)
    attribution_kind = _attribution_kind(attribution, found)
    return Quote("", content, spans, kind, speaker, cue, tone(content), attribution_kind)


def _chain(attribution: Attribution, found: list[Attribution]) -> Iterator[Attribution]:
    """An attribution, then the predecessors a floating quotation continues (which may float
    too), at most as many as there are attributions."""
    yield attribution
    for _ in found:
        if attribution.inherited_from is None:
            return
        attribution = found[attribution.inherited_from]
        yield attribution


def _origin(attribution: Attribution, found: list[Attribution]) -> Attribution:
    """The attribution a floating quotation's chain of predecessors starts from."""
    *_, first = _chain(attribution, found)
    return first


def _cue_of(attribution: Attribution, found: list[Attribution]) -> Span | None:
    """The cue of an attribution, or of the one whose speaker a floating quote continues."""
    return next((a.cue for a in _chain(attribution, found) if a.cue is not None), None)


def _attribution_kind(attribution: Attribution, found: list[Attribution]) -> str:
    """What the cue reports; a floating quotation reports what its predecessor does."""
    return _origin(attribution, found).kind_of_cue


def _without_stray_words(text: str, spans: list[Span], attribution: Attribution) -> list[Span]:
    """A lone unquoted word after a closing quote mark, at the end, is the parse's, not
    the speaker's: in "“Ni hao!” was how X greeted …" the clause reaches "was"."""
    if not attribution.regions or len(spans) < 2:
        return spans
    start, end = spans[-1]
    closes = text[:start].rstrip()[-1:] in ("”", '"', "’", "»")
    # A word inside quote marks is quoted, not stray: "called it “shameful”".
    quoted = any(_within((start, end), list(r.fragments)) for r in attribution.regions)
    return spans[:-1] if closes and not quoted and len(text[start:end].split()) == 1 else spans


def _speaker(
    attribution: Attribution, speakers: SpeakerIndex, found: list[Attribution]
) -> Speaker | None:
    # A floating quotation's speaker is its predecessor's (which may float too).
    attribution = _origin(attribution, found)
    if attribution.source is None:
        return None
    return speakers.speaker(attribution.source, attribution.source_head)


__all__ = ["extract_quotes", "make_quotes"]
