"""What a request works out once: the memo's lifetime, and links built from a remembered path."""
from __future__ import annotations

from flask import Flask, url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import request_memo
from tracker.filters import url_with


def test_a_value_is_worked_out_once_per_request_and_never_carried_to_the_next(app: Flask) -> None:
    calls: list[int] = []

    @app.get("/memo-probe")
    def probe() -> str:
        first = request_memo.once_per_request("probe", lambda: calls.append(1) or len(calls))
        again = request_memo.once_per_request("probe", lambda: calls.append(1) or len(calls))
        return f"{first},{again}"

    client = app.test_client()
    assert client.get("/memo-probe").text == "1,1"
    assert client.get("/memo-probe").text == "2,2"  # a new request works it out anew
    assert len(calls) == 2


def test_outside_a_request_nothing_is_remembered(app: Flask) -> None:
    calls: list[int] = []
    with app.app_context():
        request_memo.once_per_request("probe", lambda: calls.append(1) or 1)
        request_memo.once_per_request("probe", lambda: calls.append(1) or 1)
    assert len(calls) == 2


def test_a_request_context_pushed_by_hand_still_remembers_per_request(app: Flask) -> None:
    calls: list[int] = []
    with app.test_request_context("/search"):
        request_memo.once_per_request("probe", lambda: calls.append(1) or 1)
        request_memo.once_per_request("probe", lambda: calls.append(1) or 1)
    with app.test_request_context("/search"):
        request_memo.once_per_request("probe", lambda: calls.append(1) or 1)
    assert len(calls) == 2


def test_the_language_of_one_request_does_not_leak_into_the_next(app: Flask) -> None:
    assert '<html lang="es"' in app.test_client().get("/search?lang=es").text
    assert '<html lang="en"' in app.test_client().get("/search").text


ARG_VALUES = st.one_of(st.none(), st.integers(-5, 500), st.text(max_size=12),
                       st.lists(st.one_of(st.text(max_size=8), st.integers(0, 99)), max_size=3))


# The app is only read: one for every example is enough.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.dictionaries(st.sampled_from(["q", "kind", "pathway", "age", "page", "sort", "near", "x y", "ü"]),
                            ARG_VALUES, max_size=6))
def test_links_built_from_the_remembered_path_are_the_links_flask_builds(app: Flask, args: dict) -> None:
    with app.test_request_context("/search", base_url="http://example.test/tracker"):
        for endpoint in ("pages.search", "feeds.atom", "alerts.new", "pages.listing"):
            if endpoint == "pages.listing":  # a path argument: left to Flask
                assert url_with(endpoint, {**args, "listing_id": 7}) == url_for(endpoint, **args, listing_id=7)
            else:
                assert url_with(endpoint, args) == url_for(endpoint, **args)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(listing_id=st.integers(1, 2**31 - 1), site_url=st.sampled_from(["", "https://jobs.example.gov", "https://x.test/bhm/"]),
       root=st.sampled_from(["", "/tracker", "/2147483647"]))
def test_listing_urls_built_around_a_probe_id_are_the_urls_flask_builds(app: Flask, listing_id: int, site_url: str,
                                                                        root: str) -> None:
    from tracker.open_data import external_url, listing_path, listing_url

    app.config["SITE_URL"] = site_url
    with app.test_request_context("/api/v1/listings", base_url=f"http://example.test{root}"):
        for endpoint in ("pages.listing", "api.listing"):
            assert listing_url(endpoint, listing_id) == external_url(endpoint, listing_id=listing_id)
            assert listing_path(endpoint, listing_id) == url_for(endpoint, listing_id=listing_id)
