"""When a source is polled next: the interval, the backoff after failures, Retry-After."""

from __future__ import annotations

import re

from newsgraph.errors import ConfigError

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])", re.I)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_BACKOFF = 24 * 3600.0


def parse_duration(text: str) -> float:
    """Seconds in "90s", "15m", "1h30m", "2d" (a bare number is seconds)."""
    cleaned = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        seconds = float(cleaned)
    elif cleaned and _PART.sub("", cleaned).strip() == "":
        seconds = sum(float(n) * _UNIT[u.lower()] for n, u in _PART.findall(cleaned))
    else:
        raise ConfigError(f"{text!r} is not a duration such as 90s, 15m, 1h30m or 2d")
    if seconds <= 0:
        raise ConfigError(f"{text!r}: a duration must be longer than zero")
    return seconds


def backoff(every: float, failures: int, retry_after: float | None = None) -> float:
    """Seconds before the next try after `failures` failures in a row: the interval,
    doubled with each further failure, at most a day; never sooner than the server asked."""
    wait = min(every * 2.0 ** max(failures - 1, 0), max(MAX_BACKOFF, every))
    return max(wait, retry_after or 0.0)


__all__ = ["MAX_BACKOFF", "backoff", "parse_duration"]
