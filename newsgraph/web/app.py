"""The web explorer: an ASGI app (FastAPI) over a newsgraph store, read-only.

    app = create_app("newsgraph.db")   # then: uvicorn, or `newsgraph serve`

JSON API under `/api` (OpenAPI schema at `/openapi.json`, docs-free: the schema is the
documentation), HTML pages everywhere else, our own static files under `/static` and the
npm-installed libraries under `/vendor`. Every response forbids inline scripts (CSP), so a
script that slipped into an article's text could not run even if it reached the page.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.dates import InvalidDate, parse_date
from newsgraph.errors import StoreError
from newsgraph.store.selectors import UnknownActor
from newsgraph.store.sqlite import Store
from newsgraph.web.api import router as api_router
from newsgraph.web.deps import NotFound, Readers
from newsgraph.web.pages import error_page
from newsgraph.web.pages import router as page_router
from newsgraph.web.vendor import check_assets, vendored_file

# The one inline style allowed is the rule cytoscape injects for its container (by hash:
# `.__________cytoscape_container { position: relative; }`); no other inline style or
# script can apply, whatever an article contains.
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
SECURITY_HEADERS = {
    "content-security-policy": (
        f"default-src 'self'; script-src 'self'; style-src 'self' {CYTOSCAPE_STYLE};"
        " img-src 'self' data:;"
        " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
        " frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def create_app(db: str | Path, check_vendor: bool = True) -> FastAPI:
    """The explorer over the store at `db` (which must exist: the app never writes)."""
    path = Path(db)
    if not path.is_file():
        raise StoreError(f"no newsgraph database at {path}: decode some articles first")
    if check_vendor:
        check_assets()
    Store(path, readonly=True).close()  # fail now, not on the first request, if unusable
    app = FastAPI(
        title="newsgraph",
        version="1",
        summary="Who said what, and who did what to whom, in a store of decoded news.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.readers = Readers(str(path))
    _add_error_handlers(app)
    app.include_router(api_router)
    static = files("newsgraph.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_api_route("/vendor/{name}", _vendor, include_in_schema=False)
    app.include_router(page_router)
    app.add_middleware(SecurityHeaders)
    return app


def _vendor(name: str) -> Response:
    found = vendored_file(name)
    if found is None or not found[0].is_file():
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(
        found[0], media_type=found[1], headers={"cache-control": "public, max-age=86400"}
    )


def _add_error_handlers(app: FastAPI) -> None:
    async def not_found(request: Request, exc: Exception) -> Response:
        # The store's message names the database file: not the visitor's business.
        message = (
            "no actor matches that name, id or code" if isinstance(exc, UnknownActor) else str(exc)
        )
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=404)
        return error_page(request, 404, message)

    async def bad_date(request: Request, exc: Exception) -> Response:
        # The parameters check dates; a date reaching a query unchecked is still the
        # request's fault, not the server's.
        message = exc.message if isinstance(exc, InvalidDate) else str(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=422)
        return error_page(request, 422, message)

    app.add_exception_handler(UnknownActor, not_found)
    app.add_exception_handler(NotFound, not_found)
    app.add_exception_handler(InvalidDate, bad_date)

    async def invalid_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = jsonable_encoder(exc.errors())
        return JSONResponse({"detail": [_said_plainly(e) for e in errors]}, 422)

    app.add_exception_handler(RequestValidationError, invalid_request)


def _said_plainly(error: dict[str, Any]) -> dict[str, Any]:
    """A validation error as FastAPI reports it, a date's message saying which forms are
    dates rather than quoting the pattern."""
    loc = error.get("loc") or [""]
    if error.get("type") == "string_pattern_mismatch" and loc[-1] in ("since", "until"):
        try:
            parse_date(str(error.get("input")))
        except InvalidDate as invalid:
            return {**error, "msg": invalid.message}
    return error


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (a plain ASGI middleware: cheap)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = ["SECURITY_HEADERS", "create_app"]
