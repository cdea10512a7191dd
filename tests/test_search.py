"""The search index: filters, facets, sorts, forgiving queries, rebuilds."""
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


def test_keyword_search_stems_and_weighs_the_title(ctx) -> None:
    add_listings({"title": "Office assistant", "description": "<p>Help nurses file charts.</p>"},
                 {"title": "Nursing assistant", "description": "<p>Patient care.</p>"},
                 {"title": "Welding apprentice"})
    assert titles(ListingQuery(text="nurse")) == ["Nursing assistant", "Office assistant"]


def test_organisation_is_searchable(ctx) -> None:
    add_listings({"title": "Clerk", "organisation": "Vulcan Trail Builders"}, {"title": "Cashier"})
    assert titles(ListingQuery(text="vulcan")) == ["Clerk"]


@pytest.mark.parametrize("field, values, query", [
    ("kind", ("job", "internship"), ListingQuery(kinds=("job",))),
    ("pay_status", ("paid", "unpaid"), ListingQuery(pay=("paid",))),
    ("work_mode", ("remote", "onsite"), ListingQuery(work_modes=("remote",))),
])
def test_each_choice_filter_narrows(ctx, field, values, query) -> None:
    add_listings({"title": "Wanted", field: values[0]}, {"title": "Other", field: values[1]})
    assert titles(query) == ["Wanted"]


def test_pathway_filter_matches_any_of_a_listings_pathways(ctx) -> None:
    add_listings({"title": "Both", "pathways": ["finance", "information-technology"]},
                 {"title": "IT only", "pathways": ["information-technology"]},
                 {"title": "Neither", "pathways": ["healthcare"]})
    assert sorted(titles(ListingQuery(pathways=("finance",)))) == ["Both"]
    assert sorted(titles(ListingQuery(pathways=("information-technology",)))) == ["Both", "IT only"]


def test_age_filter_shows_listings_open_at_that_age_and_keeps_unstated_ones_apart(ctx) -> None:
    add_listings({"title": "16 and up", "min_age": 16},
                 {"title": "18 and up", "min_age": 18},
                 {"title": "16 to 19", "min_age": 16, "max_age": 19},
                 {"title": "Grades 11-12 only", "min_grade": 11, "max_grade": 12},
                 {"title": "Not stated"})
    assert sorted(titles(ListingQuery(age=16))) == ["16 and up", "16 to 19"]
    assert sorted(titles(ListingQuery(age=20))) == ["16 and up", "18 and up"]
    assert sorted(titles(ListingQuery(age=16, unstated=True))) == ["Grades 11-12 only", "Not stated"]
    assert find_listings(ListingQuery(age=16)).other_group_total == 2
    assert find_listings(ListingQuery(age=16, unstated=True)).other_group_total == 2


def test_grade_filter_and_age_or_grade(ctx) -> None:
    add_listings({"title": "Juniors and seniors", "min_grade": 11, "max_grade": 12},
                 {"title": "Seniors", "min_grade": 12, "max_grade": 12},
                 {"title": "16 and up", "min_age": 16},
                 {"title": "Nothing stated"})
    # "16 and up" states ages only: juniors are usually 16 or 17 (tracker/grades.py), so it is shown for grade 11.
    assert sorted(titles(ListingQuery(grades=(11,)))) == ["16 and up", "Juniors and seniors"]
    assert sorted(titles(ListingQuery(age=16, grades=(11,)))) == ["16 and up", "Juniors and seniors"]
    assert titles(ListingQuery(age=16, grades=(11,), unstated=True)) == ["Nothing stated"]


def test_deadline_window_and_past_deadlines(ctx) -> None:
    today = site_today()
    add_listings({"title": "Soon", "deadline": today + timedelta(days=3)},
                 {"title": "Later", "deadline": today + timedelta(days=20)},
                 {"title": "Rolling"},
                 {"title": "Today", "deadline": today})
    assert sorted(titles(ListingQuery(deadline_within=7))) == ["Soon", "Today"]
    assert sorted(titles(ListingQuery(deadline_within=30))) == ["Later", "Soon", "Today"]
    assert len(titles(ListingQuery())) == 4


def test_listings_past_their_deadline_are_not_found_even_if_indexed(ctx) -> None:
    add_listings({"title": "Yesterday", "deadline": site_today() - timedelta(days=1)}, {"title": "Open"})
    assert titles(ListingQuery()) == ["Open"]


def test_sorts(ctx) -> None:
    today = site_today()
    add_listings({"title": "Old, late deadline", "posted_at": None, "deadline": today + timedelta(days=50)},
                 {"title": "New, no deadline"},
                 {"title": "Mid, soon deadline", "deadline": today + timedelta(days=2)})
    assert titles(ListingQuery(sort="deadline")) == ["Mid, soon deadline", "Old, late deadline", "New, no deadline"]
    newest = titles(ListingQuery(sort="newest"))
    assert newest.index("New, no deadline") < newest.index("Mid, soon deadline")


def test_relevance_ranks_title_matches_first(ctx) -> None:
    add_listings({"title": "Cashier", "description": "<p>Some coding help needed.</p>"},
                 {"title": "Coding intern"})
    assert titles(ListingQuery(text="coding")) == ["Coding intern", "Cashier"]


def test_facet_counts_leave_out_their_own_filter(ctx) -> None:
    add_listings({"kind": "job", "pay_status": "paid"}, {"kind": "job", "pay_status": "unpaid"},
                 {"kind": "internship", "pay_status": "paid"}, {"kind": "volunteer", "pay_status": "unpaid"})
    page = find_listings(ListingQuery(kinds=("job",), pay=("paid",)))
    assert page.total == 1
    assert page.facets["kinds"] == {"job": 1, "internship": 1}  # among paid
    assert page.facets["pay"] == {"paid": 1, "unpaid": 1}  # among jobs
    assert page.facets["pathways"] == {"healthcare": 1}


def test_pagination(ctx) -> None:
    add_listings(*[{"title": f"Job {i:02d}"} for i in range(25)])
    first = find_listings(ListingQuery(sort="newest"), page_length=10)
    third = find_listings(ListingQuery(sort="newest", page=3), page_length=10)
    assert first.total == 25 and first.page_count == 3 and len(first.listings) == 10
    assert len(third.listings) == 5
    assert not {l.id for l in first.listings} & {l.id for l in third.listings}
    beyond = find_listings(ListingQuery(sort="newest", page=99), page_length=10)
    assert beyond.page == 3 and len(beyond.listings) == 5


@pytest.mark.parametrize("text", ['"unbalanced', "AND OR", "*", "?", "title:secret", "(((", ")", "NOT",
                                  "a" * 500, "nurse~", "^2", "[a TO z]", "💼 intern", "'", "-", "OR nurse AND"])
def test_query_syntax_never_raises(ctx, text) -> None:
    add_listings({"title": "Nursing intern"})
    find_listings(ListingQuery(text=text))  # must not raise


def test_hidden_fields_cannot_be_queried_by_name(ctx) -> None:
    add_listings({"title": "Cashier", "kind": "job"})
    assert titles(ListingQuery(text="kind:job")) == []


def test_operator_words_alone_fall_back_to_plain_words(ctx) -> None:
    add_listings({"title": "Nursing intern"})
    # Stop words only: nothing to match on, so every listing shows rather than an error.
    assert titles(ListingQuery(text="AND OR")) == ["Nursing intern"]


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


def test_a_search_whose_filters_exclude_every_word_match_finds_nothing(ctx) -> None:
    add_listings({"title": "Nursing aide", "kind": "job"})
    page = find_listings(ListingQuery(text="nursing", kinds=("volunteer",)))
    assert (page.total, page.listings) == (0, [])


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
