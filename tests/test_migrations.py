"""Migrations build the schema the models describe, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from tests.conftest import build_app, in_schema, make_config
from tracker import search
from tracker.extensions import db


def assert_schema_matches_models(app) -> None:
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            # The PostgreSQL search column and its indexes are not in the models: test_search_postgres.py
            # checks the migration makes them as create_all does.
            context = MigrationContext.configure(conn, opts={"include_object": search.include_in_migrations})
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"


def test_sqlite_migrations_match_the_models(tmp_path) -> None:
    app = build_app(make_config(tmp_path), create_schema=False)
    assert_schema_matches_models(app)


def test_migrations_downgrade_to_empty(tmp_path) -> None:
    app = build_app(make_config(tmp_path), create_schema=False)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(db.inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_postgresql_migrations_match_the_models(pg_app_unmigrated) -> None:
    assert_schema_matches_models(pg_app_unmigrated)


@pytest.fixture
def pg_app_unmigrated(pg_url, tmp_path):
    config = make_config(tmp_path, **in_schema(pg_url))
    app = build_app(config, create_schema=False)
    yield app
    with app.app_context():
        db.engine.dispose()
