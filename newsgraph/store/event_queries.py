"""Who did what to whom: events from the store, filtered by actor, type and date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsgraph.dates import date_conditions
from newsgraph.model import Event, EventActor
from newsgraph.store.annotations import event_from_row
from newsgraph.store.selectors import like_escape
from newsgraph.store.sqlite import Store

MODALITIES = ("asserted", "negated", "future", "hypothetical")


def choose_modalities(values: Iterable[str]) -> tuple[str, ...]:
    """The modalities `values` name, as the CLI, the API and the pages take them: each a
    modality, a comma-separated list of them, or "all"; ValueError naming the unknown ones."""
    chosen: list[str] = []
    for value in values:
        chosen += [v.strip().lower() for v in value.split(",") if v.strip()]
    if "all" in chosen:
        return MODALITIES
    unknown = [v for v in chosen if v not in MODALITIES]
    if unknown or not chosen:
        raise ValueError(
            (f"unknown modality {', '.join(unknown)}; " if unknown else "")
            + f"choose from {', '.join(MODALITIES)} or all"
        )
    return tuple(dict.fromkeys(chosen))


@dataclass(frozen=True)
class EventHit:
    """A stored event with the article it is in and the words that support it."""

    article_id: str
    event: Event
    trigger_text: str
    sentence_text: str
    published: str | None
    source: str | None
    title: str | None
    url: str | None


def type_condition(type_: str, alias: str = "ev") -> tuple[str, list[object]]:
    """An event type as every query takes it: a PLOVER type ("CONSULT", any case) or a
    CAMEO code prefix ("04"), as a condition on the events row `alias`."""
    value = type_.strip()
    if value.isdigit():
        return f"{alias}.cameo LIKE ?", [value + "%"]
    return f"{alias}.type = ?", [value.upper()]


def find_events(
    store: Store,
    actor: str | None = None,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modalities: tuple[str, ...] = ("asserted",),
    limit: int = 50,
    offset: int = 0,
) -> list[EventHit]:
    """Events, latest first. Only asserted events by default: a negated, future or
    hypothetical event did not (yet) happen.

    `actor` matches either side: a code prefix ("CHN" finds CHNGOV and CHNMIL), or part of
    the actor's name in the text or of its canonical name. `type_` is a PLOVER type or a
    CAMEO code prefix ("04" finds every CONSULT code). `since`/`until` bound the event date
    (ISO 8601 dates or weeks; "2024-07" as `until` includes all of July).
    """
    clauses: list[str] = []
    params: list[object] = []
    if actor:
        clauses.append(
            "EXISTS (SELECT 1 FROM event_actors ea WHERE ea.article_id = ev.article_id"
            " AND ea.event_id = ev.event_id AND (ea.code LIKE ? ESCAPE '\\'"
            " OR ea.name LIKE ? ESCAPE '\\' OR ea.canonical_id IN"
            " (SELECT canonical_id FROM actors WHERE name LIKE ? ESCAPE '\\')))"
        )
        # The name as typed: "%" and "_" match only themselves.
        typed = like_escape(actor.strip())
        params += [typed.upper() + "%", f"%{typed}%", f"%{typed}%"]
    if type_:
        condition, type_params = type_condition(type_)
        clauses.append(condition)
        params += type_params
    dated, date_params = date_conditions("ev.date", since, until)
    clauses += dated
    params += date_params
    if modalities:
        clauses.append(f"ev.modality IN ({', '.join('?' for _ in modalities)})")
        params += list(modalities)
    return find_events_where(store, " AND ".join(clauses) or "1", params, limit, offset)


def find_events_where(
    store: Store, condition: str, params: list[object], limit: int = 50, offset: int = 0
) -> list[EventHit]:
    """Events (alias `ev`, joined with their article `a`) matching an SQL condition."""
    rows = store.conn.execute(
        "SELECT ev.*, a.published, a.source, a.title, a.url,"
        " substr(a.text, ev.trigger_start + 1, ev.trigger_end - ev.trigger_start) AS trigger_text,"
        " substr(a.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start)"
        " AS sentence_text"
        f" FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {condition}"
        " ORDER BY ev.date DESC, ev.article_id, ev.trigger_start LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    hits = []
    for row in rows:
        event = event_from_row(row)
        event.source, event.target = _sides(store, row["article_id"], event.id)
        hits.append(
            EventHit(
                row["article_id"],
                event,
                row["trigger_text"],
                row["sentence_text"],
                row["published"],
                row["source"],
                row["title"],
                row["url"],
            )
        )
    return hits


def _sides(
    store: Store, article_id: str, event_id: str
) -> tuple[list[EventActor], list[EventActor]]:
    sides: dict[str, list[EventActor]] = {"source": [], "target": []}
    for row in store.conn.execute(
        "SELECT * FROM event_actors WHERE article_id = ? AND event_id = ? ORDER BY side, position",
        (article_id, event_id),
    ):
        span = None if row["start"] is None else (int(row["start"]), int(row["end"]))
        sides[row["side"]].append(EventActor(row["name"], row["entity_id"], row["code"], span))
    return sides["source"], sides["target"]


__all__ = ["MODALITIES", "EventHit", "choose_modalities", "find_events", "find_events_where"]
