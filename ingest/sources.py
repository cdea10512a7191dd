"""Which feeds, APIs and files to ingest, and their defaults: the TOML file, and the sources table."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Mapping

import sqlalchemy as sa
from flask import current_app

from ingest.errors import SourcesFileError
from ingest.parsers import FORMATS
from ingest.records import SourceDefaults
from tracker.extensions import db
from tracker.models import Source
from tracker.staff import audit


@dataclass(frozen=True)
class SourceConfig:
    name: str
    format: str
    location: str  # an http(s) URL or a path (relative paths are from the sources file)
    enabled: bool = True
    defaults: SourceDefaults = field(default_factory=SourceDefaults)
    # Set for sources staff manage: fetch only from public addresses (ingest.http_opener).
    public_only: bool = False


def load_sources(path: str | Path) -> list[SourceConfig]:
    """Read and check a sources file; raise SourcesFileError naming the problem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesFileError(f"sources file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"sources file {path} is not valid TOML: {exc}") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise SourcesFileError(f"{path}: use [[source]] tables for sources")
    sources = [_source(entry, path.parent, number) for number, entry in enumerate(entries, 1)]
    names = [s.name for s in sources]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SourcesFileError(f"{path}: source names must be unique; repeated: {', '.join(duplicates)}")
    return sources


def _source(entry: Any, base: Path, number: int) -> SourceConfig:
    where = f"source #{number}"
    if not isinstance(entry, dict):
        raise SourcesFileError(f"{where}: expected a table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesFileError(f"{where}: 'name' is required")
    where = f"source {name!r}"
    fmt = entry.get("format", "auto")
    if fmt not in FORMATS:
        raise SourcesFileError(f"{where}: unknown format {fmt!r}; use one of {', '.join(sorted(FORMATS))}")
    location = entry.get("location")
    if not isinstance(location, str) or not location.strip():
        raise SourcesFileError(f"{where}: 'location' (a URL or a file path) is required")
    if "://" not in location:
        location = str((base / location).resolve())
    raw_defaults = entry.get("defaults", {})
    anchor = entry.get("rebase_dates_from")
    if anchor is not None and not isinstance(anchor, date):
        raise SourcesFileError(f"{where}: 'rebase_dates_from' must be a date like 2026-11-01")
    pathways = raw_defaults.get("pathways", [])
    if isinstance(pathways, str):
        pathways = [pathways]
    defaults = SourceDefaults(
        organisation=raw_defaults.get("organisation"), kind=raw_defaults.get("kind"),
        pathways=tuple(pathways), city=raw_defaults.get("city"), state=raw_defaults.get("state"),
        zip=raw_defaults.get("zip"), rebase_dates_from=anchor,
    )
    return SourceConfig(name=name.strip(), format=fmt, location=location,
                        enabled=bool(entry.get("enabled", True)), defaults=defaults)


# ---- Sources in the database (issue 14): the table is the truth once staff manage it.

DEFAULT_KEYS = ("organisation", "kind", "pathways", "city", "state", "zip", "rebase_dates_from")


def defaults_to_json(defaults: SourceDefaults) -> dict[str, Any]:
    """Return a source's defaults as the ``sources.defaults`` column holds them."""
    return {
        "organisation": defaults.organisation, "kind": defaults.kind, "pathways": list(defaults.pathways),
        "city": defaults.city, "state": defaults.state, "zip": defaults.zip,
        "rebase_dates_from": defaults.rebase_dates_from.isoformat() if defaults.rebase_dates_from else None,
    }


def defaults_from_json(raw: Mapping[str, Any] | None) -> SourceDefaults:
    """Return the defaults a ``sources.defaults`` value (or a staff form) holds."""
    raw = raw or {}
    anchor = raw.get("rebase_dates_from")
    pathways = raw.get("pathways") or ()
    return SourceDefaults(
        organisation=raw.get("organisation") or None, kind=raw.get("kind") or None,
        pathways=tuple([pathways] if isinstance(pathways, str) else pathways),
        city=raw.get("city") or None, state=raw.get("state") or None, zip=raw.get("zip") or None,
        rebase_dates_from=date.fromisoformat(anchor) if isinstance(anchor, str) and anchor else None,
    )


def config_from_row(source: Source) -> SourceConfig:
    """Return the settings a sources row holds, as the pipeline takes them."""
    return SourceConfig(name=source.name, format=source.format, location=source.location,
                        enabled=source.enabled, defaults=defaults_from_json(source.defaults),
                        public_only=not current_app.config.get("SOURCES_ALLOW_PRIVATE_HOSTS"))


def managed_in_database() -> bool:
    """Say whether staff manage the sources in the table (some row has its settings there)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Source)
                             .where(Source.defaults.is_not(None))) != 0


def import_sources(path: str | Path) -> tuple[int, int]:
    """Add or update the sources of a TOML file in the table (matched by name); return (added, updated)."""
    added = updated = 0
    for config in load_sources(path):
        row = db.session.scalar(sa.select(Source).where(Source.name == config.name))
        settings = {"format": config.format, "location": config.location, "enabled": config.enabled,
                    "defaults": defaults_to_json(config.defaults)}
        if row is None:
            row = Source(name=config.name, **settings)
            db.session.add(row)
            db.session.flush()
            audit.record(None, "source.import", row, None, settings)
            added += 1
            continue
        before = audit.snapshot(row, settings)
        if before != settings:
            for key, value in settings.items():
                setattr(row, key, value)
            audit.record(None, "source.import", row, *audit.changed(before, settings))
            updated += 1
    db.session.commit()
    return added, updated
