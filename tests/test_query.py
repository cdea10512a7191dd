"""ListingQuery: the URL is the whole state of a search, and bad values are explained."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from tracker.query import ListingQuery


def parse(pairs):
    return ListingQuery.from_args(MultiDict(pairs))


def test_reads_every_filter_from_the_url() -> None:
    query, problems = parse([("q", " nursing  aide "), ("kind", "internship"), ("kind", "job"),
                             ("pathway", "healthcare"), ("age", "16"), ("pay", "paid"), ("mode", "remote"),
                             ("deadline", "7"), ("sort", "deadline"), ("page", "3")])
    assert problems == []
    assert query == ListingQuery(text="nursing aide", kinds=("internship", "job"), pathways=("healthcare",),
                                 age=16, pay=("paid",), work_modes=("remote",), deadline_within=7,
                                 sort="deadline", page=3)


def test_round_trips_through_url_arguments() -> None:
    query, _ = parse([("q", "coding"), ("kind", "internship"), ("age", "17"), ("sort", "newest")])
    again, problems = parse(list(MultiDict(query.to_args()).items(multi=True)))
    assert again == query and problems == []


def test_defaults_are_left_out_of_urls() -> None:
    assert ListingQuery().to_args() == {}
    assert ListingQuery(page=2).to_args() == {"page": 2}


@pytest.mark.parametrize("pairs, message", [
    ([("age", "abc")], "enter an age"),
    ([("age", "7")], "enter an age"),
    ([("age", "-1")], "enter an age"),
    ([("kind", "spaceship")], "kind=spaceship"),
    ([("pathway", "<script>")], "pathway=<script>"),
    ([("sort", "price")], "sorted by best match"),
    ([("page", "x")], "first page"),
    ([("page", "0")], "first page"),
    ([("deadline", "365")], "deadline filter"),
])
def test_bad_values_are_ignored_with_a_message(pairs, message) -> None:
    query, problems = parse(pairs)
    assert any(message in str(p) for p in problems), problems
    assert query.age is None and query.kinds == () and query.pathways == ()
    assert query.sort == "relevance" and query.page == 1 and query.deadline_within is None


def test_overlong_text_is_shortened_with_a_message() -> None:
    query, problems = parse([("q", "abcdefghijklmnopqrstuvwxyz " * 12)])
    assert len(query.text) <= 200
    assert any("shortened" in str(p) for p in problems)


def test_too_many_words_are_cut_with_a_message() -> None:
    query, problems = parse([("q", " OR ".join(f"w{i}" for i in range(30)))])
    assert len(query.text.split()) == 16
    assert [p.parameter for p in problems] == ["q"] and "first 16 words" in str(problems[0])


def test_toggling_a_filter_adds_or_removes_it_and_resets_the_page() -> None:
    query = ListingQuery(kinds=("job",), page=4)
    assert query.toggled("kinds", "internship") == {"kind": ["job", "internship"]}
    assert query.toggled("kinds", "job") == {}


@pytest.mark.parametrize("query, total, words", [
    (ListingQuery(), 1, "1 opportunity"),
    (ListingQuery(), 12, "12 opportunities"),
    (ListingQuery(kinds=("internship",), pay=("paid",), age=16, near="35203", miles=10), 34,
     "34 paid internships for age 16 within 10 miles of 35203 or remote"),
    (ListingQuery(kinds=("job-shadowing",)), 1, "1 job-shadowing opportunity"),
    (ListingQuery(age=16, unstated=True), 5, "5 opportunities that do not state an age"),
    (ListingQuery(min_hourly=15, max_hours=20, posted_within=7), 2,
     "2 opportunities paying at least $15 an hour (or not saying) up to 20 hours a week posted in the last 7 days"),
    (ListingQuery(pathways=("healthcare",), text="cna"), 3, "3 opportunities in Healthcare matching “cna”"),
    (ListingQuery(deadline_within=7, work_modes=("remote",)), 2, "2 remote opportunities closing this week"),
])
def test_describes_results_in_words(query, total, words) -> None:
    assert query.describe(total) == words


def reference_to_args(query: ListingQuery, **changes) -> dict:
    """How to_args() wrote URL arguments before it kept each field's: the whole query again per link."""
    from dataclasses import fields, replace
    query = replace(query, **changes) if changes else query
    args: dict = {}
    for f in fields(query):
        value = getattr(query, f.name)
        if f.name == "read":
            if not value:
                args["read"] = 0
            continue
        if f.name not in query.PARAMS:
            continue
        if value in ((), None, "", False) or (f.name == "sort" and value == "relevance") or (f.name == "page" and value == 1):
            continue
        if f.name == "miles" and query.near is None:
            continue
        args[query.PARAMS[f.name]] = list(value) if isinstance(value, tuple) else (1 if value is True else value)
    return args


def _queries():
    from hypothesis import strategies as st
    return st.builds(
        ListingQuery, text=st.sampled_from(["", "nurse", "x y"]), kinds=st.sampled_from([(), ("job",), ("job", "internship")]),
        age=st.sampled_from([None, 16, 0]), grades=st.sampled_from([(), (11,), (9, 12)]), min_hourly=st.sampled_from([None, 12]),
        near=st.sampled_from([None, "35203"]), miles=st.sampled_from([None, 10, 25]),
        sort=st.sampled_from(["relevance", "deadline", "newest"]), page=st.integers(1, 4), unstated=st.booleans(),
        read=st.booleans())


def _changes():
    from hypothesis import strategies as st
    return st.dictionaries(st.sampled_from(["page", "sort", "kinds", "near", "miles", "read", "unstated", "age", "text"]),
                           st.sampled_from([None, 1, 2, "", "deadline", "relevance", ("workshop",), (), True, False, "35205"]),
                           max_size=3)


def test_to_args_writes_what_writing_the_whole_query_again_wrote() -> None:
    from hypothesis import given, settings
    @settings(max_examples=500, deadline=None)
    @given(query=_queries(), changes=_changes())
    def check(query: ListingQuery, changes: dict) -> None:
        expected = reference_to_args(query, **changes)
        found = query.to_args(**changes)
        assert found == expected and list(found) == list(expected)  # the same arguments, in the same order
        if isinstance(found.get("kind"), list):
            found["kind"].append("changed")
        assert query.to_args(**changes) == expected  # what a caller does with the dict stays its own
    check()


def test_to_args_refuses_a_field_the_query_does_not_have() -> None:
    with pytest.raises(TypeError):
        ListingQuery().to_args(colour="blue")
