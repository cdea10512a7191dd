"""The benchmarks' PostgreSQL side: an app searching PostgreSQL (SEARCH_BACKEND=postgres) in a schema of its own.

The server comes from --database-url, else BENCH_DATABASE_URL, else TEST_DATABASE_URL.
The schema is made for the run and dropped after it, so runs never see each other's rows.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from config import Config, database_url
from tracker import create_app
from tracker.extensions import db


def server_url(given: str | None) -> str:
    """Return the PostgreSQL server to measure on, or exit saying how to name one."""
    url = given or os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if not url:
        raise SystemExit("--backend postgres needs a PostgreSQL server: pass --database-url "
                         "(or set BENCH_DATABASE_URL), e.g. postgresql://postgres:postgres@127.0.0.1:5432/test")
    return database_url(url)


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """Yield the name of a new, empty schema on ``url``; drop it (and all in it) afterwards."""
    name = f"bench_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    try:
        yield name
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
        engine.dispose()


def make_app(folder: Path, url: str, schema: str, create: bool = True) -> Flask:
    """Return an app whose database is ``schema`` on ``url`` and whose searches run in PostgreSQL."""
    config = type("BenchPostgresConfig", (Config,), {
        "SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": "postgres",
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={schema}"}},
        "INDEX_DIR": str(folder / "index"), "SOURCES_FILE": str(folder / "none.toml"), "INSTANCE_DIR": str(folder),
        "RATELIMIT_ENABLED": False,  # the benchmarks measure searching, not the throttle
    })
    app = create_app(config)
    if create:
        with app.app_context():
            db.create_all()
    return app
