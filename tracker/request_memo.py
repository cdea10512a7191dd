"""Values a request works out once: its language, its catalog, the path of a page it links to often.

A results page asks for a hundred translated strings and builds fifty links. The memo
lives in a context variable opened first thing in each request and closed at teardown;
reaching ``flask.g`` through its proxy for every lookup cost more than the lookups saved.
Outside a request nothing is remembered.
"""
from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from flask import Flask, g, has_request_context

T = TypeVar("T")

_MEMO: ContextVar[dict[str, Any] | None] = ContextVar("request_memo", default=None)


def once_per_request(name: str, find: Callable[[], T]) -> T:
    """Return ``find()``, worked out once per request under ``name`` (never remembered as None)."""
    memo = _MEMO.get()
    if memo is not None:
        found = memo.get(name)
        if found is None:
            found = memo[name] = find()
        return found  # type: ignore[no-any-return]
    if not has_request_context():
        return find()
    # A request context pushed by hand (tests, scripts) runs no before-request function.
    found = g.get(name)
    if found is None:
        found = find()
        setattr(g, name, found)
    return found  # type: ignore[no-any-return]


def _open() -> None:
    _MEMO.set({})


def _close(_error: BaseException | None) -> None:
    _MEMO.set(None)


def init_app(app: Flask) -> None:
    # First, so every other before-request function (the cache's ETag names the language) uses it.
    app.before_request_funcs.setdefault(None, []).insert(0, _open)
    app.teardown_request(_close)
