"""The district's 30% internship goal: aggregate placement figures per school year.

models.py holds the table, rules.py suppresses groups under 10 (pure), store.py checks,
saves and reads the figures, cli.py faces the shell. The milestones card and the report
read ``indicator_records`` and ``by_year``; nothing here knows about a single student.
"""
from __future__ import annotations

from flask import Flask

from tracker.placements.models import PlacementFigure
from tracker.placements.store import PlacementError, YearFigures, by_year, indicator_records, save

__all__ = ["PlacementError", "PlacementFigure", "YearFigures", "by_year", "indicator_records", "init_app", "save"]


def init_app(app: Flask) -> None:
    """Add the ``placements`` command group."""
    from tracker.placements.cli import placements_cli

    app.cli.add_command(placements_cli)
