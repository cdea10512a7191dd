"""The filter panel: which inputs the search form offers, chosen, counted and in the reader's words."""
from __future__ import annotations

import pytest

from tracker.filter_panel import filter_panel
from tracker.query import ListingQuery


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


def by_param(query: ListingQuery, facets: dict) -> dict:
    return {group.param: group for group in filter_panel(query, facets)}


def test_a_choice_no_listing_has_is_left_out_unless_it_is_chosen(ctx) -> None:
    query, _ = ListingQuery.from_args({"kind": "workshop"})
    kinds = by_param(query, {"kinds": {"job": 1234}})["kind"]
    offered = {c.value: c for c in kinds.choices}
    assert set(offered) == {"job", "workshop"}
    assert offered["job"].count == "1,234" and not offered["job"].chosen
    assert offered["workshop"].count == "0" and offered["workshop"].chosen
    assert kinds.widget == "checkbox" and offered["job"].input_id == "f-kind-job"


def test_a_radio_filter_offers_any_chosen_when_nothing_is(ctx) -> None:
    hours = by_param(ListingQuery(), {"max_hours": {10: 3, 20: 5}})["hours"]
    assert hours.widget == "radio"
    anything, *options = hours.choices
    assert anything.value == "" and anything.chosen and anything.count is None
    assert [(c.value, c.count, c.chosen) for c in options] == [(10, "3", False), (20, "5", False), (30, "0", False)]
    assert hours.hint == "Listings that don't state hours stay in."
    chosen = by_param(ListingQuery(max_hours=20), {})["hours"]
    assert [c.value for c in chosen.choices if c.chosen] == [20]


def test_distance_is_offered_only_once_a_zip_code_is_given(ctx) -> None:
    assert "miles" not in by_param(ListingQuery(), {})
    query, _ = ListingQuery.from_args({"near": "35203", "miles": "25"})
    distance = by_param(query, {"miles": {5: 1, 25: 9}})["miles"]
    assert distance.legend == "Distance from 35203"
    assert [(c.input_id, c.count, c.chosen) for c in distance.choices] == [
        ("f-miles-5", "1", False), ("f-miles-10", "0", False), ("f-miles-25", "9", True), ("f-miles-50", "0", False)]


def test_the_panel_speaks_the_readers_language(app) -> None:
    with app.test_request_context("/search?lang=es"):
        groups = by_param(ListingQuery(), {"kinds": {"internship": 2}})
    assert groups["kind"].legend == "Tipo de oportunidad"
    assert [c.words for c in groups["kind"].choices] == ["Pasantía"]
