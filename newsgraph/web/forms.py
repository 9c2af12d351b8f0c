"""Reading a page's query string leniently: an HTML form sends empty fields and people type
dates by hand, so a bad or empty value means "no filter" (with a note), never an error."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from newsgraph.dates import InvalidDate, check_date
from newsgraph.web.params import EVENT_CODE_PATTERN, MAX_OFFSET

_WORD = re.compile(r"^[A-Za-z_]{1,40}$")
_CODE = re.compile(EVENT_CODE_PATTERN)


@dataclass
class Form:
    """The cleaned query of a page and the notes about what was ignored."""

    values: dict[str, str | None]
    offset: int = 0
    notes: list[str] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return self.values.get(name)


def read_form(request: Request, *names: str, codes: bool = False) -> Form:
    """`names` from the query string: "since"/"until" must be dates (newsgraph.dates), "type"
    a PLOVER type word (or with `codes` a CAMEO code prefix, as the API's events take),
    the rest free text (at most 200 characters)."""
    kind = _CODE if codes else _WORD
    query = request.query_params
    form = Form({})
    for name in names:
        # NUL ends a full-text query early in SQLite: never part of what anyone typed.
        value = (query.get(name) or "").replace("\x00", "").strip()[:200] or None
        if value is not None and name in ("since", "until"):
            value = _date(form, name, value)
        if value is not None and name == "type" and not kind.match(value):
            form.notes.append(f"type: {value!r} is not an event type")
            value = None
        form.values[name] = value
    raw_offset = query.get("offset", "0")
    form.offset = min(int(raw_offset), MAX_OFFSET) if raw_offset.isdigit() else 0
    return form


def _date(form: Form, name: str, value: str) -> str | None:
    """The date as the API takes it, or None with a note (the API's 422, said gently)."""
    try:
        return check_date(value)
    except InvalidDate as error:
        form.notes.append(f"{name}: {error.message}")
        return None


def page_links(request: Request, page: dict[str, Any]) -> dict[str, str | None]:
    """URLs of the previous and next pages of a listing (same query, another offset)."""
    query = {k: v for k, v in request.query_params.items() if k != "offset" and v}

    def at(offset: int) -> str:
        return f"{request.url.path}?{urlencode({**query, 'offset': offset})}"

    previous = page["offset"] - page["limit"] if page["offset"] > 0 else None
    return {
        "previous": None if previous is None else at(max(previous, 0)),
        "next": None if page["next_offset"] is None else at(page["next_offset"]),
    }


def query_string(form: Form) -> str:
    """The form's values as a query string for an API call made by the page's script."""
    return urlencode({k: v for k, v in form.values.items() if v})


__all__ = ["Form", "page_links", "query_string", "read_form"]
