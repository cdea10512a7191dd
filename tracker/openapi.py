"""The OpenAPI 3 description of API v1, built from the same vocabularies the API checks.

Served at /api/v1/openapi.json; the tests validate it and fuzz the API from it.
"""
from __future__ import annotations

from typing import Any

from flask import current_app

from tracker import geo, taxonomy
from tracker.filter_registry import BY_FIELD, FILTERS
from tracker.open_data import MAX_LISTING_ID
from tracker.query import MAX_PAGE, SORTS, ListingQuery
from tracker.serialize import choice_slugs

VERSION = "1.0.0"


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "nullable": True}


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}
BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
URL = {"type": "string", "format": "uri"}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required}


def _slugs(vocabulary: tuple[taxonomy.Term, ...]) -> list[str]:
    return [term.slug for term in vocabulary]


LISTING_REQUIRED = [
    "id", "url", "api_url", "title", "organisation", "description_html", "kind", "kind_label", "pathways",
    "status", "open", "eligibility", "pay", "schedule", "location", "deadline", "posted_at", "first_seen_at",
    "updated_at", "closed_at", "apply_url", "source", "duplicate_of",
]


def _schemas() -> dict[str, Any]:
    kinds, pathways = _slugs(taxonomy.KINDS), _slugs(taxonomy.PATHWAYS)
    pays, modes = _slugs(taxonomy.PAY_STATUSES), _slugs(taxonomy.WORK_MODES)
    facet_list = {"type": "array", "items": _object({
        "value": {"oneOf": [STRING, INTEGER]}, "label": STRING, "count": INTEGER})}
    return {
        "Error": _object({"error": _object({
            "status": INTEGER,
            "parameter": _nullable({**STRING, "description": "The query parameter at fault, when one is."}),
            "message": STRING,
        })}),
        "Listing": _object({
            "id": INTEGER, "url": URL, "api_url": URL, "title": STRING, "organisation": STRING,
            "description_html": {**STRING, "description": "Sanitized HTML."},
            "kind": {**STRING, "enum": kinds}, "kind_label": STRING,
            "pathways": {"type": "array", "items": {**STRING, "enum": pathways}},
            "status": {**STRING, "enum": list(_statuses())},
            "open": {**BOOLEAN, "description": "Whether people can still apply today."},
            "eligibility": _object({
                "min_age": _nullable(INTEGER), "max_age": _nullable(INTEGER),
                "min_grade": _nullable(INTEGER), "max_grade": _nullable(INTEGER),
                "text": _nullable({**STRING, "description": "The words the ages and grades came from."}),
                "summary": STRING,
            }),
            "pay": _object({
                "status": {**STRING, "enum": pays}, "min": _nullable(NUMBER), "max": _nullable(NUMBER),
                "period": _nullable({**STRING, "enum": list(taxonomy.PAY_PERIODS) + [None]}),
                "currency": {**STRING, "description": "ISO 4217 code."},
                "text": _nullable(STRING), "summary": STRING,
            }),
            "schedule": _object({
                "hours_per_week": _nullable(INTEGER), "text": _nullable(STRING), "season": _nullable(STRING),
                "start_date": _nullable(DATE), "end_date": _nullable(DATE),
            }),
            "location": _object({
                "work_mode": _nullable({**STRING, "enum": modes + [None]}), "address": _nullable(STRING),
                "city": _nullable(STRING), "state": _nullable(STRING), "zip": _nullable(STRING),
                "latitude": _nullable(NUMBER), "longitude": _nullable(NUMBER),
                "transport_provided": _nullable(BOOLEAN), "transport_note": _nullable(STRING),
            }),
            "deadline": _nullable({**DATE, "description": "Last day to apply, in the site's time zone."}),
            "posted_at": _nullable(DATETIME), "first_seen_at": DATETIME, "updated_at": DATETIME,
            "closed_at": _nullable(DATETIME), "apply_url": _nullable(STRING), "source": _nullable(STRING),
            "duplicate_of": _nullable({**INTEGER, "description": "The listing shown instead of this one."}),
            "distance_miles": _nullable({**NUMBER, "description": "In a search with `near`: miles from its centre."}),
        }, required=LISTING_REQUIRED),
        "Query": _object({name: _query_value_schema(param["schema"]) for name, param in query_parameters().items()
                           if name not in ("page", "per_page")}),
        "Understood": {"type": "array", "description": (
            "The words of `q` read as filters (unless read=0), in the order typed: each names the words, the "
            "parameter and value they became (both null for words set aside, such as 'near me'), and the URL "
            "that searches those words as typed instead (in quotes, which are never read)."),
            "items": _object({"words": STRING, "parameter": _nullable(STRING),
                              "value": _nullable({"oneOf": [STRING, INTEGER]}), "search_words_instead": URL})},
        "Notes": {"type": "array", "items": STRING, "description": (
            "What the search set aside, in words: sort=nearest without near (nothing to measure from) "
            "is sorted by best match instead, and said here. Empty when nothing was.")},
        "SearchLinks": _object({name: URL for name in
                                ("html", "api", "facets", "atom", "json_feed", "calendar", "embed")}),
        "ListingPage": _object({
            "query": {"$ref": "#/components/schemas/Query"},
            "understood": {"$ref": "#/components/schemas/Understood"},
            "notes": {"$ref": "#/components/schemas/Notes"},
            "description": {**STRING, "description": "The search in words, e.g. '12 paid internships open to age 16'."},
            "total": INTEGER, "page": INTEGER, "per_page": INTEGER, "page_count": INTEGER,
            "listings": {"type": "array", "items": {"$ref": "#/components/schemas/Listing"}},
            "links": {"allOf": [{"$ref": "#/components/schemas/SearchLinks"},
                                _object({"self": URL, "next": _nullable(URL), "prev": _nullable(URL)})]},
        }),
        "Facets": _object({
            "query": {"$ref": "#/components/schemas/Query"}, "understood": {"$ref": "#/components/schemas/Understood"},
            "notes": {"$ref": "#/components/schemas/Notes"}, "description": STRING, "total": INTEGER,
            "facets": {"type": "object", "additionalProperties": facet_list,
                       "description": "Counts by filter parameter (kind, pathway, pay, mode, deadline, ...)."},
            "links": {"$ref": "#/components/schemas/SearchLinks"},
        }),
        "Pathway": _object({
            "slug": {**STRING, "enum": pathways}, "label": STRING, "description": STRING,
            "district": {**BOOLEAN, "description": "A high-demand career inside the school district."},
            "clusters": {"type": "array", "items": STRING}, "open_count": INTEGER,
            "search_url": URL, "api_url": URL,
        }),
        "Pathways": _object({"pathways": {"type": "array", "items": {"$ref": "#/components/schemas/Pathway"}}}),
        "Index": _object({"name": STRING, "version": STRING, "openapi": URL, "endpoints": {"type": "object"}}),
    }


def _query_value_schema(schema: dict[str, Any]) -> dict[str, Any]:
    if schema["type"] == "array":
        return {"type": "array", "items": {"type": schema["items"]["type"]}}
    return _nullable({"type": schema["type"]})


def _statuses() -> tuple[str, ...]:
    from tracker.models import Listing
    return Listing.STATUSES


# What each search parameter means, for the document's readers.
DESCRIPTIONS = {
    "q": ("Words to search for. Filter words in them are read as filters ('paid summer internship near 35203' "
          "is pay=paid, season=summer, kind=internship, near=35203) and said in `understood`; words in quotes "
          "are searched as typed."),
    "read": "0 searches every word of `q` as typed: no filter words are read from it (1, the default, reads them).",
    **{f.param: f.description for f in FILTERS},
    "miles": "The distance from `near` (default 10).",
    "sort": ("relevance (newest first when there are no words), deadline, newest, or nearest, which needs "
             "`near`: sort=nearest without near is sorted by best match (query.sort says relevance) and "
             "`notes` says why."),
    "page": "The page of results.",
    "unstated": "With age or grade: 1 shows the listings that state no age or grade instead.",
    "per_page": "Listings per page.",
}
MAX_PAGE_PARAM = MAX_PAGE  # the last page number from_args reads
MAX_PER_PAGE = 100


def known_zips() -> list[str]:
    """Return the ZIP codes the site can place (the `near` filter takes no others)."""
    # geo keeps its table private; reading it through the same cached loader.
    return sorted(geo._centroids(str(geo.DEFAULT_CENTROIDS)))


def _field_schema(field: str) -> dict[str, Any]:
    """Return the JSON schema of one ListingQuery field's URL parameter."""
    declared = BY_FIELD.get(field)
    if declared is not None and declared.is_choice:
        return {"type": "array", "items": {"type": "string", "enum": choice_slugs(field)}}
    if declared is not None and declared.low is not None and declared.high is not None:
        return {"type": "integer", "minimum": declared.low, "maximum": declared.high}
    if declared is not None and declared.repeatable:
        return {"type": "array", "items": {"type": "integer", "enum": list(declared.options)}}
    if declared is not None and declared.options and field != "near":
        return {"type": "integer", "enum": list(declared.options)}
    if field == "near":  # on its own: every API search reads these schemas, and the ZIPs are hundreds
        return {"type": "string", "enum": known_zips()}
    return {
        "text": {"type": "string", "maxLength": current_app.config["MAX_QUERY_LENGTH"]},
        "miles": {"type": "integer", "enum": list(ListingQuery.DISTANCES)},
        "sort": {"type": "string", "enum": list(SORTS), "default": "relevance"},
        "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_PARAM, "default": 1},
        "unstated": {"type": "integer", "enum": [0, 1], "default": 0},
        "read": {"type": "integer", "enum": [0, 1], "default": 1},
    }.get(field, {"type": "string"})


def query_parameters(paged: bool = True) -> dict[str, dict[str, Any]]:
    """Return the OpenAPI parameter object of every search parameter, by name.

    They are the search page's own parameters (ListingQuery.PARAMS), so a filter added
    there is a filter of the API too; ``paged`` adds sort, page and per_page.
    """
    params: dict[str, dict[str, Any]] = {}
    for field, name in ListingQuery.PARAMS.items():
        if not paged and field in ("sort", "page"):
            continue
        schema = _field_schema(field)
        param: dict[str, Any] = {"name": name, "in": "query", "required": False,
                                 "description": DESCRIPTIONS.get(name, "As on the search page."), "schema": schema}
        if schema["type"] == "array":
            param.update(style="form", explode=True)
        params[name] = param
    if paged:
        params["per_page"] = {"name": "per_page", "in": "query", "required": False,
                              "description": DESCRIPTIONS["per_page"],
                              "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                                         "default": current_app.config["RESULTS_PER_PAGE"]}}
    return params


def _parameters() -> dict[str, Any]:
    params = dict(query_parameters())
    params["If-None-Match"] = {"name": "If-None-Match", "in": "header", "required": False,
                               "description": "An ETag from an earlier response: 304 when unchanged.",
                               "schema": {"type": "string"}}
    return params


def _ok(schema: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"ETag": {"schema": {"type": "string"}},
                    "Last-Modified": {"schema": {"type": "string"}}},
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _refs(*names: str) -> list[dict[str, str]]:
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


NOT_MODIFIED = {"description": "Not modified since the ETag given in If-None-Match."}


def _limits(searches: bool) -> dict[str, Any]:
    """Return the answers every operation may give for a request too long or too frequent."""
    answers = {"414": _error(f"The query string is longer than {current_app.config['MAX_QUERY_STRING']} bytes. "
                             "Past 8 KB the server in front answers, in the same shape (deploy/nginx.conf).")}
    if searches:
        answers["429"] = {**_error("Too many searches from this address (RATELIMIT_SEARCH); "
                                   "Retry-After says in how many seconds to try again."),
                          "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1}}}}
    return answers


BAD_PARAMETER = _error("A parameter has a value it does not take, or is unknown. error.parameter names it.")


def document() -> dict[str, Any]:
    """Return the OpenAPI 3.0 document for API v1."""
    site = current_app.config["SITE_NAME"]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"{site} API", "version": VERSION,
            "description": (
                "Open data on internships, jobs, apprenticeships, job shadowing and training for "
                "ages 16-25, by career pathway. Every search takes the same parameters as the "
                "search page; a value the page would ignore is a 400 naming the parameter. Dates "
                "are ISO 8601; GET responses carry ETag and Last-Modified and answer 304; any "
                "origin may call the API from a browser (CORS, GET only)."),
            "license": {"name": "Open data"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/": {"get": {"operationId": "index", "summary": "What this API offers",
                          "responses": {"200": _ok("Index", "Links to the endpoints."), **_limits(searches=False)}}},
            "/listings": {"get": {
                "operationId": "searchListings", "summary": "Search open listings",
                "parameters": _refs(*query_parameters(), "If-None-Match"),
                "responses": {"200": _ok("ListingPage", "One page of matching open listings."),
                              "304": NOT_MODIFIED, "400": BAD_PARAMETER, **_limits(searches=True)},
            }},
            "/listings/{listing_id}": {"get": {
                "operationId": "getListing", "summary": "One listing, open or closed",
                "parameters": [{"name": "listing_id", "in": "path", "required": True,
                                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LISTING_ID}},
                               *_refs("If-None-Match")],
                "responses": {"200": _ok("Listing", "The listing."), "304": NOT_MODIFIED,
                              "404": _error("No public listing has this id."), **_limits(searches=False)},
            }},
            "/facets": {"get": {
                "operationId": "facetCounts", "summary": "How many matches each filter choice gives",
                "parameters": _refs(*query_parameters(paged=False), "If-None-Match"),
                "responses": {"200": _ok("Facets", "Counts per choice of each filter."), "304": NOT_MODIFIED,
                              "400": BAD_PARAMETER, **_limits(searches=True)},
            }},
            "/pathways": {"get": {
                "operationId": "listPathways", "summary": "The career pathways, with open listings in each",
                "parameters": _refs("If-None-Match"),
                "responses": {"200": _ok("Pathways", "Every career pathway."), "304": NOT_MODIFIED,
                              "400": _error("This endpoint takes no parameters; error.parameter names the one given."),
                              **_limits(searches=True)},
            }},
        },
        "components": {"schemas": _schemas(), "parameters": _parameters()},
    }
