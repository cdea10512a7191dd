"""The public pages: home, search, listing."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, render_template, request

from tracker.clock import site_today
from tracker.i18n import current_language, gettext
from tracker.listings import find_listings, relaxations, word_filters
from tracker.open_data import public_listing
from tracker.pathways import pathway_index, pathway_page
from tracker.protection import limit_searches
from tracker.query import ListingQuery, Problem

bp = Blueprint("pages", __name__)


@bp.get("/")
def home() -> str:
    overview = find_listings(ListingQuery(sort="newest"), page_length=6)
    return render_template("home.html", overview=overview)


@bp.get("/search")
@limit_searches
def search() -> str:
    query, problems = ListingQuery.from_args(request.args, current_app.config["MAX_QUERY_LENGTH"])
    results = find_listings(query)
    if query.page > results.page_count:
        problems.append(Problem("page", gettext("There is no page %(page)s; this is the last page.", page=query.page)))
    # Only a search that found nothing pays for counting what each change would find.
    options = relaxations(query) if results.total == 0 and (query.text or query.is_filtered) else []
    instead = word_filters(query) if results.total == 0 and query.text else []
    return render_template("search.html", query=query, results=results, problems=problems, relaxations=options,
                           word_filters=instead)


@bp.get("/pathways")
@limit_searches
def pathways() -> str:
    age, problems = _age_only(request.args)
    return render_template("pathways/index.html", ranked=pathway_index(age), age=age, problems=problems)


@bp.get("/pathways/<slug>")
@limit_searches
def pathway(slug: str) -> str:
    age, problems = _age_only(request.args)
    page = pathway_page(slug, age, lang=current_language())
    if page is None:
        abort(404)
    return render_template("pathways/detail.html", page=page, age=age, problems=problems)


def _age_only(args: Any) -> tuple[int | None, list[Problem]]:
    query, problems = ListingQuery.from_args({"age": args.get("age")})
    return query.age, problems


@bp.get("/listings/<int:listing_id>")
def listing(listing_id: int) -> str:
    item = public_listing(listing_id)
    if item is None:
        abort(404)
    return render_template("listing.html", listing=item, today=site_today())
