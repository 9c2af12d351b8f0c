"""The JSON API: thin glue from query parameters to the store's query functions.

Listings are pages (`items`, `limit`, `offset`, `next_offset`); dates are ISO 8601
years, months, days or weeks (newsgraph.dates); an actor is a canonical id, a code prefix
or a name (404 when nothing matches).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from newsgraph.output import article_to_dict
from newsgraph.store.event_queries import choose_modalities, find_events
from newsgraph.store.profiles import actor_profile, relations_between, timeline
from newsgraph.store.quote_queries import find_quotes
from newsgraph.store.search import search_articles
from newsgraph.stories import list_stories, story
from newsgraph.web import network_queries, queries, schemas, search_queries, serialize
from newsgraph.web.deps import NotFound, store_of
from newsgraph.web.params import (
    TEXT_PATTERN,
    Actor,
    EventCode,
    EventType,
    Limit,
    Offset,
    Period,
    Since,
    Source,
    Until,
    Words,
)

router = APIRouter(
    prefix="/api",
    responses={404: {"description": "No such article, story or actor."}},
)
JSON = dict[str, Any]
# As the CLI's --modality: one of them, or all (repeat the parameter for several).
Modality = Literal["all", "asserted", "negated", "future", "hypothetical"]
Attribution = Annotated[
    Literal["speech", "belief", "intention", "knowledge", "perception"] | None,
    Query(description="What the cue reports: speech (said), belief, intention, knowledge."),
]
ActorName = Annotated[
    str, Query(min_length=1, max_length=200, pattern=TEXT_PATTERN, description="An actor.")
]


@router.get("/summary", tags=["record"], response_model=schemas.Summary)
def summary(request: Request) -> JSON:
    """Counts of the record (stories: those told by at least two articles), the most active
    actors of the latest month, the latest stories and articles."""
    store = store_of(request)
    return {
        "counts": queries.record_counts(store),
        "recent_actors": [serialize.actor_brief(a) for a in queries.recent_actors(store)],
        "recent_days": queries.RECENT_DAYS,
        "latest_stories": [
            s.__dict__
            for s in list_stories(store, limit=8, min_articles=queries.STORY_MIN_ARTICLES)
        ],
        "latest_articles": [
            serialize.article_brief(a) for a in queries.list_articles(store, limit=10)
        ],
    }


@router.get("/articles", tags=["articles"], response_model=schemas.Page[schemas.ArticleBrief])
def articles(
    request: Request,
    since: Since = None,
    until: Until = None,
    source: Source = None,
    actor: Actor = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSON:
    """Articles, latest first: by publication date, outlet and actor mentioned."""
    found = queries.list_articles(store_of(request), since, until, source, actor, limit + 1, offset)
    return serialize.page([serialize.article_brief(a) for a in found], limit, offset)


@router.get("/articles/{article_id:path}", tags=["articles"])
def article(request: Request, article_id: Annotated[str, Path(min_length=1)]) -> JSON:
    """One article with its text, entities (actors), quotes, events and damage; every
    span is [start, end] in Python string indices into `text`."""
    found = store_of(request).load_article(article_id)
    if found is None:
        raise NotFound(f"no article {article_id!r}")
    return article_to_dict(found)


@router.get("/actors", tags=["actors"], response_model=schemas.Page[schemas.ActorBrief])
def actors(
    request: Request,
    q: Words = None,
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,20}$")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSON:
    """Actors whose name contains `q`, most reported first; without `q`, every actor (of
    the `type` and `country` asked for) by name."""
    found = queries.search_actors(store_of(request), q, type, country, limit + 1, offset)
    return serialize.page([serialize.actor_brief(a) for a in found], limit, offset)


@router.get("/actors/{actor_id:path}", tags=["actors"])
def actor(
    request: Request,
    actor_id: Annotated[str, Path(min_length=1, max_length=200)],
    since: Since = None,
    until: Until = None,
    top: Annotated[int, Query(ge=1, le=50)] = 10,
) -> JSON:
    """An actor's profile: roles over time, events as source and target, quotes, and the
    strongest relations. `actor_id` may also be a code prefix or a name; a group of actors
    (a country, a code prefix) asked without dates is profiled over its latest year
    (`window` says which dates were used)."""
    store = store_of(request)
    since, until, default = queries.group_window(store, actor_id, since, until)
    profile = serialize.profile(actor_profile(store, actor_id, since, until, top))
    return {**profile, "window": {"since": since, "until": until, "default": default}}


@router.get("/timeline", tags=["actors"], response_model=schemas.Timeline)
def actor_timeline(
    request: Request,
    actor: Actor = None,
    type: EventType = None,
    since: Since = None,
    until: Until = None,
    by: Period = "month",
) -> JSON:
    """Asserted events per period (of one actor, either side), cooperation against
    conflict (CAMEO quad classes 1-2 against 3-4). Without dates, a group of actors (a
    country, a code prefix) or the whole record covers its latest year (`window`)."""
    store = store_of(request)
    since, until, default = queries.group_window(store, actor, since, until)
    periods = timeline(store, actor, type, since, until, by)
    return {
        "periods": [serialize.period(p) for p in periods],
        "window": {"since": since, "until": until, "default": default},
    }


@router.get("/relations", tags=["actors"])
def relations(
    request: Request,
    a: ActorName,
    b: ActorName,
    since: Since = None,
    until: Until = None,
    by: Period = "month",
    limit: Limit = 50,
) -> JSON:
    """Two actors over time: events from a to b and from b to a per period, and the
    latest events between them."""
    return serialize.dyad(relations_between(store_of(request), a, b, since, until, by, limit))


@router.get("/quotes", tags=["records"], response_model=schemas.Page[schemas.Record])
def quotes(
    request: Request,
    speaker: Actor = None,
    q: Words = None,
    since: Since = None,
    until: Until = None,
    attribution: Attribution = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSON:
    """Quotes, newest articles first: by speaker (an actor: name, canonical id or code
    prefix; else a speaker name exactly), words, date and attribution (what the cue
    reports: speech, belief, intention, knowledge, perception). With words and no speaker:
    the latest stored quotes first."""
    store = store_of(request)
    page = (limit + 1, offset, attribution)
    if speaker:
        found = search_queries.speaker_quotes(store, speaker, since, until, q, *page)
    elif q:  # in the index's order: no sort of every match
        found = search_queries.latest_quotes_matching(store, q, since, until, *page)
    else:
        found = find_quotes(store, None, since, until, q, *page)
    return serialize.page([serialize.quote_hit(h) for h in found], limit, offset)


@router.get("/events", tags=["records"], response_model=schemas.Page[schemas.Record])
def events(
    request: Request,
    actor: Actor = None,
    type: EventCode = None,
    since: Since = None,
    until: Until = None,
    modality: Annotated[list[Modality] | None, Query()] = None,
    place: Annotated[str | None, Query(max_length=200, pattern=TEXT_PATTERN)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> JSON:
    """Events, latest first: by actor (either side; a name, canonical id or code prefix),
    PLOVER type or CAMEO code prefix, date and modality (asserted only by default); or the
    asserted events at a `place`."""
    store = store_of(request)
    chosen = choose_modalities(modality or ["asserted"])
    if place:
        found = queries.events_at(store, place, None, limit + 1, offset)
    elif actor:
        found = queries.actor_events(store, actor, type, since, until, chosen, limit + 1, offset)
    else:
        found = find_events(store, None, type, since, until, chosen, limit + 1, offset)
    return serialize.page([serialize.event_hit(h) for h in found], limit, offset)


@router.get("/stories", tags=["stories"], response_model=schemas.Page[schemas.StorySummary])
def stories(
    request: Request,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
    min_articles: Annotated[
        int, Query(ge=1, le=1000, description="Only stories told by this many articles or more.")
    ] = queries.STORY_MIN_ARTICLES,
) -> JSON:
    """Stories (articles from any outlet about one development), latest first: by default
    those told by at least two articles, as the summary counts them (`min_articles=1` adds
    the articles no other article tells)."""
    found = list_stories(store_of(request), since, until, limit + 1, offset, min_articles)
    return serialize.page([s.__dict__ for s in found], limit, offset)


@router.get("/stories/{story_id}", tags=["stories"])
def one_story(request: Request, story_id: Annotated[str, Path(max_length=100)]) -> JSON:
    """A story: its articles (earliest first) and the merged events they report."""
    found = story(store_of(request), story_id)
    if found is None:
        raise NotFound(f"no story {story_id!r}")
    record = found.to_dict()
    record["articles"] = [a.__dict__ for a in found.articles]
    return record


@router.get("/search", tags=["search"], response_model=schemas.SearchResults)
def search(
    request: Request,
    q: Annotated[
        str,
        Query(min_length=1, max_length=500, pattern=TEXT_PATTERN, description="Words to find."),
    ],
    since: Since = None,
    until: Until = None,
    source: Source = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSON:
    """Full-text search: articles (best match first, among the latest 5,000 matches;
    matches between « and » in the snippet), quotes (latest stored first) and actors by
    name."""
    store = store_of(request)
    found = search_articles(store, q, since, until, source, limit + 1, offset)
    said = search_queries.latest_quotes_matching(store, q, since, until, limit + 1, offset)
    return {
        "articles": serialize.page([serialize.article_hit(h) for h in found], limit, offset),
        "quotes": serialize.page([serialize.quote_hit(h) for h in said], limit, offset),
        "actors": [serialize.actor_brief(a) for a in queries.search_actors(store, q, limit=10)],
    }


@router.get("/network", tags=["network"], response_model=schemas.Network)
def network(
    request: Request,
    since: Since = None,
    until: Until = None,
    type: EventType = None,
    actor: Actor = None,
    edges: Annotated[int, Query(ge=1, le=500, description="Strongest edges kept.")] = 150,
) -> JSON:
    """Actors as nodes, directed edges weighted by asserted events (with cooperation and
    conflict counts), from the latest events in the filters."""
    built = network_queries.network(store_of(request), since, until, type, actor, edges)
    return {**serialize.network(built), "max_events": network_queries.MAX_EVENTS_DRAWN}


@router.get("/map", tags=["network"], response_model=schemas.Places)
def event_map(
    request: Request,
    since: Since = None,
    until: Until = None,
    type: EventType = None,
) -> JSON:
    """Geocoded places with their asserted events, most eventful first."""
    found = network_queries.places(store_of(request), since, until, type)
    return {"places": [serialize.place(p) for p in found]}


__all__ = ["router"]
