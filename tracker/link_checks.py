"""What the link checker found at each listing's apply link, and the rule that closes a dead one.

``flask --app wsgi links check`` (ingest/links/) fills this table; the listing page shows
when its link was last checked, and a source's health page lists its failing links.

One row per listing: the URL checked, the day, what came back, and on how many separate
days in a row it failed. A link that fails on FAILING_DAYS_TO_CLOSE separate days closes
its listing with GONE_REASON, the way an editor hides one (Listing.hidden_reason), so a
re-ingest does not bring back a listing whose apply page is gone. The checker keeps
asking; when the link answers again (the page is back, or the feed gave a new link) the
listing reopens. An editor can put it back sooner, which forgives the failures.
"""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db
from tracker.models import Listing, Source, UTCDateTime

FAILING_DAYS_TO_CLOSE = 3
GONE_REASON = "the apply page is gone"
# What one check found. OK: the page answered. MOVED: it answered after a redirect.
# FAILED: gone (404, 410), a server error, no answer in time, or no such host.
# INCONCLUSIVE: the site refused the checker (401, 403, 429) or the link points inside
# the server's own network: it says nothing about the page, so it neither fails nor clears.
OK, MOVED, FAILED, INCONCLUSIVE = "ok", "moved", "failed", "inconclusive"
OUTCOMES = (OK, MOVED, FAILED, INCONCLUSIVE)


class LinkCheck(db.Model):  # type: ignore[name-defined]
    """The latest check of one listing's apply link."""

    __tablename__ = "link_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(sa.ForeignKey("listings.id", name="fk_link_checks_listing_id"),
                                            unique=True)
    url: Mapped[str] = mapped_column(sa.Text)
    checked_on: Mapped[date]
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(sa.String(20))
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(sa.Text)
    final_url: Mapped[str | None] = mapped_column(sa.Text)  # where a moved link ended up
    # Separate days in a row this link failed, and the first of them.
    failing_days: Mapped[int] = mapped_column(default=0)
    failing_since: Mapped[date | None]
    # Validators of the last answer, sent back as a conditional request.
    etag: Mapped[str | None] = mapped_column(sa.String(300))
    last_modified: Mapped[str | None] = mapped_column(sa.String(100))

    listing: Mapped[Listing] = relationship()

    def record(self, outcome: str, today: date, now: datetime, status_code: int | None = None,
               error: str | None = None, final_url: str | None = None) -> None:
        """Note one check's result; a failure counts once per day, an answer clears the count."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        if outcome == FAILED:
            if not self.failing_days or self.checked_on != today:
                self.failing_days = (self.failing_days or 0) + 1
            self.failing_since = self.failing_since or today
        elif outcome in (OK, MOVED):
            self.failing_days, self.failing_since = 0, None
        self.outcome, self.status_code, self.error, self.final_url = outcome, status_code, error, final_url
        self.checked_on, self.checked_at = today, now

    def forget(self, url: str) -> None:
        """Start over for a new URL: the old one's failures and validators do not apply to it."""
        self.url, self.failing_days, self.failing_since = url, 0, None
        self.etag = self.last_modified = None

    @property
    def should_close(self) -> bool:
        return self.failing_days >= FAILING_DAYS_TO_CLOSE


def forgive(listing: Listing) -> None:
    """Forget the failures of the listing's link: an editor put the listing back, having looked."""
    found = db.session.scalar(sa.select(LinkCheck).where(LinkCheck.listing_id == listing.id))
    if found is not None:
        found.failing_days, found.failing_since = 0, None


def latest_check(listing: Listing) -> LinkCheck | None:
    """The check of the listing's current apply link, if there is one."""
    if not listing.apply_url:
        return None
    found = db.session.scalar(sa.select(LinkCheck).where(LinkCheck.listing_id == listing.id))
    return found if found is not None and found.url == listing.apply_url else None


def failing_links(source: Source, limit: int = 200) -> list[LinkCheck]:
    """The source's listings whose link failed at its last check, or which it closed; worst first."""
    return list(db.session.scalars(
        sa.select(LinkCheck).join(Listing, Listing.id == LinkCheck.listing_id)
        .where(Listing.source_id == source.id,
               sa.or_(LinkCheck.failing_days > 0, Listing.hidden_reason == GONE_REASON))
        .order_by(LinkCheck.failing_days.desc(), LinkCheck.failing_since, LinkCheck.id).limit(limit)))


def failing_counts() -> dict[int, int]:
    """How many open listings of each source have a link that failed at its last check, by source id."""
    rows = db.session.execute(
        sa.select(Listing.source_id, sa.func.count()).join(LinkCheck, LinkCheck.listing_id == Listing.id)
        .where(Listing.status == Listing.ACTIVE, LinkCheck.failing_days > 0, LinkCheck.url == Listing.apply_url)
        .group_by(Listing.source_id))
    return {source_id: count for source_id, count in rows.all()}


def init_app(app: Flask) -> None:
    """Let templates ask for a listing's latest link check."""
    app.add_template_global(latest_check, "latest_link_check")
    app.jinja_env.globals.update(link_gone_reason=GONE_REASON, closing_days=FAILING_DAYS_TO_CLOSE)
