"""`newsgraph quotes` and `newsgraph events`: who said what, who did what to whom."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from newsgraph.cli.common import (
    FORMAT_OPTION,
    Records,
    db_option,
    emit,
    existing_store,
    parse_modalities,
    since_option,
    until_option,
)
from newsgraph.model import ATTRIBUTIONS

if TYPE_CHECKING:
    from newsgraph.model import EventActor
    from newsgraph.store.event_queries import EventHit
    from newsgraph.store.quote_queries import QuoteHit


@click.command("quotes")
@db_option()
@click.option("--speaker", help="Part of the speaker's name (as quoted, or the actor's name).")
@since_option("Articles published on or after this date (2024, 2024-07 ...).")
@until_option("Articles published up to this date (included whole: 2024-07 is all July).")
@click.option("--search", help='Words (or "a phrase") the quote or its speaker must contain.')
@click.option(
    "--attribution",
    type=click.Choice(ATTRIBUTIONS),
    help="Only what the cue reports as speech (said), belief (thinks), intention (wants), "
    "knowledge (knows) or perception (saw).",
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0))
@FORMAT_OPTION
def quotes_command(
    db: str,
    speaker: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
    attribution: str | None,
    limit: int,
    offset: int,
    output_format: str,
) -> None:
    """List quotes with their speakers, newest articles first."""
    from newsgraph.store.quote_queries import find_quotes

    with existing_store(db) as store:
        hits = find_quotes(store, speaker, since, until, search, limit, offset, attribution)
    emit(hits, output_format, quote_record, _quote_table, f"quotes in {db}")


@click.command("events")
@db_option()
@click.option("--actor", help="Actor code prefix (CHN, KAZGOV) or part of a name, either side.")
@click.option("--type", "type_", help="PLOVER type (CONSULT, ACCUSE ...) or CAMEO code prefix.")
@since_option("Events on or after this date (2024, 2024-07 ...).")
@until_option("Events up to this date (included whole: 2024-07 is all July).")
@click.option(
    "--modality",
    default="asserted",
    show_default=True,
    help="Comma-separated modalities to list (asserted, negated, future, hypothetical) or all.",
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0))
@FORMAT_OPTION
def events_command(
    db: str,
    actor: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    modality: str,
    limit: int,
    offset: int,
    output_format: str,
) -> None:
    """List coded events (PLOVER and CAMEO) with their actors and evidence, latest first."""
    from newsgraph.store.event_queries import find_events

    modalities = parse_modalities(modality)
    with existing_store(db) as store:
        hits = find_events(store, actor, type_, since, until, modalities, limit, offset)
    emit(hits, output_format, event_record, _event_table, f"events in {db}")


def quote_record(hit: QuoteHit) -> dict[str, Any]:
    from newsgraph.output import quote_to_dict

    return {
        "article_id": hit.article_id,
        "published": hit.published,
        "source": hit.source,
        "title": hit.title,
        "url": hit.url,
        "speaker_canonical": hit.speaker_canonical,
        **quote_to_dict(hit.quote),
    }


def event_record(hit: EventHit) -> dict[str, Any]:
    from newsgraph.output import event_to_dict

    return {
        "article_id": hit.article_id,
        "published": hit.published,
        "source_outlet": hit.source,
        "title": hit.title,
        "url": hit.url,
        "trigger_text": hit.trigger_text,
        "sentence_text": hit.sentence_text,
        **event_to_dict(hit.event),
    }


def _quote_table(hits: Sequence[QuoteHit], title: str) -> Records:
    table = Records(
        title,
        ("published", "speaker", "kind", "quote", "cue", "tone", "article"),
        id_column="article",
        lines=True,
        whole=frozenset({"published"}),
    )
    for hit in hits:
        q = hit.quote
        speaker = q.speaker.name if q.speaker else "?"
        if q.speaker and q.speaker.role:
            speaker += f" ({q.speaker.role})"
        table.add(
            hit.published or "",
            speaker,
            q.kind,
            _shorten(q.text, 240),
            q.cue.text if q.cue else "",
            "" if q.tone is None else f"{q.tone:+.2f}",
            hit.article_id,
        )
    return table


def _event_table(hits: Sequence[EventHit], title: str) -> Records:
    table = Records(
        title,
        ("date", "source", "event", "target", "where", "evidence", "article"),
        id_column="article",
        lines=True,
        whole=frozenset({"date"}),
    )
    for hit in hits:
        e = hit.event
        event = e.type + (f"/{e.mode}" if e.mode else "")
        event += f"\nCAMEO {e.cameo or '?'}" + (
            f" ({e.goldstein:+g})" if e.goldstein is not None else ""
        )
        if e.modality != "asserted":
            event += f"\n{e.modality}"
        table.add(
            e.date or "",
            _actors(e.source),
            event,
            _actors(e.target),
            e.location.name if e.location else "",
            f"[{hit.trigger_text}] {_shorten(hit.sentence_text, 200)}",
            hit.article_id,
        )
    return table


def _actors(actors: list[EventActor]) -> str:
    return "\n".join(f"{a.name} {a.code or ''}".strip() for a in actors)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


__all__ = ["event_record", "events_command", "quote_record", "quotes_command"]
