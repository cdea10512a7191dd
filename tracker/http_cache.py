"""What a shared cache in front of the site (nginx) and browsers may keep, and for how long.

Most of a burst is many people opening the same few URLs, so every anonymous GET answer
(pages, feeds, API) is ``public`` for CACHE_MAX_AGE seconds, and may be served stale for
CACHE_STALE_WHILE_REVALIDATE seconds more while the cache fetches a fresh copy.

An answer that belongs to one visitor is ``private, no-store``: one that sets a cookie,
writes the session, reads the session a request brought, or holds a form's CSRF token. A
shared cache must never hand those to someone else (nginx also passes every request that
carries a session cookie straight to the app).

Answers built from the public listings alone (STAMPED_BLUEPRINTS) take their validators
from the data's change stamp, not from their body: the ETag names the stamp, the state of
the search index, the code and settings (RELEASE) and the reader's language, so a client or the cache in front that
already holds the current answer gets its 304 before anything is searched or rendered.
Other answers get an ETag of their body.
"""
from __future__ import annotations

import hashlib
import os
import time
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, request
from flask.globals import request_ctx
from sqlalchemy.orm import Session

from tracker import ROOT
from tracker.i18n import COOKIE as LANGUAGE_COOKIE
from tracker.i18n import current_language

DEFAULTS = {
    # Seconds a shared cache or a browser may reuse an answer without asking again: a new
    # ingest shows within this time. Short, because deadlines and listings change daily.
    "CACHE_MAX_AGE": "60",
    # Seconds past that a cache may still serve the old answer while it fetches the new one.
    "CACHE_STALE_WHILE_REVALIDATE": "300",
    # Names the deployed code in validators; unset, a hash of the code and settings.
    "CACHE_RELEASE": "",
}

# Blueprints whose answers depend only on the public listings, the language, the code and
# the settings (and the date, which the change stamp includes).
STAMPED_BLUEPRINTS = frozenset({"pages", "api", "feeds", "embed", "crawlers"})

# What the code of a release is made of; compiled catalogs and bytecode follow from these.
CODE_FOLDERS = ("tracker", "templates", "static", "translations")
SKIPPED_SUFFIXES = (".pyc", ".mo")
# Settings that are secrets or differ from node to node without changing any answer.
PRIVATE_SETTING_MARKS = ("SECRET", "PASSWORD", "URI", "BINDS", "ENGINE_OPTIONS", "_DIR", "_FILE", "_PATH")

PRIVATE = "private, no-store"

# Until the change stamp is a single row, reading it scans the listings; a worker serving
# many pages a second reads it at most once in this many seconds.
STAMP_SECONDS = 1.0
# Commits made by this process (any session): each makes a remembered stamp stale.
_commits = [0]


def init_app(app: Flask, data_stamp: Callable[[], tuple[int, datetime]], index_version: Callable[[], str]) -> None:
    """Cache anonymous answers.

    ``data_stamp`` returns how many changes the public listings have had and when they last
    changed (to the second, as Last-Modified has it); ``index_version`` names
    the state of the search index a request reads.
    """
    for key, default in DEFAULTS.items():
        value = app.config.get(key)
        if value is None:
            value = os.environ.get(key, default)
        app.config[key] = value if key == "CACHE_RELEASE" else int(value)
    if not app.config["CACHE_RELEASE"]:
        app.config["CACHE_RELEASE"] = _code_digest(ROOT) + "-" + _settings_digest(app.config)
    app.extensions["http_cache.data_stamp"] = data_stamp
    app.extensions["http_cache.index_version"] = index_version
    app.extensions["http_cache.stamp_memo"] = {}
    app.before_request(answer_current_clients)
    app.after_request(apply_policy)


def answer_current_clients() -> Response | None:
    """Answer 304 at once when the client's ETag names the current listings; else note the validators."""
    if request.method not in ("GET", "HEAD") or request.blueprint not in STAMPED_BLUEPRINTS:
        return None
    if _carries_session():
        return None
    changes, stamp = data_stamp()
    etag = stamped_etag(changes, stamp)
    g.cache_validators = (etag, stamp)
    # Only a named ETag: "*" matches any answer, and this URL's may turn out to be an error.
    wanted = request.if_none_match
    if wanted and not wanted.star_tag and wanted.contains_weak(etag):
        response = current_app.response_class(status=304)
        return share(response, stamp)
    return None


def data_stamp() -> tuple[int, datetime]:
    """Return the listings' change count and time, read at most once a STAMP_SECONDS per worker.

    A commit in this process forgets it at once; another process's (an ingest) shows
    within STAMP_SECONDS, which is nothing beside CACHE_MAX_AGE.
    """
    memo: dict[str, Any] = current_app.extensions["http_cache.stamp_memo"]
    now = time.monotonic()
    if memo.get("commits") == _commits[0] and now - memo.get("read_at", -STAMP_SECONDS) < STAMP_SECONDS:
        return memo["stamp"]  # type: ignore[no-any-return]
    commits = _commits[0]  # before reading: a commit meanwhile makes this reading stale
    stamp: tuple[int, datetime] = current_app.extensions["http_cache.data_stamp"]()
    memo.update(stamp=stamp, read_at=now, commits=commits)
    return stamp


def data_state() -> tuple[int, int, datetime]:
    """Name the state of the data as this worker sees it: its own commits, and the data stamp (see data_stamp)."""
    return (_commits[0], *data_stamp())


def _count_commit(session: Session) -> None:
    _commits[0] += 1


def stamped_etag(changes: int, stamp: datetime) -> str:
    """Return the ETag of an answer built from the listings as of ``changes`` (at ``stamp``) for this reader."""
    remembered = request.cookies.get(LANGUAGE_COOKIE, "")
    if remembered not in current_app.config["SUPPORTED_LANGUAGES"]:
        remembered = ""
    # The remembered language is part of it because a page asked in another language sets the
    # cookie (a private answer); its ETag must never match the public one.
    index = current_app.extensions["http_cache.index_version"]()
    # The count, not only the time: two changes within one second must not share an ETag.
    parts = (current_app.config["CACHE_RELEASE"], str(changes), stamp.isoformat(), index, current_language(),
             remembered)
    return "s-" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def share(response: Response, last_modified: datetime | None = None, max_age: int | None = None) -> Response:
    """Make ``response`` public for ``max_age`` seconds with validators; answer 304 when the client is current."""
    cache_control = response.cache_control
    cache_control.public = True
    cache_control.max_age = current_app.config["CACHE_MAX_AGE"] if max_age is None else max_age
    cache_control.stale_while_revalidate = current_app.config["CACHE_STALE_WHILE_REVALIDATE"]
    validators = g.get("cache_validators")
    if validators is not None:
        etag, stamp = validators
        response.set_etag(etag)
        last_modified = min(last_modified, stamp) if last_modified is not None else stamp
    elif response.status_code == 200 and "ETag" not in response.headers:
        response.add_etag()
    if last_modified is not None:
        response.last_modified = last_modified
    response.make_conditional(request)  # turns this response into a 304 when the client is current
    return response


def apply_policy(response: Response) -> Response:
    """Mark each answer private or public; the views' and static files' own choices stand otherwise."""
    if _personal(response):
        response.headers["Cache-Control"] = PRIVATE
        # A validator of a private answer must not let a cache revalidate it for someone else.
        response.headers.pop("ETag", None)
        response.headers.pop("Last-Modified", None)
        return response
    if request.method not in ("GET", "HEAD") or "Cache-Control" in response.headers:
        return response
    if response.status_code == 200:
        return share(response)
    return response


def _personal(response: Response) -> bool:
    """Say whether ``response`` belongs to one visitor."""
    if "Set-Cookie" in response.headers:
        return True
    # Read through the request context: the ``session`` proxy would mark the session
    # accessed, and Flask would then add Vary: Cookie to every answer.
    opened = request_ctx._session
    if opened is not None and (opened.modified or (opened.accessed and _carries_session())):
        return True  # it writes the session, or reads one the visitor brought (who is signed in)
    # Flask-WTF keeps the token it put in a form on g under the field's name.
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token") in g


def _carries_session() -> bool:
    config = current_app.config
    names = (config["SESSION_COOKIE_NAME"], config.get("REMEMBER_COOKIE_NAME", "remember_token"))
    return any(name in request.cookies for name in names)


@lru_cache(maxsize=4)
def _code_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix not in SKIPPED_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _settings_digest(config: Any) -> str:
    digest = hashlib.sha256()
    for key in sorted(config):
        value = config[key]
        if any(mark in key for mark in PRIVATE_SETTING_MARKS):
            continue
        if isinstance(value, (str, int, float, bool, tuple, list, type(None))):
            digest.update(f"{key}={value!r}\n".encode())
    return digest.hexdigest()[:12]


sa.event.listen(Session, "after_commit", _count_commit)
