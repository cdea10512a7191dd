"""Sources managed in the browser: add after a dry run, fix a failing one, fetch now, health."""
from __future__ import annotations

import io
from typing import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.conftest import FIXTURES, build_app, make_config
from tests.staff_helpers import FeedServer, csrf_token, log_in, make_staff, post_form
from tracker.extensions import db
from tracker.models import IngestRun, Listing, Source
from tracker.staff import background
from tracker.staff.models import EDITOR, VIEWER, AuditEntry

RSS = (FIXTURES / "two_jobs.rss").read_bytes()


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    server = FeedServer()
    yield server
    server.stop()


@pytest.fixture
def src_app(tmp_path) -> Iterator[Flask]:
    app = build_app(make_config(tmp_path, SOURCES_ALLOW_PRIVATE_HOSTS=True, STAFF_FETCH_WAIT_SECONDS=5))
    make_staff(app, "ed@example.org", EDITOR)
    make_staff(app, "vi@example.org", VIEWER)
    yield app
    assert background.wait_until_idle(30)
    with app.app_context():
        db.engine.dispose()


def editor(app: Flask):
    client = app.test_client()
    log_in(client, "ed@example.org")
    return client


def source_form(**values: object) -> dict[str, object]:
    return {"name": "City jobs", "format": "auto", "url": "", "enabled": "y", "organisation": "", "kind": "",
            "city": "Birmingham", "state": "al", "zip": "", **values}


def test_check_now_previews_without_storing_then_save(src_app, feeds) -> None:
    feeds.pages["/jobs.rss"] = (200, RSS)
    client = editor(src_app)
    checked = post_form(client, "/staff/sources/new", source_form(url=feeds.url("/jobs.rss"), check="Check now"))
    html = checked.get_data(as_text=True)
    assert checked.status_code == 200
    assert "It would give 2 listings from 2 entries." in html and "Library Page (Part-Time)" in html
    assert "Format detected: feed." in html
    with src_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 0
    saved = post_form(client, "/staff/sources/new", source_form(url=feeds.url("/jobs.rss"), save="Save"),
                      page="/staff/sources/new")
    assert saved.status_code == 302
    with src_app.app_context():
        source = db.session.scalar(sa.select(Source))
        assert source.location == feeds.url("/jobs.rss") and source.defaults["state"] == "AL"
        assert db.session.scalar(sa.select(AuditEntry.action)) == "source.create"


def test_a_failing_url_shows_its_error_and_keeps_the_input(src_app, feeds) -> None:
    client = editor(src_app)
    response = post_form(client, "/staff/sources/new",
                         source_form(name="Broken", url=feeds.url("/missing.rss"), check="Check now"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "It does not work:" in html and "404" in html
    assert f'value="{feeds.url("/missing.rss")}"' in html and 'value="Broken"' in html


def test_form_errors_are_named_beside_their_fields(src_app) -> None:
    client = editor(src_app)
    response = post_form(client, "/staff/sources/new",
                         source_form(name="", url="ftp://example.org/x", zip="352", state="Alabama", save="Save"))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in ("Give the source a name", "starting with http:// or https://", "Use five digits",
                    "two-letter code"):
        assert message in html
    assert 'value="ftp://example.org/x"' in html


def test_private_addresses_are_refused_unless_allowed(tmp_path) -> None:
    app = build_app(make_config(tmp_path))
    make_staff(app, "ed@example.org", EDITOR)
    client = editor(app)
    response = post_form(client, "/staff/sources/new", source_form(url="http://127.0.0.1:9/feed", check="Check now"))
    assert response.status_code == 400
    assert "inside the server&#39;s own network" in response.get_data(as_text=True)


def test_an_uploaded_file_is_checked_then_saved(src_app) -> None:
    client = editor(src_app)
    token = csrf_token(client.get("/staff/sources/new").get_data(as_text=True))
    checked = client.post("/staff/sources/new", content_type="multipart/form-data", data={
        **source_form(name="Partner CSV"), "csrf_token": token, "check": "Check now",
        "upload": (io.BytesIO(RSS), "jobs.rss")})
    html = checked.get_data(as_text=True)
    assert "It would give 2 listings" in html and "Using the file uploaded before" in html
    kept = html.split('name="uploaded" type="hidden" value="')[1].split('"')[0]
    saved = client.post("/staff/sources/new", data={**source_form(name="Partner CSV"), "csrf_token": token,
                                                    "uploaded": kept, "save": "Save"})
    assert saved.status_code == 302
    with src_app.app_context():
        assert db.session.scalar(sa.select(Source.location)).endswith(kept)
    # A name that points outside the uploads folder is refused, not read.
    evil = client.post("/staff/sources/new", data={**source_form(name="Evil"), "csrf_token": token,
                                                   "uploaded": "../../etc/passwd", "check": "Check now"})
    assert evil.status_code == 400


def test_fetch_now_runs_in_the_background_and_the_health_page_shows_it(src_app, feeds) -> None:
    feeds.pages["/jobs.rss"] = (500, b"down")
    client = editor(src_app)
    post_form(client, "/staff/sources/new", source_form(url=feeds.url("/jobs.rss"), save="Save"))
    with src_app.app_context():
        source_id = db.session.scalar(sa.select(Source.id))
    page = f"/staff/sources/{source_id}"
    assert post_form(client, f"{page}/fetch", {}, page=page).status_code == 302
    assert background.wait_until_idle(30)
    html = client.get(page).get_data(as_text=True)
    assert "Failing (1 runs in a row)" in html and "500" in html
    # Fix the feed and fetch again.
    feeds.pages["/jobs.rss"] = (200, RSS)
    post_form(client, f"{page}/fetch", {}, page=page)
    assert background.wait_until_idle(30)
    html = client.get(page).get_data(as_text=True)
    assert "Working" in html and "Library Page (Part-Time)" in html and "Open listings (2)" in html
    health = client.get("/staff/sources").get_data(as_text=True)
    assert "Last 2 runs: 1 worked, 1 failed" in health
    with src_app.app_context():
        outcomes = db.session.scalars(sa.select(IngestRun.outcome).order_by(IngestRun.id)).all()
        assert outcomes == [IngestRun.FAILED, IngestRun.OK]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 2
        assert db.session.scalar(sa.select(Source.fetch_requested_at)) is None


def test_failing_sources_are_listed_first(src_app) -> None:
    with src_app.app_context():
        db.session.add_all([Source(name="A fine one", format="rss", location="x", defaults={}),
                            Source(name="Z broken one", format="rss", location="y", defaults={},
                                   consecutive_failures=3, last_error="the server answered 404")])
        db.session.commit()
    viewer = src_app.test_client()
    log_in(viewer, "vi@example.org")
    html = viewer.get("/staff/sources").get_data(as_text=True)
    assert html.index("Z broken one") < html.index("A fine one")
    assert "1 of 2 sources are failing" in html
    assert "Add a source" not in html  # a viewer only looks


def test_switching_a_source_off_is_audited_and_ingest_skips_it(src_app) -> None:
    with src_app.app_context():
        db.session.add(Source(name="Feed", format="rss", location=str(FIXTURES / "two_jobs.rss"), defaults={}))
        db.session.commit()
        source_id = db.session.scalar(sa.select(Source.id))
    client = editor(src_app)
    page = f"/staff/sources/{source_id}"
    assert post_form(client, f"{page}/switch", {"enabled": "0"}, page=page).status_code == 302
    result = src_app.test_cli_runner().invoke(args=["ingest", "run"])
    assert result.exit_code == 0 and "Feed" not in result.output
    with src_app.app_context():
        assert db.session.scalar(sa.select(AuditEntry.action)) == "source.disable"


def test_import_sources_loads_a_toml_file_and_run_uses_the_table(src_app, tmp_path) -> None:
    (tmp_path / "jobs.rss").write_bytes(RSS)
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nname = "Imported"\nlocation = "jobs.rss"\n[source.defaults]\ncity = "Hoover"\n')
    runner = src_app.test_cli_runner()
    first = runner.invoke(args=["ingest", "import-sources", str(toml)])
    assert first.exit_code == 0 and "1 sources added, 0 updated" in first.output
    again = runner.invoke(args=["ingest", "import-sources", str(toml)])
    assert "0 sources added, 0 updated" in again.output
    run = runner.invoke(args=["ingest", "run"])
    assert run.exit_code == 0, run.output
    assert "Imported" in run.output and "City Youth Jobs" not in run.output  # the table, not SOURCES_FILE
    with src_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 2


def test_a_fetch_lost_with_its_process_can_be_asked_again(src_app) -> None:
    from datetime import timedelta

    from tracker.models import utcnow

    with src_app.app_context():
        source = Source(name="Feed", format="rss", location=str(FIXTURES / "two_jobs.rss"), defaults={},
                        fetch_requested_at=utcnow() - timedelta(minutes=5))
        db.session.add(source)
        db.session.commit()
        source_id = source.id
    client = editor(src_app)
    page = f"/staff/sources/{source_id}"
    assert "Fetching: asked on" in client.get(page).get_data(as_text=True)
    post_form(client, f"{page}/fetch", {}, page=page)
    assert "already waiting or running" in client.get(page).get_data(as_text=True)
    with src_app.app_context():
        db.session.get(Source, source_id).fetch_requested_at = utcnow() - timedelta(hours=2)
        db.session.commit()
    assert "Fetching: asked on" not in client.get(page).get_data(as_text=True)
    post_form(client, f"{page}/fetch", {}, page=page)
    assert background.wait_until_idle(30)
    with src_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) == 2


def test_a_source_file_may_be_larger_than_other_requests(src_app) -> None:
    big = RSS.replace(b"</channel>", b"<!--" + b"x" * (3 * 1024 * 1024) + b"--></channel>")
    assert len(big) > src_app.config["MAX_CONTENT_LENGTH"]
    client = editor(src_app)
    token = csrf_token(client.get("/staff/sources/new").get_data(as_text=True))
    # Encoded here, in memory: the test client would spool a body this size to a file it never closes.
    boundary, body = encode_multipart({**source_form(name="Big file"), "csrf_token": token, "check": "Check now",
                                       "upload": FileStorage(io.BytesIO(big), "big.rss")})
    checked = client.post("/staff/sources/new", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert checked.status_code == 200 and "It would give 2 listings" in checked.get_data(as_text=True)
    # Elsewhere the site's own limit still holds.
    refused = client.post("/staff/account", data={"csrf_token": token, "current_password": "x" * (2 * 1024 * 1024)})
    assert refused.status_code == 413
