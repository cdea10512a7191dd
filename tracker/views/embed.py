"""The embeddable list: a search in a minimal page that other sites frame, and its builder.

The City pastes a snippet (a link, upgraded by static/js/embed.js into an iframe of
/embed?<search>); the frame reports its height (static/js/embed-frame.js) so the iframe
fits its content. Which sites may frame it is EMBED_FRAME_ANCESTORS; every other page
of the site stays unframable by other origins.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, make_response, render_template, request

from tracker.i18n import gettext
from tracker.listings import count_listings, find_listings
from tracker.numbers import whole_number
from tracker.open_data import external_url, search_title
from tracker.protection import limit_searches
from tracker.query import ListingQuery, Problem
from tracker.security import allow_framing
from tracker.views.feeds import feed_args

bp = Blueprint("embed", __name__)

LIMITS = (5, 10, 20)
DEFAULT_LIMIT = 10
MAX_LIMIT = 50


def read_embed_args() -> tuple[ListingQuery, list[Any], int]:
    """Return the search, its problems and the listings per page an embed URL asks for."""
    query, problems = ListingQuery.from_args(request.args, current_app.config["MAX_QUERY_LENGTH"])
    raw = request.args.get("limit", "").strip()
    limit = whole_number(raw, 1, MAX_LIMIT)
    if raw and limit is None:
        problems.append(Problem("limit", gettext("Ignored the number of listings: enter a whole number from 1 to %(high)s.",
                                                 high=MAX_LIMIT)))
    return query, problems, limit or DEFAULT_LIMIT


def embed_args(query: ListingQuery, limit: int, **changes: Any) -> dict[str, Any]:
    """Return the URL arguments of an embed page for ``query``."""
    args = query.to_args(**changes)
    if limit != DEFAULT_LIMIT:
        args["limit"] = limit
    return args


def snippet(query: ListingQuery, limit: int, title: str) -> str:
    """Return the HTML a web team pastes to show ``query`` on its own site."""
    return render_template(
        "embed/snippet.html", title=title,
        embed_url=external_url("embed.embed", **embed_args(query, limit, page=1)),
        search_url=external_url("pages.search", **query.to_args(page=1)),
        script_url=external_url("static", filename="js/embed.js"),
    ).strip()


@bp.get("/embed")
@limit_searches
def embed() -> Response:
    query, _, limit = read_embed_args()
    results = find_listings(query, limit, facets=False)
    response = make_response(render_template(
        "embed/search.html", query=query, results=results, limit=limit, title=search_title(query),
        embed_args=embed_args))
    return allow_framing(response, current_app.config["EMBED_FRAME_ANCESTORS"])


@bp.get("/embed/builder")
@limit_searches
def builder() -> str:
    query, problems, limit = read_embed_args()
    default_title = f"{search_title(query)} – {current_app.config['SITE_NAME']}"
    title = " ".join(request.args.get("title", "").split())[:120] or default_title
    total = count_listings(query)
    return render_template(
        "embed/builder.html", query=query, problems=problems, limit=limit, limits=LIMITS, title=title,
        total=total, snippet=snippet(query, limit, title),
        search_args=query.to_args(page=1), feed_args=feed_args(query),
        preview_args=embed_args(query, limit, page=1),
        frame_ancestors=current_app.config["EMBED_FRAME_ANCESTORS"].split(),
    )
