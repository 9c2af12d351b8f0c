"""The Jinja environment of the pages: autoescaping everywhere, and the filters that make
untrusted values safe in the places autoescaping does not cover (URLs, embedded JSON)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsgraph.web.deps import store_of
from newsgraph.web.titles import DisplayTitles

# The only schemes an article's URL may link with: a `javascript:` or `data:` URL stays text.
SAFE_SCHEMES = ("http", "https")

NAV = (
    ("/", "Dashboard"),
    ("/search", "Search"),
    ("/articles", "Articles"),
    ("/actors", "Actors"),
    ("/events", "Events"),
    ("/stories", "Stories"),
    ("/network", "Network"),
    ("/map", "Map"),
    ("/relations", "Two actors"),
)


def path_part(value: object) -> str:
    """A value as one URL path segment or query value (every reserved character encoded:
    article ids are often URLs themselves)."""
    return quote(str(value), safe="")


def safe_url(value: object) -> str | None:
    """`value` when it is an http(s) URL, else None (the template then shows no link)."""
    text = str(value or "").strip()
    if not text or re.search(r"[\x00-\x20]", text):
        return None
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    return text if scheme in SAFE_SCHEMES else None


def json_script(value: Any) -> Markup:
    """JSON to put inside <script type="application/json">: the characters that could end
    the element or start a comment are escaped, so no string in it can break out."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # escaped above: it is data, not markup


def snippet(value: str) -> Markup:
    """A search snippet with its « » match marks as <mark>, everything else escaped."""
    escaped = str(Markup.escape(value))
    return Markup(escaped.replace("«", "<mark>").replace("»", "</mark>"))


def counted(value: int, noun: str) -> str:
    """ "1 article", "2 articles"."""
    return f"{value:,} {noun}{'' if value == 1 else 's'}"


def signed(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}"


@cache
def event_types() -> tuple[str, ...]:
    """The PLOVER event types of the packaged CAMEO table (suggestions for type fields)."""
    text = (files("newsgraph") / "data" / "events" / "cameo.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    column = rows[0].index("plover_type")
    return tuple(sorted({row[column] for row in rows[1:] if len(row) > column and row[column]}))


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsgraph.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        path_part=path_part, safe_url=safe_url, json_script=json_script, snippet=snippet,
        signed=signed, counted=counted,
    )  # fmt: skip
    env.globals["nav"] = NAV
    env.globals["event_types"] = event_types()
    return env


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from `template` with `context`, the request (for the current path) and
    `titles`, the titles to show for articles and stories (derived where none was given)."""
    titles = DisplayTitles(lambda: store_of(request))
    html = environment().get_template(template).render(request=request, titles=titles, **context)
    return HTMLResponse(html, status_code=status_code)


__all__ = ["NAV", "environment", "json_script", "path_part", "render", "safe_url", "snippet"]
