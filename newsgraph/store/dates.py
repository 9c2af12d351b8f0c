"""Where the date bounds of the queries used to live: they are in :mod:`newsgraph.dates`
now (ISO years, months, days and weeks as ranges). Kept for modules written against this
name on other branches; new code imports newsgraph.dates."""

from __future__ import annotations

from newsgraph.dates import DATE_PATTERN, date_bounds, date_conditions

__all__ = ["DATE_PATTERN", "date_bounds", "date_conditions"]
