"""Commands of the tracker itself (the ingest commands live in ingest.cli)."""
from __future__ import annotations

import time

import sys

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from tracker import index_sync, locks, search
from tracker.clock import site_today
from tracker.listings import reindex_all

index_cli = AppGroup("index", help="Check the search index against the database.")


@click.command("reindex")
@click.option("--wait", "wait_seconds", type=float, default=0, metavar="SECONDS",
              help="Wait this long for a running ingest to finish.")
@with_appcontext
def reindex_command(wait_seconds: float) -> None:
    """Rebuild the search index from the database and swap it in."""
    started = time.perf_counter()
    try:
        with locks.writer(wait_seconds):
            search.remove_orphans()
            count = reindex_all()
    except locks.Busy as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Indexed {count} open listings in {time.perf_counter() - started:.1f}s.")


@index_cli.command("verify")
def verify_command() -> None:
    """Compare the index with the database; exit 1 when they differ.

    Run it when no ingest is running: one at work is a difference that is about to go.
    """
    difference = index_sync.compare(site_today())
    click.echo(difference.summary())
    if not difference.clean:
        click.echo("Run `flask ingest run` or `flask reindex` to bring the index in step.", err=True)
        sys.exit(1)


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(reindex_command)
    app.cli.add_command(index_cli)
