"""The SOURCES file of `newsgraph watch`: one URL a line, optionally a tab and the outlet's
name; blank lines and lines starting with # are left out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsgraph.errors import ConfigError
from newsgraph.ingest.urls import is_url


@dataclass(frozen=True)
class Listed:
    url: str
    name: str | None = None


def read_sources_file(path: str | Path) -> list[Listed]:
    """The sources listed in `path`, each once; ConfigError naming the line of a bad one."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the sources file {path}: {exc}") from exc
    listed: dict[str, Listed] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        url, _, name = line.strip().partition("\t")
        url = url.strip()
        if not is_url(url) or " " in url:
            raise ConfigError(
                f"{path}, line {number}: {url!r} is not an http(s) URL (one URL a line, "
                "optionally a tab and the outlet's name)"
            )
        listed[url] = Listed(url, name.strip() or None)
    if not listed:
        raise ConfigError(f"{path} lists no source (one URL a line)")
    return list(listed.values())


__all__ = ["Listed", "read_sources_file"]
