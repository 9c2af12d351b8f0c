"""The one date module: ISO 8601 years, months, days and weeks as ranges of days, and the
SQL that compares stored dates with them on ranges, never as text."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.dates import DateRange, InvalidDate, date_conditions, parse_date, start_sql

DAYS = st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31))


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def forms_of(day: date) -> list[str]:
    """Every form of a date that holds `day`, narrowest first."""
    return [day.isoformat(), week_of(day), day.isoformat()[:7], day.isoformat()[:4]]


@st.composite
def stored_dates(draw: st.DrawFn) -> str:
    """A date as the store holds one: a year, month, day, week or a day with a time."""
    day = draw(st.dates(min_value=date(2022, 11, 1), max_value=date(2025, 2, 28)))
    form = draw(st.sampled_from(["day", "week", "month", "year", "time"]))
    if form == "time":
        return f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:30:00+02:00"
    return dict(zip(["day", "week", "month", "year"], forms_of(day), strict=True))[form]


@given(DAYS)
def test_every_form_of_a_date_is_a_range_that_holds_the_day(day: date) -> None:
    ranges = [parse_date(text) for text in forms_of(day)]
    assert all(day in found for found in ranges)
    narrowest = ranges[0]
    assert (narrowest.start, narrowest.end) == (day, day + timedelta(days=1))
    # A day lies in its week and month, the month in its year.
    assert ranges[3].start <= ranges[2].start and ranges[2].end <= ranges[3].end


@given(DAYS)
def test_a_week_is_seven_days_from_its_monday(day: date) -> None:
    week = parse_date(week_of(day))
    assert week.start.weekday() == 0 and week.end - week.start == timedelta(days=7)
    weekday = parse_date(f"{week_of(day)}-{day.isoweekday()}")
    assert weekday == DateRange(day.isoformat(), day, day + timedelta(days=1))


@given(DAYS, st.sampled_from([0, 1, 2, 3]))
def test_the_canonical_text_parses_to_the_same_range(day: date, form: int) -> None:
    text = forms_of(day)[form]
    found = parse_date(f"  {text.lower()} ")
    assert found.text == text and parse_date(found.text) == found


@given(st.text(max_size=20))
@settings(max_examples=300)
def test_any_text_is_a_date_or_an_invalid_date(text: str) -> None:
    try:
        found = parse_date(text)
    except InvalidDate as error:
        assert repr(text.strip()) in error.message or repr(text) in error.message
    else:
        assert found.start < found.end


@pytest.mark.parametrize(
    "text", ["garbage", "2024-13-45", "2024-02-30", "2023-02-29", "2023-W53", "2024-W00",
             "24-06", "2024-6", "2024/06/03", "", "2024-W21-8", "0000", "9999"],
)  # fmt: skip
def test_what_is_no_date_is_rejected_with_the_forms_that_are(text: str) -> None:
    with pytest.raises(InvalidDate) as raised:
        parse_date(text)
    assert repr(text) in raised.value.message


def test_weeks_and_leap_days_that_exist_are_dates() -> None:
    assert parse_date("2020-W53").start == date(2020, 12, 28)
    assert parse_date("2025-W01").start == date(2024, 12, 30)  # ISO year 2025
    assert parse_date("2024-02-29").text == "2024-02-29"


def rows_within(stored: list[str], since: str | None, until: str | None) -> set[str]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (d TEXT)")
    conn.execute("CREATE INDEX t_d ON t (d)")
    conn.executemany("INSERT INTO t VALUES (?)", [(d,) for d in stored])
    conditions, params = date_conditions("d", since, until)
    where = " AND ".join(conditions) or "1"
    return {row[0] for row in conn.execute(f"SELECT d FROM t WHERE {where}", params)}


def start_of(stored: str) -> date:
    return parse_date(stored[:10]).start


@given(
    st.lists(stored_dates(), max_size=12),
    st.one_of(st.none(), stored_dates().map(lambda d: d[:10])),
    st.one_of(st.none(), stored_dates().map(lambda d: d[:10])),
)
@settings(max_examples=300)
def test_sql_keeps_the_stored_dates_that_start_within_the_bounds(
    stored: list[str], since: str | None, until: str | None
) -> None:
    expected = {
        d
        for d in stored
        if (since is None or start_of(d) >= parse_date(since).start)
        and (until is None or start_of(d) < parse_date(until).end)
    }
    assert rows_within(stored, since, until) == expected


def test_a_stored_week_is_not_in_a_later_month() -> None:
    # "last week" in an article of late May: May 20-26, 2024.
    stored = ["2024-W21", "2024-W22", "2024-W23", "2024-05", "2024", "2024-06-03T09:00:00Z"]
    assert rows_within(stored, "2024-06", None) == {"2024-W23", "2024-06-03T09:00:00Z"}
    assert rows_within(stored, None, "2024-05") == {"2024-W21", "2024-W22", "2024-05", "2024"}
    assert rows_within(stored, "2024-W21", "2024-W21") == {"2024-W21"}


def test_sql_bounds_reject_what_is_no_date() -> None:
    with pytest.raises(InvalidDate):
        date_conditions("d", "2024-13-45", None)


@given(DAYS, st.sampled_from([0, 1, 2, 3]))
def test_sql_start_of_a_stored_date_is_the_first_day_of_its_range(day: date, form: int) -> None:
    text = forms_of(day)[form]
    [(start,)] = sqlite3.connect(":memory:").execute(f"SELECT {start_sql('?1')}", (text,))
    expected = parse_date(text).start.isoformat()
    assert start == (expected if "W" in text else text)
