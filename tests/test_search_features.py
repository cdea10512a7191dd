"""Whoosh's own side of search features: synonyms as text, phrases and stop words on its arrays (tests/test_search_contract.py: what every backend finds)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from tests.factories import add_listings
from tracker import synonyms
from whoosh.searching import Searcher
from tracker.search import app as search_app
from tracker.search.parsing import text_query
from tracker.listings import find_listings
from tracker.query import ListingQuery


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


def titles(query: ListingQuery) -> list[str]:
    return sorted(listing.title for listing in find_listings(query).listings)


def test_synonyms_are_added_outside_quotes_only() -> None:
    assert synonyms.expand('"cna" nurse') == '"cna" (nursing OR nurse OR cna OR (patient AND care))'
    assert synonyms.expand('cdl "nurse') == '(cdl OR (commercial AND driver) OR (commercial AND driving)) "nurse'


@pytest.mark.parametrize("text", ['"customer service"', '"service customer"', '"data entry clerk"', '"the data entry"',
                                  '"entry"', '"help desk" nursing', '"IT help desk" OR "data entry"', '"nothing here"'])
def test_phrases_on_arrays_find_exactly_what_whoosh_finds(ctx, text) -> None:
    add_listings({"title": "Customer service aide", "description": "<p>Data entry and customer care.</p>"},
                 {"title": "Service for customers", "description": "<p>Enter data; service the customer.</p>"},
                 {"title": "Data entry clerk", "description": "<p>The clerk enters data.</p>"},
                 {"title": "IT help desk", "description": "<p>Nursing informatics help desk.</p>"},
                 {"title": "Clerk", "description": "<p>Data clerk entry customer service.</p>"})
    q = text_query(text)
    searcher = search_app.get_searcher()
    arrays = search_app.backend().term_scores(searcher).evaluate(q, searcher.reader())
    assert arrays is not None  # answered on arrays, not handed to Whoosh
    assert set(np.flatnonzero(arrays[0]).tolist()) == set(searcher.docs_for_query(q))


def test_words_that_all_drop_out_list_newest_first_without_scoring(ctx, monkeypatch) -> None:
    now = datetime.now(timezone.utc)
    add_listings({"title": "Oldest", "posted_at": now - timedelta(days=9)},
                 {"title": "Newest", "posted_at": now - timedelta(days=1)})

    def no_whoosh_scoring(*args, **kwargs):
        raise AssertionError("a stop-word search scored every listing in Python")

    monkeypatch.setattr(Searcher, "search", no_whoosh_scoring)
    assert [listing.title for listing in find_listings(ListingQuery(text="a")).listings] == ["Newest", "Oldest"]
