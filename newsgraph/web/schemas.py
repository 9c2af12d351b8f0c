"""Response models of the API: they document the JSON in the OpenAPI schema (and FastAPI
checks every response against them). Records with the public JSON Lines form (an article,
a quote, an event: see :mod:`newsgraph.output`) stay open objects here."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

Item = TypeVar("Item")
Record = dict[str, Any]


class Page(BaseModel, Generic[Item]):
    """A page of a listing; `next_offset` is null on the last page."""

    items: list[Item]
    limit: int
    offset: int
    next_offset: int | None


class ArticleBrief(BaseModel):
    id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None


class ArticleHit(BaseModel):
    article_id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    snippet: str = Field(description="Words around the best match, matches between « and ».")
    rank: float = Field(description="BM25: lower is better.")


class ActorBrief(BaseModel):
    id: str = Field(description="The canonical id: the same real-world actor in every article.")
    name: str
    type: str
    country: str | None
    code: str | None
    articles: int


class StorySummary(BaseModel):
    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    articles: int
    sources: int = Field(description="Distinct outlets.")


class Period(BaseModel):
    period: str
    events: int
    cooperation: int = Field(description="Events of CAMEO quad classes 1-2.")
    conflict: int = Field(description="Events of CAMEO quad classes 3-4.")
    goldstein: float
    articles: int


class Window(BaseModel):
    since: str | None
    until: str | None
    default: bool = Field(description="True when the dates are the default latest year.")


class Timeline(BaseModel):
    periods: list[Period]
    window: Window


class Summary(BaseModel):
    counts: dict[str, int]
    recent_actors: list[ActorBrief]
    recent_days: int
    latest_stories: list[StorySummary]
    latest_articles: list[ArticleBrief]


class SearchResults(BaseModel):
    articles: Page[ArticleHit]
    quotes: Page[Record]
    actors: list[ActorBrief]


class Node(BaseModel):
    id: str = Field(description="The actor's canonical id.")
    name: str
    type: str
    country: str | None
    code: str | None
    events: int = Field(description="Of the events drawn, those the actor takes part in.")


class Edge(BaseModel):
    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    goldstein: float


class Network(BaseModel):
    nodes: list[Node] = Field(
        description="The ends of the edges, then the busiest other actors of the events drawn"
        " (a node without an edge has no relation among those kept)."
    )
    edges: list[Edge]
    events_drawn: int = Field(description="Events the network was drawn from.")
    max_events: int


class Place(BaseModel):
    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    cooperation: int
    conflict: int


class Places(BaseModel):
    places: list[Place]


__all__ = [
    "ActorBrief",
    "ArticleBrief",
    "ArticleHit",
    "Network",
    "Page",
    "Places",
    "Record",
    "SearchResults",
    "StorySummary",
    "Summary",
    "Timeline",
]
