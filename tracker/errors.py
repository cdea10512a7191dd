"""Error pages that help people on, never a stack trace."""
from __future__ import annotations

from flask import Flask, current_app, render_template
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from tracker.search import IndexOutdated


def render_error(error: HTTPException) -> tuple[str, int]:
    """Render the page for an HTTP error."""
    code = error.code or 500
    template = "errors/404.html" if code == 404 else "errors/error.html"
    return render_template(template, error=error, code=code), code


def render_index_outdated(error: IndexOutdated) -> tuple[str, int]:
    """Say search is being rebuilt (after an upgrade) instead of failing."""
    current_app.logger.error("search unavailable: %s", error)
    return render_template("errors/error.html", error=ServiceUnavailable(
        "Search is being updated after an upgrade. Please try again in a few minutes."), code=503), 503


def init_app(app: Flask) -> None:
    """Register the error pages."""
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(IndexOutdated, render_index_outdated)
