"""Build listings directly in the database and index, for tests that need exact data."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa

from tracker import search
from tracker.extensions import db
from tracker.models import Listing, Source

_numbers = itertools.count(1)


def add_listings(*specs: dict[str, Any]) -> list[Listing]:
    """Insert listings (fields override sensible defaults) and index the open ones."""
    source = db.session.scalar(sa.select(Source).where(Source.name == "Test source"))
    if source is None:
        source = Source(name="Test source", format="rss", location="/dev/null")
        db.session.add(source)
    now = datetime.now(timezone.utc)
    rows = []
    for spec in specs:
        number = next(_numbers)
        values: dict[str, Any] = {
            "external_id": f"test-{number}", "title": f"Listing {number}", "organisation": "Sample Org",
            "description": "<p>A sample opportunity.</p>", "kind": "internship", "pathways": ["healthcare"],
            "pay_status": "unknown", "work_mode": "onsite", "city": "Birmingham", "state": "AL",
            "status": Listing.ACTIVE, "posted_at": now - timedelta(days=number), "apply_url": f"https://example.org/{number}",
        }
        values.update(spec)
        row = Listing(source=source, **values)
        db.session.add(row)
        rows.append(row)
    db.session.commit()
    search.apply_changes([search.document_for(r) for r in rows if r.status == Listing.ACTIVE], [])
    return rows
