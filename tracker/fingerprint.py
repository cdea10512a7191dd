"""The fingerprint of an opportunity: one digest for the same role at the same place. Pure.

Ingest's dedupe joins feeds' copies of one opportunity by it; the moderation queue shows
reviewers the listings a partner's submission likely repeats.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Words that vary between two postings of the same opportunity.
_NOISE = re.compile(r"\b(part[- ]?time|full[- ]?time|temporary|seasonal|paid|unpaid|the|a|an|and|of|at|for|in)\b")


def fingerprint(title: str, organisation: str | None, place: str | None) -> str | None:
    """Return a digest of normalized title, organisation and place; None without an organisation."""
    if not organisation or not title:
        return None  # a bare title ("Intern") matches too many unrelated listings
    parts = [words(title), words(organisation), words(place or "")]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def words(text: str) -> str:
    """Return the distinct words of ``text``, lower-case ASCII, sorted, without noise words."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = _NOISE.sub(" ", re.sub(r"[^a-z0-9]+", " ", text))
    return " ".join(sorted(set(text.split())))
