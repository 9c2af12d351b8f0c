"""Publication dates → ISO 8601 (a date alone stays a date; a time keeps its offset)."""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as date_parser

_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_EARLIEST_YEAR = 1800


def normalize_published(value: str | None) -> str | None:
    """ISO 8601 for a date string in any common format; None when it is not a date."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        # Two different defaults reveal which parts the string left out: "July 2024" must
        # not become the first of July.
        parsed = date_parser.parse(text, default=datetime(1900, 1, 1))
        probe = date_parser.parse(text, default=datetime(1904, 2, 2))
    except (ValueError, OverflowError):
        return None
    if parsed.year != probe.year or parsed.year < _EARLIEST_YEAR:
        return None
    if parsed.month != probe.month:
        return f"{parsed.year:04d}"
    if parsed.day != probe.day:
        return f"{parsed.year:04d}-{parsed.month:02d}"
    if not _HAS_TIME.search(text):
        return parsed.date().isoformat()
    return parsed.isoformat()


__all__ = ["normalize_published"]
