"""Bounds on what a request may send: a clear 413, never a body read whole (issue #11, item 4)."""
from __future__ import annotations

import time

import pytest
from werkzeug.exceptions import RequestEntityTooLarge

from tests.conftest import build_app, make_config
from tests.forms import csrf_token
from tracker.extensions import db


@pytest.fixture
def small_app(tmp_path):
    app = build_app(make_config(tmp_path, MAX_CONTENT_LENGTH=64 * 1024, MAX_FORM_MEMORY_SIZE=16 * 1024,
                                MAX_FORM_PARTS=50))
    yield app
    with app.app_context():
        db.engine.dispose()


def test_the_limits_have_production_values(app) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    assert app.config["MAX_FORM_MEMORY_SIZE"] == 500_000 and app.config["MAX_FORM_PARTS"] == 1000


def test_a_body_over_the_limit_is_a_413_page(small_app) -> None:
    client = small_app.test_client()
    token = csrf_token(client)
    response = client.post("/s", data={"q": "x" * 70_000, "csrf_token": token},
                           headers={"Referer": "http://localhost/search?kind=job"})
    html = response.get_data(as_text=True)
    assert response.status_code == 413 and response.content_type.startswith("text/html")
    assert "<h1>Too large</h1>" in html and "Please shorten what you typed and send it again." in html
    assert 'href="http://localhost/search?kind=job">Back to the page you were on' in html
    spanish = client.post("/s?lang=es", data={"q": "x" * 70_000, "csrf_token": token})
    assert spanish.status_code == 413 and "Acorta lo que escribiste" in spanish.get_data(as_text=True)


def test_a_url_encoded_form_over_the_form_size_is_refused(small_app) -> None:
    client = small_app.test_client()
    token = csrf_token(client)
    # Under MAX_CONTENT_LENGTH, over MAX_FORM_MEMORY_SIZE: werkzeug alone would parse it.
    assert client.post("/s", data={"q": "x" * 20_000, "csrf_token": token}).status_code == 413
    assert client.post("/s", data={"q": "nurse", "csrf_token": token}).status_code == 303


def test_a_url_encoded_form_with_too_many_fields_is_refused(small_app) -> None:
    client = small_app.test_client()
    token = csrf_token(client)
    fields = "&".join(f"kind={i}" for i in range(60)) + f"&csrf_token={token}"
    response = client.post("/s", data=fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    few = "&".join(f"kind={i}" for i in range(40)) + f"&csrf_token={token}"
    assert client.post("/s", data=few, content_type="application/x-www-form-urlencoded").status_code == 303


def test_two_million_fields_are_refused_at_once(app) -> None:
    client = app.test_client()
    body = b"a=&" * 2_000_000
    started = time.perf_counter()
    response = client.post("/s", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert time.perf_counter() - started < 2  # refused on its length, not parsed


def test_the_api_answers_413_in_json(small_app) -> None:
    # The API takes no bodies (its GETs never read one), so the handler is asked directly.
    with small_app.test_request_context("/api/v1/listings"):
        answer = small_app.handle_http_exception(RequestEntityTooLarge())
    assert answer.status_code == 413
    assert answer.get_json()["error"]["message"] == "The request is larger than this API accepts (at most 65536 bytes)."


def test_a_query_string_over_the_limit_is_a_414_the_app_answers(app) -> None:
    client = app.test_client()
    limit = app.config["MAX_QUERY_STRING"]
    assert limit == 3000  # under gunicorn's 4,094-byte request line: the app answers first
    long_query = "q=" + "x" * (limit - 1)
    page = client.get("/search?" + long_query)
    assert page.status_code == 414 and "<h1>Address too long</h1>" in page.get_data(as_text=True)
    spanish = client.get("/search?lang=es&" + long_query)
    assert spanish.status_code == 414 and "Dirección demasiado larga" in spanish.get_data(as_text=True)
    api = client.get("/api/v1/listings?" + long_query)
    assert api.status_code == 414 and api.get_json()["error"] == {
        "status": 414, "parameter": None,
        "message": "The query string is longer than this API accepts (at most 3000 bytes)."}
    # At the limit, the search is read (and shortened to MAX_QUERY_LENGTH as ever).
    assert client.get("/search?q=" + "x" * (limit - 2)).status_code == 200


def test_the_api_document_says_what_each_operation_may_answer(app) -> None:
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert "3000 bytes" in responses["414"]["description"], path
        if path in ("/listings", "/facets", "/pathways"):
            assert "Retry-After" in responses["429"]["headers"], path
            assert "400" in responses, path
    sort = document["components"]["parameters"]["sort"]
    assert "sort=nearest without near is sorted by best match" in sort["description"]
    assert "`notes` says why" in sort["description"]
    assert "nearest" not in document["paths"]["/listings"]["get"]["responses"]["400"]["description"]
