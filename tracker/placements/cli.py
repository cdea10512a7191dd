"""``flask placements set|list``: the 30% goal's figures from the shell (staff also have a form)."""
from __future__ import annotations

from decimal import Decimal

import click
from flask.cli import AppGroup

from tracker.extensions import db
from tracker.placements import rules, store
from tracker.placements.models import year_label

placements_cli = AppGroup("placements", help="Juniors and seniors who completed an internship or work-based learning.")


@placements_cli.command("set")
@click.argument("school_year")
@click.option("--enrolled", type=int, required=True, help="Juniors and seniors enrolled that school year.")
@click.option("--completed", type=int, required=True, help="Of them, how many completed an internship or work-based-learning placement.")
@click.option("--source", required=True, help="Where the figures come from.")
@click.option("--source-url", default=None, help="A web address for the source.")
@click.option("--school", default="", help="One school's figures (leave out for the whole district).")
def set_command(school_year: str, enrolled: int, completed: int, source: str, source_url: str | None, school: str) -> None:
    """Add or replace one school year's aggregate figures, e.g. ``placements set 2024-25 --enrolled 2400 --completed 310 --source "BCS CTE office"``."""
    try:
        saved = store.save(school_year, school, enrolled, completed, source, source_url)
        _audit(saved)
        db.session.commit()
    except store.PlacementError as exc:
        db.session.rollback()
        for field, problem in exc.problems.items():
            click.echo(f"{field}: {problem}", err=True)
        raise click.ClickException("nothing was changed") from None
    figure = saved.figure
    verb = "Replaced" if saved.before else "Added"
    click.echo(f"{verb} {year_label(figure.school_year)} {figure.school or 'district'}: "
               f"{figure.completed} of {figure.juniors_seniors} juniors and seniors.")


@placements_cli.command("list")
def list_command() -> None:
    """Show every school year's figures as the public sees them (groups under 10 suppressed)."""
    for year in store.by_year():
        for row in ((year.district,) if year.district else ()) + year.schools:
            share = f"{row.share}%" if isinstance(row.share, Decimal) else _count(row.share)
            click.echo(f"{year.label}  {row.school or 'district':<30} {_count(row.juniors_seniors):>14} "
                       f"{_count(row.completed):>14}  {share}  (goal {rules.GOAL_PERCENT}%)")


def _count(value: int | Decimal | str) -> str:
    if value == rules.FEWER:
        return f"fewer than {rules.MIN_GROUP}"
    return "not shown" if value == rules.HIDDEN else str(value)


def _audit(saved: store.Saved) -> None:
    """Record the change in the staff audit log, where the staff area is installed."""
    try:
        from tracker.staff import audit  # type: ignore[attr-defined]
    except ImportError:
        return
    after = {name: getattr(saved.figure, name) for name in store.FIELDS}
    audit.record(None, "placements.set", saved.figure, saved.before, after)
