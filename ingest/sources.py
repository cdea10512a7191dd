"""The sources file: which feeds, APIs and files to ingest, and their defaults."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ingest.errors import SourcesFileError
from ingest.parsers import FORMATS
from ingest.records import SourceDefaults


@dataclass(frozen=True)
class SourceConfig:
    name: str
    format: str
    location: str  # an http(s) URL or a path (relative paths are from the sources file)
    enabled: bool = True
    defaults: SourceDefaults = field(default_factory=SourceDefaults)


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
