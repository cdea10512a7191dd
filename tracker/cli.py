"""Commands of the tracker itself (the ingest commands live in ingest.cli)."""
from __future__ import annotations

import time

import click
from flask import Flask
from flask.cli import with_appcontext

from tracker import locks
from tracker.listings import reindex_all


@click.command("reindex")
@click.option("--wait", "wait_seconds", type=float, default=0, metavar="SECONDS",
              help="Wait this long for a running ingest to finish.")
@with_appcontext
def reindex_command(wait_seconds: float) -> None:
    """Rebuild the search index from the database and swap it in."""
    started = time.perf_counter()
    try:
        with locks.exclusive(locks.lock_path(), wait_seconds):
            count = reindex_all()
    except locks.Busy as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Indexed {count} open listings in {time.perf_counter() - started:.1f}s.")


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(reindex_command)
