"""Articles built by hand with actors, quotes and events, for store and query tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from newsgraph.model import (
    Article,
    Cue,
    Entity,
    Event,
    EventActor,
    Location,
    MentionDetail,
    Quote,
    Speaker,
)

CountRows = dict[str, list[tuple[object, ...]]]

TEXT = (
    "President Tokayev met Xi Jinping in Astana on Wednesday. "
    '"We will deepen our cooperation," the Kazakh president said. '
    "China did not sanction Kazakhstan."
)


def _span(word: str, start: int = 0) -> tuple[int, int]:
    begin = TEXT.index(word, start)
    return begin, begin + len(word)


def decoded_article(article_id: str = "a1", published: str = "2024-07-04") -> Article:
    tokayev = Entity(
        "e1",
        "Kassym-Jomart Tokayev",
        "PERSON",
        [_span("Tokayev"), _span("the Kazakh president")],
        country="KAZ",
        sector="GOV",
        code="KAZGOV",
        roles=["president"],
        details=[
            MentionDetail(_span("Tokayev"), "surname", "President"),
            MentionDetail(_span("the Kazakh president"), "nominal", "Kazakh president"),
        ],
    )
    xi = Entity("e2", "Xi Jinping", "PERSON", [_span("Xi Jinping")], country="CHN", code="CHNGOV")
    china = Entity("e3", "China", "GPE", [_span("China")], country="CHN", code="CHN")
    kazakhstan = Entity("e4", "Kazakhstan", "GPE", [_span("Kazakhstan")], country="KAZ", code="KAZ")
    content = _span("We will deepen our cooperation,")
    content = (content[0], content[1] - 1)  # without the comma
    speaker = Speaker(
        "Kassym-Jomart Tokayev", "e1", _span("the Kazakh president"), "Kazakh president", "KAZGOV"
    )
    quote = Quote(
        "q1",
        TEXT[content[0] : content[1]],
        [content],
        "direct",
        speaker,
        Cue("said", _span("said")),
        0.42,
    )
    meeting = Event(
        "e1",
        "CONSULT",
        _span("met"),
        (0, TEXT.index(".") + 1),
        source=[EventActor("Kassym-Jomart Tokayev", "e1", "KAZGOV", _span("Tokayev"))],
        target=[EventActor("Xi Jinping", "e2", "CHNGOV", _span("Xi Jinping"))],
        mode="visit",
        context=["diplomatic"],
        cameo="040",
        quad_class=1,
        goldstein=1.0,
        date="2024-07-03",
        date_source="text",
        date_span=_span("Wednesday"),
        location=Location("Astana", "KAZ", 51.18, 71.45, _span("Astana"), 1526273),
    )
    deepen = Event(
        "e2",
        "COOPERATE",
        _span("deepen"),
        _span('"We will deepen our cooperation," the Kazakh president said.'),
        source=[EventActor("Kassym-Jomart Tokayev", "e1", "KAZGOV")],
        cameo="030",
        quad_class=1,
        goldstein=4.0,
        modality="future",
        reported_by=speaker,
        quote="q1",
        date="2024-07-04",
        date_source="published",
    )
    no_sanction = Event(
        "e3",
        "SANCTION",
        _span("sanction"),
        _span("China did not sanction Kazakhstan."),
        source=[EventActor("China", "e3", "CHN", _span("China"))],
        target=[EventActor("Kazakhstan", "e4", "KAZ", _span("Kazakhstan"))],
        cameo="160",
        quad_class=4,
        goldstein=-4.0,
        modality="negated",
        date="2024-07-04",
        date_source="published",
    )
    return Article(
        id=article_id,
        text=TEXT,
        source="Wire",
        title="Leaders meet",
        published=published,
        language="en",
        analyzed=True,
        entities=[tokayev, xi, china, kazakhstan],
        quotes=[quote],
        events=[meeting, deepen, no_sanction],
        content_hash=f"h-{article_id}",
    )


def counts_and_recount(conn: sqlite3.Connection) -> tuple[CountRows, CountRows]:
    """Every count table as the store keeps it, and as recounted from the events tables
    (Goldstein sums rounded: adding and taking away floats leaves dust)."""
    from newsgraph.store.counts import RECOUNT

    kept: CountRows = {}
    recounted: CountRows = {}
    for table, selects in RECOUNT.items():
        kept[table] = sorted(_rounded(r) for r in conn.execute(f"SELECT * FROM {table}"))
        recounted[table] = sorted(_rounded(r) for s in selects for r in conn.execute(s))
    return kept, recounted


def _rounded(row: Sequence[object]) -> tuple[object, ...]:
    return tuple(round(v, 6) if isinstance(v, float) else v for v in row)
