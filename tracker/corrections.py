"""Staff corrections to listings, and hidden listings, that survive re-ingest.

A correction replaces what a feed said for one field. The feed keeps its say beside it:
``Listing.corrections`` holds, per field, the staff value and the feed's value when it was
last reviewed; ``Listing.feed_values`` holds the feed's latest value. Ingest writes the
feed's values, then ``reapply`` puts the corrections back and records the feed's. When
the feed's latest value differs from the reviewed one, ``feed_changes`` reports it so
an editor can keep the correction or take the feed's new value.

A listing an editor hides is removed with a reason (``hidden_reason``); ingest leaves it
removed while the reason stands.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable

from tracker.models import Listing

# The fields an editor may correct, and how each is read back from JSON.
_TEXT: Callable[[Any], Any] = lambda raw: raw
CORRECTABLE: dict[str, Callable[[Any], Any]] = {
    "kind": _TEXT, "pathways": lambda raw: list(raw or []),
    "min_age": _TEXT, "max_age": _TEXT, "min_grade": _TEXT, "max_grade": _TEXT,
    "pay_status": _TEXT, "pay_min": lambda raw: None if raw is None else Decimal(raw),
    "pay_max": lambda raw: None if raw is None else Decimal(raw), "pay_period": _TEXT,
    "address": _TEXT, "city": _TEXT, "state": _TEXT, "zip": _TEXT,
    "deadline": lambda raw: None if raw is None else date.fromisoformat(raw),
    "work_mode": _TEXT, "apply_url": _TEXT,
}


def to_json(value: Any) -> Any:
    """Return a field's value as the JSON columns hold it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize()) if value == value.to_integral_value() else str(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    return value


def from_json(field: str, raw: Any) -> Any:
    return CORRECTABLE[field](raw)


def correct(listing: Listing, wanted: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set the fields in ``wanted`` as corrections; return (before, after) of those that changed.

    A value equal to the feed's own ends that field's correction.
    """
    corrections = dict(listing.corrections or {})
    feed = dict(listing.feed_values or {})
    before, after = {}, {}
    for field, value in wanted.items():
        if field not in CORRECTABLE:
            raise KeyError(f"{field} cannot be corrected")
        current = getattr(listing, field)
        if to_json(current) == to_json(value):
            continue
        feed_now = feed[field] if field in corrections else to_json(current)
        if to_json(value) == feed_now:
            corrections.pop(field, None)
            feed.pop(field, None)
        else:
            corrections[field] = {"value": to_json(value), "feed": feed_now}
            feed[field] = feed_now
        before[field], after[field] = current, value
        setattr(listing, field, value)
    listing.corrections, listing.feed_values = corrections or None, feed or None
    return before, after


def reapply(listing: Listing) -> None:
    """After ingest wrote the feed's values: note each corrected field's feed value, put the correction back."""
    if not listing.corrections:
        return
    feed = dict(listing.feed_values or {})
    for field, entry in listing.corrections.items():
        feed[field] = to_json(getattr(listing, field))
        setattr(listing, field, from_json(field, entry["value"]))
    listing.feed_values = feed


@dataclass(frozen=True)
class FeedChange:
    field: str
    corrected: Any
    feed_then: Any
    feed_now: Any


def feed_changes(listing: Listing) -> list[FeedChange]:
    """Corrected fields whose feed value changed since an editor last looked."""
    feed = listing.feed_values or {}
    return [FeedChange(field, entry["value"], entry["feed"], feed.get(field))
            for field, entry in sorted((listing.corrections or {}).items())
            if field in feed and feed[field] != entry["feed"]]


def keep_correction(listing: Listing, field: str) -> None:
    """Keep a correction although the feed changed: the feed's new value counts as reviewed."""
    corrections = dict(listing.corrections or {})
    entry = dict(corrections[field])
    entry["feed"] = (listing.feed_values or {}).get(field)
    corrections[field] = entry
    listing.corrections = corrections


def take_feed_value(listing: Listing, field: str) -> None:
    """End a correction: the field takes the feed's latest value."""
    feed = dict(listing.feed_values or {})
    corrections = dict(listing.corrections or {})
    setattr(listing, field, from_json(field, feed.pop(field, None)))
    corrections.pop(field, None)
    listing.corrections, listing.feed_values = corrections or None, feed or None


def hide(listing: Listing, reason: str, now: datetime) -> None:
    """Take a listing off the site, saying why; ingest will not bring it back."""
    listing.remove(now)
    listing.hidden_reason = reason


def unhide(listing: Listing, now: datetime) -> None:
    """Put a hidden listing back (the next ingest run expires it if its deadline has passed)."""
    listing.hidden_reason = None
    listing.restore(now)
