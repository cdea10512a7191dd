"""Short links and QR codes a counselor can paste, read aloud or print.

A listing's own address (/listings/<id>) is already short and stable; a search gets a
code (/s/<code>, see tracker/shortlinks.py). QR codes are drawn here as SVG (segno),
never by a remote service: nothing about a student's search leaves the site.
"""
from __future__ import annotations

import io

import segno
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from tracker import shortlinks
from tracker.listings import find_listings
from tracker.models import Listing
from tracker.open_data import conditional, external_url, public_listing, search_title
from tracker.protection import limit_searches
from tracker.query import ListingQuery
from tracker.views.feeds import feed_args

bp = Blueprint("share", __name__)

# A QR code's image never changes for a given address: let browsers and printers keep it.
QR_MAX_AGE = 7 * 24 * 3600


def qr_svg(url: str, title: str) -> bytes:
    """Return an SVG QR code of ``url`` that scales to any size (it has a viewBox)."""
    # Error level M (boosted when the size allows) survives a smudged printout.
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=1, border=4, xmldecl=False, omitsize=True, title=title,
              dark="#000", light="#fff", svgclass="qr-code", lineclass=None)
    return out.getvalue()


def _svg_response(body: bytes) -> Response:
    response = Response(body, content_type="image/svg+xml")
    return conditional(response, None, max_age=QR_MAX_AGE)


def _public_listing(listing_id: int) -> Listing:
    listing = public_listing(listing_id)
    if listing is None:
        abort(404)
    return listing


@bp.get("/s/new")
def prepare() -> str:
    """Show the form that makes a search's short link (the search page links here)."""
    query, _ = ListingQuery.from_args(request.args, current_app.config["MAX_QUERY_LENGTH"])
    return render_template("share/new.html", title=search_title(query), search_args=query.to_args(page=1))


@bp.post("/s")
def create() -> BaseResponse:
    query, _ = ListingQuery.from_args(request.form, current_app.config["MAX_QUERY_LENGTH"])
    code = shortlinks.code_for(query)
    return redirect(url_for("share.share_search", code=code), code=303)


@bp.get("/s/<code>")
def follow(code: str) -> BaseResponse:
    link = shortlinks.find(code)
    if link is None:
        abort(404)
    query = link.query(current_app.config["MAX_QUERY_LENGTH"])
    # Permanent: a code names one search for good.
    return redirect(url_for("pages.search", **query.to_args()), code=301)


@bp.get("/s/<code>/share")
@limit_searches
def share_search(code: str) -> str:
    link = shortlinks.find(code)
    if link is None:
        abort(404)
    query = link.query(current_app.config["MAX_QUERY_LENGTH"])
    results = find_listings(query, 10, facets=False)
    short_url = external_url("share.follow", code=link.code)
    return render_template("share/search.html", query=query, results=results, code=link.code,
                           short_url=short_url, title=search_title(query),
                           search_args=query.to_args(page=1), feed_args=feed_args(query))


@bp.get("/s/<code>/qr.svg")
def search_qr(code: str) -> Response:
    link = shortlinks.find(code)
    if link is None:
        abort(404)
    return _svg_response(qr_svg(external_url("share.follow", code=link.code), "QR code of a search"))


@bp.get("/listings/<int:listing_id>/qr.svg")
def listing_qr(listing_id: int) -> Response:
    listing = _public_listing(listing_id)
    url = external_url("pages.listing", listing_id=listing.id)
    return _svg_response(qr_svg(url, f"QR code of {listing.title}"))
