"""The public annual report: EmpowerED's figures on the tracker, with charts and open data.

period.py reads the period asked for, tables.py holds a chart's table, CSV and drawing,
sections.py builds each chart from the daily snapshots, build.py gathers a whole report,
export.py writes the period's listings as open data, routes.py serves it all.
"""
from __future__ import annotations

from flask import Flask

from tracker.reports.build import Report, build_report
from tracker.reports.period import Period, parse_period

__all__ = ["Period", "Report", "build_report", "init_app", "parse_period"]


def init_app(app: Flask) -> None:
    """Serve /reports and its downloads."""
    from tracker.reports.routes import bp

    app.register_blueprint(bp)
