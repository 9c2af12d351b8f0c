"""HTML pages about actors: search, profile, two actors over time, the network, the map
and the event listing."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsgraph.store.event_queries import MODALITIES, choose_modalities
from newsgraph.web import api
from newsgraph.web.forms import page_links, query_string, read_form
from newsgraph.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request) -> HTMLResponse:
    form = read_form(request, "q", "type", "country")
    country = form.get("country")
    if country is not None and not (len(country) == 3 and country.isalpha()):
        form.notes.append(f"country: {country!r} is not a three-letter code")
        country = None
    data = api.actors(request, form.get("q"), form.get("type"), country, 50, form.offset)
    return render(request, "actors.html", form=form, data=data, links=page_links(request, data))


@router.get("/actors/{actor_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: str) -> HTMLResponse:
    form = read_form(request, "since", "until")
    data = api.actor(request, actor_id, form.get("since"), form.get("until"), 10)
    # The chart's data comes from /api/timeline once the page is shown: two requests of
    # half the work each, rather than one that waits for both.
    window = {k: v for k, v in data["window"].items() if k != "default" and v}
    chart_url = f"/api/timeline?{urlencode({'actor': actor_id, **window})}"
    return render(
        request, "actor.html", form=form, data=data, chart_url=chart_url, actor_id=actor_id
    )


@router.get("/relations", response_class=HTMLResponse)
def relations_page(request: Request) -> HTMLResponse:
    form = read_form(request, "a", "b", "since", "until", "by")
    by = form.get("by") if form.get("by") in ("year", "month", "day") else "month"
    data: dict[str, Any] | None = None
    a, b = form.get("a"), form.get("b")
    if a and b:
        data = api.relations(request, a, b, form.get("since"), form.get("until"), by, 50)  # type: ignore[arg-type]
    return render(request, "relations.html", form=form, data=data, by=by)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    form = read_form(request, "since", "until", "type", "actor")
    return render(request, "network.html", form=form, api_query=query_string(form))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    form = read_form(request, "since", "until", "type")
    return render(request, "map.html", form=form, api_query=query_string(form))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    form = read_form(request, "actor", "type", "since", "until", "place", "modality", codes=True)
    modality = form.get("modality")
    chosen = None
    if modality is not None:
        try:
            chosen = list(choose_modalities([modality]))
        except ValueError as error:
            form.notes.append(f"modality: {error}")
    data = api.events(
        request, form.get("actor"), form.get("type"), form.get("since"), form.get("until"),
        chosen, form.get("place"), 50, form.offset,  # type: ignore[arg-type]
    )  # fmt: skip
    return render(
        request, "events.html", form=form, data=data, links=page_links(request, data),
        modalities=(*MODALITIES, "all"),
    )  # fmt: skip


__all__ = ["router"]
