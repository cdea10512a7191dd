"""``flask milestones load FILE.csv``: check an indicator file and, if it is all good, load it."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.milestones import store
from tracker.milestones.indicators import parse_indicator_csv

milestones_cli = AppGroup("milestones", help="The cradle-to-career milestones dashboard's figures.")


@milestones_cli.command("load")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--if-empty", is_flag=True, help="Load only when no figures are stored yet (`make run` uses this).")
def load_command(path: Path, if_empty: bool) -> None:
    """Check every row of an indicator CSV, then replace the stored figures with it in one step.

    A file with any problem is refused whole, with the line and reason for each, and the
    figures already loaded stay as they were.
    """
    if if_empty and (count := store.stored_count()):
        click.echo(f"{count} indicator figures are already loaded; left as they are.")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        click.echo(f"Refused {path}: cannot read it ({exc.strerror}).", err=True)
        sys.exit(1)
    parsed = parse_indicator_csv(data, current_app.extensions["milestones"])
    if not parsed.ok:
        for problem in parsed.problems:
            click.echo(str(problem), err=True)
        kept = store.stored_count()
        noun = "problem" if len(parsed.problems) == 1 else "problems"
        click.echo(f"Refused {path}: {len(parsed.problems)} {noun}; nothing was changed "
                   f"({kept} figures still loaded).", err=True)
        sys.exit(1)
    replaced = store.replace_all(parsed.records)
    indicators = len({(r.milestone, r.indicator) for r in parsed.records})
    milestones = len({r.milestone for r in parsed.records})
    click.echo(f"Loaded {replaced.added} figures for {indicators} indicators of {milestones} milestones "
               f"from {path} (replacing {replaced.removed}).")
