"""Error pages that help people on, never a stack trace."""
from __future__ import annotations

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException


def render_error(error: HTTPException) -> tuple[str, int]:
    """Render the page for an HTTP error."""
    code = error.code or 500
    template = "errors/404.html" if code == 404 else "errors/error.html"
    return render_template(template, error=error, code=code), code


def init_app(app: Flask) -> None:
    """Register the error pages."""
    app.register_error_handler(HTTPException, render_error)
