"""``flask --app wsgi links check``: check every open listing's apply link, once a day, from cron.

Exit codes (README, "Checking apply links"):
  0  the run finished (failing links are findings, not errors: they are listed here and
     on each source's health page);
  1  listings were closed but the search index was busy: they are hidden from search
     results already, and the next ingest run updates the index;
  2  bad usage (click's own);
  3  another ingest or reindex held the writer lock past --wait: the checks are recorded,
     and the next run closes what is due;
  4  no server answered at all (three hosts or more): this machine's network or DNS looks
     down, so nothing was counted against the links.
"""
from __future__ import annotations

import os
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from ingest.links.run import LooksOffline, Settings, check_links, close_dead_listings
from tracker import clock, locks

EXIT_INDEX_BUSY, EXIT_LOCKED, EXIT_OFFLINE = 1, 3, 4
DEFAULTS = {"LINK_CHECK_TIMEOUT": "10", "LINK_CHECK_PER_HOST": "1", "LINK_CHECK_DELAY": "1",
            "LINK_CHECK_WORKERS": "8", "LINK_CHECK_ALLOW_PRIVATE_HOSTS": "0"}

links_cli = AppGroup("links", help="Check the apply links of open listings.")


def settings(app: Flask) -> Settings:
    config = app.config
    return Settings(timeout=float(config["LINK_CHECK_TIMEOUT"]), per_host=max(1, int(config["LINK_CHECK_PER_HOST"])),
                    delay=max(0.0, float(config["LINK_CHECK_DELAY"])), workers=max(1, int(config["LINK_CHECK_WORKERS"])),
                    public_only=str(config["LINK_CHECK_ALLOW_PRIVATE_HOSTS"]).lower() not in ("1", "true", "yes"))


@links_cli.command("check")
@click.option("--all", "recheck", is_flag=True, help="Check links already checked today too.")
@click.option("--wait", "wait_seconds", type=float, default=60, show_default=True, metavar="SECONDS",
              help="Wait this long for a running ingest or reindex before closing listings.")
@click.option("--quiet", is_flag=True, help="Print only closed listings and problems (for cron mail).")
def check_command(recheck: bool, wait_seconds: float, quiet: bool) -> None:
    """Check each open listing's apply link; close listings whose link failed on three separate days."""
    today = clock.site_today()
    try:
        report = check_links(today, clock.utc_now(), settings(current_app), recheck)
    except LooksOffline as exc:
        click.echo(f"Stopped: {exc}.", err=True)
        sys.exit(EXIT_OFFLINE)
    if not quiet:
        counts = ", ".join(f"{count} {outcome}" for outcome, count in report.outcomes.items())
        click.echo(f"Checked {report.urls} links of {report.listings} listings: {counts}.")
        for listing_id, url, why in report.failing:
            click.echo(f"  failing: listing {listing_id}: {url}: {why}")
    try:
        with locks.writer(wait_seconds):
            closed = close_dead_listings(today, clock.utc_now())
    except locks.Busy as exc:
        click.echo(f"Not closing listings now: {exc}. The next run closes them.", err=True)
        sys.exit(EXIT_LOCKED)
    for listing_id, title, url in closed.closed:
        click.echo(f"Closed listing {listing_id} ({title}): the apply page is gone: {url}")
    for listing_id, title, url in closed.reopened:
        click.echo(f"Reopened listing {listing_id} ({title}): its apply link answers again: {url}")
    if closed.index_error:
        click.echo(f"Search index not updated: {closed.index_error}; the next ingest run catches up.", err=True)
        sys.exit(EXIT_INDEX_BUSY)


def register(app: Flask) -> None:
    """Attach ``flask links`` to ``app``, with its settings read from the environment."""
    for key, default in DEFAULTS.items():
        app.config.setdefault(key, os.environ.get(key, default))
    app.cli.add_command(links_cli)
