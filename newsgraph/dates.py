"""ISO 8601 dates as ranges of days: the one parser behind `--since`/`--until` (CLI), the
API's and pages' `since`/`until`, and the SQL that compares stored dates with them.

A date is a year ("2024"), a month ("2024-06"), a day ("2024-06-03") or an ISO week
("2024-W21", "2024-W21-3" for one of its days), and stands for the days [start, end).
Stored dates (articles' `published`, events' `date`) have the same forms, a day possibly
followed by a time. Comparisons are on ranges, never on text: "2024-W21" (May 20-26) sorts
after "2024-12" as a string, but it is not in `--since 2024-06`.

A stored date is within [since, until] when its range starts there: on or after the
start of `since` and before the end of `until` ("2024-07" as `until` includes all of July,
a stored "2024" is on or after `since 2024` but not `since 2024-06`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.errors import NewsgraphError

# The forms, for schemas and forms; `parse_date` also checks that the date exists.
_MONTH_DAY = r"-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?"
_WEEK_DAY = r"-[Ww](0[1-9]|[1-4][0-9]|5[0-3])(-[1-7])?"
DATE_PATTERN = rf"^[0-9]{{4}}({_MONTH_DAY}|{_WEEK_DAY})?$"
DATE_FORMS = "2024, 2024-06, 2024-06-03 or 2024-W21"
# A range's end must be a date too: the last year that has one.
_LAST_YEAR = 9998
_FORM = re.compile(DATE_PATTERN)
# A stored ISO week ("2024-W21"): weeks sort after every month of their year as text.
_WEEK_GLOB = "[0-9][0-9][0-9][0-9]-W*"


class InvalidDate(NewsgraphError, ValueError):
    """Not an ISO 8601 year, month, day or week, or one that does not exist."""

    code = "date"


@dataclass(frozen=True)
class DateRange:
    """The days [start, end) that `text` (its canonical form) stands for."""

    text: str
    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day < self.end


def parse_date(value: str) -> DateRange:
    """The range of an ISO 8601 year, month, day or week; InvalidDate (saying which forms
    are dates) for anything else, including days and weeks that do not exist."""
    text = value.strip()
    if not _FORM.match(text):
        raise InvalidDate(f"{value!r} is not a date such as {DATE_FORMS}")
    year = int(text[:4])
    if not 1 <= year <= _LAST_YEAR:
        raise InvalidDate(f"{value!r}: the year must be between 0001 and {_LAST_YEAR}")
    try:
        if text[5:6] in ("W", "w"):
            return _week(year, text)
        return _calendar(year, text)
    except ValueError as error:  # a day the month has not, a week the year has not
        raise InvalidDate(f"{value!r} is not a date: {error}") from None


def _calendar(year: int, text: str) -> DateRange:
    if len(text) == 4:
        return DateRange(text, date(year, 1, 1), date(year + 1, 1, 1))
    month = int(text[5:7])
    if len(text) == 7:
        end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return DateRange(text, date(year, month, 1), end)
    day = date(year, month, int(text[8:10]))
    return DateRange(text, day, day + timedelta(days=1))


def _week(year: int, text: str) -> DateRange:
    week = int(text[6:8])
    if len(text) == 8:
        monday = date.fromisocalendar(year, week, 1)
        return DateRange(f"{year:04d}-W{week:02d}", monday, monday + timedelta(days=7))
    day = date.fromisocalendar(year, week, int(text[9]))
    return DateRange(day.isoformat(), day, day + timedelta(days=1))


def check_date(value: str | None) -> str | None:
    """`value` in its canonical form (None stays None); InvalidDate when it is no date."""
    return None if value is None else parse_date(value).text


# -- SQL -----------------------------------------------------------------------------------


def date_conditions(
    column: str, since: str | None, until: str | None
) -> tuple[list[str], list[object]]:
    """SQL conditions (to be joined with AND) that keep the rows of `column` whose date
    starts within [since, until], and their parameters. InvalidDate for a bound that is
    not a date.

    Each bound is one range on the column (the date indexes serve it) and a CASE that
    tells weeks from the rest: among the other forms, a date's text starts on or after a
    day exactly when the text is at least that day's shortest form ("2024-06" for June 1st,
    "2024" for January 1st)."""
    conditions: list[str] = []
    params: list[object] = []
    week = f"{column} GLOB '{_WEEK_GLOB}'"
    if since:
        first = parse_date(since).start
        other, weekly = _shortest(first), _week_from(first)
        conditions.append(
            f"{column} >= ? AND CASE WHEN {week} THEN {column} >= ? ELSE {column} >= ? END"
        )
        params += [min(other, weekly), weekly, other]
    if until:
        end = parse_date(until).end
        other, weekly = _shortest(end), _week_from(end)
        conditions.append(
            f"{column} < ? AND CASE WHEN {week} THEN {column} < ? ELSE {column} < ? END"
        )
        params += [max(other, weekly), weekly, other]
    return conditions, params


def date_bounds(column: str, since: str | None, until: str | None) -> tuple[str, list[object]]:
    """The same as an SQL fragment to append to a WHERE clause: "" or " AND ..."."""
    conditions, params = date_conditions(column, since, until)
    return "".join(f" AND {c}" for c in conditions), params


def start_sql(column: str) -> str:
    """SQL for the text of `column`'s date as periods group it: a week becomes its Monday
    ("2024-W21" → "2024-05-20"), any other form stays as it is."""
    monday = (
        f"date(substr({column}, 1, 4) || '-01-04', 'weekday 0', '-6 days',"
        f" '+' || (7 * (CAST(substr({column}, 7, 2) AS INTEGER) - 1)) || ' days')"
    )
    return f"CASE WHEN {column} GLOB '{_WEEK_GLOB}' THEN {monday} ELSE {column} END"


def _shortest(day: date) -> str:
    """The shortest text of a year, month or day that starts on `day`."""
    if day.month == 1 and day.day == 1:
        return f"{day.year:04d}"
    if day.day == 1:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _week_from(day: date) -> str:
    """The first ISO week that starts on or after `day` (as text, weeks sort in time)."""
    monday = day + timedelta(days=-day.weekday() % 7)
    year, week, _ = monday.isocalendar()
    return f"{year:04d}-W{week:02d}"


__all__ = [
    "DATE_FORMS",
    "DATE_PATTERN",
    "DateRange",
    "InvalidDate",
    "check_date",
    "date_bounds",
    "date_conditions",
    "parse_date",
    "start_sql",
]
