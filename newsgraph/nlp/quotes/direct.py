"""Direct quotations the clause parse did not attribute, in the order a reader resolves them:

0. a quotation signed after it with a dash and a name ("“…” – Name, 20, …") is the name's;
1. a quotation right after an attributed one in the same paragraph goes on with it
   (“…,” he said. “…”);
2. a reporting verb in the quotation's sentence and paragraph, outside any quotation's
   marks (the parse may hang the quotation anywhere); a quotation after the cue of the one
   before it goes on with that one (“…,” he said, “…”);
3. a colon introduction: "the Chinese president made it even clearer: “…”";
4. another verb of the sentence with a subject: "“Ni hao!” was how X greeted …";
5. a floating quotation, a paragraph in quote marks with no cue: the previous speaker goes on.
"""

from __future__ import annotations

from typing import Any

from newsgraph.model import Span
from newsgraph.nlp.docs import doc_text
from newsgraph.nlp.quotes.content import Attribution, overlaps, token_span
from newsgraph.nlp.quotes.lexicon import CueLexicon
from newsgraph.nlp.quotes.marks import QuotedRegion, is_statement
from newsgraph.nlp.quotes.signed import signature
from newsgraph.nlp.quotes.subjects import speaker_phrase

# Paragraphs that may stand between a floating quotation and the quote it continues
# (blank lines do not count).
_FLOATING_REACH = 1


class DirectQuotes:
    """Attributes the statement regions of one Doc that no clause claimed."""

    def __init__(self, doc: Any, lexicon: CueLexicon, found: list[Attribution]) -> None:
        self.doc = doc
        self.text: str = doc_text(doc)
        self.lexicon = lexicon
        self.found = found
        self.quoted: list[Span] = []  # every quotation's marks-to-marks span

    def attribute(self, regions: list[QuotedRegion]) -> None:
        self.quoted = [region.outer for region in regions]
        previous: Attribution | None = None
        for region in regions:
            owner = self._claimed_by(region)
            if owner is not None:
                previous = owner
                continue
            if not is_statement(self.text, region):
                continue
            attribution = (
                self._signed(region)
                or self._continued(region, previous)
                or self._find(region, previous)
            )
            if attribution and previous and _same_cue(attribution, previous):
                # “…,” he said, “…”: the quotation on both sides of one cue is one statement.
                previous.content.extend(region.fragments)
                previous.regions.append(region)
                attribution = previous
            if attribution is not None and attribution is not previous:
                self.found.append(attribution)
            previous = attribution or previous

    def _claimed_by(self, region: QuotedRegion) -> Attribution | None:
        for attribution in self.found:
            if any(overlaps(span, f) for span in attribution.content for f in region.fragments):
                return attribution
        return None

    def _continued(self, region: QuotedRegion, previous: Attribution | None) -> Attribution | None:
        """The quotation goes on with the previous one when nothing but its cue sentence
        stands between them in the paragraph: “…,” he said. “…” / “…,” he said, “…”."""
        if previous is None or not previous.regions or self._cue_in_sentence(region):
            return None
        last_end = max(end for _, end in previous.content)
        if previous.cue is not None and previous.cue[1] > last_end:
            cue_sentence = self._sentence_at(previous.cue[0])
            last_end = cue_sentence.end_char if cue_sentence is not None else previous.cue[1]
        between = self.text[last_end : region.outer[0]]
        if "\n" in between or len(between.split()) > 3:
            return None
        previous.content.extend(region.fragments)
        previous.regions.append(region)
        return previous

    def _signed(self, region: QuotedRegion) -> Attribution | None:
        """A quotation signed after it ("“…” – Name, 20, …") is the signer's."""
        signed = signature(self.text, region)
        if signed is None:
            return None
        dash, name = signed
        return Attribution(list(region.fragments), dash, "speech", name, name, None, [region])

    def _sentence_at(self, offset: int) -> Any:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span.sent if span is not None else None

    def _find(self, region: QuotedRegion, previous: Attribution | None) -> Attribution | None:
        verb = self._cue_in_sentence(region) or self._colon_verb(region)
        if verb is None and self._sentences_outside(region):
            verb = self._any_verb_with_subject(region)
        if verb is not None:
            source, head = speaker_phrase(self.text, verb)
            if source is not None:
                kind = self.lexicon.verb_kind(verb.lemma_, verb.text) or "speech"
                return Attribution(
                    list(region.fragments), token_span(verb), kind, source, head, None, [region]
                )
        if previous is not None and self._floating(region, previous):
            index = self.found.index(previous)
            return Attribution(list(region.fragments), None, previous.kind_of_cue, None, None,
                               index, [region])  # fmt: skip
        return None

    def _outside_tokens(self, region: QuotedRegion) -> list[Any]:
        """The words of the quotation's sentences outside any quotation's marks ("I think"
        in the quotation before is that speaker's words, not a cue), within its paragraphs:
        a parse may run a closing quotation into the next paragraph's sentence, whose cue
        is not the quotation's."""
        start, end = region.outer
        first = self.text.rfind("\n", 0, start) + 1
        last = self.text.find("\n", end)
        last = len(self.text) if last < 0 else last
        nearby = [(s, e) for s, e in self.quoted if s < last and first < e]
        tokens: list[Any] = []
        for sentence in self._sentences(region):
            tokens.extend(
                t
                for t in sentence
                if first <= t.idx < last and not any(s <= t.idx < e + 1 for s, e in nearby)
            )
        return tokens

    def _sentences(self, region: QuotedRegion) -> list[Any]:
        # Only the sentences the quotation starts and ends in: the cue sits at an edge.
        first = self.doc.char_span(region.outer[0], region.outer[0] + 1, alignment_mode="expand")
        last_at = max(region.outer[1] - 1, region.outer[0])
        last = self.doc.char_span(last_at, last_at + 1, alignment_mode="expand")
        sentences = [s.sent for s in (first, last) if s is not None]
        unique = {(s.start, s.end): s for s in sentences}
        return list(unique.values())

    def _sentences_outside(self, region: QuotedRegion) -> bool:
        return sum(bool(t.is_alpha) for t in self._outside_tokens(region)) >= 2

    def _cue_in_sentence(self, region: QuotedRegion) -> Any:
        for token in self._outside_tokens(region):
            if (
                token.pos_ == "VERB"
                and self.lexicon.verb_kind(token.lemma_, token.text)
                and speaker_phrase(self.text, token)[0] is not None
            ):
                return token
        return None

    def _colon_verb(self, region: QuotedRegion) -> Any:
        """The main verb of the clause a colon ends: "X made it even clearer: “…”"."""
        before = self.text[: region.outer[0]].rstrip()
        if not before.endswith(":"):
            return None
        colon = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        clause = [t for t in colon[0].sent if t.i < colon[0].i and t.pos_ in ("VERB", "AUX")]
        # The verb nearest the root speaks: "X, who arrived late, said: …" is X saying.
        clause.sort(key=lambda t: (len(list(t.ancestors)), -t.i))
        for verb in clause:
            if speaker_phrase(self.text, verb)[0] is not None:
                return verb
        return None

    def _any_verb_with_subject(self, region: QuotedRegion) -> Any:
        for token in self._outside_tokens(region):
            if token.pos_ == "VERB":
                source, head = speaker_phrase(self.text, token)
                if source is not None and not self._inside(head, region):
                    return token
        return None

    def _inside(self, span: Span | None, region: QuotedRegion) -> bool:
        return span is not None and region.outer[0] <= span[0] < region.outer[1]

    def _floating(self, region: QuotedRegion, previous: Attribution) -> bool:
        paragraph_start = self.text.rfind("\n", 0, region.outer[0]) + 1
        if self.text[paragraph_start : region.outer[0]].strip():
            return False  # words before the mark: not a paragraph of its own
        last_end = max(end for _, end in previous.content)
        lines = self.text[last_end : region.outer[0]].split("\n")[1:-1]
        return sum(bool(line.strip()) for line in lines) <= _FLOATING_REACH


def _same_cue(attribution: Attribution, previous: Attribution) -> bool:
    return (
        attribution is not previous
        and attribution.cue is not None
        and attribution.cue == previous.cue
        and bool(previous.regions)
    )


__all__ = ["DirectQuotes"]
