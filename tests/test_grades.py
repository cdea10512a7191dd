"""The age a student in each grade usually has, under Alabama's September 1 cut-off."""
from __future__ import annotations

import pytest

from tracker.grades import ages_admit_grade, usual_ages


@pytest.mark.parametrize(("grade", "ages"), [(0, (5, 6)), (1, (6, 7)), (9, (14, 15)), (11, (16, 17)), (12, (17, 18))])
def test_a_grade_holds_two_usual_ages(grade: int, ages: tuple[int, int]) -> None:
    assert usual_ages(grade) == ages


@pytest.mark.parametrize(("low", "high", "grades"), [
    (16, None, {10, 11, 12}),        # "Ages 16+": sophomores turn 16 during the year; juniors and seniors are 16+
    (14, 18, {8, 9, 10, 11, 12}),    # "14–18": eighth graders turn 14 during the year
    (18, 24, {12}),                  # seniors who are 18 already
    (None, 15, {6, 7, 8, 9, 10}),    # "up to 15"
    (19, 24, set()),             # past high school
])
def test_a_stated_age_range_admits_the_grades_whose_students_may_have_those_ages(low, high, grades) -> None:
    assert {g for g in range(6, 13) if ages_admit_grade(low, high, g)} == grades


def test_grade_11_finds_listings_that_state_only_ages_and_says_why(app, client) -> None:
    from tests.factories import add_listings

    with app.app_context():
        add_listings({"title": "Ages sixteen up", "min_age": 16},
                     {"title": "Fourteen to eighteen", "min_age": 14, "max_age": 18},
                     {"title": "Adults only", "min_age": 19},
                     {"title": "Grades 9 and 10", "min_grade": 9, "max_grade": 10, "min_age": 16},
                     {"title": "Juniors", "min_grade": 11, "max_grade": 12},
                     {"title": "Says nothing"})
    api = client.get("/api/v1/listings?grade=11").get_json()
    assert {item["title"] for item in api["listings"]} == {"Ages sixteen up", "Fourteen to eighteen", "Juniors"}
    page = client.get("/search?grade=11&lang=en").get_data(as_text=True)
    assert ("Shown for grade 11: it says “Ages 16+”, and a student in grade 11 is usually 16 or 17 "
            "(in Alabama, children start kindergarten at 5 by September 1).") in page
    assert page.count('class="why"') == 2  # the listing that states grades needs no reason
    # Only the listing that states neither ages nor grades is "unstated" for a grade.
    unstated = client.get("/api/v1/listings?grade=11&unstated=1").get_json()
    assert [item["title"] for item in unstated["listings"]] == ["Says nothing"]
    assert "suele tener 16 o 17 años" in client.get("/search?grade=11&lang=es").get_data(as_text=True)


def test_several_grades_at_once_in_the_page_the_url_and_the_api(app, client) -> None:
    from tests.factories import add_listings

    with app.app_context():
        add_listings({"title": "Juniors only", "min_grade": 11, "max_grade": 11},
                     {"title": "Seniors only", "min_grade": 12, "max_grade": 12},
                     {"title": "Ninth graders", "min_grade": 9, "max_grade": 9},
                     {"title": "Eighteen and up", "min_age": 18},
                     {"title": "Thirteen to fifteen", "min_age": 13, "max_age": 15})
    api = client.get("/api/v1/listings?grade=11&grade=12").get_json()
    # Any of the grades matches; "18 and up" holds an age seniors usually have (17 or 18).
    assert {item["title"] for item in api["listings"]} == {"Juniors only", "Seniors only", "Eighteen and up"}
    assert api["query"]["grade"] == [11, 12]
    assert "grade=11&grade=12" in api["links"]["html"]
    assert {item["title"] for item in client.get("/api/v1/listings?grade=12").get_json()["listings"]} == {
        "Seniors only", "Eighteen and up"}
    assert client.get("/api/v1/listings?grade=11&grade=5").get_json()["error"]["parameter"] == "grade"

    page = client.get("/search?grade=12&grade=11&lang=en").get_data(as_text=True)
    assert "3 opportunities for grades 11 or 12" in page
    # Why "18 and up" is shown: only grade 12 is named, the grade whose students it takes.
    assert ("Shown for grade 12: it says “Ages 18+”, and a student in grade 12 is usually 17 or 18") in page
    for grade in (11, 12):  # each grade is a chip of its own, and checked in the form
        assert f'id="f-grade-{grade}" name="grade" value="{grade}" checked' in page
        assert f"Remove Grade {grade}" in page
    assert 'id="f-grade-10" name="grade" value="10">' in page  # offered, not chosen
    # Each grade's count: the listings open to it (stated grades, else stated ages).
    assert '<label for="f-grade-9">Grade 9 <span class="count">(2)</span>' in page  # and "13–15"
    assert '<label for="f-grade-12">Grade 12 <span class="count">(2)</span>' in page
    assert '<label for="f-grade-8">Grade 8 <span class="count">(1)</span>' in page  # 13–15: eighth graders are 13–14
    facets = {f["value"]: (f["count"], f["label"]) for f in
              client.get("/api/v1/facets?grade=11").get_json()["facets"]["grade"]}
    assert facets[12] == (2, "grade 12") and facets[11] == (1, "grade 11") and facets[6] == (0, "grade 6")

    spanish = client.get("/search?grade=11&grade=12&lang=es").get_data(as_text=True)
    assert "para los grados 11 o 12" in spanish


def test_the_reason_names_every_grade_asked_that_the_ages_admit(app) -> None:
    from tracker.filters import grade_reason
    from tracker.models import Listing
    from tracker.query import ListingQuery

    with app.test_request_context("/?lang=en"):
        both = grade_reason(Listing(min_age=16, max_age=18), ListingQuery(grades=(11, 12)))
        assert both.startswith("Shown for grades 11 and 12: it says “Ages 16–18”, and students in those grades "
                               "are usually 16 to 18")
        assert grade_reason(Listing(min_age=16, max_age=16), ListingQuery(grades=(11, 12))).startswith(
            "Shown for grade 11:")
        assert grade_reason(Listing(min_age=16, min_grade=11), ListingQuery(grades=(11,))) == ""
        assert grade_reason(Listing(min_age=30), ListingQuery(grades=(11,), age=30)) == ""
