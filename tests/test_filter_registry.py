"""One filter registry: every reader of filters (URL, words, API, form, engine) agrees with FILTERS."""
from __future__ import annotations

from dataclasses import fields

import pytest

from tests.factories import add_listings
from tracker.filter_registry import BY_FIELD, FILTERS, PANEL_FILTERS
from tracker.listings import find_listings
from tracker.query import ListingQuery
from tracker.search.masks import MASKS


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


def test_every_filter_is_a_query_field_with_its_own_parameter_and_mask() -> None:
    query_fields = {f.name for f in fields(ListingQuery)}
    assert {f.field for f in FILTERS} <= query_fields
    assert len({f.param for f in FILTERS}) == len(FILTERS)
    assert all(ListingQuery.PARAMS[f.field] == f.param for f in FILTERS)
    assert {f.mask for f in FILTERS} == set(MASKS), "each declared mask exists, and no mask is left unused"
    for f in FILTERS:
        engine = MASKS[f.mask]
        if f.facet is not None:
            # Its facet counts each choice's mask (at): a choice filter's values, or a number filter's options.
            assert (engine.choices is not None) if f.is_choice else bool(f.options), f.field


@pytest.mark.parametrize("f", [f for f in FILTERS if not f.is_choice], ids=lambda f: f.field)
def test_a_bad_number_is_refused_with_the_filters_own_message(ctx, f) -> None:
    query, problems = ListingQuery.from_args({f.param: "1x"})
    assert getattr(query, f.field) == (() if f.repeatable else None)
    assert [(p.parameter, p.message) for p in problems] == [(f.param, f.refused("1x"))]


@pytest.mark.parametrize("f", [f for f in FILTERS if f.is_choice], ids=lambda f: f.field)
def test_a_choice_filter_takes_its_vocabulary_and_refuses_the_rest(ctx, f) -> None:
    first = f.terms[0].slug
    query, problems = ListingQuery.from_args({f.param: [first, "nonsense"]})
    assert getattr(query, f.field) == (first,)
    assert [p.parameter for p in problems] == [f.param]
    assert query.to_args() == {f.param: [first]}


def test_each_filter_in_force_is_a_chip_a_relaxation_and_a_facet(ctx, client) -> None:
    add_listings({"title": "Nursing aide", "min_age": 16, "max_age": 18, "pay_status": "paid", "pay_min": 14,
                  "pay_period": "hour", "hours_per_week": 15, "zip": "35203", "latitude": 33.52, "longitude": -86.81})
    args = {"kind": "internship", "pathway": "healthcare", "age": 17, "grade": 11, "pay": "paid", "minpay": 12,
            "mode": "onsite", "season": "summer", "hours": 20, "near": "35203", "deadline": 30, "posted": 30,
            "access": "transport"}
    assert set(args) == {f.param for f in FILTERS}, "a new filter needs a value here"
    query, problems = ListingQuery.from_args(args)
    assert problems == [] and query.active_filters == tuple(f.field for f in FILTERS)
    facets = find_listings(query).facets
    assert {f.facet for f in FILTERS if f.facet} == set(facets)
    page = client.get("/search", query_string=args).get_data(as_text=True)
    for f in FILTERS:
        if not f.is_choice:
            assert f.words(query) in page, f.field  # its chip


def test_the_form_offers_every_filter_from_its_declaration(ctx, client) -> None:
    add_listings({"kind": "job", "pathways": ["finance"], "pay_status": "paid", "work_mode": "remote", "season": "summer",
                  "transport_provided": True})
    page = client.get("/search?near=35203").get_data(as_text=True)
    for f in PANEL_FILTERS:
        # A choice is offered when some listing has it (or it is chosen); numbers always.
        offered = [(v, w) for v, w in f.choices()
                   if not f.is_choice or v in ("job", "finance", "paid", "remote", "summer", "transport")]
        assert offered, f.field
        for value, words in offered:
            name = "miles" if f.widget == "distance" else f.param
            expected = f'<option value="{value}"' if f.widget == "select" else f'name="{name}" value="{value}"'
            assert expected in page, (f.field, value)
            assert words in page, (f.field, words)
    for f in FILTERS:
        if f.widget == "top":
            assert f'name="{f.param}"' in page, f.field
    assert BY_FIELD["grades"].choices()[0] == (6, "Grade 6")


def test_the_api_document_lists_every_filter(client) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    listed = {p["$ref"].rsplit("/", 1)[1] for p in document["paths"]["/listings"]["get"]["parameters"]}
    documented = document["components"]["parameters"]
    for f in FILTERS:
        assert f.param in listed
        assert documented[f.param]["description"] == f.description
        schema = documented[f.param]["schema"]
        if f.is_choice:
            assert schema["items"]["enum"] == [t.slug for t in f.terms]
        elif f.low is not None:
            assert (schema["minimum"], schema["maximum"]) == (f.low, f.high)


def test_a_search_that_finds_nothing_names_what_to_drop_in_the_readers_language(ctx, client) -> None:
    add_listings({"title": "Nurse aide", "kind": "job"}, {"title": "Welder", "kind": "volunteer"})
    page = client.get("/search?kind=volunteer&q=nurse&lang=es").get_data(as_text=True)
    assert "Sin el filtro de tipo" in page and "Sin las palabras “nurse”" in page
    assert "the kind filter" not in page
