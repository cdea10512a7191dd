"""CSRF tokens on every form, and rate limits on every POST and on the searches that cost.

Flask-WTF's CSRFProtect checks every POST (PUT, PATCH, DELETE) for the token a form of
this site carries; Flask-Limiter counts requests per client address. Both objects live in
tracker/extensions.py; this module binds them and says when a refused client may retry.
The error pages themselves are tracker/errors.py's (and JSON under /api/).
"""
from __future__ import annotations

import math
import time
from typing import Callable, TypeVar

from flask import Flask, Response, current_app

from tracker.extensions import csrf, limiter

F = TypeVar("F", bound=Callable[..., object])


def search_limit() -> str:
    return str(current_app.config["RATELIMIT_SEARCH"])


# Search, API, feeds and embeds run a search per request: one budget per client address
# across all of them, so spreading requests over several endpoints gains nothing.
limit_searches: Callable[[F], F] = limiter.shared_limit(search_limit, scope="search")  # type: ignore[assignment]


def retry_after_seconds() -> int | None:
    """Return how many seconds until the limit this request broke lets the client in again."""
    breached = limiter.current_limit
    if breached is None or not breached.breached:
        return None
    return max(1, math.ceil(breached.reset_at - time.time()))


def _say_when_to_retry(response: Response) -> Response:
    if response.status_code == 429 and "Retry-After" not in response.headers:
        seconds = retry_after_seconds()
        if seconds is not None:
            response.headers["Retry-After"] = str(seconds)
    return response


def init_app(app: Flask) -> None:
    """Bind CSRF protection and the rate limiter to ``app``."""
    limiter.init_app(app)  # first: a POST refused for its token still counts against the limit
    csrf.init_app(app)
    app.after_request(_say_when_to_retry)
