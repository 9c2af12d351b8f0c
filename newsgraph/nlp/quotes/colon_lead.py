"""Lines led by a speaker and a colon, as headlines write them: "Trump: Cruz Has ‘To Come a
Long Way’ on Ethanol", "John McCain: Populist Anger Appeals to ‘Bad Angels’"."""

from __future__ import annotations

import re

from newsgraph.nlp.quotes.content import Attribution, trim
from newsgraph.nlp.quotes.lexicon import CueLexicon

# One to four capitalized words (no digits: "6:45 pm" is a time), a colon, then the words.
_LEAD = re.compile(
    r"^(?P<source>[A-Z][\w.'’&-]*(?: (?:[A-Z][\w.'’&-]*|of|the|for|and)){0,4}):[ \t]+(?P<said>\S)",
    re.MULTILINE,
)
_MIN_WORDS = 3


def colon_leads(text: str, lexicon: CueLexicon) -> list[Attribution]:
    """An attribution for each line "Speaker: what they said"; the colon is the cue."""
    found: list[Attribution] = []
    for match in _LEAD.finditer(text):
        source = match.span("source")
        if text[source[0] : source[1]].lower() in lexicon.labels or match["source"][-1] in "’'":
            continue
        end = text.find("\n", match.start("said"))
        content = trim(text, (match.start("said"), len(text) if end < 0 else end))
        while content[1] > content[0] and text[content[1] - 1] in ".!?":
            content = (content[0], content[1] - 1)
        if len(text[content[0] : content[1]].split()) < _MIN_WORDS:
            continue
        colon = (source[1], source[1] + 1)
        found.append(Attribution([content], colon, "speech", source, source))
    return found


__all__ = ["colon_leads"]
