"""`newsgraph serve`: the web explorer and JSON API over a store (see newsgraph.web)."""

from __future__ import annotations

import click

from newsgraph.cli.common import db_option, existing_store, fatal_errors


@click.command("serve")
@db_option("SQLite database to explore.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Only this machine by default; 0.0.0.0 opens it to the network.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve_command(db: str, host: str, port: int) -> None:
    """Serve the web explorer (dashboard, search, articles, actors, network, map, stories)
    and the JSON API (schema at /openapi.json). Read-only: it never changes the record
    (like every command, it first brings an older database's schema up to date)."""
    with existing_store(db):
        pass  # a clear error when there is no database; brings an older schema up to date
    import uvicorn

    from newsgraph.web import create_app

    with fatal_errors():  # e.g. the front-end libraries are not installed
        app = create_app(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: listening on {host}: anyone who can reach it can read the record", err=True
        )
    click.echo(f"newsgraph explorer on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


__all__ = ["serve_command"]
