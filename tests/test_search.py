"""The Whoosh index: its storage, rebuilds, writer lock and array scoring (tests/test_search_contract.py: what every backend finds)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.factories import add_listings
from tracker import search
from tracker.search import app as search_app
from tracker.search import storage
from tracker.search.parsing import text_query
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import find_listings, reindex_all
from tracker.models import Listing
from tracker.query import ListingQuery


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


def titles(query: ListingQuery) -> list[str]:
    return [listing.title for listing in find_listings(query).listings]


def test_search_results_are_checked_against_the_database(ctx) -> None:
    kept, dropped = add_listings({"title": "Kept"}, {"title": "Removed since indexing"})
    dropped.remove(dropped.posted_at)  # closed in the database, index not yet told
    db.session.commit()
    assert titles(ListingQuery()) == ["Kept"]


def test_rebuild_swaps_in_a_new_generation_from_the_database(ctx) -> None:
    kept, dropped = add_listings({"title": "Kept"}, {"title": "Dropped"})
    dropped.status = Listing.REMOVED
    db.session.commit()
    old_target = (storage.current_link(ctx.config["INDEX_DIR"])).resolve()
    assert reindex_all() == 1
    new_target = (storage.current_link(ctx.config["INDEX_DIR"])).resolve()
    assert new_target != old_target and not old_target.exists()
    with ctx.test_request_context():
        assert search.indexed_count() == 1


def test_a_second_writer_gets_a_clear_error(ctx) -> None:
    add_listings({"title": "One"})
    ctx.config["INDEX_WRITER_TIMEOUT"] = 0.1
    with search_app.writer():
        with pytest.raises(search.IndexBusy, match="locked by another writer"):
            search.apply_changes([], [1])


def test_an_index_from_an_older_schema_is_refused_politely_and_rebuilt_by_ingest(app, client) -> None:
    from ingest.pipeline import run_sources

    with app.test_request_context():
        add_listings({"title": "Kept"})
        marker = storage.current_link(app.config["INDEX_DIR"]) / storage.SCHEMA_MARKER
    marker.write_text("0")  # as an index built by an earlier release would say
    app.extensions["search"].forget_open_index()
    page = client.get("/search")
    assert page.status_code == 503 and "Search is being updated" in page.get_data(as_text=True)
    with app.test_request_context():
        run_sources([], site_today(), datetime.now(timezone.utc))
    assert client.get("/search").status_code == 200
    assert "Kept" in client.get("/search").get_data(as_text=True)


@pytest.mark.parametrize("text", ["nursing", "nursing aide", "summer job", "IT", "clerk OR cashier"])
def test_array_relevance_ranks_like_whoosh(ctx, text) -> None:
    import numpy as np

    titles_ = ["Nursing aide", "Nursing assistant nursing home", "Summer camp aide", "Help desk (IT) clerk",
               "Cashier", "Office clerk", "Nurse aide in summer", "Computer network intern"]
    rows = add_listings(*[{"title": t, "description": f"<p>{t} {'aide ' * i}</p>"} for i, t in enumerate(titles_)])
    searcher = search_app.get_searcher()
    q = text_query(text)
    evaluated = search_app.backend().term_scores(searcher).evaluate(q, searcher.reader())
    assert evaluated is not None, "plain words and ORs are scored on arrays"
    mask, scores = evaluated
    ours = {int(d): round(float(scores[d]), 3) for d in np.flatnonzero(mask)}
    whoosh = {hit.docnum: round(hit.score, 3) for hit in searcher.search(q, limit=None)}
    assert ours.keys() == whoosh.keys()
    assert all(abs(ours[d] - whoosh[d]) < 0.01 * max(1.0, whoosh[d]) for d in ours), (ours, whoosh)
    assert len(rows) == len(titles_)


def test_queries_the_arrays_do_not_know_fall_back_to_whoosh(ctx) -> None:
    from whoosh import query as wq

    add_listings({"title": "Customer service desk"})
    searcher = search_app.get_searcher()
    scores = search_app.backend().term_scores(searcher)
    assert scores.evaluate(wq.Phrase("content", ["custom", "desk"], slop=2), searcher.reader()) is None
    assert scores.evaluate(wq.Prefix("content", "cust"), searcher.reader()) is None
    assert [listing.title for listing in find_listings(ListingQuery(text='"customer service"')).listings] == [
        "Customer service desk"]


def test_postings_kept_between_requests_are_read_with_each_requests_reader(app, client) -> None:
    # Readers close at the end of their request; the arrays outlive them.
    with app.test_request_context():
        add_listings({"title": "Welding apprentice"}, {"title": "Nursing aide"})
    assert "Welding apprentice" in client.get("/search?q=welding").get_data(as_text=True)
    assert "Nursing aide" in client.get("/search?q=nursing+aide").get_data(as_text=True)
