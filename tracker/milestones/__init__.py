"""Cradle-to-career milestones: a family dashboard beside the tracker.

content.py reads the words (English and Spanish), indicators.py checks the figures file,
store.py keeps the figures, trends.py judges them, live.py counts the tracker,
cards.py words one milestone's card and charts, dashboard.py assembles the pages,
views.py and cli.py face people.
"""
from __future__ import annotations

import os

from flask import Flask

from tracker.milestones.content import DEFAULT_PATH, load_content


def init_app(app: Flask) -> None:
    """Read the milestone content (failing fast if it is broken), add the pages and the command."""
    from tracker.milestones import cli, views

    path = app.config.get("MILESTONES_CONTENT") or os.environ.get("MILESTONES_CONTENT") or DEFAULT_PATH
    app.extensions["milestones"] = load_content(path)
    app.cli.add_command(cli.milestones_cli)
    app.register_blueprint(views.bp)
