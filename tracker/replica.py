"""Read-only pages read from a replica of the database when DATABASE_REPLICA_URL is set.

Past one machine, PostgreSQL streams the primary to a read replica; public GET pages,
feeds and API answers (which only read) then query the replica, and everything that
writes (ingest, staff and partner forms, short links) uses the primary. A request is
marked once, before anything reads; within it, a flush or a write statement still goes
to the primary. Short links are left on the primary: one made a moment ago must open at
once, whatever the replica's lag.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, g, has_request_context, request
from flask_sqlalchemy.session import Session

# Blueprints whose GET answers only read the public data.
READ_ONLY_BLUEPRINTS = frozenset({"pages", "api", "feeds", "embed", "crawlers", "milestones"})
WRITES = (sa.Insert, sa.Update, sa.Delete)
EXTENSION = "replica_engine"


class ReplicaSession(Session):
    """The app's session: reads of a read-only request go to the replica, when there is one."""

    def get_bind(self, mapper: Any | None = None, clause: Any | None = None,
                 bind: sa.Engine | sa.Connection | None = None, **kwargs: Any) -> sa.Engine | sa.Connection:
        if bind is None and reads_from_replica() and not self._flushing and not isinstance(clause, WRITES):
            replica: sa.Engine | None = current_app.extensions.get(EXTENSION)
            if replica is not None:
                return replica
        return super().get_bind(mapper, clause=clause, bind=bind, **kwargs)


def reads_from_replica() -> bool:
    """Say whether this request's reads may go to the replica."""
    return has_request_context() and bool(g.get("read_replica"))


def mark_read_only_requests() -> None:
    if request.method in ("GET", "HEAD") and request.blueprint in READ_ONLY_BLUEPRINTS:
        g.read_replica = True


def init_app(app: Flask) -> None:
    """Open the replica's engine (DATABASE_REPLICA_URI) and route read-only requests to it.

    Not a Flask-SQLAlchemy bind: those are for tables that live in another database,
    and would make db.create_all() and migrations look for tables there.
    """
    uri = app.config.get("DATABASE_REPLICA_URI")
    if not uri:
        return
    url, primary = sa.make_url(uri), sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != primary.get_backend_name():
        raise RuntimeError(f"DATABASE_REPLICA_URL is {url.get_backend_name()} but DATABASE_URL is "
                           f"{primary.get_backend_name()}: a read replica must be a copy of the primary database")
    app.extensions[EXTENSION] = sa.create_engine(url, **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    app.before_request(mark_read_only_requests)


__all__ = ["ReplicaSession", "init_app", "reads_from_replica"]
