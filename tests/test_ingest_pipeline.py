"""The ingest pipeline end to end: store, re-run, close, survive broken sources."""
from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from ingest.pipeline import run_sources
from ingest.sources import load_sources
from tests.conftest import FIXTURES
from tracker import search
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import find_listings
from tracker.models import IngestRun, Listing, Source
from tracker.query import ListingQuery

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)


def write_sources(folder: Path, *entries: tuple[str, str, str]) -> Path:
    text = "".join(f'[[source]]\nname = "{name}"\nformat = "{fmt}"\nlocation = "{location}"\n\n'
                   for name, fmt, location in entries)
    path = folder / "sources.toml"
    path.write_text(text)
    return path


@pytest.fixture
def feed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "feeds"
    folder.mkdir()
    shutil.copy(FIXTURES / "two_jobs.rss", folder / "jobs.rss")
    shutil.copy(FIXTURES / "broken.rss", folder / "broken.rss")
    return folder


def ingest(app, sources_file: Path, now: datetime = NOW):
    with app.app_context():
        return run_sources(load_sources(sources_file), site_today(), now)


def active_titles(app) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(sa.select(Listing.title).where(Listing.status == Listing.ACTIVE)))


def test_a_feed_is_stored_normalized_and_indexed(app, feed_dir) -> None:
    reports = ingest(app, write_sources(feed_dir, ("Jobs", "rss", "jobs.rss")))
    assert [(r.name, r.outcome, r.new) for r in reports] == [("Jobs", "ok", 2)]
    with app.app_context():
        page = db.session.scalars(sa.select(Listing).where(Listing.external_id == "1001")).one()
        assert page.organisation == "Sample Public Library"
        assert (page.kind, page.pathways) == ("job", ["operations"])
        assert (page.min_age, page.pay_status, page.pay_min, page.pay_period) == (16, "paid", 12.5, "hour")
        assert page.deadline == date(2030, 12, 20) and page.zip == "35203" and page.work_mode == "onsite"
        assert page.apply_url == "https://example.org/jobs/1001?id=1001"  # tracking parameter dropped
        intern = db.session.scalars(sa.select(Listing).where(Listing.external_id == "1002")).one()
        assert (intern.min_grade, intern.max_grade, intern.pay_status, intern.work_mode) == (11, 12, "unpaid", "remote")
        assert "<script" not in intern.description and "alert" not in intern.description
    with app.test_request_context():
        assert [l.title for l in find_listings(ListingQuery(text="help desk")).listings] == ["IT Help Desk Intern"]


def test_running_again_adds_no_duplicates_and_writes_nothing(app, feed_dir) -> None:
    sources = write_sources(feed_dir, ("Jobs", "rss", "jobs.rss"))
    ingest(app, sources)
    with app.app_context():
        before = {l.id: l.updated_at for l in db.session.scalars(sa.select(Listing))}
    again = ingest(app, sources, NOW + timedelta(hours=1))
    assert (again[0].new, again[0].updated, again[0].unchanged) == (0, 0, 2)
    with app.app_context():
        after = {l.id: l.updated_at for l in db.session.scalars(sa.select(Listing))}
    assert after == before


def test_a_changed_entry_is_updated_in_place(app, feed_dir) -> None:
    sources = write_sources(feed_dir, ("Jobs", "rss", "jobs.rss"))
    ingest(app, sources)
    path = feed_dir / "jobs.rss"
    path.write_text(path.read_text().replace("Library Page (Part-Time)", "Library Page"))
    report = ingest(app, sources)[0]
    assert (report.new, report.updated, report.unchanged) == (0, 1, 1)
    assert active_titles(app) == ["IT Help Desk Intern", "Library Page"]


def test_an_entry_gone_from_its_source_is_closed_but_keeps_its_page(app, client, feed_dir) -> None:
    sources = write_sources(feed_dir, ("Jobs", "rss", "jobs.rss"))
    ingest(app, sources)
    path = feed_dir / "jobs.rss"
    text = path.read_text()
    start, end = text.index("<item>", text.index("</item>")), text.rindex("</item>") + len("</item>")
    path.write_text(text[:start] + text[end:])
    report = ingest(app, sources)[0]
    assert report.closed == 1
    assert active_titles(app) == ["Library Page (Part-Time)"]
    with app.app_context():
        gone = db.session.scalars(sa.select(Listing).where(Listing.external_id == "1002")).one()
        assert gone.status == Listing.REMOVED
    page = client.get(f"/listings/{gone.id}").get_data(as_text=True)
    assert "This opportunity is closed" in page and "no longer lists it" in page


def test_a_broken_source_is_reported_by_name_and_the_rest_load(app, feed_dir) -> None:
    reports = ingest(app, write_sources(feed_dir, ("Broken feed", "rss", "broken.rss"), ("Jobs", "rss", "jobs.rss"),
                                        ("Missing file", "auto", "nowhere.csv")))
    by_name = {r.name: r for r in reports}
    assert by_name["Jobs"].outcome == "ok" and by_name["Jobs"].new == 2
    assert by_name["Broken feed"].failed and "not a readable RSS or Atom feed" in by_name["Broken feed"].error
    assert by_name["Missing file"].failed and "file not found" in by_name["Missing file"].error
    with app.app_context():
        broken = db.session.scalars(sa.select(Source).where(Source.name == "Broken feed")).one()
        assert broken.consecutive_failures == 1 and broken.last_error
        assert db.session.scalar(sa.select(sa.func.count()).select_from(IngestRun)
                                 .where(IngestRun.outcome == IngestRun.FAILED)) == 2


def test_a_failed_run_closes_nothing(app, feed_dir) -> None:
    sources = write_sources(feed_dir, ("Jobs", "rss", "jobs.rss"))
    ingest(app, sources)
    (feed_dir / "jobs.rss").write_text("<rss><channel><title>oops")
    report = ingest(app, sources)[0]
    assert report.failed
    assert active_titles(app) == ["IT Help Desk Intern", "Library Page (Part-Time)"]


def test_an_empty_answer_from_a_source_that_had_listings_keeps_them(app, feed_dir) -> None:
    sources = write_sources(feed_dir, ("Jobs", "rss", "jobs.rss"))
    ingest(app, sources)
    (feed_dir / "jobs.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>')
    report = ingest(app, sources)[0]
    assert report.failed and "earlier listings were kept" in report.error
    assert len(active_titles(app)) == 2


def test_listings_past_their_deadline_expire(app, feed_dir) -> None:
    sources = write_sources(feed_dir, ("Jobs", "rss", "jobs.rss"))
    ingest(app, sources)
    with app.app_context():
        listing = db.session.scalars(sa.select(Listing).where(Listing.external_id == "1001")).one()
        listing.deadline = site_today() - timedelta(days=1)
        db.session.commit()
    ingest(app, sources)
    with app.app_context():
        assert db.session.scalars(sa.select(Listing.status).where(Listing.external_id == "1001")).one() == Listing.EXPIRED
    with app.test_request_context():
        assert search.indexed_count() == 1


def test_the_sources_file_must_be_valid(tmp_path) -> None:
    from ingest.errors import SourcesFileError

    bad = tmp_path / "s.toml"
    for text, message in [("[[source]]\nformat='rss'\nlocation='x'", "'name' is required"),
                          ("[[source]]\nname='a'\nformat='pdf'\nlocation='x'", "unknown format 'pdf'"),
                          ("[[source]]\nname='a'\nlocation='x'\n[[source]]\nname='a'\nlocation='y'", "repeated: a"),
                          ("not toml [", "not valid TOML")]:
        bad.write_text(text)
        with pytest.raises(SourcesFileError, match=message):
            load_sources(bad)
    with pytest.raises(SourcesFileError, match="not found"):
        load_sources(tmp_path / "missing.toml")


def test_unchanged_bytes_skip_parsing_but_a_settings_change_reads_them_again(app, feed_dir) -> None:
    sources = write_sources(feed_dir, ("Jobs", "rss", "jobs.rss"))
    ingest(app, sources)
    again = ingest(app, sources)[0]
    assert (again.outcome, again.unchanged) == ("not-modified", 2)
    # Same bytes, but the source now supplies a default organisation: read it again.
    sources.write_text(sources.read_text() + '[source.defaults]\norganisation = "Sample City"\n')
    changed = ingest(app, sources)[0]
    assert changed.outcome == "ok" and changed.unchanged == 2
