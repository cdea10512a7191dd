"""What the staff pages need from ingest, as an interface ingest fills in.

``tracker/`` never imports ``ingest/`` (the house's walls), yet the sources pages dry-run
a source, list the formats and fetch a source now. So tracker names the operations here
and ``ingest.cli.register_commands(app)`` registers the implementation on each app it
sets up (wsgi.py does it, and the test fixtures). An app without ingest registered shows
the sources but says those actions are not available, rather than failing.

Why not a subprocess (``flask ingest run --source``)? The web process would have to hand
the child its whole configuration, tests could not run it on their own config, and a
dry run that is a function call returns structured results for the preview table. A
fetch runs in a background thread of the web process, under the same one-writer lock
file as every ingest and reindex (tracker.locks).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping, Protocol

from flask import Flask, current_app

EXTENSION_KEY = "tracker.ingest_port"


@dataclass(frozen=True)
class PreviewListing:
    """One listing a dry run would store, as the preview table shows it."""

    title: str
    organisation: str
    kind: str
    pathways: tuple[str, ...]
    min_age: int | None
    max_age: int | None
    pay_status: str
    deadline: date | None
    apply_url: str | None


@dataclass(frozen=True)
class CheckResult:
    """What a dry run found: listings and warnings, or a one-line error."""

    listings: tuple[PreviewListing, ...] = ()
    entries: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None
    detected_format: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.listings)


@dataclass(frozen=True)
class SourceSettings:
    """A source's settings as the staff form holds them (location: an http(s) URL or a file on the server)."""

    name: str
    format: str
    location: str
    enabled: bool = True
    defaults: Mapping[str, Any] = field(default_factory=dict)


class IngestPort(Protocol):
    def formats(self) -> tuple[str, ...]:
        """Return the format names a source may have ('auto' among them)."""

    def check(self, settings: SourceSettings) -> CheckResult:
        """Dry-run the settings: retrieve, parse and normalize, store nothing."""

    def fetch(self, source_id: int, wait_seconds: float) -> None:
        """Ingest one source now, under the writer lock (waiting up to ``wait_seconds``); record the run."""


def register(app: Flask, port: IngestPort) -> None:
    """Make ``port`` the app's ingest (called by ingest.cli.register_commands)."""
    app.extensions[EXTENSION_KEY] = port


def ingest_port() -> IngestPort | None:
    """Return the current app's ingest, or None when this process has none registered."""
    port: IngestPort | None = current_app.extensions.get(EXTENSION_KEY)
    return port
