"""What pages say about getting to a listing: transport provided, and the bus within a walk.

Nothing about buses is said unless the operator configured a transit feed (GTFS_URL) and
the listing's exact place was checked against it (see tracker/transit.py for the walk).
"""
from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from tracker.i18n import and_list, ngettext


def bus_shown(listing: Any) -> bool:
    """Say whether a page may speak of buses for ``listing``: a feed is configured and its place was checked."""
    return bool(current_app.config.get("GTFS_URL")) and listing.transit_routes is not None


def bus_sentence(listing: Any) -> str:
    """Say which routes stop within the walk and how far the nearest stop is, in the reader's language."""
    limit = current_app.config["TRANSIT_WALK_MINUTES"]
    routes = listing.transit_routes or []
    if not routes:
        return ngettext("No bus stop with service within a %(num)s-minute walk.",
                        "No bus stop with service within a %(num)s-minute walk.", limit)
    named = and_list(list(routes))
    within = ngettext("Bus route %(routes)s stops within a %(limit)s-minute walk.",
                      "Bus routes %(routes)s stop within a %(limit)s-minute walk.", len(routes),
                      routes=named, limit=limit)
    nearest = ngettext("The nearest stop, %(stop)s, is about %(num)s minute away on foot.",
                       "The nearest stop, %(stop)s, is about %(num)s minutes away on foot.",
                       listing.transit_walk_minutes or 1, stop=listing.transit_stop)
    return f"{within} {nearest}"


def init_app(app: Flask) -> None:
    """Let templates ask whether and what to say about buses."""
    app.jinja_env.globals.update(bus_shown=bus_shown, bus_sentence=bus_sentence)
