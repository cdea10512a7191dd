"""``flask snapshots take [--date D]`` and ``flask snapshots backfill [--from D] [--to D]``."""
from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from tracker.snapshots import store

snapshots_cli = AppGroup("snapshots", help="The tracker's daily history of aggregate counts.")


@snapshots_cli.command("take")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="A past day to derive (default: today).")
def take_command(day: object) -> None:
    """Count today's open listings (replacing today's counts), or derive one past day that has none."""
    try:
        taken = store.take(day.date() if day else None)  # type: ignore[attr-defined]
    except store.HistoryError as exc:
        raise click.ClickException(str(exc)) from None
    verb = "Replaced" if taken.replaced else "Took"
    click.echo(f"{verb} the snapshot of {taken.day} ({taken.method}): {taken.counts} counts.")


@snapshots_cli.command("backfill")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (default: the first listing seen).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (default and latest: yesterday).")
def backfill_command(start: object, end: object) -> None:
    """Derive the days that have no snapshot from listings' first-seen, closed and deadline dates."""
    first = start.date() if start else None  # type: ignore[attr-defined]
    last = end.date() if end else None  # type: ignore[attr-defined]
    if first and last and first > last:
        raise click.ClickException(f"--from {first} is after --to {last}")
    taken = store.backfill(first, last)
    if not taken:
        click.echo("Nothing to backfill: every day in the range already has a snapshot (or there are no listings).")
        return
    click.echo(f"Derived {len(taken)} days, {taken[0].day} to {taken[-1].day}.")
