"""What the open formats share: their settings, public URLs, and conditional GET.

The API, the feeds, the embed, short links and the sitemap all answer one ListingQuery
with find_listings(); this module holds the little they have in common beyond that.
"""
from __future__ import annotations

import os
import re
from datetime import datetime, time, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

from flask import Flask, Response, current_app, g, has_request_context, request, url_for

from tracker import http_cache
from tracker.clock import site_today
from tracker.data_stamp import data_stamp
from tracker.extensions import db
from tracker.models import Listing
from tracker.query import ListingQuery
from tracker.request_memo import once_per_request

# Settings read from the environment when the config class does not set them (tests do).
# They live here rather than in config.py so the open formats stay one removable piece.
DEFAULTS: dict[str, str] = {
    # Scheme and host people reach the site at, e.g. https://careers.example.gov. Printed
    # QR codes, feeds and embed snippets must carry the public address, not the one a
    # proxy forwarded; unset, the request's own host is used.
    "SITE_URL": "",
    # A domain the site's stable identifiers are minted under (calendar UIDs, feed ids).
    # It never changes with the host name, so subscribers do not see duplicates.
    "SITE_DOMAIN": "birmingham-career-pathways.example",
    "SITE_COUNTRY": "US",
    "SITE_CURRENCY": "USD",
    "SITE_LANGUAGE": "en",
    # Origins allowed to frame the embed pages (CSP frame-ancestors), space-separated,
    # e.g. "https://www.birminghamal.gov https://*.bhamlibrary.org". The app itself
    # always may.
    "EMBED_FRAME_ANCESTORS": "'self'",
    "FEED_LENGTH": "50",
    "CALENDAR_LENGTH": "200",
}
INTEGER_SETTINGS = ("FEED_LENGTH", "CALENDAR_LENGTH")

# 'self', or an origin: scheme, host and optional port. A wildcard may stand for the
# subdomains of a named domain (https://*.library.example), never for any host: a bare
# scheme (https:) or * would let every site on the web frame the embed.
_SOURCE = re.compile(r"^(?:'self'|https?://(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+(?::\d{1,5})?"
                     r"|https?://\*\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?)$")
_ANY_SITE = re.compile(r"^(?:\*|[a-z][a-z0-9+.-]*:(?://)?\*?(?::\*)?|https?://\*(?:\.[A-Za-z0-9-]+)?(?::\S*)?)$", re.I)


def init_app(app: Flask) -> None:
    """Fill in the settings this module owns and refuse unusable values."""
    for key, default in DEFAULTS.items():
        value = app.config.get(key)
        if value is None:
            value = os.environ.get(key, default)
        app.config[key] = int(value) if key in INTEGER_SETTINGS else value
    app.config["EMBED_FRAME_ANCESTORS"] = frame_ancestors(app.config["EMBED_FRAME_ANCESTORS"])
    app.jinja_env.globals.update(external_url=external_url, search_title=search_title)
    app.jinja_env.filters["xmltext"] = xml_text


def frame_ancestors(value: str) -> str:
    """Return a CSP frame-ancestors source list from a setting; raise on a bad origin."""
    sources = ["'self'"]
    for token in value.split():
        token = token.rstrip("/")
        if not _SOURCE.match(token) and _ANY_SITE.match(token):
            raise RuntimeError(
                f"EMBED_FRAME_ANCESTORS: {token!r} would let any website frame the embed pages. "
                "List each website's origin instead, such as https://www.example.gov or "
                "https://*.example.gov (separate several with spaces; the app itself is always allowed)")
        if not _SOURCE.match(token):
            raise RuntimeError(
                f"EMBED_FRAME_ANCESTORS: {token!r} is not an origin such as https://www.example.gov "
                "(separate several with spaces; the app itself is always allowed)")
        if token not in sources:
            sources.append(token)
    return " ".join(sources)


def external_url(endpoint: str, **values: Any) -> str:
    """Return the absolute public URL for ``endpoint``, on SITE_URL when it is set."""
    base = current_app.config.get("SITE_URL", "").rstrip("/")
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


# An id no listing has (ids are 32-bit): where it stands in a built URL is where any id goes.
_PROBE_ID = 2**31 - 1


def listing_url(endpoint: str, listing_id: int) -> str:
    """Return external_url(endpoint, listing_id=listing_id) for an endpoint taking only a listing's id.

    A page of API results links each listing twice and the sitemap every listing: the
    URL is built once per request around an id no listing has, and each id put in its place.
    """
    return _builder(endpoint, external=True)(listing_id)


def listing_path(endpoint: str, listing_id: int) -> str:
    """Return url_for(endpoint, listing_id=listing_id), built as listing_url() is (a results page links twenty)."""
    return _builder(endpoint, external=False)(listing_id)


def listing_url_builder(endpoint: str) -> Callable[[int], str]:
    """Return listing_url(endpoint, ·) with the request's memo looked up once, for a loop over many listings."""
    return _builder(endpoint, external=True)


def _builder(endpoint: str, external: bool) -> Callable[[int], str]:
    build = external_url if external else url_for
    around = once_per_request(f"listing_url:{external}:{endpoint}",
                              lambda: _around_the_id(build(endpoint, listing_id=_PROBE_ID))) if has_request_context() else ()
    if len(around) != 2:
        return lambda listing_id: build(endpoint, listing_id=listing_id)
    before, after = around
    return lambda listing_id: f"{before}{listing_id}{after}"


def _around_the_id(probe: str) -> tuple[str, ...]:
    parts = probe.split(str(_PROBE_ID))
    return (parts[0], parts[1]) if len(parts) == 2 else ("unusable",)


def public_root() -> str:
    """Return the site's public origin and root path, ending in a slash."""
    base = current_app.config.get("SITE_URL", "").rstrip("/")
    return (base + request.script_root + "/") if base else request.url_root


# Listing ids are 32-bit in the database (PostgreSQL INTEGER). A bigger number in a URL
# names no listing, and must not reach the driver, which raises rather than finds nothing.
MAX_LISTING_ID = 2**31 - 1


def public_listing(listing_id: int) -> Listing | None:
    """Return the listing with this id if the public may see it (open or closed), else None."""
    if not 1 <= listing_id <= MAX_LISTING_ID:
        return None
    listing = db.session.get(Listing, listing_id)
    return listing if listing is not None and listing.is_published else None


def data_version() -> tuple[int, datetime]:
    """Return how many changes the public listings have had, and when they last changed, to the second.

    The count tells apart two changes within one second, which the time (Last-Modified has
    whole seconds) cannot: ETags name both. Listings leave searches at midnight (site time)
    when their deadline passes, with no row changing; so the time is never earlier than the
    start of today there.
    """
    changes, changed_at = data_stamp()  # one row, moved by every writer (not a scan of listings)
    zone = ZoneInfo(current_app.config["SITE_TIMEZONE"])
    stamps = [datetime.combine(site_today(), time.min, tzinfo=zone).astimezone(timezone.utc)]
    if changed_at is not None:
        stamps.append(changed_at)
    return changes, max(_aware(s) for s in stamps).replace(microsecond=0)


def data_last_modified() -> datetime:
    """Return when the public listings last changed, to the second (see data_version).

    An answer the cache policy stamped before the view ran (tracker/http_cache.py) gets
    the stamp its ETag was made from, so the two agree and the row is not read twice.
    """
    validators = g.get("cache_validators") if has_request_context() else None
    if validators is not None:
        return validators[1]  # type: ignore[no-any-return]
    return data_version()[1]


def listing_last_modified(listing: Listing) -> datetime:
    """Return when ``listing`` as shown last changed (its open/closed state turns at midnight)."""
    zone = ZoneInfo(current_app.config["SITE_TIMEZONE"])
    stamps = [listing.updated_at, listing.closed_at,
              datetime.combine(site_today(), time.min, tzinfo=zone).astimezone(timezone.utc)]
    return max(_aware(s) for s in stamps if s is not None).replace(microsecond=0)


def _aware(value: datetime) -> datetime:
    # SQLite hands back MAX() of a UTCDateTime column as a naive UTC value.
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def conditional(response: Response, last_modified: datetime | None, max_age: int | None = None) -> Response:
    """Make ``response`` publicly cacheable with validators; answer 304 when the client is current.

    ``max_age`` defaults to CACHE_MAX_AGE (tracker/http_cache.py, which also picks the ETag).
    """
    return http_cache.share(response, last_modified, max_age)


def search_title(query: ListingQuery) -> str:
    """Name a search without its count, e.g. 'Paid internships open to age 16'."""
    # describe() always leads with the count; the plural form (any count but 1) names
    # the search itself, which is what a feed or an embed heading wants.
    words = query.describe(2).split(" ", 1)[1]
    return words[:1].upper() + words[1:]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Drop the characters XML 1.0 cannot carry (a stray control code would break a feed)."""
    return _NOT_XML.sub("", "" if value is None else str(value))
