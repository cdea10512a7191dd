"""Feeds of any search: Atom and JSON Feed of the newest matches, iCalendar of deadlines.

Each takes the search page's own query arguments (/search.atom?kind=internship&pay=paid
follows /search?kind=internship&pay=paid) and answers them with find_listings().
Like the page, a feed ignores a value it cannot use: a feed reader has nowhere to show
an error.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, render_template, request
from icalendar import Alarm, Calendar, Event

from tracker import taxonomy
from tracker.clock import site_today
from tracker.filters import age_summary, format_date, pay_summary
from tracker.listings import find_listings
from tracker.models import Listing
from tracker.open_data import (conditional, data_last_modified, external_url, listing_last_modified, listing_url,
                               public_listing, public_root, search_title)
from tracker.protection import limit_searches
from tracker.query import ListingQuery
from tracker.serialize import iso_datetime, listings_json

bp = Blueprint("feeds", __name__)

ATOM = "application/atom+xml; charset=utf-8"
JSON_FEED = "application/feed+json; charset=utf-8"
ICALENDAR = "text/calendar; charset=utf-8"
# Feed ids are tag URIs (RFC 4151) under SITE_DOMAIN; the date is when the scheme began.
TAG_DATE = "2026"
# A reminder this many days before a deadline, at 9:00 that morning: time to finish an application.
REMINDER_DAYS = 3
REMINDER_HOUR = 9


def read_query() -> ListingQuery:
    """Return the search the request's arguments describe, as the search page reads it."""
    query, _ = ListingQuery.from_args(request.args, current_app.config["MAX_QUERY_LENGTH"])
    return query


def feed_args(query: ListingQuery) -> dict[str, Any]:
    """Return the arguments that name a search's feeds: its filters, no sort or page."""
    return query.to_args(sort="relevance", page=1)


def entry_id(listing_id: int) -> str:
    """Return the stable feed id of a listing, the same on every host."""
    return f"tag:{current_app.config['SITE_DOMAIN']},{TAG_DATE}:listing-{listing_id}"


def calendar_uid(listing_id: int) -> str:
    """Return the stable iCalendar UID of a listing's deadline."""
    return f"listing-{listing_id}@{current_app.config['SITE_DOMAIN']}"


def listing_summary(listing: Listing, record: dict[str, Any] | None = None) -> str:
    """Say what a listing is in one line: kind, ages, pay, place, deadline.

    ``record``, the listing's API record when the caller has it, already says its ages and pay.
    """
    ages = record["eligibility"]["summary"] if record else age_summary(listing)
    pay = record["pay"]["summary"] if record else pay_summary(listing)
    where = ", ".join(p for p in (taxonomy.label(taxonomy.WORK_MODES, listing.work_mode) if listing.work_mode else "",
                                  listing.city or "") if p)
    deadline = f"Apply by {format_date(listing.deadline)}" if listing.deadline else "No deadline stated"
    parts = [taxonomy.label(taxonomy.KINDS, listing.kind), ages, pay, where, deadline]
    return " · ".join(p for p in parts if p)


def _categories(listing: Listing) -> list[tuple[str, str]]:
    return [(listing.kind, taxonomy.label(taxonomy.KINDS, listing.kind))] + [
        (slug, taxonomy.label(taxonomy.PATHWAYS, slug)) for slug in listing.pathways or []]


def newest(query: ListingQuery) -> tuple[ListingQuery, list[Listing]]:
    """Return the newest open listings matching ``query``'s filters."""
    query = replace(query, sort="newest", page=1)
    return query, find_listings(query, current_app.config["FEED_LENGTH"], facets=False).listings


def _published(listing: Listing) -> datetime:
    return listing.posted_at or listing.first_seen_at


@bp.get("/search.atom")
@limit_searches
def atom() -> Response:
    query, listings = newest(read_query())
    args = feed_args(query)
    updated = max([data_last_modified()] + [listing.updated_at for listing in listings])
    feed = {
        "id": f"tag:{current_app.config['SITE_DOMAIN']},{TAG_DATE}:search?{urlencode(sorted(args.items()), doseq=True)}",
        "title": f"{search_title(query)} – {current_app.config['SITE_NAME']}",
        "subtitle": f"The newest open listings: {search_title(query).lower()}, in {current_app.config['SITE_AREA']}.",
        "updated": iso_datetime(updated),
        "self_url": external_url("feeds.atom", **args),
        "html_url": external_url("pages.search", **query.to_args(page=1)),
        "root_url": public_root(),
        "icon_url": external_url("static", filename="favicon.svg"),
        "entries": [{
            "id": entry_id(item.id), "title": item.title, "organisation": item.organisation,
            "url": listing_url("pages.listing", item.id), "apply_url": item.apply_url,
            "published": iso_datetime(_published(item)), "updated": iso_datetime(item.updated_at),
            "categories": _categories(item), "summary": listing_summary(item),
            "content_html": item.description or "",
        } for item in listings],
    }
    response = Response(render_template("feeds/atom.xml", feed=feed), content_type=ATOM)
    return conditional(response, data_last_modified())


@bp.get("/search.json")
@limit_searches
def json_feed() -> Response:
    query, listings = newest(read_query())
    args = feed_args(query)
    today = site_today()
    site = current_app.config["SITE_NAME"]
    body = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{search_title(query)} – {site}",
        "description": f"The newest open listings: {search_title(query).lower()}, in {current_app.config['SITE_AREA']}.",
        "home_page_url": external_url("pages.search", **query.to_args(page=1)),
        "feed_url": external_url("feeds.json_feed", **args),
        "icon": external_url("static", filename="favicon.svg"),
        "language": current_app.config["SITE_LANGUAGE"],
        "authors": [{"name": site, "url": public_root()}],
        "items": [{
            "id": entry_id(item.id),
            "url": listing_url("pages.listing", item.id),
            "external_url": item.apply_url,
            "title": item.title,
            "content_html": item.description or "",
            "summary": listing_summary(item, record),
            "date_published": iso_datetime(_published(item)),
            "date_modified": iso_datetime(item.updated_at),
            "authors": [{"name": item.organisation}],
            "tags": [label for _, label in _categories(item)],
            # JSON Feed's extension convention: the API's own record of the listing.
            "_listing": record,
        } for item, record in zip(listings, listings_json(listings, today))],
    }
    for item in body["items"]:
        if not item["external_url"]:
            del item["external_url"]
    response = current_app.response_class(current_app.json.dumps(body), content_type=JSON_FEED)
    return conditional(response, data_last_modified())


def deadline_event(listing: Listing) -> Event:
    """Return the all-day iCalendar event of a listing's application deadline."""
    assert listing.deadline is not None
    url = listing_url("pages.listing", listing.id)
    event = Event()
    event.add("uid", calendar_uid(listing.id))
    # With no METHOD, DTSTAMP is when the information last changed (RFC 5545 3.8.7.2);
    # that keeps the calendar's bytes, and so its ETag, the same until a listing changes.
    event.add("dtstamp", listing.updated_at.astimezone(timezone.utc))
    event.add("last-modified", listing.updated_at.astimezone(timezone.utc))
    event.add("dtstart", listing.deadline)
    event.add("dtend", listing.deadline + timedelta(days=1))
    event.add("summary", f"Deadline: {listing.title} ({listing.organisation})")
    event.add("description", f"{listing_summary(listing)}\n\nDetails and how to apply: {url}")
    event.add("url", url)
    event.add("categories", [label for _, label in _categories(listing)])
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    event.add("class", "PUBLIC")
    event.add_component(deadline_reminder(listing))
    return event


def deadline_reminder(listing: Listing) -> Alarm:
    """Return a display alarm REMINDER_DAYS before the deadline (RFC 5545 3.6.6)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    # Relative to the all-day event's start (midnight of the deadline day): 9:00 three days before.
    alarm.add("trigger", timedelta(days=-REMINDER_DAYS, hours=REMINDER_HOUR))
    alarm.add("description", f"Apply by {format_date(listing.deadline)}: {listing.title} ({listing.organisation})")
    return alarm


def calendar_of(listings: Iterable[Listing], name: str, description: str) -> bytes:
    """Return an iCalendar file with one deadline event per listing that has a deadline."""
    cal = Calendar()
    cal.add("prodid", f"-//{current_app.config['SITE_NAME']}//Application deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("description", description)
    cal.add("x-wr-caldesc", description)
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    for listing in listings:
        if listing.deadline is not None:
            cal.add_component(deadline_event(listing))
    return cal.to_ical()


@bp.get("/search.ics")
@limit_searches
def calendar() -> Response:
    query = replace(read_query(), sort="deadline", page=1)
    # Sorted by deadline, the listings without one come last and are left out.
    results = find_listings(query, current_app.config["CALENDAR_LENGTH"], facets=False)
    title = f"Deadlines: {search_title(query)}"
    body = calendar_of(results.listings, f"{title} – {current_app.config['SITE_NAME']}",
                       f"Application deadlines of open listings: {search_title(query).lower()}. "
                       f"{external_url('pages.search', **query.to_args(page=1))}")
    response = Response(body, content_type=ICALENDAR)
    response.headers["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return conditional(response, data_last_modified())


@bp.get("/listings/<int:listing_id>.ics")
def listing_calendar(listing_id: int) -> Response:
    listing = public_listing(listing_id)
    if listing is None or listing.deadline is None:
        abort(404)
    body = calendar_of([listing], f"Deadline: {listing.title}", listing_summary(listing))
    response = Response(body, content_type=ICALENDAR)
    response.headers["Content-Disposition"] = f'attachment; filename="deadline-{listing.id}.ics"'
    return conditional(response, listing_last_modified(listing))


@bp.app_template_global("webcal")
def webcal(url: str) -> str:
    """Return ``url`` with the webcal scheme calendar apps subscribe with."""
    return "webcal://" + url.split("://", 1)[1]
