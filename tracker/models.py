"""Database models: the source of truth that the search index is rebuilt from."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Store aware datetimes as UTC and hand them back aware, on SQLite as on PostgreSQL."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC datetimes")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        # SQLite has no time zones: values come back naive but were stored as UTC.
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def index_version(content_hash: str | None, updated_at: datetime | None) -> int:
    """Return a number that changes whenever a listing's indexed content may have changed.

    The index keeps it beside each document, so a document older than its row shows.
    Every writer of listings sets ``updated_at``; the content hash also tells apart two
    changes stamped with the same time.
    """
    micros = (updated_at - _EPOCH) // timedelta(microseconds=1) if updated_at is not None else 0
    digest = hashlib.blake2b(f"{content_hash or ''}\x1f{micros}".encode(), digest_size=7).digest()
    return int.from_bytes(digest, "big")  # 56 bits: a signed 64-bit index column holds it


class Source(db.Model):  # type: ignore[name-defined]
    """A feed, API or file that listings are ingested from, and its health."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    format: Mapped[str] = mapped_column(sa.String(40))
    location: Mapped[str] = mapped_column(sa.Text)
    enabled: Mapped[bool] = mapped_column(default=True)
    etag: Mapped[str | None] = mapped_column(sa.String(300))
    last_modified: Mapped[str | None] = mapped_column(sa.String(100))
    # Digest of the last content stored successfully: the same bytes again need no work.
    content_digest: Mapped[str | None] = mapped_column(sa.String(64))
    # Digest of the settings the validators and content digest above were earned under.
    settings_digest: Mapped[str | None] = mapped_column(sa.String(64))
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # organisation, kind, pathways, city, state, zip, rebase_dates_from for entries that
    # leave them out. Null on rows made before sources lived here (ingest.sources.managed_in_database).
    defaults: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    # Set while a "fetch now" from the staff pages is waiting or running.
    fetch_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    listings: Mapped[list[Listing]] = relationship(back_populates="source")
    runs: Mapped[list[IngestRun]] = relationship(back_populates="source", order_by="IngestRun.id.desc()")

    def record_success(self, when: datetime) -> None:
        """Mark a run that parsed and stored without error."""
        self.last_run_at = self.last_success_at = when
        self.last_error = None
        self.consecutive_failures = 0

    def record_failure(self, when: datetime, reason: str) -> None:
        """Mark a failed run; the source's listings are left as they were."""
        self.last_run_at = when
        self.last_error = reason
        self.consecutive_failures += 1


class Listing(db.Model):  # type: ignore[name-defined]
    """One opportunity: every field DESIGN.md names, plus where it came from."""

    __tablename__ = "listings"
    __table_args__ = (sa.UniqueConstraint("source_id", "external_id", name="uq_listing_source_external"),)

    # What a listing is now. Ingest moves listings between active, expired and removed.
    # A partner's submission is a draft until the partner confirms their e-mail, then
    # pending (in review) until an editor approves or rejects it: draft → pending →
    # active / rejected → expired / removed. Change it only through the methods below,
    # which keep closed_at and updated_at right.
    ACTIVE, EXPIRED, REMOVED, PENDING, REJECTED = "active", "expired", "removed", "pending", "rejected"
    DRAFT = "draft"
    STATUSES = (ACTIVE, EXPIRED, REMOVED, PENDING, REJECTED, DRAFT)
    # Statuses whose page the public may open: a closed listing's page stays up and says
    # it closed (people follow old links); pending and rejected ones were never public.
    PUBLISHED = (ACTIVE, EXPIRED, REMOVED)
    # Longest text any writer stores (see ingest/limits.py for how they were chosen).
    TITLE_LIMIT, DESCRIPTION_LIMIT = 300, 20_000

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("sources.id"), index=True)
    external_id: Mapped[str] = mapped_column(sa.String(300))
    status: Mapped[str] = mapped_column(sa.String(20), default=ACTIVE, index=True)

    title: Mapped[str] = mapped_column(sa.String(300))
    organisation: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[str] = mapped_column(sa.String(40), index=True)
    pathways: Mapped[list[str]] = mapped_column(sa.JSON, default=list)

    min_age: Mapped[int | None]
    max_age: Mapped[int | None]
    min_grade: Mapped[int | None]
    max_grade: Mapped[int | None]
    eligibility_text: Mapped[str | None] = mapped_column(sa.Text)

    pay_status: Mapped[str] = mapped_column(sa.String(20), default="unknown")
    pay_min: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    pay_max: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    pay_period: Mapped[str | None] = mapped_column(sa.String(20))
    pay_text: Mapped[str | None] = mapped_column(sa.Text)

    hours_per_week: Mapped[int | None]
    schedule_text: Mapped[str | None] = mapped_column(sa.Text)
    season: Mapped[str | None] = mapped_column(sa.String(40))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]

    address: Mapped[str | None] = mapped_column(sa.String(300))
    city: Mapped[str | None] = mapped_column(sa.String(120))
    state: Mapped[str | None] = mapped_column(sa.String(2))
    zip: Mapped[str | None] = mapped_column(sa.String(10), index=True)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    # True when the coordinates are the place itself (the source gave them), False when
    # they are only the centre of its ZIP code: too rough to say how far a bus stop is.
    place_exact: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    work_mode: Mapped[str | None] = mapped_column(sa.String(20))
    transport_provided: Mapped[bool | None]
    transport_note: Mapped[str | None] = mapped_column(sa.Text)
    # Derived from the transit feed (ingest/transit.py), never from the source: the nearest
    # served stop within a walk. transit_routes is None when unknown (no feed, or no exact
    # place), [] when no served stop is within the walk.
    transit_routes: Mapped[list[str] | None] = mapped_column(sa.JSON(none_as_null=True))
    transit_stop: Mapped[str | None] = mapped_column(sa.String(200))
    transit_walk_minutes: Mapped[int | None]

    deadline: Mapped[date | None] = mapped_column(index=True)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    apply_url: Mapped[str | None] = mapped_column(sa.Text)
    # How to apply when there is no page to apply on (partner submissions), as plain text.
    apply_instructions: Mapped[str | None] = mapped_column(sa.Text)
    content_hash: Mapped[str] = mapped_column(sa.String(64), default="")
    fingerprint: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    # Set when another source carries the same opportunity: that listing is shown instead.
    duplicate_of_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("listings.id", name="fk_listings_duplicate_of_id"), index=True)

    # Editors' corrections, which survive re-ingest (tracker/corrections.py): per field the
    # staff value and the feed's value when reviewed; and the feed's latest values.
    corrections: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    feed_values: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    # Why an editor hid the listing; ingest leaves a hidden listing removed.
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)

    source: Mapped[Source] = relationship(back_populates="listings")
    duplicate_of: Mapped[Listing | None] = relationship(remote_side=[id], back_populates="duplicates")
    duplicates: Mapped[list[Listing]] = relationship(back_populates="duplicate_of")

    # --- the one visibility rule -----------------------------------------------------
    # A listing is visible (found by searches, the API, feeds, calendars, the embed, the
    # sitemap, and held in the index) when it is active, its deadline has not passed and
    # no other source's copy of it is shown instead. visible() says it in SQL,
    # is_visible() in Python; the two are tested against each other. The index holds
    # only visible listings, and masks deadlines at query time because a deadline passes
    # at midnight with no write (tracker.search's "open" mask).

    @classmethod
    def visible(cls, today: date | sa.BindParameter[date]) -> sa.ColumnElement[bool]:
        """Return the SQL condition for listings the public finds: active, not past deadline, not a duplicate.

        ``today`` may be a bound parameter, for a statement built once and run with each day's date.
        """
        return sa.and_(cls.status == cls.ACTIVE, sa.or_(cls.deadline.is_(None), cls.deadline >= today),
                       cls.duplicate_of_id.is_(None))

    def is_visible(self, today: date) -> bool:
        """Say whether the public finds this listing (the Python twin of visible())."""
        return self.is_open(today) and self.duplicate_of_id is None

    @property
    def index_version(self) -> int:
        """This row's version as the search index records it (see index_version())."""
        return index_version(self.content_hash, self.updated_at)

    def is_open(self, today: date) -> bool:
        """Say whether people can still apply (a duplicate is open too; its original is shown)."""
        return self.status == self.ACTIVE and (self.deadline is None or self.deadline >= today)

    @classmethod
    def published(cls) -> sa.ColumnElement[bool]:
        """Return the SQL condition for listings whose page the public may open (open or closed)."""
        return cls.status.in_(cls.PUBLISHED)

    @property
    def is_published(self) -> bool:
        """Say whether the public may open this listing's page (the Python twin of published())."""
        return self.status in self.PUBLISHED

    # --- status changes ----------------------------------------------------------------

    def approve(self, when: datetime) -> None:
        """Publish a partner submission an editor has checked (or reconsidered after rejecting)."""
        self._change_status(self.ACTIVE, allowed_from=(self.PENDING, self.REJECTED))
        self.updated_at, self.closed_at = when, None  # it appears in feeds and the API now

    def submit_for_review(self, when: datetime) -> None:
        """Put a partner's listing in the moderation queue: confirmed, or edited after approval or rejection."""
        self._change_status(self.PENDING, allowed_from=(self.DRAFT, self.PENDING, self.ACTIVE, self.REJECTED,
                                                        self.EXPIRED))
        self.updated_at, self.closed_at = when, None

    def reject(self, when: datetime) -> None:
        """Refuse a submission, or take a published one down for good after review."""
        self._change_status(self.REJECTED, allowed_from=(self.PENDING, self.ACTIVE))
        self.closed_at = when

    def expire(self, when: datetime) -> None:
        """Close the listing because its deadline has passed."""
        self._change_status(self.EXPIRED, allowed_from=(self.ACTIVE, self.EXPIRED))
        self.closed_at = when

    def remove(self, when: datetime) -> None:
        """Close the listing because its source no longer carries it (an editor hid it, its partner closed it)."""
        self._change_status(self.REMOVED, allowed_from=(self.ACTIVE, self.EXPIRED, self.PENDING, self.DRAFT))
        self.closed_at = when

    def restore(self, when: datetime) -> None:
        """Make a closed listing active again (it came back in its source, or an editor undid a removal).

        Never from pending or rejected: only approve() publishes what moderation holds back.
        """
        self._change_status(self.ACTIVE, allowed_from=(self.ACTIVE, self.EXPIRED, self.REMOVED))
        self._reopened(when)

    def _change_status(self, status: str, allowed_from: tuple[str, ...]) -> None:
        if self.status not in allowed_from:
            raise StatusChangeError(f"listing {self.id}: cannot go from {self.status} to {status}")
        self.status = status

    def _reopened(self, when: datetime) -> None:
        if self.closed_at is not None:
            # Last-Modified (feeds, API) is the newest updated_at or closed_at: clearing
            # closed_at must not move it back.
            self.updated_at, self.closed_at = when, None
        elif self.updated_at is None:
            self.updated_at = when


class StatusChangeError(ValueError):
    """A status change that would skip moderation or make no sense (e.g. approving an expired listing)."""


class TransitFeed(db.Model):  # type: ignore[name-defined]
    """The operator's GTFS feed (GTFS_URL): validators for conditional GET, and its health."""

    __tablename__ = "transit_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    location: Mapped[str] = mapped_column(sa.Text)
    etag: Mapped[str | None] = mapped_column(sa.String(300))
    last_modified: Mapped[str | None] = mapped_column(sa.String(100))
    content_digest: Mapped[str | None] = mapped_column(sa.String(64))
    # The day served stops were last worked out for: service is a matter of dates.
    evaluated_on: Mapped[date | None]
    service_start: Mapped[date | None]
    service_end: Mapped[date | None]
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    consecutive_failures: Mapped[int] = mapped_column(default=0)


class TransitStop(db.Model):  # type: ignore[name-defined]
    """A stop with service, from the transit feed, and the routes that serve it."""

    __tablename__ = "transit_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    stop_id: Mapped[str] = mapped_column(sa.String(200))
    name: Mapped[str] = mapped_column(sa.String(200))
    latitude: Mapped[float]
    longitude: Mapped[float]
    routes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)


class DataVersion(db.Model):  # type: ignore[name-defined]
    """One row that every writer of listings moves in its own transaction (tracker.data_stamp).

    The API, feeds and sitemap read it for Last-Modified in one lookup instead of
    scanning every listing for the newest change.
    """

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IngestRun(db.Model):  # type: ignore[name-defined]
    """One attempt to ingest one source, with what it changed."""

    __tablename__ = "ingest_runs"

    OK, FAILED, NOT_MODIFIED = "ok", "failed", "not-modified"
    # A "fetch now" that found another ingest or reindex running and did not wait longer.
    BUSY = "busy"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(sa.ForeignKey("sources.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(sa.String(20), default=OK)
    new: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    closed: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(sa.Text)

    source: Mapped[Source] = relationship(back_populates="runs")


class IndicatorValue(db.Model):  # type: ignore[name-defined]
    """One published figure for a cradle-to-career milestone, loaded from the indicator CSV."""

    __tablename__ = "indicator_values"
    __table_args__ = (
        sa.UniqueConstraint("milestone", "indicator", "place", "sort_year", name="uq_indicator_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone: Mapped[str] = mapped_column(sa.String(80), index=True)
    indicator: Mapped[str] = mapped_column(sa.String(80))
    place: Mapped[str] = mapped_column(sa.String(80))
    # As people write it ("2021–22", "class of 2023"), and a year to sort and plot by.
    year: Mapped[str] = mapped_column(sa.String(40))
    sort_year: Mapped[int]
    value: Mapped[Decimal] = mapped_column(sa.Numeric(12, 3))
    unit: Mapped[str] = mapped_column(sa.String(20))
    source: Mapped[str] = mapped_column(sa.String(300))
    source_url: Mapped[str | None] = mapped_column(sa.Text)
    note: Mapped[str | None] = mapped_column(sa.Text)
    note_es: Mapped[str | None] = mapped_column(sa.Text)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
