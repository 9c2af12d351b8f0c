"""Property-based fuzzing of the JSON API from its own OpenAPI schema (schemathesis): for
any request the schema allows, and for requests it does not, the API answers as documented
(never a server error, the documented status codes and content types)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from test_query_inputs import build_query_store
from test_web_api import build_web_store, client_of

from newsgraph.web import create_app
from newsgraph.web.params import DATE_FORMAT

schemathesis = pytest.importorskip("schemathesis")


def _date_forms(day: date) -> list[str]:
    year, week, weekday = day.isocalendar()
    return [day.isoformat()[:n] for n in (4, 7, 10)] + [
        f"{year:04d}-W{week:02d}",
        f"{year:04d}-W{week:02d}-{weekday}",
    ]


# The dates the schema's format stands for: a year, month, day or week that exists (its
# pattern alone would allow 2023-02-30, which the API refuses).
schemathesis.openapi.format(
    DATE_FORMAT,
    st.dates(date(1900, 1, 1), date(2100, 12, 31)).flatmap(
        lambda day: st.sampled_from(_date_forms(day))
    ),
)

# Examples per API operation and mode (valid and invalid requests).
EXAMPLES = 15

pytestmark = pytest.mark.filterwarnings(
    # schemathesis drives the app through starlette's test client, which announces a future
    # switch of HTTP library.
    "ignore::starlette.exceptions.StarletteDeprecationWarning"
)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db: Path = build_web_store(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def test_api_fuzz_answers_as_its_schema_says(api_schema: Any) -> None:
    # Each operation gets its own Hypothesis run (schemathesis' pytest plugin does not
    # support this pytest version), positive and negative examples alike.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    modes = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
    for operation, mode in itertools.product(operations, modes):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_documented(case: Any) -> None:
            case.call_and_validate()

        try:
            answers_as_documented()
        except Unsatisfiable:
            # No parameter to make invalid (e.g. /api/summary): nothing to try.
            assert mode is schemathesis.GenerationMode.NEGATIVE, operation.label
        except Exception as exc:
            raise AssertionError(f"{operation.label} ({mode.value}): {exc}") from exc


# Requests that once gave a wrong answer (issue 13): each with the status it must get, and
# what the answer must not be.
HOSTILE = [
    ("/api/actors/%25", 404),
    ("/api/actors/_", 404),
    ("/api/actors/%00", 404),
    ("/api/actors/%25%25", 404),
    ("/api/actors/Nobody", 404),
    ("/api/actors?offset=200", 200),
    ("/api/actors?q=Person&offset=220", 200),
    ("/api/events?modality=all", 200),
    ("/api/events?modality=all&modality=negated", 200),
    ("/api/events?modality=maybe", 422),
    ("/api/articles?since=garbage", 422),
    ("/api/articles?since=2024-13-45", 422),
    ("/api/articles?until=2024-02-30", 422),
    ("/api/events?since=2023-W53", 422),
    ("/api/events?since=2024-W21&until=2024-W21", 200),
    ("/api/network?since=2024-W21", 200),
    ("/api/timeline?actor=country:RUS&since=2024", 200),
    ("/api/relations?a=Narnia&b=Mordor", 404),
    ("/api/events?type=04", 200),
    # The pages take the same values (a bad one is ignored with a note, never a 5xx).
    ("/events?modality=all", 200),
    ("/events?type=04&since=2024-W21", 200),
    ("/actors?offset=200", 200),
    ("/actors/%25", 404),
    ("/articles?since=2024-13-45", 200),
]


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with client_of(build_query_store(tmp_path_factory.mktemp("hostile") / "q.db")) as client:
        yield client


@pytest.mark.parametrize(("url", "status"), HOSTILE)
def test_api_answers_hostile_requests_as_documented(
    hostile_client: Any, url: str, status: int
) -> None:
    response = hostile_client.get(url)
    assert response.status_code == status, response.text
    if "/actors/" in url:  # a name that is no actor's is nobody's profile
        assert "Russia" not in response.text
