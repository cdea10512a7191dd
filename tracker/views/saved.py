"""Saved listings, kept in the reader's own browser: the server stores nothing.

The "Save" buttons (static/js/saved.js) keep listing ids in localStorage. /saved with no
ids lets the script bring them here as ?ids=3,1,2, and the page checks each one against the
database now (open, closed, or no longer published). That address is also a plain list of
links that works without JavaScript, on another device, or sent to someone.
"""
from __future__ import annotations

import re

from flask import Blueprint, Response, make_response, render_template, request

from tracker.clock import site_today
from tracker.i18n import gettext
from tracker.numbers import whole_number
from tracker.open_data import external_url, public_listing

bp = Blueprint("saved", __name__)

# A list longer than this is not a shortlist; the rest is left out, and the page says so.
MAX_SAVED = 50


def saved_ids(raw: str) -> tuple[list[int], list[str]]:
    """Return the listing ids named in ``raw`` (first mention kept, in order) and what was wrong."""
    problems = []
    ids: list[int] = []
    words = [w for w in re.split(r"[\s,]+", raw) if w]
    for word in words:
        number = whole_number(word)  # not isdigit(): "²" passes it and int() then raises
        if number is None:
            problems.append(gettext("“%(text)s” is not a listing number, so it was left out.", text=word[:40]))
        elif number not in ids:
            ids.append(number)
    if len(ids) > MAX_SAVED:
        problems.append(gettext("Only the first %(count)s saved listings are shown.", count=MAX_SAVED))
        ids = ids[:MAX_SAVED]
    return ids, problems


@bp.get("/saved")
def saved() -> Response:
    ids, problems = saved_ids(request.args.get("ids", "")[:2000])
    today = site_today()
    items = [(listing_id, public_listing(listing_id)) for listing_id in ids]
    still_open = sum(1 for _, listing in items if listing is not None and listing.is_open(today))
    list_url = external_url("saved.saved", ids=",".join(map(str, ids))) if ids else None
    response = make_response(render_template("saved.html", items=items, still_open=still_open, problems=problems,
                                             today=today, list_url=list_url, asked="ids" in request.args))
    # The page promises a check each time it opens: a browser may keep it, but must revalidate
    # (the change stamp answers 304 until a listing changes).
    response.cache_control.public = True
    response.cache_control.no_cache = True
    return response
