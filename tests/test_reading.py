"""Searching in people's own words: filter words in the text become filters (issue #18)."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.filter_registry import FILTERS, GLUE_WORDS, IGNORED_SAID
from tracker.query import ListingQuery
from tracker.reading import filter_words, read, tokens

# What is typed, the words left to search, and what was read: (field, value) in order.
CASES: list[tuple[str, str, list[tuple[str | None, Any]]]] = [
    ("paid summer internship", "", [("pay", "paid"), ("seasons", "summer"), ("kinds", "internship")]),
    ("paid summer internship near 35203", "",
     [("pay", "paid"), ("seasons", "summer"), ("kinds", "internship"), ("near", "35203")]),
    ("remote", "", [("work_modes", "remote")]),
    ("Remote, nursing", "nursing", [("work_modes", "remote")]),
    ("work from home coding", "coding", [("work_modes", "remote")]),
    ("hybrid or on-site", "", [("work_modes", "hybrid"), ("work_modes", "onsite")]),
    ("in person", "", [("work_modes", "onsite")]),
    ("unpaid internship", "", [("pay", "unpaid"), ("kinds", "internship")]),
    ("not paid", "", [("pay", "unpaid")]),
    ("stipend", "", [("pay", "paid")]),
    ("school year apprenticeship", "", [("seasons", "school-year"), ("kinds", "apprenticeship")]),
    ("summer program", "", [("kinds", "summer-program")]),  # the longer phrase wins
    ("summer jobs", "", [("seasons", "summer")]),  # "jobs" is glue once something was read
    ("job shadowing hospital", "hospital", [("kinds", "job-shadowing")]),
    ("transportation provided", "", [("access", "transport")]),
    ("16 year old", "", [("age", 16)]),
    ("I'm a 16-year-old", "", [("age", 16)]),
    ("age 17 welding", "welding", [("age", 17)]),
    ("age 16 age 17", "age 17", [("age", 16)]),  # one age: the second stays as words
    ("age 5", "age 5", []),  # not an age the filter takes
    ("juniors and seniors", "", [("grades", 11), ("grades", 12)]),
    ("11th grade", "", [("grades", 11)]),
    ("grade 12 paid", "", [("grades", 12), ("pay", "paid")]),
    ("senior center volunteer", "senior center", [("kinds", "volunteer")]),  # "senior" alone is no grade
    ("near 35203", "", [("near", "35203")]),
    ("35203 remote", "", [("near", "35203"), ("work_modes", "remote")]),
    ("near 99999", "near 99999", []),  # a ZIP code the site cannot place stays as words
    ("internships near me", "", [("kinds", "internship"), (None, None)]),
    # Spanish, with and without accents.
    ("pasantía pagada de verano", "", [("kinds", "internship"), ("pay", "paid"), ("seasons", "summer")]),
    ("pasantia remota", "", [("kinds", "internship"), ("work_modes", "remote")]),
    ("prácticas en línea", "", [("kinds", "internship"), ("work_modes", "remote")]),
    ("trabajo no remunerado", "", [("pay", "unpaid")]),
    ("tengo 16 años", "", [("age", 16)]),
    ("11.º grado", "", [("grades", 11)]),
    ("grado 12", "", [("grades", 12)]),
    ("voluntariado cerca de 35203", "", [("kinds", "volunteer"), ("near", "35203")]),
    ("cerca de mí", "", [(None, None)]),
    # Never read: quoted words, excluded words, parts of words, nothing to read.
    ('"paid" internship', '"paid"', [("kinds", "internship")]),
    ('"summer internship"', '"summer internship"', []),
    ("NOT paid", "NOT paid", []),
    ("-remote", "-remote", []),
    ("paid-ish", "paid-ish", []),
    ("nursing jobs for students", "nursing jobs for students", []),  # glue stays when nothing was read
    ("", "", []),
]


@pytest.mark.parametrize("typed, left, understood", CASES, ids=[c[0] or "empty" for c in CASES])
def test_reads_filter_words_and_keeps_the_rest(typed: str, left: str, understood: list[tuple[str | None, Any]]) -> None:
    found = read(typed)
    assert found.text == left
    assert [(r.field, r.value) for r in found.readings] == understood


def test_a_filter_given_in_the_url_is_not_read_over() -> None:
    assert read("16 year old", given=frozenset({"age"})).readings == ()
    assert read("near 35203", given=frozenset({"near"})).text == "near 35203"


def test_every_word_in_the_table_is_read_as_its_own_filter() -> None:
    for f in FILTERS:
        for value, said in f.said.items():
            for words in said:
                typed = words.replace("#", "35203" if f.field == "near" else "11" if f.field == "grades" else "16")
                expected = value if value != "#" else (typed.split()[-1] if f.field == "near" else 11 if f.field == "grades" else 16)
                found = read(typed, suggesting=True)
                assert [(r.field, r.value) for r in found.readings] == [(f.field, expected)], words
                assert found.text == ""
                if not f.reads_said:  # only suggested (pathways): a search keeps them as words
                    assert read(typed).readings == (), words
    for words in IGNORED_SAID:
        assert [(r.field, r.words) for r in read(words).readings] == [(None, words)]
    assert all(tokens(word) == [word] for word in GLUE_WORDS), "glue words are single normalized words"


@pytest.fixture
def ctx(app):
    with app.test_request_context("/?lang=en"):
        yield app


def test_words_read_into_filters_round_trip_through_a_url(ctx) -> None:
    query, problems = ListingQuery.from_args({"q": "paid summer internship near 35203 coding", "kind": "internship"})
    assert problems == []
    assert (query.text, query.pay, query.seasons, query.kinds, query.near, query.miles) == (
        "coding", ("paid",), ("summer",), ("internship",), "35203", 10)
    args = query.to_args()
    assert args == {"q": "coding", "kind": ["internship"], "pay": ["paid"], "season": ["summer"], "near": "35203",
                    "miles": 10}
    again, _ = ListingQuery.from_args(args)
    assert again == query and again.readings == ()  # the URL holds the filters, no longer the words
    # Undoing "paid" searches the word (quoted, never read again) without the Paid filter;
    # undoing "internship" keeps the kind the URL chose.
    paid, internship = query.readings[0], query.readings[2]
    assert query.unread(paid) == {"q": 'coding "paid"', "kind": ["internship"], "season": ["summer"],
                                  "near": "35203", "miles": 10}
    assert query.unread(internship)["kind"] == ["internship"]
    undone, _ = ListingQuery.from_args(query.unread(paid))
    assert undone.text == 'coding "paid"' and undone.pay == () and undone.readings == ()


def test_read_0_turns_reading_off_and_stays_in_the_url(ctx) -> None:
    query, _ = ListingQuery.from_args({"q": "paid summer internship", "read": "0"})
    assert query.text == "paid summer internship" and query.pay == () and not query.read
    assert query.to_args() == {"q": "paid summer internship", "read": 0}
    assert ListingQuery.from_args(query.to_args())[0] == query


# The failures measured on the demo data (issue #18), and what the filters find.
@pytest.mark.parametrize("typed, filters", [
    ("paid summer internship", {"pay": "paid", "season": "summer", "kind": "internship"}),
    ("remote", {"mode": "remote"}),
    ("pasantía pagada de verano", {"pay": "paid", "season": "summer", "kind": "internship"}),
    ("juniors and seniors", {"grade": ["11", "12"]}),
])
def test_typed_words_find_what_the_filters_find_on_the_demo_data(demo_client, typed: str, filters: dict) -> None:
    by_words = demo_client.get("/api/v1/listings", query_string={"q": typed, "per_page": 100}).get_json()
    by_filters = demo_client.get("/api/v1/listings", query_string={**filters, "per_page": 100}).get_json()
    as_typed = demo_client.get("/api/v1/listings", query_string={"q": typed, "read": 0}).get_json()
    assert by_filters["total"] > 0
    assert [item["id"] for item in by_words["listings"]] == [item["id"] for item in by_filters["listings"]]
    assert as_typed["total"] < by_filters["total"]  # the words alone miss some (0 for "paid summer internship")


def test_the_api_says_which_words_became_which_filters(demo_client) -> None:
    body = demo_client.get("/api/v1/listings?q=paid+summer+internship+near+35203").get_json()
    assert body["total"] > 0
    assert [(u["words"], u["parameter"], u["value"]) for u in body["understood"]] == [
        ("paid", "pay", "paid"), ("summer", "season", "summer"), ("internship", "kind", "internship"),
        ("near 35203", "near", "35203")]
    assert body["query"]["q"] == "" and body["query"]["pay"] == ["paid"] and body["query"]["read"] == 1
    assert "q=" not in body["links"]["self"] and "pay=paid" in body["links"]["self"]
    undo = body["understood"][0]["search_words_instead"]
    assert "/api/v1/listings?" in undo and "q=%22paid%22" in undo and "pay=" not in undo
    facets = demo_client.get("/api/v1/facets?q=remote").get_json()
    assert [(u["parameter"], u["value"]) for u in facets["understood"]] == [("mode", "remote")]
    assert demo_client.get("/api/v1/listings?q=remote&read=0").get_json()["understood"] == []
    assert demo_client.get("/api/v1/listings?read=2").get_json()["error"]["parameter"] == "read"


def test_the_page_says_what_it_read_with_a_plain_link_to_undo_it(demo_client) -> None:
    page = demo_client.get("/search?q=paid+summer+internship+near+35203&lang=en").get_data(as_text=True)
    assert "Reading “paid” as the Paid filter — <a href=\"/search?" in page
    assert "Reading “internship” as the Internship filter" in page
    assert "Reading “near 35203” as within 10 miles of 35203" in page
    assert "search the word instead" in page and "search the words instead" in page
    assert 'name="q" type="search" value=""' in page  # the words are filters now, shown as chips
    assert "Remove Paid" in page
    near_me = demo_client.get("/search?q=internships+near+me&lang=en").get_data(as_text=True)
    assert "Ignoring “near me”: enter a ZIP code to find what is near" in near_me
    spanish = demo_client.get("/search?q=pasant%C3%ADa+pagada&lang=es").get_data(as_text=True)
    assert "Leemos «pagada» como el filtro Con pago" in spanish and "buscar la palabra tal cual" in spanish


def test_no_results_suggests_the_filters_the_words_name(demo_client) -> None:
    # Reading turned off: the words alone find nothing, the filters they name find some.
    page = demo_client.get("/search?q=paid+summer+internship&read=0&lang=en").get_data(as_text=True)
    assert "No open opportunities match this search." in page
    assert "Or let a filter do what your words say:" in page
    every = demo_client.get("/api/v1/listings?pay=paid&season=summer&kind=internship").get_json()["total"]
    assert (f'>Filters instead of all these words: Paid, Summer, and Internship</a>: {every} opportunities') in page
    assert "The Paid filter instead of “paid”" in page
    # The link is the search with the filters and without the words, still not reading.
    assert 'href="/search?kind=internship&amp;pay=paid&amp;season=summer&amp;read=0"' in page
    spanish = demo_client.get("/search?q=paid+summer+internship&read=0&lang=es").get_data(as_text=True)
    assert "Filtros en lugar de todas estas palabras: Con pago, Verano y Pasantía" in spanish


def test_no_results_suggests_a_pathway_the_words_name(app, client) -> None:
    from tests.factories import add_listings

    with app.app_context():
        add_listings({"title": "Phlebotomy aide", "description": "<p>Draw blood.</p>", "pathways": ["healthcare"]},
                     {"title": "Nursing assistant", "description": "<p>Help nurses.</p>", "pathways": ["healthcare"]})
    # "nursing" is never read (as a word it finds nursing everywhere, with its synonyms),
    # but when the words find nothing together, the pathway it names is offered.
    page = client.get("/search?q=nursing+phlebotomy&lang=en").get_data(as_text=True)
    assert "No open opportunities match this search." in page
    assert ('<a href="/search?q=phlebotomy&amp;pathway=healthcare">The Healthcare filter instead of “nursing”</a>: '
            "1 opportunity") in page


def test_suggestions_keep_other_quoted_words_quoted() -> None:
    from tracker.reading import filter_words

    found, left = filter_words('nursing "zzqx" "paid internship"')
    assert [(r.field, r.value, rest) for r, rest in found] == [
        ("pathways", "healthcare", '"zzqx" "paid internship"'), ("pay", "paid", 'nursing "zzqx" "internship"'),
        ("kinds", "internship", 'nursing "zzqx" "paid"')]
    assert left == '"zzqx"'
    assert filter_words("zzqx") == ([], "zzqx")


WORDS = st.sampled_from(["paid", "summer", "internship", "near", "35203", "16", "year", "old", "juniors", "and",
                         '"', "-", "NOT", "me", "grado", "11.º", "años", "remote", "jobs", "pasantía", "nursing"])


@given(st.lists(WORDS | st.text(max_size=12), max_size=16).map(" ".join))
@settings(max_examples=300, deadline=None, derandomize=True, database=None)
def test_reading_any_text_keeps_the_words_it_does_not_read_in_order(typed: str) -> None:
    found = read(typed)
    if not found.readings:
        assert found.text == typed
        return
    # What is left was typed, in the order typed (glue and read words gone; a quote
    # inside a word starts a quoted part, so spaces and quotes may move).
    left, rest = found.text.replace('"', "").split(), iter(typed.replace('"', " ").split())
    assert all(any(word == other for other in rest) for word in left)
    suggested, all_left = filter_words(typed)
    assert all(isinstance(text, str) for _, text in suggested) and isinstance(all_left, str)
