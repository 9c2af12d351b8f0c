"""Date bounds on ISO 8601 columns, shared by every query: `until` is an inclusive prefix
("2024-07" includes all of July), `since` a lower bound ("2024-07" starts July 1st)."""

from __future__ import annotations

# An ISO 8601 date prefix, as every query takes it: a year, a month or a day.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def date_conditions(
    column: str, since: str | None, until: str | None
) -> tuple[list[str], list[object]]:
    """SQL conditions (to be joined with AND) and their parameters."""
    conditions: list[str] = []
    params: list[object] = []
    if since:
        conditions.append(f"{column} >= ?")
        params.append(since)
    if until:
        conditions.append(f"substr({column}, 1, length(?)) <= ?")
        params += [until, until]
    return conditions, params


def date_bounds(column: str, since: str | None, until: str | None) -> tuple[str, list[object]]:
    """The same as an SQL fragment to append to a WHERE clause: "" or " AND ..."."""
    conditions, params = date_conditions(column, since, until)
    return "".join(f" AND {c}" for c in conditions), params


__all__ = ["DATE_PATTERN", "date_bounds", "date_conditions"]
