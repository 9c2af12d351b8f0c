"""HTML pages: the dashboard, search, articles, one article, stories. Each page builds the
same dict the API returns (by calling the API's view function) and renders it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsgraph.model import Article, Entity
from newsgraph.stories import article_story
from newsgraph.web import api, queries
from newsgraph.web.annotate import marks_of, segments
from newsgraph.web.deps import NotFound, store_of
from newsgraph.web.forms import page_links, read_form
from newsgraph.web.pages_actors import router as actor_router
from newsgraph.web.render import render

router = APIRouter(include_in_schema=False)
router.include_router(actor_router)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status, status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    return render(request, "dashboard.html", data=api.summary(request))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    form = read_form(request, "q", "since", "until", "source")
    data: dict[str, Any] | None = None
    links: dict[str, Any] = {}
    words = form.get("q")
    if words:
        data = api.search(
            request, words, form.get("since"), form.get("until"), form.get("source"), 20,
            form.offset,
        )  # fmt: skip
        links = page_links(request, data["articles"])
    return render(request, "search.html", form=form, data=data, links=links)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request) -> HTMLResponse:
    form = read_form(request, "since", "until", "source", "actor")
    data = api.articles(
        request, form.get("since"), form.get("until"), form.get("source"), form.get("actor"),
        50, form.offset,
    )  # fmt: skip
    return render(request, "articles.html", form=form, data=data, links=page_links(request, data))


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = store_of(request)
    article = store.load_article(article_id)
    if article is None:
        raise NotFound(f"no article {article_id!r}")
    return render(
        request,
        "article.html",
        article=article,
        segments=segments(article.text, marks_of(article)),
        entities={e.id: e for e in article.entities},
        actor_links=_actor_links(article),
        story_id=_story_of(request, article.id),
    )


def _actor_links(article: Article) -> dict[str, str]:
    """Entity id -> the actor profile key (canonical id, else code)."""
    links = {}
    for entity in article.entities:
        key = _profile_key(entity)
        if key:
            links[entity.id] = key
    return links


def _profile_key(entity: Entity) -> str | None:
    return entity.canonical_id or entity.code


def _story_of(request: Request, article_id: str) -> str | None:
    """The story the article is in, when another article tells it too."""
    store = store_of(request)
    try:
        story_id = article_story(store, article_id)
        told_by = store.conn.execute(
            "SELECT articles FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
    except Exception:  # a store from before the stories layer has no story tables
        return None
    return story_id if told_by and told_by[0] >= queries.STORY_MIN_ARTICLES else None


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    form = read_form(request, "since", "until", "single")
    fewest = 1 if form.get("single") else queries.STORY_MIN_ARTICLES
    data = api.stories(request, form.get("since"), form.get("until"), 50, form.offset, fewest)
    return render(request, "stories.html", form=form, data=data, links=page_links(request, data))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    data = api.one_story(request, story_id)
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in data["articles"]:
        by_outlet[article["source"] or "unknown outlet"].append(article)
    leads = queries.article_leads(store_of(request), [a["id"] for a in data["articles"]])
    columns = sorted(by_outlet.items(), key=lambda item: (-len(item[1]), item[0]))
    return render(request, "story.html", data=data, columns=columns, leads=leads)


__all__ = ["error_page", "router"]
