"""Anyone can report a problem with a listing; editors work through the reports in a queue.

- models.py: ``ProblemReport``, the reasons and resolutions.
- text.py: the free text made plain, capped and free of contact details.
- forms.py, routes.py: the public form on its own page, and the thank-you page.
The staff queue lives with the other staff pages (tracker/staff/report_queue.py, views/reports.py).
"""
from __future__ import annotations

import os

from flask import Flask

from tracker.problem_reports.models import REASONS, RESOLUTIONS, ProblemReport

__all__ = ["REASONS", "RESOLUTIONS", "ProblemReport", "init_app"]

# Reports one client address may send (stored ones only), in Flask-Limiter's notation.
DEFAULT_LIMIT = "10 per hour; 30 per day"


def init_app(app: Flask) -> None:
    """Register the report pages."""
    from tracker.problem_reports.routes import bp

    app.config.setdefault("RATELIMIT_REPORTS", os.environ.get("RATELIMIT_REPORTS", DEFAULT_LIMIT))
    app.register_blueprint(bp)
