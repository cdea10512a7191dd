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
