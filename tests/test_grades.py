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
