"""The tracker's history: a small daily snapshot of aggregate counts, never of people.

counts.py decides what a day counts (pure), models.py holds the two tables, store.py takes,
derives and reads snapshots, cli.py faces the shell. The ingest run takes today's snapshot
when it ends; ``flask snapshots take`` and ``flask snapshots backfill`` do it by hand.
"""
from __future__ import annotations

from flask import Flask

from tracker.snapshots.models import Snapshot, SnapshotCount
from tracker.snapshots.store import HistoryError, Taken, backfill, series, snapshot_days, take

__all__ = ["HistoryError", "Snapshot", "SnapshotCount", "Taken", "backfill", "init_app", "series", "snapshot_days", "take"]


def init_app(app: Flask) -> None:
    """Add the ``snapshots`` command group."""
    from tracker.snapshots.cli import snapshots_cli

    app.cli.add_command(snapshots_cli)
