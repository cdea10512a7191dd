"""Error pages that help people on, never a stack trace."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from tracker.i18n import gettext, ngettext
from tracker.protection import retry_after_seconds
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
        414: (gettext("Address too long"), gettext("This address is longer than this site accepts. "
                                                   "Please choose fewer filters or a shorter search.")),
        413: (gettext("Too large"), gettext("What was sent is more than this site accepts. "
                                            "Please shorten what you typed and send it again.")),
        429: (gettext("Too many requests"), wait_words(retry_after_seconds())),
    }
    return known.get(code, (gettext("Something is not right"), gettext("This page could not be shown.")))


def wait_words(seconds: int | None) -> str:
    """Say how long to wait before trying again (the Retry-After of a 429)."""
    if seconds is None:
        return gettext("Please wait a minute, then try again.")
    if seconds < 120:
        return ngettext("Too many requests came from your address. Please wait %(num)s second, then try again.",
                        "Too many requests came from your address. Please wait %(num)s seconds, then try again.",
                        seconds)
    minutes = -(-seconds // 60)
    return ngettext("Too many requests came from your address. Please wait %(num)s minute, then try again.",
                    "Too many requests came from your address. Please wait %(num)s minutes, then try again.",
                    minutes)


def same_site_referrer() -> str | None:
    """Return the page the request came from when it is a page of this site, else None."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.scheme not in ("http", "https") or parts.netloc != request.host:
        return None
    return referrer


def render_error(error: HTTPException) -> tuple[str, int]:
    """Render the page for an HTTP error."""
    code = error.code or 500
    template = "errors/404.html" if code == 404 else "errors/error.html"
    back_url = None
    if isinstance(error, CSRFError):
        # The form's token is missing, expired (a new browser session) or from elsewhere.
        heading = gettext("This form has expired")
        message = gettext("For your safety, a form only works from a page this site showed you recently. "
                          "Reload the page and send the form again.")
        back_url = same_site_referrer()
    else:
        # Werkzeug's own descriptions are English; a 503 carries ours (already translated).
        heading, message = error_words(code, error.description if code == 503 else None)
        if code == 413:
            back_url = same_site_referrer()
    return render_template(template, error=error, code=code, heading=heading, message=message,
                           back_url=back_url), code


def render_index_outdated(error: IndexOutdated) -> tuple[str, int]:
    """Say search is being rebuilt (after an upgrade) instead of failing."""
    current_app.logger.error("search unavailable: %s", error)
    return render_error(ServiceUnavailable(
        gettext("Search is being updated after an upgrade. Please try again in a few minutes.")))


def init_app(app: Flask) -> None:
    """Register the error pages."""
    app.register_error_handler(HTTPException, render_error)
    app.register_error_handler(IndexOutdated, render_index_outdated)
