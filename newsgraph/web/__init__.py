"""The web explorer and JSON API over a newsgraph store (see :func:`create_app`)."""

from newsgraph.web.app import create_app

__all__ = ["create_app"]
