"""Kill an ingest run (SIGKILL) at every stage boundary; the next run loses and duplicates nothing.

Each case ingests a first version of two sources, changes them (new, changed, removed
and cross-source duplicate listings), starts `flask ingest run` in a child process that
stops at one boundary (tests/crash_driver.py), kills it, runs the ingest again, and
compares the database with a run that was never killed; `flask index verify` must be
clean and no killed writer's files may remain. On SQLite and on PostgreSQL.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from ingest.pipeline import BOUNDARIES
from tests.conftest import ROOT, build_app, in_schema, make_config
from tests.crash_driver import INDEX_COMMIT
from tracker import search
from tracker.extensions import db
from tracker.listings import find_listings
from tracker.models import Listing, Source
from tracker.query import ListingQuery

# In the order a run reaches them; INDEX_COMMIT falls between "stored" and "indexed".
STOPS = BOUNDARIES[:BOUNDARIES.index("stored") + 1] + (INDEX_COMMIT,) + BOUNDARIES[BOUNDARIES.index("stored") + 1:]


def item(key: str, title: str, text: str = "Help the team.") -> dict[str, Any]:
    return {"id": key, "title": title, "url": f"https://example.org/{key}", "authors": [{"name": "Magic City Youth"}],
            "content_html": f"<p>{text} Ages 16 to 24. Where: Birmingham, AL 35203.</p>"}


FIRST = {
    "a": [item("a1", "Library page"), item("a2", "Park aide"), item("a3", "Lab assistant"), item("a4", "Clerk")],
    "b": [dict(item("b1", "Library page"), url="https://example.org/a1"), item("b2", "Welding trainee"),
          item("b3", "Dental aide")],
}
SECOND = {
    "a": [item("a1", "Library page", "Shelve books."), item("a3", "Lab assistant"), item("a4", "Clerk"),
          item("a5", "Coding intern")],
    "b": [dict(item("b1", "Library page"), url="https://example.org/a1"), item("b3", "Dental aide", "Clean tools."),
          item("b4", "Forklift trainee")],
}


def write_feeds(folder: Path, version: dict[str, list[dict[str, Any]]]) -> None:
    for name, items in version.items():
        feed = {"version": "https://jsonfeed.org/version/1.1", "title": name, "items": items}
        (folder / f"{name}.json").write_text(json.dumps(feed))


def sources_file(folder: Path) -> Path:
    path = folder / "sources.toml"
    path.write_text("".join(f'[[source]]\nname = "{name}"\nformat = "jsonfeed"\nlocation = "{name}.json"\n\n'
                            for name in ("a", "b")))
    return path


def ingest(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["ingest", "run"])
    assert result.exit_code == 0, result.output


def state(app: Flask) -> list[tuple[Any, ...]]:
    """Every listing as (source, external id, status, content hash, shown or a duplicate)."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(Source.name, Listing.external_id, Listing.status, Listing.content_hash,
                      Listing.duplicate_of_id.is_(None)).join(Source)).all()
    return sorted(tuple(row) for row in rows)


def make_app(folder: Path, **config: Any) -> tuple[Flask, dict[str, Any]]:
    folder.mkdir(exist_ok=True)
    config = {"SOURCES_FILE": str(sources_file(folder)), "INSTANCE_DIR": str(folder), **config}
    return build_app(make_config(folder, **config)), config


@pytest.fixture(scope="module")
def never_killed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, ...]]:
    folder = tmp_path_factory.mktemp("never-killed")
    app, _ = make_app(folder)
    write_feeds(folder, FIRST)
    ingest(app)
    write_feeds(folder, SECOND)
    ingest(app)
    with app.app_context():
        db.engine.dispose()
    return state(app)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """Config for the database under test: a file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield {}
        return
    schema = request.getfixturevalue("pg_url")
    yield in_schema(schema)


def kill_at(folder: Path, config: dict[str, Any], stop: str) -> None:
    """Run an ingest in a child process until ``stop``, then SIGKILL it."""
    settings = json.dumps({"folder": str(folder), "config": config, "stop_at": stop})
    with open(folder / "child.log", "wb") as log, subprocess.Popen(
            [sys.executable, "-m", "tests.crash_driver", settings], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log) as child:
        try:
            assert child.stdout is not None
            said = child.stdout.readline().decode().strip()  # blocks until the child is at the boundary
        finally:
            child.kill()
            child.wait()
    assert said == f"stopped at {stop}", f"{said!r}; the child's log:\n{(folder / 'child.log').read_text()}"
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("stop", STOPS)
def test_a_run_killed_at_any_boundary_is_made_whole_by_the_next(stop: str, database: dict[str, Any], tmp_path: Path,
                                                               never_killed: list[tuple[Any, ...]]) -> None:
    app, config = make_app(tmp_path / "site", **database)
    folder = Path(config["INSTANCE_DIR"])
    write_feeds(folder, FIRST)
    ingest(app)
    write_feeds(folder, SECOND)
    kill_at(folder, config, stop)

    ingest(app)
    assert state(app) == never_killed, "a listing was lost, duplicated or left in the wrong state"
    verified = app.test_cli_runner().invoke(args=["index", "verify"])
    assert verified.exit_code == 0, verified.output
    with app.test_request_context():
        shown = sum(1 for *_, status, _hash, primary in never_killed if status == Listing.ACTIVE and primary)
        assert find_listings(ListingQuery()).total == shown
        assert find_listings(ListingQuery(text="forklift")).total == 1
        assert search.remove_orphans() == 0, "the rerun left files a killed writer wrote"
    assert len(list((folder / "index").glob("gen-*"))) == 1
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
