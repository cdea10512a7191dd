"""DATABASE_REPLICA_URL: read-only pages read from the replica, everything that writes uses the primary."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.conftest import build_app, in_schema, make_config
from tests.factories import add_listings
from tests.forms import post_form
from tracker import create_app
from tracker.extensions import db


@pytest.fixture(params=["sqlite", "postgresql"])
def replica_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """An app whose replica is the same database (as tests may: a real replica is a copy)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        config = make_config(tmp_path, DATABASE_REPLICA_URI=url)
    else:
        schema = request.getfixturevalue("pg_url")
        settings = in_schema(schema)
        config = make_config(tmp_path, **settings, DATABASE_REPLICA_URI=settings["SQLALCHEMY_DATABASE_URI"])
    app = build_app(config)
    with app.app_context():
        add_listings({"title": "Replica reading internship"})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    app.extensions["replica_engine"].dispose()


def statements(app: Flask) -> Counter[str]:
    """Count the statements each engine runs from now on: 'primary' and 'replica'."""
    seen: Counter[str] = Counter()
    with app.app_context():
        engines = {"primary": db.engine, "replica": app.extensions["replica_engine"]}
    for name, engine in engines.items():

        def count(*args: object, name: str = name) -> None:
            seen[name] += 1

        sa.event.listen(engine, "before_cursor_execute", count)
    return seen


@pytest.mark.parametrize("path", ["/search?q=replica", "/api/v1/listings", "/search.atom", "/sitemap.xml",
                                  "/pathways", "/milestones"])
def test_read_only_pages_read_from_the_replica(replica_app: Flask, path: str) -> None:
    seen = statements(replica_app)
    response = replica_app.test_client().get(path)
    assert response.status_code == 200
    assert seen["replica"] > 0 and seen["primary"] == 0, seen


def test_what_writes_uses_the_primary(replica_app: Flask) -> None:
    client = replica_app.test_client()
    seen = statements(replica_app)
    made = post_form(client, "/s", {"q": "replica"})
    assert made.status_code == 303
    # The short link opens at once, whatever the replica's lag: read from the primary too.
    shared = client.get(made.headers["Location"])
    assert shared.status_code == 200 and "Replica reading internship" in shared.get_data(as_text=True)
    assert seen["primary"] > 0
    code = re.search(r"/s/(\w+)/share", made.headers["Location"]).group(1)  # type: ignore[union-attr]
    assert client.get(f"/s/{code}").status_code == 301


def test_a_replica_of_another_kind_of_database_stops_the_app(tmp_path: Path) -> None:
    config = make_config(tmp_path, DATABASE_REPLICA_URI="postgresql+psycopg://replica.example/db")
    with pytest.raises(RuntimeError, match="a read replica must be a copy of the primary database"):
        create_app(config)
