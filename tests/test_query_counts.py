"""A page of results asks the database the same number of questions for 1 listing as for 20.

A per-listing query (a listing's source, read one by one) costs little in a test and a
great deal under load; these catch one coming back.
"""
from __future__ import annotations

import pytest
from flask import Flask

from tests.conftest import sql_statements


def statements_for(app: Flask, client, url: str) -> list[str]:
    client.get(url)  # warm: the first request reads settings a later one does not
    with sql_statements(app) as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return statements


@pytest.mark.parametrize("one, many", [
    ("/api/v1/listings?per_page=1", "/api/v1/listings?per_page=20"),
    ("/search.json?kind=job&kind=internship&kind=training", "/search.json"),
    ("/search?kind=apprenticeship", "/search"),
])
def test_a_page_of_results_asks_no_question_per_listing(demo_app: Flask, one: str, many: str) -> None:
    client = demo_app.test_client()
    fewer, more = statements_for(demo_app, client, one), statements_for(demo_app, client, many)
    assert len(more) == len(fewer), "\n".join(more)


def test_the_demo_results_come_from_several_sources(demo_app: Flask) -> None:
    # Otherwise the test above could not see a source read once per listing.
    listings = demo_app.test_client().get("/api/v1/listings?per_page=20").get_json()["listings"]
    assert len({item["source"] for item in listings}) >= 3
