"""Search students trust: synonyms, phrases, spelling, highlights, pay, hours, season, distance, cost."""
from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import numpy as np
import pytest

from tests.factories import add_listings
from tracker import synonyms
from whoosh.searching import Searcher
from tracker.search import app as search_app
from tracker.search.parsing import text_query
from tracker.clock import site_today
from tracker.geo import zip_point
from tracker.listings import find_listings
from tracker.query import ListingQuery


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


def titles(query: ListingQuery) -> list[str]:
    return sorted(listing.title for listing in find_listings(query).listings)


# What a student types, and a listing that never uses those words but should be found.
SYNONYM_CASES = {
    ("IT",): "Help desk assistant",
    ("cna",): "Certified nursing assistant trainee",
    ("hvac",): "Heating and air conditioning helper",
    ("summer job", "summer jobs"): "Summer camp helper",
    ("nursing", "nurse", "nurses"): "Patient care aide",
    ("coding", "coder", "programming", "programmer"): "Software developer intern",
    ("emt", "ems", "paramedic"): "Emergency medical responder trainee",
    ("cdl",): "Commercial driver apprentice",
    ("childcare", "child care", "daycare", "day care"): "Early childhood classroom helper",
    ("teacher", "teaching", "teach"): "Tutor for middle school math",
    ("mechanic", "auto tech"): "Automotive service helper",
    ("welder", "welding"): "Metal fabrication apprentice",
    ("resume", "résumé", "cv"): "Cover letter clinic",
    ("weekend", "weekends", "fin de semana", "fines de semana"): "Saturday morning tutor",
}


def test_every_synonym_group_has_a_test() -> None:
    assert {g.typed for g in synonyms.GROUPS} == set(SYNONYM_CASES)


@pytest.mark.parametrize("typed, title", SYNONYM_CASES.items(), ids=[k[0] for k in SYNONYM_CASES])
def test_synonym_group(ctx, typed, title) -> None:
    add_listings({"title": title, "pathways": ["stem"], "kind": "job"}, {"title": "Cashier", "pathways": ["stem"], "kind": "job"})
    for word in typed:
        assert titles(ListingQuery(text=word)) == [title], word


def test_lowercase_it_is_not_information_technology(ctx) -> None:
    add_listings({"title": "Help desk assistant"})
    assert titles(ListingQuery(text="it")) == ["Help desk assistant"]  # a stop word: matches everything
    assert synonyms.expand("apply for it") == "apply for it"


def test_synonyms_are_added_outside_quotes_only() -> None:
    assert synonyms.expand('"cna" nurse') == '"cna" (nursing OR nurse OR cna OR (patient AND care))'
    assert synonyms.expand('cdl "nurse') == '(cdl OR (commercial AND driver) OR (commercial AND driving)) "nurse'


def test_quoted_phrases_match_words_in_order(ctx) -> None:
    add_listings({"title": "Customer service associate"}, {"title": "Service desk for customer returns"})
    assert titles(ListingQuery(text='"customer service"')) == ["Customer service associate"]
    assert len(titles(ListingQuery(text="customer service"))) == 2


def test_did_you_mean_only_when_the_correction_finds_something(ctx) -> None:
    add_listings({"title": "Pharmacy technician", "description": "<p>Count pills.</p>"})
    assert find_listings(ListingQuery(text="pharmcy")).suggestion == "pharmacy"
    assert find_listings(ListingQuery(text="pharmcy", kinds=("volunteer",))).suggestion is None
    assert find_listings(ListingQuery(text="zqxwv")).suggestion is None
    assert find_listings(ListingQuery(text="pharmacy")).suggestion is None


def test_snippets_mark_the_matching_words_and_escape_the_rest(ctx) -> None:
    add_listings({"title": "Lab aide", "description": "<p>Wash &lt;script&gt; glassware. You will learn phlebotomy basics.</p>"})
    page = find_listings(ListingQuery(text="phlebotomy"))
    snippet = str(page.snippet(page.listings[0]))
    assert re.search(r"<mark[^>]*>phlebotomy</mark>", snippet)
    assert "<script>" not in snippet


def test_minimum_hourly_pay_keeps_unstated_pay_visible(ctx) -> None:
    add_listings({"title": "Low", "pay_status": "paid", "pay_min": Decimal(10), "pay_max": Decimal(11), "pay_period": "hour"},
                 {"title": "High", "pay_status": "paid", "pay_min": Decimal(16), "pay_period": "hour"},
                 {"title": "Salary", "pay_status": "paid", "pay_min": Decimal(36000), "pay_period": "year"},
                 {"title": "Stipend", "pay_status": "paid", "pay_min": Decimal(500), "pay_period": "total"},
                 {"title": "Unpaid", "pay_status": "unpaid"},
                 {"title": "Not stated"})
    assert titles(ListingQuery(min_hourly=15)) == ["High", "Not stated", "Salary", "Stipend"]  # 36,000/2,080 = 17.31
    assert find_listings(ListingQuery()).facets["min_hourly"][15] == 4


def test_hours_season_and_posted_filters(ctx) -> None:
    now = datetime.now(timezone.utc)
    add_listings({"title": "Ten hours", "hours_per_week": 10, "season": "summer", "posted_at": now - timedelta(days=2)},
                 {"title": "Forty hours", "hours_per_week": 40, "season": "school year", "posted_at": now - timedelta(days=20)},
                 {"title": "Unknown hours", "posted_at": now - timedelta(days=60)})
    assert titles(ListingQuery(max_hours=20)) == ["Ten hours", "Unknown hours"]
    assert titles(ListingQuery(seasons=("summer",))) == ["Ten hours"]
    assert titles(ListingQuery(seasons=("school-year",))) == ["Forty hours"]
    assert titles(ListingQuery(posted_within=7)) == ["Ten hours"]
    assert titles(ListingQuery(posted_within=30)) == ["Forty hours", "Ten hours"]
    facets = find_listings(ListingQuery()).facets
    assert facets["seasons"] == {"summer": 1, "school-year": 1, "none": 1}
    assert facets["posted_within"] == {7: 1, 30: 2}


def place(zip_code: str) -> dict:
    point = zip_point(zip_code)
    return {"zip": zip_code, "latitude": point.latitude, "longitude": point.longitude}


def test_distance_filter_sort_and_counts(ctx) -> None:
    add_listings({"title": "Downtown", **place("35203")},
                 {"title": "Southside", **place("35205")},
                 {"title": "Bessemer", **place("35020")},
                 {"title": "Remote", "work_mode": "remote"},
                 {"title": "Huntsville", **place("35801")})
    assert titles(ListingQuery(near="35203", miles=5)) == ["Downtown", "Remote", "Southside"]
    assert titles(ListingQuery(near="35203", miles=25)) == ["Bessemer", "Downtown", "Remote", "Southside"]
    nearest = find_listings(ListingQuery(near="35205", miles=25, sort="nearest"))
    assert [l.title for l in nearest.listings] == ["Southside", "Downtown", "Bessemer", "Remote"]
    assert nearest.facets["miles"] == {5: 3, 10: 3, 25: 4, 50: 4}
    assert 0 < nearest.distances[nearest.listings[1].id] < 5


def test_unknown_zip_is_explained(client) -> None:
    html = client.get("/search?near=99999").get_data(as_text=True)
    assert "know where it is" in html


def test_pathological_queries_stay_within_the_bound(ctx) -> None:
    today = site_today()
    add_listings(*[{"title": f"Role {i} nursing aide", "deadline": today + timedelta(days=i % 60)} for i in range(300)])
    pathological = ["a", "ab", "*", "a*", "?", " OR ".join(f"w{i}" for i in range(30)), "x" * 200,
                    '"' * 40, "(" * 50, "nurs~2", "[a TO z]"]
    for text in pathological:
        query, _ = ListingQuery.from_args({"q": text, "page": "500"})
        started = time.perf_counter()
        find_listings(query)
        # Generous for a loaded CI machine; bench/search.py holds the real target.
        assert time.perf_counter() - started < 2.0, text


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
