"""JSON API v1: the search page's searches as data, for the City and its partners.

Every search here is the ListingQuery the search page reads, answered by find_listings();
the API only adds strictness (a value the page would quietly ignore is a 400 that names
the parameter) and its JSON shapes (tracker/serialize.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from tracker import openapi, taxonomy
from tracker.clock import site_today
from tracker.errors import render_error
from tracker.listings import facet_counts, find_listings
from tracker.numbers import MAX_DIGITS, whole_number
from tracker.open_data import conditional, data_last_modified, external_url, listing_last_modified, public_listing
from tracker.protection import limit_searches, retry_after_seconds
from tracker.query import ListingQuery
from tracker.serialize import facets_json, listing_json, listings_json, pathway_json, query_json, readings_json

bp = Blueprint("api", __name__, url_prefix="/api/v1")

PREFIX = "/api/"


class ApiError(Exception):
    """A request the API refuses, with the parameter at fault."""

    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.parameter = status, message, parameter


def error_response(status: int, message: str, parameter: str | None = None) -> Response:
    """Return the API's JSON error body with ``status``."""
    response = jsonify({"error": {"status": status, "parameter": parameter, "message": message}})
    response.status_code = status
    return response


def _expected(name: str, schema: dict[str, Any]) -> str:
    """Say what values a parameter takes, from its schema in the OpenAPI document."""
    if name == "near":
        return "near must be a 5-digit ZIP code in the area the site serves (listed in the OpenAPI document)"
    if schema["type"] == "array":
        return f"{name} must be one of: {', '.join(map(str, schema['items']['enum']))} (repeat {name} for several)"
    if "enum" in schema and len(schema["enum"]) <= 30:
        return f"{name} must be one of: {', '.join(map(str, schema['enum']))}"
    if schema["type"] == "integer":
        return f"{name} must be a whole number from {schema['minimum']} to {schema['maximum']}"
    if "maxLength" in schema:
        return f"{name} must be at most {schema['maxLength']} characters"
    return f"{name} has a value it does not take"


def _conforms(value: str, schema: dict[str, Any]) -> bool:
    """Say whether one query-string value meets its (scalar) parameter schema."""
    if schema["type"] == "integer":
        number: Any = whole_number(value, schema.get("minimum", 0), schema.get("maximum", 10**MAX_DIGITS - 1))
        if number is None:
            return False
    else:
        number = value
        if len(value) > schema.get("maxLength", len(value)):
            return False
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return False
    return "enum" not in schema or number in schema["enum"]


@dataclass(frozen=True)
class ApiSearch:
    query: ListingQuery
    per_page: int
    notes: tuple[str, ...] = ()  # what was set aside, as the page would say it


# Problems a schema-valid request can have: each value is valid alone, so (as the OpenAPI
# document promises) the search runs without it and says so in "notes" instead of a 400.
# sort=nearest without near: OpenAPI 3.0 cannot state that one parameter needs another.
SET_ASIDE = ("sort",)


def parse_search(args: MultiDict[str, str], params: dict[str, dict[str, Any]]) -> ApiSearch:
    """Read a search as the page does, refusing what the page would quietly ignore.

    ``params`` are the endpoint's parameters from the OpenAPI document: the types and
    ranges checked here are the ones it publishes. What only the query knows (is this
    ZIP code in the area? is there a place to sort by distance from?) comes from the
    problems ListingQuery.from_args reports, each naming its parameter.
    """
    for name in args.keys():
        if name not in params:
            raise ApiError(400, f"Unknown parameter {name!r}; this endpoint takes: {', '.join(params) or 'none'}.", name)
    for name, param in params.items():
        values = args.getlist(name)
        if not values:
            continue
        schema = param["schema"]
        if schema["type"] != "array" and len(values) > 1:
            raise ApiError(400, f"Give {name} at most once.", name)
        item = schema["items"] if schema["type"] == "array" else schema
        if not all(_conforms(v, item) for v in values):
            raise ApiError(400, _expected(name, schema) + ".", name)
    per_page = whole_number(args.get("per_page")) or current_app.config["RESULTS_PER_PAGE"]
    query, problems = ListingQuery.from_args(args, current_app.config["MAX_QUERY_LENGTH"])
    refused = [p for p in problems if p.parameter not in SET_ASIDE]
    if refused:
        raise ApiError(400, refused[0].message, refused[0].parameter)
    return ApiSearch(query, per_page, tuple(p.message for p in problems))


def _json(data: Any, last_modified: datetime | None) -> Response:
    return conditional(jsonify(data), last_modified)


def search_links(query: ListingQuery, per_page: int | None = None) -> dict[str, str]:
    """Return the URLs of one search in every form the site serves."""
    filters = query.to_args(page=1, sort="relevance")
    first_page = query.to_args(page=1)
    api_args = dict(first_page)
    if per_page and per_page != current_app.config["RESULTS_PER_PAGE"]:
        api_args["per_page"] = per_page
    return {
        "html": external_url("pages.search", **first_page),
        "api": external_url("api.listings", **api_args),
        "facets": external_url("api.facets", **filters),
        "atom": external_url("feeds.atom", **filters),
        "json_feed": external_url("feeds.json_feed", **filters),
        "calendar": external_url("feeds.calendar", **filters),
        "embed": external_url("embed.embed", **filters),
    }


@bp.get("/")
def index() -> Response:
    return _json({
        "name": current_app.config["SITE_NAME"], "version": "1",
        "openapi": external_url("api.openapi_document"),
        "endpoints": {
            "listings": external_url("api.listings"), "facets": external_url("api.facets"),
            "pathways": external_url("api.pathways"),
            "listing": external_url("api.listings") + "/{id}",
        },
    }, None)


@bp.get("/openapi.json")
def openapi_document() -> Response:
    return _json(openapi.document(), None)


@bp.get("/listings")
@limit_searches
def listings() -> Response:
    search = parse_search(request.args, openapi.query_parameters())
    query, per_page = search.query, search.per_page
    results = find_listings(query, per_page)
    # The search answers a page past the end with the last page; the API says "nothing there".
    items = results.listings if query.page <= results.page_count else []
    page = query.page
    links: dict[str, Any] = search_links(query, per_page)
    extra = {"per_page": per_page} if per_page != current_app.config["RESULTS_PER_PAGE"] else {}
    links["self"] = external_url("api.listings", **query.to_args(), **extra)
    links["next"] = external_url("api.listings", **query.to_args(page=page + 1), **extra) if page < results.page_count else None
    links["prev"] = external_url("api.listings", **query.to_args(page=min(page - 1, results.page_count)), **extra) if page > 1 else None
    return _json({
        "query": query_json(query), "understood": readings_json(query, "api.listings"), "notes": list(search.notes),
        "description": query.describe(results.total), "total": results.total, "page": page, "per_page": per_page, "page_count": results.page_count,
        "listings": [{**record, "distance_miles": results.distances.get(record["id"])} if query.near else record
                     for record in listings_json(items, results.today)],
        "links": links,
    }, data_last_modified())


@bp.get("/listings/<int:listing_id>")
def listing(listing_id: int) -> Response:
    item = public_listing(listing_id)
    if item is None:
        raise ApiError(404, f"There is no listing {listing_id}.")
    return _json(listing_json(item, site_today()), listing_last_modified(item))


@bp.get("/facets")
@limit_searches
def facets() -> Response:
    search = parse_search(request.args, openapi.query_parameters(paged=False))
    query = search.query
    results = find_listings(query, 1)  # the total and every facet; one row is read
    return _json({"query": query_json(query), "understood": readings_json(query, "api.facets"),
                  "notes": list(search.notes),
                  "description": query.describe(results.total), "total": results.total, "facets": facets_json(results),
                  "links": search_links(query)}, data_last_modified())


@bp.get("/pathways")
@limit_searches
def pathways() -> Response:
    parse_search(request.args, {})
    counts = facet_counts(ListingQuery(), "pathways")
    return _json({"pathways": [pathway_json(p, int(counts.get(p.slug, 0))) for p in taxonomy.PATHWAYS]},
                 data_last_modified())


@bp.errorhandler(ApiError)
def api_error(error: ApiError) -> Response:
    return error_response(error.status, error.message, error.parameter)


def _errors(error: HTTPException) -> Any:
    """Answer errors under /api/ in JSON; every other path keeps the HTML error pages."""
    if not request.path.startswith(PREFIX):
        return render_error(error)
    code = error.code or 500
    message = "Something went wrong on our side." if code >= 500 else (error.description or error.name)
    if code == 404:
        message = "There is no such API endpoint; see " + external_url("api.openapi_document") + "."
    if code == 413:
        message = f"The request is larger than this API accepts (at most {current_app.config['MAX_CONTENT_LENGTH']} bytes)."
    if code == 414:
        message = f"The query string is longer than this API accepts (at most {current_app.config['MAX_QUERY_STRING']} bytes)."
    if code == 429:
        seconds = retry_after_seconds()
        wait = f"in {seconds} seconds" if seconds is not None else "in a minute"
        message = f"Too many requests from your address (at most {error.description}). Try again {wait}."
    response = error_response(code, message)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _cors(response: Response) -> Response:
    # The API is public data: any site may read it from a browser, with GET only.
    if request.path.startswith(PREFIX):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, If-None-Match, If-Modified-Since"
            response.headers["Access-Control-Max-Age"] = "86400"
    return response


def init_app(app: Flask) -> None:
    """Register the blueprint, JSON errors under /api/ and CORS; call after errors.init_app."""
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, _errors)
    app.after_request(_cors)
