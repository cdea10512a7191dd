"""A page people can read about a search's feed: what a feed is, how to subscribe, what is in it.

The search page's "Feed of new listings" link opens this page rather than the Atom file
(which a browser shows as code, or downloads). Feed readers given this page's address
find the feeds through its <link rel="alternate">; the feeds themselves are unchanged.
A page for people, so it follows the reader's language (the feeds blueprint does not).
"""
from __future__ import annotations

from flask import Blueprint, render_template, url_for

from tracker.clock import site_today
from tracker.open_data import external_url, search_title
from tracker.protection import limit_searches
from tracker.views.feeds import feed_args, newest, read_query, webcal

bp = Blueprint("feed_page", __name__)


@bp.get("/search/feed")
@limit_searches
def about() -> str:
    query, listings = newest(read_query())
    args = feed_args(query)
    return render_template("feeds/about.html", title=search_title(query), listings=listings[:10], today=site_today(),
                           atom_url=external_url("feeds.atom", **args), json_url=external_url("feeds.json_feed", **args),
                           calendar_url=webcal(external_url("feeds.calendar", **args)),
                           search_url=url_for("pages.search", **query.to_args(page=1)),
                           alert_url=url_for("alerts.new", **args))
