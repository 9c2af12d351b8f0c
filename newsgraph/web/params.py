"""Query parameters shared by the API and the pages, with their validation and help text
(the OpenAPI schema documents them from here)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from pydantic import AfterValidator

from newsgraph.dates import DATE_FORMS, DATE_PATTERN, check_date

# Free text: anything but NUL, which SQLite's full-text query parser reads as the end of
# the query ("unterminated string").
TEXT_PATTERN = r"^[^\x00]*$"
# Deep offsets make SQLite walk every skipped row; past this, narrow the filters instead.
MAX_OFFSET = 10_000

# The schema names the dates' format (for clients and the fuzzing test's generator) and
# their forms; a day or week that does not exist (2024-02-30, 2023-W53) is a 422 too.
DATE_FORMAT = "iso8601-date-range"
Since = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description=f"From this date on: {DATE_FORMS}.",
        json_schema_extra={"format": DATE_FORMAT},
    ),
    AfterValidator(check_date),
]
Until = Annotated[
    str | None,
    Query(
        pattern=DATE_PATTERN,
        description=f"Up to this date, included whole: {DATE_FORMS} (2024-07 is all of July).",
        json_schema_extra={"format": DATE_FORMAT},
    ),
    AfterValidator(check_date),
]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Actor = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=TEXT_PATTERN,
        description="An actor: canonical id, code prefix (CHN, KAZGOV) or part of a name.",
    ),
]
EventType = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z_]{1,40}$",
        description="A PLOVER event type (CONSULT, AGREE, ACCUSE ...).",
    ),
]
# As the CLI's `events --type`: a PLOVER type or a CAMEO code prefix.
EVENT_CODE_PATTERN = r"^([A-Za-z_]{1,40}|[0-9]{1,4})$"
EventCode = Annotated[
    str | None,
    Query(
        pattern=EVENT_CODE_PATTERN,
        description="A PLOVER event type (CONSULT, AGREE ...) or a CAMEO code prefix (04).",
    ),
]
Source = Annotated[
    str | None,
    Query(max_length=200, pattern=TEXT_PATTERN, description="An outlet (case-insensitive)."),
]
Words = Annotated[
    str | None,
    Query(
        max_length=500,
        pattern=TEXT_PATTERN,
        description='Words that must all occur; "quoted phrases" too.',
    ),
]
Period = Annotated[
    Literal["year", "month", "day"], Query(description="The width of a timeline period.")
]


def blank_to_none(value: str | None) -> str | None:
    """An empty form field means no filter."""
    return value.strip() or None if value is not None else None


__all__ = [
    "DATE_FORMAT",
    "DATE_PATTERN",
    "EVENT_CODE_PATTERN",
    "MAX_OFFSET",
    "TEXT_PATTERN",
    "Actor",
    "EventCode",
    "EventType",
    "Limit",
    "Offset",
    "Period",
    "Since",
    "Source",
    "Until",
    "Words",
    "blank_to_none",
]
