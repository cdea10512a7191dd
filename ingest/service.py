"""Ingest as the staff pages use it: the implementation of tracker.staff.ingest_port."""
from __future__ import annotations

import logging

from flask import current_app

from ingest.errors import IngestError
from ingest.parsers import FORMATS, detect_format
from ingest.pipeline import check, run_sources
from ingest.retrieve import retrieve
from ingest.sources import config_from_row, defaults_from_json
from tracker import locks
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import IngestRun, Source, utcnow
from tracker.staff.ingest_port import CheckResult, PreviewListing, SourceSettings

log = logging.getLogger(__name__)


class IngestService:
    """Dry runs and fetches for the staff pages (registered by ingest.cli.register_commands)."""

    def formats(self) -> tuple[str, ...]:
        return tuple(sorted(FORMATS))

    def check(self, settings: SourceSettings) -> CheckResult:
        """Dry-run a source's settings, as `flask ingest check` does; never raise."""
        try:
            retrieved = retrieve(settings.location,
                                 public_only=not current_app.config.get("SOURCES_ALLOW_PRIVATE_HOSTS"))
            content = retrieved.content or b""
            parsed, listings, problems = check(content, settings.format, defaults_from_json(settings.defaults),
                                               site_today())
            detected = detect_format(content) if settings.format == "auto" else None
        except IngestError as exc:
            return CheckResult(error=str(exc))
        except Exception as exc:  # a dry run answers in one line, whatever the input
            return CheckResult(error=f"could not read {settings.location}: {type(exc).__name__}: {exc}")
        preview = tuple(PreviewListing(
            title=listing.title, organisation=listing.organisation, kind=listing.kind,
            pathways=tuple(listing.pathways), min_age=listing.min_age, max_age=listing.max_age,
            pay_status=listing.pay_status, deadline=listing.deadline, apply_url=listing.apply_url,
        ) for listing in listings)
        return CheckResult(listings=preview, entries=len(parsed.entries), warnings=tuple(problems),
                           error=None if preview else "no listings found", detected_format=detected)

    def fetch(self, source_id: int, wait_seconds: float) -> None:
        """Ingest one source under the writer lock; a busy lock is recorded as a 'busy' run."""
        source = db.session.get(Source, source_id)
        if source is None:
            return
        config = config_from_row(source)
        try:
            with locks.exclusive(locks.lock_path(), wait_seconds):
                run_sources([config], site_today(), utcnow())
        except locks.Busy as exc:
            db.session.rollback()
            now = utcnow()
            db.session.add(IngestRun(source_id=source_id, started_at=now, finished_at=now,
                                     outcome=IngestRun.BUSY, error=str(exc)))
            db.session.commit()
        except Exception:  # run_sources records a source's own failures; this is anything else
            log.exception("fetch of source %s failed", source_id)
            db.session.rollback()
        finally:
            source = db.session.get(Source, source_id)
            if source is not None:
                source.fetch_requested_at = None
            db.session.commit()
