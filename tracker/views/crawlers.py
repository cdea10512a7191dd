"""What search engines read: robots.txt and sitemap.xml.

The sitemap lists the pages worth finding: home, the career pathway pages, search by
kind, the milestones pages, and every open listing. Feeds, embeds, the API and short links are for people who already
know the site, so crawlers are asked to leave them alone.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, render_template

from tracker import taxonomy
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing
from tracker.open_data import conditional, data_last_modified, external_url, listing_url
from tracker.protection import limit_searches

bp = Blueprint("crawlers", __name__)

# The sitemap protocol's limit for one file; past it the sitemap would need an index.
MAX_URLS = 50_000
DISALLOWED = ("/api/", "/embed", "/s/", "/search.atom", "/search.json", "/search.ics")


@bp.get("/robots.txt")
def robots() -> Response:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /", "",
             f"Sitemap: {external_url('crawlers.sitemap')}", ""]
    response = Response("\n".join(lines), content_type="text/plain; charset=utf-8")
    return conditional(response, None, max_age=86400)


@bp.get("/sitemap.xml")
@limit_searches
def sitemap() -> Response:
    wanted: list[tuple[str, dict[str, str]]] = [("pages.home", {}), ("pages.search", {}), ("pages.pathways", {})]
    wanted += [("pages.pathway", {"slug": term.slug}) for term in taxonomy.PATHWAYS]
    wanted += [("pages.search", {"kind": term.slug}) for term in taxonomy.KINDS]
    wanted += [("milestones.index", {}), ("milestones.grades", {})]
    # Pages another part of the site may not serve (yet) are left out, not guessed at.
    pages: list[tuple[str, datetime | None]] = [
        (external_url(endpoint, **args), None) for endpoint, args in wanted if endpoint in current_app.view_functions]
    rows = db.session.execute(
        sa.select(Listing.id, Listing.updated_at).where(Listing.visible(site_today()))
        .order_by(Listing.id).limit(MAX_URLS - len(pages))
    ).all()
    pages += [(listing_url("pages.listing", row.id), row.updated_at) for row in rows]
    body = render_template("feeds/sitemap.xml", pages=pages)
    response = Response(body, content_type="application/xml; charset=utf-8")
    return conditional(response, data_last_modified(), max_age=3600)
