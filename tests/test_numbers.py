"""Whole numbers in URLs and forms: ASCII digits only, bounded, never a 500 (issue #11, item 3)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.forms import csrf_token
from tracker.numbers import MAX_DIGITS, whole_number

# Characters str.isdigit() accepts that are not ASCII digits: superscripts, circled,
# Arabic-Indic, Devanagari, full-width.
UNICODE_DIGITS = ["²", "①", "٣", "۷", "१६", "１６", "𝟙𝟞", "1²", "¹⁶"]


@pytest.mark.parametrize("raw", UNICODE_DIGITS + ["", "-1", "+1", " 16", "16 ", "1e3", "0x10", "16.0", "1_000",
                                                  "9" * (MAX_DIGITS + 1), None, 16])
def test_only_ascii_digits_are_a_number(raw) -> None:
    assert whole_number(raw) is None


def test_digits_within_the_bounds_are_read() -> None:
    assert whole_number("16") == 16 and whole_number("007") == 7 and whole_number("9" * MAX_DIGITS) == 10**MAX_DIGITS - 1
    assert whole_number("12", 12, 99) == 12 and whole_number("99", 12, 99) == 99
    assert whole_number("11", 12, 99) is None and whole_number("100", 12, 99) is None


# Every endpoint that reads a number from its query string (or form), with those numbers.
SEARCH_NUMBERS = ["age", "grade", "minpay", "hours", "deadline", "posted", "miles", "page"]
ENDPOINTS = {
    "/search": SEARCH_NUMBERS, "/pathways": ["age"], "/pathways/healthcare": ["age"],
    "/embed": SEARCH_NUMBERS + ["limit"], "/embed/builder": SEARCH_NUMBERS + ["limit"],
    "/search.atom": SEARCH_NUMBERS, "/search.json": SEARCH_NUMBERS, "/search.ics": SEARCH_NUMBERS,
    "/s": SEARCH_NUMBERS, "/api/v1/listings": SEARCH_NUMBERS + ["per_page"],
    "/api/v1/facets": SEARCH_NUMBERS[:-1], "/milestones": ["grade"], "/saved": ["ids"],
}


@pytest.mark.parametrize("raw", ["²", "①", "٣"])
def test_unicode_digits_are_a_clear_message_on_every_endpoint(demo_client, raw: str) -> None:
    token = csrf_token(demo_client)
    for path, params in ENDPOINTS.items():
        for param in params:
            if path == "/s":
                response = demo_client.post(path, data={param: raw, "csrf_token": token})
            else:
                response = demo_client.get(path, query_string={param: raw, "near": "35203"})
            assert response.status_code < 500, (path, param, response.status_code)
            if path.startswith("/api/"):
                assert response.status_code == 400 and response.get_json()["error"]["parameter"] == param
    html = demo_client.get("/search", query_string={"age": raw}).get_data(as_text=True)
    assert f"Ignored age “{raw}”: enter an age from 12 to 99." in html
    builder = demo_client.get("/embed/builder", query_string={"limit": raw}).get_data(as_text=True)
    assert "Ignored the number of listings: enter a whole number from 1 to 50." in builder


NUMERIC_TEXT = st.one_of(
    st.text(st.characters(categories=("Nd", "No", "Nl")), max_size=12),
    st.text(st.sampled_from("0123456789²①٣ -+.e"), max_size=14),
    st.integers(-10**12, 10**12).map(str),
)
REQUESTS = st.tuples(
    st.sampled_from(sorted(ENDPOINTS)),
    st.lists(st.tuples(st.integers(0, 20), NUMERIC_TEXT), min_size=1, max_size=4),
)


def test_no_number_in_any_parameter_of_any_endpoint_gives_a_server_error(demo_app) -> None:
    client = demo_app.test_client()
    token = csrf_token(client)

    @given(request=REQUESTS)
    @settings(max_examples=300, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(request: tuple[str, list[tuple[int, str]]]) -> None:
        path, pairs = request
        params = ENDPOINTS[path]
        data = MultiDict([(params[i % len(params)], value) for i, value in pairs])
        if path == "/s":
            data.add("csrf_token", token)
            response = client.post(path, data=data)
        else:
            response = client.get(path, query_string=data)
        assert response.status_code < 500, (path, data, response.status_code)

    fuzz()


def test_bus_routes_named_with_other_digits_sort_as_names() -> None:
    from tracker.transit import route_order
    # A GTFS feed names its routes; "²" passed isdigit() and then made int() raise.
    assert sorted(["12", "²", "3", "HWY280", "٣"], key=route_order) == ["3", "12", "HWY280", "²", "٣"]
