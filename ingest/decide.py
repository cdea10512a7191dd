"""Decide what each incoming listing means for the database. Pure: data in, a plan out."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from ingest.records import NormalizedListing

ACTIVE, REMOVED = "active", "removed"
# Hidden by an editor: the source's content still updates it, but never reopens it.
HIDDEN = "hidden"


@dataclass(frozen=True)
class Known:
    """What the database holds for one listing of the source."""

    listing_id: int
    content_hash: str
    status: str


@dataclass(frozen=True)
class Plan:
    new: tuple[NormalizedListing, ...]
    changed: tuple[tuple[int, NormalizedListing], ...]  # includes listings that came back
    unchanged: tuple[int, ...]
    missing: tuple[int, ...]  # active listings the source no longer carries


def decide(known: Mapping[str, Known], incoming: Sequence[NormalizedListing]) -> Plan:
    """Sort incoming listings into new, changed and unchanged, and find the missing ones."""
    new, changed, unchanged = [], [], []
    seen: set[str] = set()
    for listing in incoming:
        seen.add(listing.external_id)
        before = known.get(listing.external_id)
        if before is None:
            new.append(listing)
        # A listing its source dropped and now carries again comes back; an expired one
        # stays expired unless its content (say, the deadline) changed.
        elif before.content_hash != listing.content_hash or before.status == REMOVED:
            changed.append((before.listing_id, listing))
        else:
            unchanged.append(before.listing_id)
    missing = [k.listing_id for ext, k in known.items() if ext not in seen and k.status == ACTIVE]
    return Plan(tuple(new), tuple(changed), tuple(unchanged), tuple(sorted(missing)))
