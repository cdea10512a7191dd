"""`flask links check` against a real HTTP server on 127.0.0.1: what it records, the three-day rule
that closes a listing (and reopens it), where its findings show, and its exit codes."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.conftest import build_app, make_config
from tests.factories import add_listings
from tests.link_server import ETAG, LinkServer
from tests.staff_helpers import log_in, make_staff
from tracker import clock
from tracker.extensions import db
from tracker.link_checks import FAILED, GONE_REASON, INCONCLUSIVE, MOVED, OK, LinkCheck
from tracker.models import Listing
from tracker.staff.models import EDITOR, AuditEntry

TIMEOUT = 0.3  # the timing-out link sleeps longer than this; the test stays fast


@pytest.fixture
def site() -> Iterator[LinkServer]:
    server = LinkServer(slow_seconds=1.0)
    yield server
    server.stop()


@pytest.fixture
def checker_app(tmp_path) -> Iterator[Flask]:
    app = build_app(make_config(tmp_path, LINK_CHECK_ALLOW_PRIVATE_HOSTS="1", LINK_CHECK_TIMEOUT=str(TIMEOUT),
                                LINK_CHECK_DELAY="0", LINK_CHECK_PER_HOST="2"))
    yield app
    with app.app_context():
        db.engine.dispose()


# --- the command, the three-day rule, the pages -----------------------------------------

def listing_with(app: Flask, url: str, **spec: object) -> int:
    with app.app_context():
        return add_listings({"apply_url": url, **spec})[0].id


def check_on(app: Flask, day: int, monkeypatch: pytest.MonkeyPatch, *args: str, seconds: float = 0):
    """Run `flask links check` as if ``day`` days (and ``seconds``) from now."""
    moment = datetime.now(timezone.utc) + timedelta(days=day, seconds=seconds)
    monkeypatch.setattr(clock, "utc_now", lambda: moment)
    return app.test_cli_runner().invoke(args=["links", "check", *args])


def check_of(app: Flask, listing_id: int) -> LinkCheck:
    with app.app_context():
        found = db.session.scalar(sa.select(LinkCheck).where(LinkCheck.listing_id == listing_id))
        db.session.expunge_all()
        return found


def test_the_command_records_each_links_answer_and_the_day(checker_app: Flask, site: LinkServer,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    ids = {path: listing_with(checker_app, site.url(path)) for path in ("/live", "/moved", "/gone", "/slow")}
    shared = listing_with(checker_app, site.url("/live"))  # the same link on another listing: asked once
    result = check_on(checker_app, 0, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Checked 4 links of 5 listings: 2 ok, 1 moved, 2 failed, 0 inconclusive." in result.output
    assert f"failing: listing {ids['/gone']}: {site.url('/gone')}: HTTP 404 Not Found" in result.output
    for path, outcome in (("/live", OK), ("/moved", MOVED), ("/gone", FAILED), ("/slow", FAILED)):
        found = check_of(checker_app, ids[path])
        assert (found.url, found.outcome) == (site.url(path), outcome)
        assert found.failing_days == (1 if outcome == FAILED else 0)
    assert check_of(checker_app, shared).outcome == OK
    assert site.seen("/live") == ["HEAD", "HEAD"]  # once for /live, once at the end of /moved's redirect
    assert site.seen("/moved") == ["HEAD"]
    # Once a day: a second run the same day asks nothing; --all asks again without counting a second day.
    assert "Checked 0 links of 0 listings" in check_on(checker_app, 0, monkeypatch).output
    assert check_on(checker_app, 0, monkeypatch, "--all").exit_code == 0
    assert check_of(checker_app, ids["/gone"]).failing_days == 1
    assert site.seen("/live") == ["HEAD"] * 4
    assert [sent for _, path, sent, _ in site.requests if path == "/live"][-1] == ETAG  # conditional


def test_three_separate_failing_days_close_the_listing_and_it_leaves_search(
        checker_app: Flask, site: LinkServer, monkeypatch: pytest.MonkeyPatch) -> None:
    dead = listing_with(checker_app, site.url("/gone"), title="Lifeguard trainee")
    alive = listing_with(checker_app, site.url("/live"), title="Lifeguard helper")
    client = checker_app.test_client()
    assert "Lifeguard trainee" in client.get("/search?q=lifeguard").get_data(as_text=True)
    for day in (0, 1):
        result = check_on(checker_app, day, monkeypatch)
        assert result.exit_code == 0 and "Closed" not in result.output
    assert check_of(checker_app, dead).failing_days == 2
    result = check_on(checker_app, 2, monkeypatch)
    assert result.exit_code == 0
    assert f"Closed listing {dead} (Lifeguard trainee): the apply page is gone: {site.url('/gone')}" in result.output
    with checker_app.app_context():
        listing = db.session.get(Listing, dead)
        assert (listing.status, listing.hidden_reason) == (Listing.REMOVED, GONE_REASON)
        assert db.session.get(Listing, alive).status == Listing.ACTIVE
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "listing.link_gone"))
        assert entry.actor_label == "command line" and entry.target_id == str(dead)
    html = client.get("/search?q=lifeguard").get_data(as_text=True)
    assert "Lifeguard trainee" not in html and "Lifeguard helper" in html
    assert client.get(f"/api/v1/listings?q=lifeguard").get_json()["total"] == 1
    page = client.get(f"/listings/{dead}").get_data(as_text=True)
    assert "This opportunity is closed." in page and "Its apply page is gone" in page
    verified = checker_app.test_cli_runner().invoke(args=["index", "verify"])
    assert verified.exit_code == 0, verified.output


def test_a_link_that_comes_back_starts_counting_again(checker_app: Flask, site: LinkServer,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    listing_id = listing_with(checker_app, site.url("/flaky"))
    site.status["/flaky"] = 503
    check_on(checker_app, 0, monkeypatch)
    check_on(checker_app, 1, monkeypatch)
    site.status["/flaky"] = 200
    check_on(checker_app, 2, monkeypatch)
    assert (check_of(checker_app, listing_id).failing_days, check_of(checker_app, listing_id).failing_since) == (0, None)
    site.status["/flaky"] = 503
    check_on(checker_app, 3, monkeypatch)
    check_on(checker_app, 4, monkeypatch)
    with checker_app.app_context():
        assert db.session.get(Listing, listing_id).status == Listing.ACTIVE


def test_refusals_neither_fail_nor_clear(checker_app: Flask, site: LinkServer, monkeypatch: pytest.MonkeyPatch) -> None:
    listing_id = listing_with(checker_app, site.url("/flaky"))
    site.status["/flaky"] = 404
    check_on(checker_app, 0, monkeypatch)
    site.status["/flaky"] = 403
    for day in (1, 2, 3):
        check_on(checker_app, day, monkeypatch)
    found = check_of(checker_app, listing_id)
    assert (found.outcome, found.failing_days) == (INCONCLUSIVE, 1)


def test_a_new_apply_link_starts_afresh(checker_app: Flask, site: LinkServer, monkeypatch: pytest.MonkeyPatch) -> None:
    listing_id = listing_with(checker_app, site.url("/gone"))
    check_on(checker_app, 0, monkeypatch)
    check_on(checker_app, 1, monkeypatch)
    with checker_app.app_context():
        db.session.get(Listing, listing_id).apply_url = site.url("/live")
        db.session.commit()
    check_on(checker_app, 1, monkeypatch)  # the same day: the new link is due at once
    found = check_of(checker_app, listing_id)
    assert (found.url, found.outcome, found.failing_days) == (site.url("/live"), OK, 0)


def test_closed_and_past_deadline_listings_and_other_links_are_not_checked(
        checker_app: Flask, site: LinkServer, monkeypatch: pytest.MonkeyPatch) -> None:
    listing_with(checker_app, site.url("/a"), status=Listing.EXPIRED)
    listing_with(checker_app, site.url("/b"), deadline=datetime.now(timezone.utc).date() - timedelta(days=3))
    listing_with(checker_app, "mailto:jobs@example.org")
    listing_with(checker_app, None)
    result = check_on(checker_app, 0, monkeypatch)
    assert "Checked 0 links of 0 listings" in result.output
    assert site.requests == []


def test_the_public_listing_says_when_its_link_was_last_checked(checker_app: Flask, site: LinkServer,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    listing_id = listing_with(checker_app, site.url("/live"))
    client = checker_app.test_client()
    before = client.get(f"/listings/{listing_id}")
    assert "Apply link</dt>" not in before.get_data(as_text=True)
    # Validators name the data's change to the second: the check is a second after the listing was made.
    check_on(checker_app, 0, monkeypatch, seconds=1.5)
    monkeypatch.undo()
    after = client.get(f"/listings/{listing_id}", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200  # the check moved the data stamp: no stale 304
    html = after.get_data(as_text=True)
    with checker_app.app_context():
        day = db.session.scalar(sa.select(LinkCheck.checked_on))
    assert f'Apply link</dt><dd>last checked <time datetime="{day.isoformat()}">' in html
    spanish = client.get(f"/listings/{listing_id}?lang=es").get_data(as_text=True)
    assert "<dt>Enlace para solicitar</dt><dd>revisado por última vez el <time" in spanish


def test_failing_links_show_on_the_sources_health_page(checker_app: Flask, site: LinkServer,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dead = listing_with(checker_app, site.url("/gone"), title="Pool attendant")
    listing_with(checker_app, site.url("/live"), title="Park ranger aide")
    for day in (0, 1, 2):
        check_on(checker_app, day, monkeypatch)
    make_staff(checker_app, "ed@example.org", EDITOR)
    client = checker_app.test_client()
    log_in(client, "ed@example.org")
    with checker_app.app_context():
        source_id = db.session.get(Listing, dead).source_id
    html = client.get(f"/staff/sources/{source_id}").get_data(as_text=True)
    section = html[html.index("Failing apply links"):]
    assert "Pool attendant" in section and "closed: the apply page is gone" in section
    assert "HTTP 404 Not Found" in section and "Park ranger aide" not in section.split("</table>")[0]


def test_exit_code_3_when_another_writer_holds_the_lock(checker_app: Flask, site: LinkServer,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker import locks

    listing_id = listing_with(checker_app, site.url("/gone"))
    for day in (0, 1):
        check_on(checker_app, day, monkeypatch)
    with checker_app.app_context(), locks.writer():
        result = check_on(checker_app, 2, monkeypatch, "--wait", "0")
    assert result.exit_code == 3
    assert "Not closing listings now" in result.output
    assert check_of(checker_app, listing_id).failing_days == 3  # recorded; the next run closes it
    assert "Closed listing" in check_on(checker_app, 2, monkeypatch).output


def close_by_checker(app: Flask, site: LinkServer, monkeypatch: pytest.MonkeyPatch, path: str = "/flaky") -> int:
    """A listing whose link failed on three days, so the checker closed it."""
    listing_id = listing_with(app, site.url(path), title="Museum guide")
    site.status[path] = 404
    for day in (0, 1, 2):
        check_on(app, day, monkeypatch)
    with app.app_context():
        assert db.session.get(Listing, listing_id).hidden_reason == GONE_REASON
    return listing_id


def test_a_closed_listing_reopens_when_its_page_is_back(checker_app: Flask, site: LinkServer,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    listing_id = close_by_checker(checker_app, site, monkeypatch)
    check_on(checker_app, 3, monkeypatch)  # still gone: still closed
    assert check_of(checker_app, listing_id).failing_days == 4
    site.status["/flaky"] = 200
    result = check_on(checker_app, 4, monkeypatch)
    assert f"Reopened listing {listing_id} (Museum guide): its apply link answers again" in result.output
    with checker_app.app_context():
        listing = db.session.get(Listing, listing_id)
        assert (listing.status, listing.hidden_reason) == (Listing.ACTIVE, None)
        actions = list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions == ["listing.link_gone", "listing.link_back"]
    monkeypatch.undo()
    assert "Museum guide" in checker_app.test_client().get("/search?q=museum").get_data(as_text=True)


def test_a_closed_listing_with_a_new_link_from_its_feed_reopens(checker_app: Flask, site: LinkServer,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    listing_id = close_by_checker(checker_app, site, monkeypatch)
    with checker_app.app_context():
        db.session.get(Listing, listing_id).apply_url = site.url("/live")  # as a re-ingest writes it
        db.session.commit()
    assert "Reopened listing" in check_on(checker_app, 2, monkeypatch).output  # due at once: a new link


def test_an_editor_who_puts_it_back_is_not_overruled_the_same_day(checker_app: Flask, site: LinkServer,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.staff_helpers import post_form

    listing_id = close_by_checker(checker_app, site, monkeypatch)
    make_staff(checker_app, "ed@example.org", EDITOR)
    client = checker_app.test_client()
    log_in(client, "ed@example.org")
    page = f"/staff/listings/{listing_id}"
    assert "the apply page is gone" in client.get(page).get_data(as_text=True)
    assert post_form(client, f"{page}/restore", {}, page=page).status_code == 302
    result = check_on(checker_app, 2, monkeypatch)
    assert "Closed" not in result.output
    with checker_app.app_context():
        assert db.session.get(Listing, listing_id).status == Listing.ACTIVE
    assert check_of(checker_app, listing_id).failing_days == 0
    # The count starts again: three more failing days close it again.
    for day in (3, 4):
        assert "Closed" not in check_on(checker_app, day, monkeypatch).output
    assert "Closed listing" in check_on(checker_app, 5, monkeypatch).output


def test_exit_code_1_when_the_index_was_busy(checker_app: Flask, site: LinkServer,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.links import run
    from tracker import search

    listing_id = listing_with(checker_app, site.url("/gone"), title="Zookeeper aide")
    for day in (0, 1):
        check_on(checker_app, day, monkeypatch)

    def busy(listings: object, today: object = None) -> None:
        raise search.IndexBusy("another process is writing the index")

    monkeypatch.setattr(run, "update_index", busy)
    result = check_on(checker_app, 2, monkeypatch)
    assert result.exit_code == 1
    assert "Search index not updated: another process is writing the index" in result.output
    monkeypatch.undo()
    with checker_app.app_context():
        assert db.session.get(Listing, listing_id).status == Listing.REMOVED
    # Searches check hits against the database: the closed listing is not shown meanwhile.
    assert "Zookeeper aide" not in checker_app.test_client().get("/search?q=zookeeper").get_data(as_text=True)


def test_quiet_prints_only_what_needs_reading(checker_app: Flask, site: LinkServer,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    listing_with(checker_app, site.url("/live"))
    dead = listing_with(checker_app, site.url("/gone"), title="Usher")
    assert check_on(checker_app, 0, monkeypatch, "--quiet").output == ""
    check_on(checker_app, 1, monkeypatch, "--quiet")
    result = check_on(checker_app, 2, monkeypatch, "--quiet")
    assert result.exit_code == 0
    assert result.output.strip() == f"Closed listing {dead} (Usher): the apply page is gone: {site.url('/gone')}"


def test_checks_close_and_reopen_on_postgresql(pg_app: Flask, site: LinkServer, monkeypatch: pytest.MonkeyPatch) -> None:
    pg_app.config.update(LINK_CHECK_ALLOW_PRIVATE_HOSTS="1", LINK_CHECK_TIMEOUT=str(TIMEOUT), LINK_CHECK_DELAY="0")
    listing_id = close_by_checker(pg_app, site, monkeypatch)
    assert check_of(pg_app, listing_id).failing_days == 3
    site.status["/flaky"] = 200
    assert "Reopened listing" in check_on(pg_app, 3, monkeypatch).output
    with pg_app.app_context():
        assert db.session.get(Listing, listing_id).status == Listing.ACTIVE


def test_batches_commit_apart_and_a_shared_link_is_asked_once_across_them(
        checker_app: Flask, site: LinkServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.links import run

    monkeypatch.setattr(run, "BATCH", 2)
    ids = [listing_with(checker_app, site.url(path)) for path in ("/live", "/gone", "/moved", "/live", "/gone")]
    result = check_on(checker_app, 0, monkeypatch)
    assert "Checked 3 links of 5 listings: 2 ok, 1 moved, 2 failed" in result.output
    assert site.seen("/live") == ["HEAD", "HEAD"]  # its own, and the end of /moved's redirect
    assert site.seen("/gone") == ["HEAD", "GET"]  # HEAD refused, then GET: once for both listings
    assert [check_of(checker_app, i).outcome for i in ids] == [OK, FAILED, MOVED, OK, FAILED]


def test_the_sources_list_counts_each_sources_failing_links(checker_app: Flask, site: LinkServer,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    listing_with(checker_app, site.url("/gone"))
    listing_with(checker_app, site.url("/gone-for-good"))
    listing_with(checker_app, site.url("/live"))
    check_on(checker_app, 0, monkeypatch)
    make_staff(checker_app, "vi@example.org", "viewer")
    client = checker_app.test_client()
    log_in(client, "vi@example.org")
    html = client.get("/staff/sources").get_data(as_text=True)
    assert '#failing-links">2</a></td>' in html


def test_when_no_server_answers_at_all_nothing_counts_against_the_links(
        checker_app: Flask, site: LinkServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing listens on port 1 of these loopback addresses: every host refuses the connection.
    ids = [listing_with(checker_app, f"http://127.0.0.{n}:1/jobs") for n in (1, 2, 3)]
    result = check_on(checker_app, 0, monkeypatch)
    assert result.exit_code == 4
    assert "none of 3 links on 3 hosts got an answer from a server (first: connection refused)" in result.output
    assert [check_of(checker_app, i) for i in ids] == [None, None, None]


def test_a_few_unreachable_hosts_among_answering_ones_do_fail(checker_app: Flask, site: LinkServer,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    dead = [listing_with(checker_app, f"http://127.0.0.{n}:1/jobs") for n in (2, 3, 4)]
    listing_with(checker_app, site.url("/gone"))  # one server does answer (a 404 is an answer)
    result = check_on(checker_app, 0, monkeypatch)
    assert result.exit_code == 0
    assert [check_of(checker_app, i).outcome for i in dead] == [FAILED] * 3


def test_the_staff_home_counts_failing_links(checker_app: Flask, site: LinkServer,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    listing_with(checker_app, site.url("/gone"))
    listing_with(checker_app, site.url("/live"))
    make_staff(checker_app, "vi@example.org", "viewer")
    client = checker_app.test_client()
    log_in(client, "vi@example.org")
    assert "failed at its last check" not in client.get("/staff/").get_data(as_text=True)
    check_on(checker_app, 0, monkeypatch)
    assert "1 open listing has an apply link that failed at its last check." in \
        client.get("/staff/").get_data(as_text=True)
