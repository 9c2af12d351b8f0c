"""Time expressions in a sentence, and their value relative to a publication date.

`find_timexes` finds calendar dates ("3 March 2021", "March 3", "2024-07-03"), months and
years ("in March", "March 2021", "in 2002"), weekdays ("on Wednesday evening", "last
Tuesday"), deictic words ("yesterday", "last night"), relative units ("last month",
"earlier this week", "next year") and counted offsets ("two days ago"). It drops the ones a
preposition makes a span, a deadline or a duration ("since 2014", "by 2030", "for the past
year") and bare years or months with nothing marking them as a time ("the 2008 crisis").
`resolve_timex` turns one into ISO 8601 at the precision the words give.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Month and weekday names must be capitalized: "may" and "march" are also common words.
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|"
    r"Jan|Feb|Aug|Sept|Oct|Nov|Dec)"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART = (
    r"(?:(?P<part>(?i:early|mid|late|earlier|later|the end of|the beginning of|the start of"
    r"|the middle of|the first half of|the second half of))[\s-]+)?"
)
_REL = r"(?P<rel>(?i:last|this|next|past|coming|previous|following))"
_NUMBER = r"(?P<n>\d+|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("date", r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("date", rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:%|percent|million|billion))(?:,?\s+{_YEAR}\b)?"),
        ("date", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?"),
        ("month", rf"\b{_PART}(?:{_REL}\s+)?{_MONTH}\b(?:,?\s+(?:of\s+)?{_YEAR}\b)?"),
        ("year", rf"\b{_PART}{_YEAR}\b(?!s\b|-\d|\s*(?:%|percent))"),
        (
            "weekday",
            rf"\b(?:{_REL}\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
            r"|Sunday)(?:['’]s)?(?:\s+(?P<dpart>morning|afternoon|evening|night))?\b",
        ),
        (
            "deictic",
            r"\b(?P<word>(?i:the day before yesterday|yesterday|today|tonight|tomorrow"
            r"|last night|this morning|this afternoon|this evening|earlier today|later today))\b",
        ),
        ("unit", rf"\b{_PART}{_REL}\s+(?P<unit>(?i:week|weekend|month|year))\b"),
        (
            "season",
            rf"\b{_PART}(?:{_REL}\s+)?(?P<season>(?i:spring|summer|autumn|fall|winter))"
            rf"(?:\s+(?:of\s+)?{_YEAR}\b)?\b",
        ),
        # "ago" counts from the time of writing; "a week earlier" from another event.
        ("ago", rf"\b{_NUMBER}\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"),
        (
            "ahead",
            rf"\b(?i:in)\s+{_NUMBER}\s+(?P<unit>(?i:day|week|month|year))s?(?:['’]\s*time)?\b",
        ),
    )
)

# A preposition before the expression that makes it a span, a deadline or a bound.
_BOUNDS = re.compile(
    r"(?:\b(?:since|until|till|through|from|between|by|within|before|after|"
    r"as of|ahead of|as early as|as late as|no later than|up to|to)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
# What marks a bare month or year as a time ("in 2002", "during March") rather than a
# modifier ("the 2008 crisis", "his 2016 campaign").
_TIME_PREPOSITION = re.compile(r"\b(?:in|during|throughout|on|of|at)\s+$", re.IGNORECASE)
_SEASON_PREPOSITION = re.compile(r"\b(?:in|during|throughout)\s+(?:the\s+)?$", re.IGNORECASE)
# "for the past year", "over the last month": durations, not points in time.
_DURATION = re.compile(r"\b(?:for|over|in|during|throughout)\s+the\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Timex:
    """One time expression: `start`/`end` index the sentence; the other fields are the
    parts the pattern read (None when absent)."""

    kind: str
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: str | None = None
    unit: str | None = None
    count: int | None = None
    word: str | None = None
    part: str | None = None


def find_timexes(sentence: str) -> list[Timex]:
    """The time expressions of a sentence, longest first where they overlap, in order."""
    found: list[Timex] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            timex = _timex(kind, match)
            if timex is not None and _is_point(timex, sentence[: match.start()]):
                found.append(timex)
    chosen: list[Timex] = []
    for timex in sorted(found, key=lambda t: (t.start - t.end, t.start)):
        if all(timex.end <= kept.start or timex.start >= kept.end for kept in chosen):
            chosen.append(timex)
    return sorted(chosen, key=lambda t: t.start)


def _timex(kind: str, match: re.Match[str]) -> Timex | None:
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    month = int(groups["mnum"]) if "mnum" in groups else None
    if "month" in groups:
        month = MONTHS[groups["month"][:3].lower()]
    day = int(groups["day"]) if "day" in groups else None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    count = groups.get("n")
    return Timex(
        kind=kind,
        start=match.start(),
        end=match.end(),
        text=match.group(0),
        year=int(groups["year"]) if "year" in groups else None,
        month=month,
        day=day,
        weekday=WEEKDAYS.index(groups["weekday"].lower()) if "weekday" in groups else None,
        rel=groups["rel"].lower() if "rel" in groups else None,
        unit=groups["unit"].lower() if "unit" in groups else None,
        count=(int(count) if count.isdigit() else NUMBERS[count.lower()]) if count else None,
        word=(groups.get("word") or groups.get("season") or "").lower() or None,
        part=groups["part"].lower() if "part" in groups else None,
    )


def _is_point(timex: Timex, before: str) -> bool:
    """Whether the expression names when something happened, judging by the words before."""
    if _BOUNDS.search(before):
        return False
    if timex.kind == "unit" and timex.rel in ("past", "last") and _DURATION.search(before):
        return False
    bare = timex.rel is None and timex.part is None and timex.day is None
    if timex.kind == "month" and bare and timex.year is None:
        return bool(_TIME_PREPOSITION.search(before))
    if timex.kind == "year" and bare:
        return bool(_TIME_PREPOSITION.search(before))
    if timex.kind == "season" and timex.rel is None and timex.year is None:
        # "in the summer" is a time; "the fall of Kabul" and "Arab Spring" are not.
        return bool(_SEASON_PREPOSITION.search(before))
    return True


# ---------------------------------------------------------------- resolution


def is_absolute(timex: Timex) -> bool:
    """Whether the expression is a date without the publication date: it names its year
    ("3 March 2021", "March 2021", "in 2002", "the summer of 2022")."""
    return timex.year is not None and timex.kind in ("date", "month", "year", "season")


def resolve_timex(timex: Timex, published: datetime.date, future: bool) -> str | None:
    """ISO 8601 value of `timex` read on `published`; `future` says whether the event lies
    ahead (it picks the next Wednesday rather than the last one). None if not a date."""
    try:
        return _resolvers[timex.kind](timex, published, future)
    except (ValueError, OverflowError):
        return None  # "February 30", or arithmetic off the calendar


def _date(timex: Timex, published: datetime.date, future: bool) -> str | None:
    month, day = timex.month or 1, timex.day or 1
    year = timex.year or _infer_year(published, (month, day), future)
    return datetime.date(year, month, day).isoformat()


def _month(timex: Timex, published: datetime.date, future: bool) -> str | None:
    month = timex.month or 1
    if timex.year is not None:
        year = timex.year
    elif timex.rel in ("last", "past", "previous"):
        year = published.year - (1 if month >= published.month else 0)
    elif timex.rel in ("next", "coming", "following"):
        year = published.year + (1 if month <= published.month else 0)
    elif timex.rel == "this":
        year = published.year
    else:
        year = _infer_year(published, (month, 1), future, month_only=True)
    return f"{year:04d}-{month:02d}"


def _infer_year(
    published: datetime.date, month_day: tuple[int, int], future: bool, month_only: bool = False
) -> int:
    """The year of a month (and day) given without one: the latest on or before the
    publication date for past events, the earliest on or after it for future ones."""
    now = (published.month, 1 if month_only else published.day)
    if future:
        return published.year + (1 if month_day < now else 0)
    return published.year - (1 if month_day > now else 0)


def _year(timex: Timex, published: datetime.date, future: bool) -> str | None:
    return f"{timex.year:04d}"


def _weekday(timex: Timex, published: datetime.date, future: bool) -> str | None:
    assert timex.weekday is not None
    # A bare weekday is the publication day itself when they coincide ("will announce
    # Thursday" in Thursday's paper); "last" and "next" Thursday never are.
    back = (published.weekday() - timex.weekday) % 7
    ahead = (timex.weekday - published.weekday()) % 7
    if timex.rel in ("last", "past", "previous"):
        offset = -(back or 7)
    elif timex.rel in ("next", "coming", "following"):
        offset = ahead or 7
    else:
        offset = ahead if future else -back
    return (published + datetime.timedelta(days=offset)).isoformat()


_DEICTIC_DAYS = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1}


def _deictic(timex: Timex, published: datetime.date, future: bool) -> str | None:
    offset = _DEICTIC_DAYS.get(timex.word or "", 0)
    return (published + datetime.timedelta(days=offset)).isoformat()


_STEPS = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}


def _unit(timex: Timex, published: datetime.date, future: bool) -> str | None:
    steps = _STEPS.get(timex.rel or "", 0)
    if timex.unit == "weekend" and steps == 0 and not future and published.weekday() < 5:
        # "this weekend" in a past-tense sentence written on a weekday: the one just gone.
        steps = -1
    return _shift(published, timex.unit or "", steps)


def _ago(timex: Timex, published: datetime.date, future: bool) -> str | None:
    return _shift(published, timex.unit or "", -(timex.count or 0))


def _ahead(timex: Timex, published: datetime.date, future: bool) -> str | None:
    # "in two days" is a time ahead only for a future event; else it is a duration.
    return _shift(published, timex.unit or "", timex.count or 0) if future else None


def _shift(published: datetime.date, unit: str, steps: int) -> str:
    """`published` moved by `steps` units, written at that unit's precision (weeks as ISO
    weeks, "2024-W27")."""
    if unit == "day":
        return (published + datetime.timedelta(days=steps)).isoformat()
    if unit in ("week", "weekend"):
        year, week, _ = (published + datetime.timedelta(weeks=steps)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + steps
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{published.year + steps:04d}"


# The month a season is at its height, to place "last summer" before or after the
# publication date (northern hemisphere, as most of the news we read).
_SEASON_MONTHS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}


def _season(timex: Timex, published: datetime.date, future: bool) -> str | None:
    """A season has year precision: "in the summer of 2022" is "2022"."""
    if timex.year is not None:
        return f"{timex.year:04d}"
    month = _SEASON_MONTHS[timex.word or "summer"]
    step = _STEPS.get(timex.rel or "", 0)
    if step == 0 and timex.rel != "this":
        step = 1 if future else -1  # "in the summer": the next one ahead, or the last one
    if step < 0:
        return f"{published.year - (1 if month >= published.month else 0):04d}"
    if step > 0:
        return f"{published.year + (1 if month <= published.month else 0):04d}"
    return f"{published.year:04d}"


_resolvers = {
    "date": _date,
    "month": _month,
    "year": _year,
    "weekday": _weekday,
    "deictic": _deictic,
    "unit": _unit,
    "season": _season,
    "ago": _ago,
    "ahead": _ahead,
}

__all__ = ["Timex", "find_timexes", "is_absolute", "resolve_timex"]
