"""Dedupe: one listing per opportunity within a source. Pure."""
from __future__ import annotations

from typing import Iterable

from ingest.records import NormalizedListing


def dedupe_within_source(listings: Iterable[NormalizedListing]) -> tuple[list[NormalizedListing], int]:
    """Keep the first listing per external id and per apply URL; return them and the count dropped."""
    kept: list[NormalizedListing] = []
    seen_ids: set[str] = set()
    seen_urls: set[str] = set()
    dropped = 0
    for listing in listings:
        if listing.external_id in seen_ids or (listing.apply_url and listing.apply_url in seen_urls):
            dropped += 1
            continue
        seen_ids.add(listing.external_id)
        if listing.apply_url:
            seen_urls.add(listing.apply_url)
        kept.append(listing)
    return kept, dropped
