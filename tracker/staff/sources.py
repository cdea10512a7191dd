"""Sources as staff manage them: save from the form, switch on and off, fetch now, and health."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from tracker.extensions import db
from tracker.models import IngestRun, Listing, Source
from tracker.staff import audit
from tracker.staff.ingest_port import SourceSettings
from tracker.staff.models import StaffUser

SETTINGS = ("name", "format", "location", "enabled", "defaults")
SPARK_RUNS = 30


def uploads_dir() -> Path:
    return Path(current_app.config["INSTANCE_DIR"]) / "uploads"


def keep_upload(upload: FileStorage) -> str:
    """Store an uploaded source file under instance/uploads; return its name there."""
    content = upload.read()
    name = secure_filename(upload.filename or "") or "upload"
    stored = f"{hashlib.sha256(content).hexdigest()[:16]}-{name[-100:]}"
    folder = uploads_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(content)
    return stored


def upload_path(stored: str) -> str | None:
    """Return the path of a kept upload, or None if the name is not one (never leaves the folder)."""
    if not re.fullmatch(r"[0-9a-f]{16}-[\w.-]{1,100}", stored or "") or ".." in stored:
        return None
    path = uploads_dir() / stored
    return str(path) if path.is_file() else None


def is_upload(location: str) -> bool:
    return Path(location).parent == uploads_dir()


def settings_of(name: str, fmt: str, location: str, enabled: bool, defaults: dict[str, Any]) -> SourceSettings:
    return SourceSettings(name=name, format=fmt, location=location, enabled=enabled, defaults=defaults)


def name_taken(name: str, other_than: Source | None = None) -> bool:
    statement = sa.select(Source.id).where(sa.func.lower(Source.name) == name.lower())
    if other_than is not None:
        statement = statement.where(Source.id != other_than.id)
    return db.session.scalar(statement) is not None


def save(source: Source | None, settings: SourceSettings, by: StaffUser) -> Source:
    """Create or update a source from the form's settings, with an audit entry; the caller commits."""
    values = {"name": settings.name, "format": settings.format, "location": settings.location,
              "enabled": settings.enabled, "defaults": dict(settings.defaults)}
    if source is None:
        source = Source(**values)
        db.session.add(source)
        db.session.flush()
        audit.record(by, "source.create", source, None, values)
        return source
    before = audit.snapshot(source, SETTINGS)
    for key, value in values.items():
        setattr(source, key, value)
    old, new = audit.changed(before, values)
    if new:
        audit.record(by, "source.update", source, old, new)
    return source


def switch(source: Source, enabled: bool, by: StaffUser) -> None:
    """Turn a source on or off; the caller commits."""
    if source.enabled != enabled:
        audit.record(by, "source.enable" if enabled else "source.disable", source,
                     {"enabled": source.enabled}, {"enabled": enabled})
        source.enabled = enabled


# A fetch asked for longer ago than this was lost (its process stopped): it may be asked again.
FETCH_FORGOTTEN_AFTER = timedelta(minutes=30)


def fetch_pending(source: Source, now: datetime) -> bool:
    """Say whether a "fetch now" is waiting or running for ``source``."""
    return source.fetch_requested_at is not None and now - source.fetch_requested_at < FETCH_FORGOTTEN_AFTER


def request_fetch(source: Source, by: StaffUser, now: datetime) -> None:
    """Mark a source as waiting for a fetch; the caller commits, then queues it."""
    source.fetch_requested_at = now
    audit.record(by, "source.fetch_now", source, None, None)


@dataclass(frozen=True)
class Health:
    source: Source
    open_listings: int
    runs: list[IngestRun]  # the last SPARK_RUNS, oldest first

    @property
    def failing(self) -> bool:
        return self.source.consecutive_failures > 0


def health() -> list[Health]:
    """Every source's health, failing ones first (most failures first), then by name."""
    sources = db.session.scalars(sa.select(Source).order_by(Source.consecutive_failures.desc(), Source.name)).all()
    counts = dict(db.session.execute(sa.select(Listing.source_id, sa.func.count())
                                     .where(Listing.status == Listing.ACTIVE).group_by(Listing.source_id)).all())
    ranked = sa.select(IngestRun, sa.func.row_number().over(partition_by=IngestRun.source_id,
                                                            order_by=IngestRun.id.desc()).label("rank")).subquery()
    latest = sa.orm.aliased(IngestRun, ranked)
    runs: dict[int, list[IngestRun]] = {}
    for run in db.session.scalars(sa.select(latest).where(ranked.c.rank <= SPARK_RUNS).order_by(ranked.c.id)):
        runs.setdefault(run.source_id, []).append(run)
    return [Health(s, counts.get(s.id, 0), runs.get(s.id, [])) for s in sources]


def history(source: Source, limit: int = 100) -> list[IngestRun]:
    """The source's latest runs, newest first."""
    return list(db.session.scalars(sa.select(IngestRun).where(IngestRun.source_id == source.id)
                                   .order_by(IngestRun.id.desc()).limit(limit)))


def open_listings(source: Source, limit: int = 200) -> list[Listing]:
    return list(db.session.scalars(sa.select(Listing).where(Listing.source_id == source.id,
                                                            Listing.status == Listing.ACTIVE)
                                   .order_by(Listing.title).limit(limit)))
