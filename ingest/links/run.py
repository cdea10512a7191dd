"""One link-check run: which links are due, ask each politely, record the answers, close dead listings
and reopen those whose link answers again.

Checking holds no lock: it only writes the link_checks table. Closing listings (and
dropping them from the index) happens under the site's one-writer lock, like every
other change an ingest makes, and looks at every listing whose link has failed on
enough days, so a run that could not take the lock leaves the closing to the next.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from ingest.links.polite import host_of, visit
from ingest.links.probe import Probe, probe
from tracker import corrections, search
from tracker.data_stamp import touch_data_stamp
from tracker.extensions import db
from tracker.link_checks import FAILED, FAILING_DAYS_TO_CLOSE, GONE_REASON, INCONCLUSIVE, MOVED, OK, LinkCheck
from tracker.listings import update_index
from tracker.models import Listing
from tracker.staff import audit


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0
    per_host: int = 1
    delay: float = 1.0
    workers: int = 8
    public_only: bool = True


@dataclass
class CheckReport:
    listings: int = 0
    urls: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: {OK: 0, MOVED: 0, FAILED: 0, INCONCLUSIVE: 0})
    failing: list[tuple[int, str, str]] = field(default_factory=list)  # listing id, url, why


@dataclass
class CloseReport:
    closed: list[tuple[int, str, str]] = field(default_factory=list)  # listing id, title, url
    reopened: list[tuple[int, str, str]] = field(default_factory=list)
    index_error: str | None = None


# When every link of this many hosts or more fails without any server answering, the fault is
# this machine's network (or DNS), not the links: nothing is counted against them.
OFFLINE_HOSTS = 3


class LooksOffline(RuntimeError):
    """No server answered at all: the checker's own network seems to be down."""


# Listings checked and committed together: memory stays flat on a large site, and a run that
# dies keeps what it recorded.
BATCH = 500


def due(today: date, recheck: bool = False) -> list[tuple[int, str]]:
    """(id, apply link) of listings open, or closed by the checker, whose http(s) link is not checked today.

    With ``recheck``, every such listing, checked today or not.
    """
    closed_by_checker = sa.and_(Listing.status == Listing.REMOVED, Listing.hidden_reason == GONE_REASON)
    statement = (sa.select(Listing.id, Listing.apply_url).outerjoin(LinkCheck, LinkCheck.listing_id == Listing.id)
                 .where(sa.or_(sa.and_(Listing.status == Listing.ACTIVE, Listing.hidden_reason.is_(None)),
                               closed_by_checker),
                        sa.or_(Listing.deadline.is_(None), Listing.deadline >= today),
                        sa.or_(Listing.apply_url.like("http://%"), Listing.apply_url.like("https://%"))))
    if not recheck:
        statement = statement.where(sa.or_(LinkCheck.id.is_(None), LinkCheck.checked_on < today,
                                           LinkCheck.url != Listing.apply_url))
    return [(listing_id, str(url)) for listing_id, url in db.session.execute(statement.order_by(Listing.id))]


def check_links(today: date, now: datetime, settings: Settings, recheck: bool = False) -> CheckReport:
    """Check each due listing's apply link (each URL once) and record what it answered; commits each batch."""
    listings = due(today, recheck)
    report = CheckReport(listings=len(listings))
    answers: dict[str, Probe] = {}  # the whole run's: a URL shared across batches is asked once
    for start in range(0, len(listings), BATCH):
        batch = listings[start:start + BATCH]
        checks = {c.listing_id: c for c in db.session.scalars(
            sa.select(LinkCheck).where(LinkCheck.listing_id.in_([listing_id for listing_id, _ in batch])))}
        # Plain values for the worker threads: ORM objects stay in this one.
        validators = {url: (found.etag, found.last_modified) for listing_id, url in batch
                      if (found := checks.get(listing_id)) is not None and found.url == url}

        def ask(url: str) -> Probe:
            etag, last_modified = validators.get(url, (None, None))
            return probe(url, etag, last_modified, timeout=settings.timeout, public_only=settings.public_only)

        fresh = visit([url for _, url in batch if url not in answers], ask, per_host=settings.per_host,
                      delay=settings.delay, workers=settings.workers)
        if _looks_offline(fresh):
            db.session.rollback()
            raise LooksOffline(f"none of {len(fresh)} links on {len({host_of(u) for u in fresh})} hosts got an "
                               f"answer from a server (first: {next(iter(fresh.values())).error}); "
                               "this machine's network or DNS looks down, so nothing was counted against them")
        answers.update(fresh)
        for listing_id, url in batch:
            _record(checks.get(listing_id), listing_id, url, answers[url], today, now, report)
        touch_data_stamp(now)  # listing pages say when their link was last checked
        db.session.commit()
        db.session.expunge_all()  # let this batch's rows go
    report.urls = len(answers)
    return report


def _looks_offline(answers: dict[str, Probe]) -> bool:
    hosts = {host_of(url) for url in answers}
    return len(hosts) >= OFFLINE_HOSTS and all(a.outcome == FAILED and a.status_code is None for a in answers.values())


def _record(check: LinkCheck | None, listing_id: int, url: str, answer: Probe, today: date, now: datetime,
            report: CheckReport) -> None:
    if check is None:
        check = LinkCheck(listing_id=listing_id, url=url, failing_days=0)
        db.session.add(check)
    elif check.url != url:
        check.forget(url)
    check.record(answer.outcome, today, now, answer.status_code, answer.error, answer.final_url)
    if answer.outcome in (OK, MOVED):
        check.etag, check.last_modified = answer.etag, answer.last_modified
    report.outcomes[answer.outcome] += 1
    if answer.outcome == FAILED:
        report.failing.append((listing_id, url, answer.error or ""))


def close_dead_listings(today: date, now: datetime) -> CloseReport:
    """Close each open listing whose current link failed on enough separate days, and reopen each one
    it closed whose link answers again; commits, then updates the index.

    Call under the writer lock (tracker.locks).
    """
    report = CloseReport()
    changed = []
    for listing, check in db.session.execute(
            sa.select(Listing, LinkCheck).join(LinkCheck, LinkCheck.listing_id == Listing.id)
            .where(Listing.status == Listing.ACTIVE, Listing.hidden_reason.is_(None),
                   LinkCheck.url == Listing.apply_url, LinkCheck.failing_days >= FAILING_DAYS_TO_CLOSE)
            .order_by(Listing.id)).all():
        before = {"status": listing.status}
        # Closed as an editor hides a listing: re-ingest leaves it closed; an editor can put it back.
        corrections.hide(listing, GONE_REASON, now)
        audit.record(None, "listing.link_gone", listing, before,
                     {"status": listing.status, "reason": GONE_REASON, "apply_url": check.url,
                      "failing_since": check.failing_since, "last_error": check.error})
        changed.append(listing)
        report.closed.append((listing.id, listing.title, check.url))
    for listing, check in db.session.execute(
            sa.select(Listing, LinkCheck).join(LinkCheck, LinkCheck.listing_id == Listing.id)
            .where(Listing.status == Listing.REMOVED, Listing.hidden_reason == GONE_REASON,
                   LinkCheck.url == Listing.apply_url, LinkCheck.outcome.in_((OK, MOVED)),
                   sa.or_(Listing.deadline.is_(None), Listing.deadline >= today))
            .order_by(Listing.id)).all():
        corrections.unhide(listing, now)
        audit.record(None, "listing.link_back", listing, {"status": Listing.REMOVED, "reason": GONE_REASON},
                     {"status": listing.status, "apply_url": check.url})
        changed.append(listing)
        report.reopened.append((listing.id, listing.title, check.url))
    if not changed:
        return report
    db.session.commit()
    try:
        update_index(changed, today)
    except search.IndexBusy as exc:
        # Searches check each hit against the database, so closed listings are not shown;
        # the next ingest run brings the index in step (tracker.index_sync).
        report.index_error = str(exc)
    return report
