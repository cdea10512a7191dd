"""The ingest pipeline: the one place that orders the stages.

retrieve -> parse -> normalize -> dedupe -> store -> index, one source at a time, each
source in its own transaction: a broken source records its error, keeps its earlier
listings, and the others go on.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Iterable

import sqlalchemy as sa

from ingest.decide import decide
from ingest.dedupe import dedupe_within_source
from ingest.errors import IngestError
from ingest.normalize import Skipped, normalize
from ingest.parsers import ParseResult, parse, refuse_unless_meant
from ingest.records import NormalizedListing, RawEntry, SourceDefaults
from ingest.retrieve import retrieve
from ingest.sources import SourceConfig, defaults_to_json
from ingest.store import apply_plan, expire_past_deadline, known_listings, link_cross_source_duplicates
from tracker import index_sync, search
from tracker.extensions import db
from tracker.listings import reindex_all
from tracker.models import IngestRun, Listing, Source

log = logging.getLogger(__name__)
STAGES = ("retrieve", "parse", "normalize", "dedupe", "store", "index")
# The moments between stages, in the order a run reaches them: per source, its content
# is fetched, read, committed with its digest, then indexed; after every source, expiry
# and cross-source duplicates are committed, then indexed. A run may die at any of them;
# tests/test_crash_recovery.py kills one at each and checks the next run makes it whole.
BOUNDARIES = ("retrieved", "parsed", "stored", "indexed", "closed", "finished")
_boundary_hooks: list[Callable[[str], None]] = []
# Bump when parsing or normalizing changes, so unchanged sources are read again.
NORMALIZER_VERSION = 4  # 4: titles and descriptions capped (ingest/limits.py)


@dataclass
class SourceReport:
    name: str
    outcome: str = IngestRun.OK
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.outcome == IngestRun.FAILED


def on_boundary(hook: Callable[[str], None]) -> None:
    """Call ``hook`` with each boundary's name as runs reach it (for fault tests)."""
    _boundary_hooks.append(hook)


def _reached(boundary: str) -> None:
    for hook in _boundary_hooks:
        hook(boundary)


def normalize_all(entries: Iterable[RawEntry], defaults: SourceDefaults,
                  today: date) -> tuple[list[NormalizedListing], list[str], list[str]]:
    """Normalize each entry; return the listings, why entries were skipped, and what was changed to store them."""
    listings: list[NormalizedListing] = []
    problems: list[str] = []
    notes: list[str] = []
    for number, entry in enumerate(entries, 1):
        changed: list[str] = []
        try:
            listings.append(normalize(entry, defaults, today, changed))
        except Skipped as exc:
            problems.append(f"entry {number}: {exc}")
            continue
        notes.extend(f"entry {number}: {note}" for note in changed)
    return listings, problems, notes


def check(content: bytes, fmt: str, defaults: SourceDefaults, today: date) -> tuple[ParseResult, list[NormalizedListing], list[str]]:
    """Run the pure stages on ``content`` without storing anything (for ``ingest check``)."""
    parsed = parse(content, fmt)
    refuse_unless_meant(parsed, defaults.kind)
    listings, problems, notes = normalize_all(parsed.entries, defaults, today)
    listings, _ = dedupe_within_source(listings)
    return parsed, listings, list(parsed.warnings) + problems + notes


def run_sources(configs: Iterable[SourceConfig], today: date, now: datetime,
                progress: Callable[[str], None] | None = None) -> list[SourceReport]:
    """Ingest each enabled source, then expire listings past their deadline."""
    if not search.index_is_current():
        # An upgrade changed the index schema: rebuild it before adding to it.
        reindex_all()
    # A run that died after a commit, or an index that was busy, left the index behind.
    try:
        behind = index_sync.reconcile(today)
    except search.IndexBusy as exc:
        # A staff edit holding the writer must not stop the ingest: the next run catches up.
        log.warning("the search index was not checked against the database: %s", exc)
    else:
        if not behind.clean:
            log.warning("the search index was behind the database; brought in step:\n%s", behind.summary())
    reports = []
    for config in configs:
        if not config.enabled:
            continue
        if progress:
            progress(config.name)
        reports.append(run_source(config, today, now))
    expired = expire_past_deadline(today, now)
    shown, hidden = link_cross_source_duplicates()
    documents = [search.document_for(listing) for listing in shown if listing.is_visible(today)]
    db.session.commit()
    _reached("closed")
    _update_index(documents, expired + hidden, reports)
    _reached("finished")
    return reports


def run_source(config: SourceConfig, today: date, now: datetime) -> SourceReport:
    """Ingest one source in its own transaction and return what happened."""
    source = _source_row(config)
    report = SourceReport(config.name)
    run = IngestRun(source_id=source.id, started_at=now)
    try:
        retrieved = retrieve(config.location, etag=source.etag, last_modified=source.last_modified,
                             public_only=config.public_only)
        _reached("retrieved")
        if retrieved.not_modified or retrieved.content is None:
            report.outcome = IngestRun.NOT_MODIFIED
            report.unchanged = _count_listings(source)
            source.record_success(now)
            _finish(run, report, now)
            return report
        digest = content_digest(retrieved.content, config, today)
        if digest == source.content_digest and source.last_error is None:
            # Same bytes, same day, same code: every entry would come out unchanged.
            report.outcome = IngestRun.NOT_MODIFIED
            report.unchanged = _count_listings(source)
            # The server sent the same bytes under new validators: keep those, or
            # every later run downloads the whole feed again.
            source.etag, source.last_modified = retrieved.etag, retrieved.last_modified
            source.record_success(now)
            _finish(run, report, now)
            return report
        parsed = parse(retrieved.content, config.format)
        refuse_unless_meant(parsed, config.defaults.kind)
        listings, problems, notes = normalize_all(parsed.entries, config.defaults, today)
        listings, duplicates = dedupe_within_source(listings)
        report.warnings = list(parsed.warnings) + problems + notes
        report.skipped = len(problems) + duplicates
        _reached("parsed")
        known = known_listings(source)
        active_before = sum(1 for k in known.values() if k.status == Listing.ACTIVE)
        if not listings and active_before:
            # An empty answer from a source that had listings is far likelier a broken
            # feed than every opportunity closing at once: keep what we have.
            raise IngestError(f"the source returned no listings; its {active_before} earlier listings were kept")
        plan = decide(known, listings)
        to_index, to_drop = apply_plan(source, plan, today, now)
        # Built before the commit, which expires the ORM objects and would reload each one.
        documents = [search.document_for(listing) for listing in to_index]
        report.new, report.updated = len(plan.new), len(plan.changed)
        report.unchanged, report.closed = len(plan.unchanged), len(plan.missing)
        source.etag, source.last_modified = retrieved.etag, retrieved.last_modified
        source.content_digest = digest
        source.record_success(now)
        _finish(run, report, now)  # commits the rows, the digest and the run together
        _reached("stored")
    except IngestError as exc:
        _fail(source.id, run, report, now, str(exc))
        return report
    except Exception as exc:  # a bug or a surprise in one source must not stop the others
        log.exception("ingest of %s failed unexpectedly", config.name)
        _fail(source.id, run, report, now, f"unexpected error: {type(exc).__name__}: {exc}")
        return report
    _update_index(documents, to_drop, [report])
    _reached("indexed")
    return report


def content_digest(content: bytes, config: SourceConfig, today: date) -> str:
    """Return a digest of everything that decides what a source's content normalizes to."""
    shift = (today - config.defaults.rebase_dates_from).days if config.defaults.rebase_dates_from else 0
    key = f"{settings_digest(config)}\x1f{shift}\x1f".encode()
    return hashlib.sha256(key + content).hexdigest()


def _count_listings(source: Source) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Listing).where(Listing.source_id == source.id)) or 0


def settings_digest(config: SourceConfig) -> str:
    """Return a digest of a source's settings and the code that reads it."""
    key = f"{NORMALIZER_VERSION}\x1f{config.format}\x1f{config.location}\x1f{config.defaults}"
    return hashlib.sha256(key.encode()).hexdigest()


def _source_row(config: SourceConfig) -> Source:
    source = db.session.scalar(sa.select(Source).where(Source.name == config.name))
    if source is None:
        source = Source(name=config.name, format=config.format, location=config.location)
        db.session.add(source)
    settings = settings_digest(config)
    if source.settings_digest != settings:
        # New address, format, defaults or normalizer: the old validators and digest
        # would answer "not modified" for content never read this way.
        source.etag = source.last_modified = source.content_digest = None
        source.settings_digest = settings
    source.format, source.location, source.enabled = config.format, config.location, config.enabled
    source.defaults = defaults_to_json(config.defaults)
    db.session.commit()
    return source


def _finish(run: IngestRun, report: SourceReport, now: datetime) -> None:
    run.outcome = report.outcome
    run.new, run.updated, run.unchanged = report.new, report.updated, report.unchanged
    run.closed, run.skipped, run.finished_at = report.closed, report.skipped, now
    db.session.add(run)
    db.session.commit()


def _fail(source_id: int, run: IngestRun, report: SourceReport, now: datetime, reason: str) -> None:
    db.session.rollback()
    source = db.session.get(Source, source_id)
    assert source is not None
    source.record_failure(now, reason)
    report.outcome, report.error = IngestRun.FAILED, reason
    report.new = report.updated = report.unchanged = report.closed = 0
    run.error = reason
    _finish(run, report, now)


def _update_index(documents: list[dict[str, Any]], to_drop: list[int], reports: list[SourceReport]) -> None:
    if not documents and not to_drop:
        return
    try:
        search.apply_changes(documents, to_drop)
    except search.IndexBusy as exc:
        # The database already holds the change: the next run starts by bringing the
        # index in step (index_sync.reconcile), even for sources that did not change.
        for report in reports:
            report.warnings.append(f"search index not updated: {exc}; the next ingest run will catch up")
