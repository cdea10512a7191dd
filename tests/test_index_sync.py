"""The index follows the database whatever moment a writer died; `flask index verify` says whether it does."""
from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import FIXTURES
from tests.test_ingest_pipeline import NOW, ingest, write_sources
from tracker import index_sync, search
from tracker.search import app as search_app
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import find_listings
from tracker.models import Listing
from tracker.query import ListingQuery


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler catches it."""


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "feeds"
    folder.mkdir()
    shutil.copy(FIXTURES / "two_jobs.rss", folder / "jobs.rss")
    return write_sources(folder, ("Jobs", "rss", "jobs.rss"))


def verify(app) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["index", "verify"])
    return result.exit_code, result.output


def test_a_run_that_died_after_its_commit_is_caught_up_by_the_next(app, sources, monkeypatch) -> None:
    def die(*args, **kwargs):
        raise Killed()

    with monkeypatch.context() as patch:
        patch.setattr(search, "apply_changes", die)
        with pytest.raises(Killed):
            ingest(app, sources)
    code, output = verify(app)
    assert code == 1 and "2 missing" in output
    # Same bytes: the source is not modified, yet its listings must become searchable.
    reports = ingest(app, sources, NOW + timedelta(hours=1))
    assert reports[0].outcome == "not-modified"
    assert verify(app) == (0, "2 documents in the index, 2 open listings in the database: they agree.\n")
    with app.test_request_context():
        assert [l.title for l in find_listings(ListingQuery(text="help desk")).listings] == ["IT Help Desk Intern"]


def test_verify_names_missing_stale_extra_and_duplicated_documents(app, sources) -> None:
    ingest(app, sources)
    assert verify(app)[0] == 0
    with app.app_context():
        first, second = db.session.scalars(sa.select(Listing).order_by(Listing.id)).all()
        second.updated_at += timedelta(seconds=1)  # a writer changed the row, the index did not follow
        db.session.commit()
        closed = Listing(source_id=first.source_id, external_id="gone", title="Closed role", organisation="Org",
                         kind="job", status=Listing.REMOVED, updated_at=NOW, first_seen_at=NOW, last_seen_at=NOW)
        db.session.add(closed)
        db.session.commit()
        with search_app.writer() as w:  # a writer that leaves the index behind, as a bug or a kill would
            w.delete_by_term("id", str(first.id))
            w.add_document(**search.document_for(closed))
            w.add_document(**search.document_for(closed))
        ids = first.id, second.id, closed.id
        difference = index_sync.compare(site_today())
    assert (difference.missing, difference.stale, difference.extra, difference.duplicated) == (
        [ids[0]], [ids[1]], [ids[2]], [ids[2]])
    code, output = verify(app)
    assert code == 1
    assert f"1 missing (open but not searchable): {ids[0]}" in output
    assert f"1 stale (indexed as an older version): {ids[1]}" in output
    assert f"1 extra (closed, hidden or deleted but still indexed): {ids[2]}" in output
    assert f"1 duplicated (indexed more than once): {ids[2]}" in output
    with app.app_context():
        index_sync.reconcile(site_today())
    assert verify(app)[0] == 0


def test_a_listing_past_its_deadline_may_stay_indexed_until_the_next_run(app, sources) -> None:
    ingest(app, sources)
    with app.app_context():
        listing = db.session.scalars(sa.select(Listing).order_by(Listing.id)).first()
        listing.deadline = site_today() - timedelta(days=1)  # midnight passed; no ingest yet
        listing_id = listing.id
        db.session.commit()
        assert index_sync.compare(site_today()).clean
    ingest(app, sources, NOW + timedelta(hours=1))
    with app.app_context():
        assert listing_id not in dict(search.indexed_versions())
        assert index_sync.compare(site_today()).clean


def test_files_left_by_killed_writers_are_removed(app, sources) -> None:
    ingest(app, sources)
    root = Path(app.config["INDEX_DIR"])
    current = Path(os.path.realpath(root / "current"))
    segment = next(p for p in current.iterdir() if p.name.startswith("MAIN_") and p.suffix == ".seg")
    # A rebuild killed before its swap, a killed writer's segment, a half-written word list.
    (root / "gen-20260101000000-1-1").mkdir()
    (root / "gen-20260101000000-1-1" / "MAIN_abc.seg").write_bytes(b"x" * 1000)
    shutil.copy(segment, current / "MAIN_zzzzzzzzzzzzzzzz.seg")
    (current / ".vocabulary.txt-123").write_text("half")
    (root / ".current-123-456").symlink_to(current.name)
    with app.app_context():
        assert search.remove_orphans() == 4
        assert index_sync.compare(site_today()).clean
    assert sorted(p.name for p in root.iterdir()) == ["current", current.name]
    assert not (current / "MAIN_zzzzzzzzzzzzzzzz.seg").exists() and segment.exists()
    with app.test_request_context():
        assert find_listings(ListingQuery(text="help desk")).total == 1


def test_an_ingest_run_clears_orphans_even_when_nothing_changed(app, sources) -> None:
    ingest(app, sources)
    root = Path(app.config["INDEX_DIR"])
    (root / "gen-20260101000000-1-1").mkdir()
    ingest(app, sources, NOW + timedelta(hours=1))
    assert not (root / "gen-20260101000000-1-1").exists()


def test_an_index_busy_at_the_start_does_not_stop_the_ingest(app, sources, monkeypatch) -> None:
    def busy() -> int:
        raise search.IndexBusy("the search index is locked by another writer (waited 2s)")

    monkeypatch.setattr(search, "remove_orphans", busy)
    [report] = ingest(app, sources)
    assert report.outcome == "ok" and report.new == 2
    with app.test_request_context():
        assert find_listings(ListingQuery(text="help desk")).total == 1
