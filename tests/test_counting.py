"""Counting is its own cheap call: no page of rows, no facets, when only a number is wanted."""
from __future__ import annotations

import pytest

from tests.factories import add_listings
from tracker.listings import count_listings, facet_counts, find_listings
from tracker.query import ListingQuery
from tracker.search.masks import Filters


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


@pytest.fixture
def facet_passes(monkeypatch) -> list[str | None]:
    calls: list[str | None] = []
    real = Filters.facets

    def counted(self, matching, only=None):
        calls.append(only)
        return real(self, matching, only)

    monkeypatch.setattr(Filters, "facets", counted)
    return calls


def test_counts_agree_with_the_full_search(ctx) -> None:
    add_listings({"title": "Nursing aide", "min_age": 16, "pathways": ["healthcare"]},
                 {"title": "Welding intern", "kind": "job", "pathways": ["manufacturing"]},
                 {"title": "Nursing intern", "pathways": ["healthcare", "education"]})
    for query in (ListingQuery(), ListingQuery(age=16), ListingQuery(text="nursing"), ListingQuery(kinds=("job",))):
        full = find_listings(query)
        assert count_listings(query) == full.total
        assert facet_counts(query, "pathways") == full.facets["pathways"]
        assert facet_counts(query, "kinds") == full.facets["kinds"]


def test_pages_that_only_count_compute_no_facets(ctx, client, facet_passes) -> None:
    add_listings({"title": "Nursing aide", "pathways": ["healthcare"], "kind": "job"})
    assert client.get("/pathways/healthcare").status_code == 200
    assert facet_passes == []  # seven searches for rungs and skills, none counting every filter
    assert client.get("/pathways").status_code == 200
    assert facet_passes == ["pathways"]
    facet_passes.clear()
    for url in ("/milestones", "/embed/builder?kind=job", "/search.atom?kind=job", "/api/v1/pathways"):
        assert client.get(url).status_code == 200, url
        assert set(facet_passes) <= {"pathways"}, url
