"""Dedupe: one listing per opportunity, within a source and across sources. Pure."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from ingest.records import NormalizedListing
from tracker.fingerprint import fingerprint
from tracker.fingerprint import words as _words

__all__ = ["Candidate", "dedupe_within_source", "fingerprint", "primaries"]


def dedupe_within_source(listings: Iterable[NormalizedListing]) -> tuple[list[NormalizedListing], int]:
    """Return one listing per role in a source, and how many entries were folded into others.

    - The same id twice is one posting, unless the two name different roles or places: an
      id a source does not give is the link, and small boards link several roles to one
      careers page. Those keep apart under ids made unique.
    - The same role posted again under another id (same title, organisation, place,
      description, deadline and pay) is one listing that keeps the other ids and links.
    - A shared apply URL alone never joins two listings.
    """
    kept: list[NormalizedListing] = []
    by_id: dict[str, int] = {}
    by_content: dict[str, int] = {}
    dropped = 0
    for listing in listings:
        if listing.external_id in by_id:
            if _role(kept[by_id[listing.external_id]]) == _role(listing):
                dropped += 1
                continue
            listing = replace(listing, external_id=f"{listing.external_id}#{_digest(_role(listing))[:12]}")
        key = _digest(_content(listing))
        if key in by_content:
            index = by_content[key]
            kept[index] = _absorb(kept[index], listing)
            dropped += 1
            continue
        by_id[listing.external_id] = by_content[key] = len(kept)
        kept.append(listing)
    return kept, dropped


def _role(listing: NormalizedListing) -> str:
    # Every word of the title counts here, "Part-time" too: within one source a part-time
    # and a full-time post of the same job are two openings (USAJOBS lists both).
    title = " ".join(re.sub(r"[^\w]+", " ", listing.title.casefold()).split())
    return "\x1f".join([title, _words(listing.city or ""), listing.zip or "", listing.state or ""])


def _content(listing: NormalizedListing) -> str:
    return "\x1f".join([_role(listing), _words(listing.organisation), " ".join(listing.description.split()),
                        str(listing.deadline), str(listing.pay_min), str(listing.pay_max), listing.kind,
                        listing.schedule_text or "", str(listing.hours_per_week)])


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _absorb(kept: NormalizedListing, again: NormalizedListing) -> NormalizedListing:
    urls = kept.alternate_urls
    if again.apply_url and again.apply_url != kept.apply_url and again.apply_url not in urls:
        urls += (again.apply_url,)
    return replace(kept, merged_ids=kept.merged_ids + (again.external_id,), alternate_urls=urls)


@dataclass(frozen=True)
class Candidate:
    """An open listing as cross-source dedupe sees it."""

    listing_id: int
    source_id: int
    apply_url: str | None
    fingerprint: str | None


def primaries(candidates: Iterable[Candidate]) -> Mapping[int, int | None]:
    """Map each listing id to the id of the listing shown in its place (None: itself).

    Listings share an opportunity when they share an apply URL or a fingerprint, across
    different sources. The earliest (lowest id, so first seen) of a group is shown.
    """
    items = sorted(candidates, key=lambda c: c.listing_id)
    parent = {c.listing_id: c.listing_id for c in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first_by_key: dict[tuple[str, str], int] = {}
    for candidate in items:
        for key in (("url", candidate.apply_url), ("print", candidate.fingerprint)):
            if key[1] is None:
                continue
            other = first_by_key.setdefault(key, candidate.listing_id)  # type: ignore[arg-type]
            if other != candidate.listing_id:
                a, b = find(other), find(candidate.listing_id)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    sources = {c.listing_id: c.source_id for c in items}
    result: dict[int, int | None] = {}
    for candidate in items:
        root = find(candidate.listing_id)
        # Two postings in the same source are kept apart: within-source dedupe already ran.
        result[candidate.listing_id] = None if root == candidate.listing_id or sources[root] == candidate.source_id else root
    return result
