"""Property-based fuzzing of the JSON API from its own OpenAPI schema (schemathesis): for
any request the schema allows, and for requests it does not, the API answers as documented
(never a server error, the documented status codes and content types)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from test_web_api import build_web_store

from newsgraph.web import create_app

schemathesis = pytest.importorskip("schemathesis")

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
