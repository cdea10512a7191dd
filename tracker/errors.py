"""Error pages that help people on, never a stack trace."""
from __future__ import annotations

from flask import Flask, current_app, render_template
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from tracker.i18n import gettext
from tracker.search import IndexOutdated


def error_words(code: int, description: str | None) -> tuple[str, str]:
    """Return the heading and the explanation of an error page, in the reader's language."""
    if code == 503:
        return gettext("Back in a few minutes"), description or gettext("Please try again in a few minutes.")
    if code >= 500:
        return (gettext("Something went wrong on our side"),
                gettext("We're sorry: this page failed to load. Please try again in a minute."))
    known = {
        400: (gettext("Bad request"), gettext("The address or the form sent could not be understood. Please check it and try again.")),
        403: (gettext("Not allowed"), gettext("You are not allowed to see this page.")),
        405: (gettext("Not allowed"), gettext("This page cannot be used that way. Please go back and try again.")),
        410: (gettext("Gone"), gettext("This page has been removed for good.")),
        413: (gettext("Too large"), gettext("What was sent is too large.")),
        429: (gettext("Too many requests"), gettext("Please wait a minute, then try again.")),
    }
    return known.get(code, (gettext("Something is not right"), gettext("This page could not be shown.")))


def render_error(error: HTTPException) -> tuple[str, int]:
    """Render the page for an HTTP error."""
    code = error.code or 500
    template = "errors/404.html" if code == 404 else "errors/error.html"
    # Werkzeug's own descriptions are English; a 503 carries ours (already translated).
    heading, message = error_words(code, error.description if code == 503 else None)
    return render_template(template, error=error, code=code, heading=heading, message=message), code


def render_index_outdated(error: IndexOutdated) -> tuple[str, int]:
    """Say search is being rebuilt (after an upgrade) instead of failing."""
    current_app.logger.error("search unavailable: %s", error)
    return render_error(ServiceUnavailable(
        gettext("Search is being updated after an upgrade. Please try again in a few minutes.")))


def init_app(app: Flask) -> None:
    """Register the error pages."""
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(IndexOutdated, render_index_outdated)
