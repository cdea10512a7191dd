"""Commands of the tracker itself (the ingest commands live in ingest.cli)."""
from __future__ import annotations

import time

import click
from flask import Flask
from flask.cli import with_appcontext

from tracker.listings import reindex_all


@click.command("reindex")
@with_appcontext
def reindex_command() -> None:
    """Rebuild the search index from the database and swap it in."""
    started = time.perf_counter()
    count = reindex_all()
    click.echo(f"Indexed {count} open listings in {time.perf_counter() - started:.1f}s.")


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(reindex_command)
