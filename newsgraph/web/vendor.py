"""Third-party front-end libraries, served from where npm installed them.

The files come from `web/package-lock.json` (`make install` runs `npm ci` in `web/`); nothing
is copied into the package by hand and nothing is fetched from a CDN at run time. Only the
files named in :data:`VENDORED` are served, so a request can never reach any other file.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from newsgraph.errors import ConfigError

# URL name -> path under node_modules, and its media type.
VENDORED: dict[str, tuple[str, str]] = {
    "chart.umd.min.js": ("chart.js/dist/chart.umd.min.js", "text/javascript"),
    "cytoscape.min.js": ("cytoscape/dist/cytoscape.min.js", "text/javascript"),
    # The fCoSE layout and the two libraries it is built on (each a UMD script: loaded in
    # this order, they register window.layoutBase, window.coseBase, window.cytoscapeFcose).
    "layout-base.js": ("layout-base/layout-base.js", "text/javascript"),
    "cose-base.js": ("cose-base/cose-base.js", "text/javascript"),
    "cytoscape-fcose.js": ("cytoscape-fcose/cytoscape-fcose.js", "text/javascript"),
    "d3-array.min.js": ("d3-array/dist/d3-array.min.js", "text/javascript"),
    "d3-geo.min.js": ("d3-geo/dist/d3-geo.min.js", "text/javascript"),
    "topojson-client.min.js": ("topojson-client/dist/topojson-client.min.js", "text/javascript"),
    "countries-110m.json": ("world-atlas/countries-110m.json", "application/json"),
}

# Set to use libraries installed somewhere else (a packaged install has no web/ folder).
ENV_VAR = "NEWSGRAPH_WEB_MODULES"


class MissingAssets(ConfigError):
    code = "web_assets"


def node_modules() -> Path:
    """The node_modules folder: $NEWSGRAPH_WEB_MODULES, else `web/node_modules` of the
    repository this package lives in."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "web" / "node_modules"


@cache
def vendored_file(name: str) -> tuple[Path, str] | None:
    """The file behind `/vendor/<name>` and its media type; None for an unknown name."""
    entry = VENDORED.get(name)
    if entry is None:
        return None
    return node_modules() / entry[0], entry[1]


def check_assets() -> None:
    """Fail early, naming the fix, when the front-end libraries are not installed."""
    missing = [name for name in VENDORED if not (node_modules() / VENDORED[name][0]).is_file()]
    if missing:
        raise MissingAssets(
            f"the web explorer's front-end libraries are not installed under {node_modules()}"
            f" (missing: {', '.join(missing)}): run `make install` (npm ci in web/),"
            f" or set {ENV_VAR} to a node_modules folder that has them"
        )


__all__ = ["ENV_VAR", "VENDORED", "MissingAssets", "check_assets", "node_modules", "vendored_file"]
