"""Tests for ingest.extract.eligibility: age and grade limits."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.eligibility import AgeRange, GradeRange, find_ages, find_grades, grade_to_typical_age

FUZZ = settings(database=None, deadline=None, max_examples=200)
AGE_WORDS = st.lists(st.sampled_from([
    "ages", "age", "aged", "youth", "under", "over", "up to", "between", "and", "or", "older", "younger",
    "at least", "must be", "years old", "years of age", "+", "-", "–", "to", "$", "/hour", "hours",
    "16", "18", "24", "25", "12", "99", "5", "30", "31", "1600", " ", ",", ".", "\n",
]), max_size=20).map(" ".join)


@pytest.mark.parametrize(("text", "expected"), [
    ("Applicants must be 16 or older.", (16, None)),
    ("Open to ages 16–24.", (16, 24)),
    ("ages 16-24", (16, 24)),
    ("Participants 16 to 24 years old", (16, 24)),
    ("for young people between the ages of 16 and 24", (16, 24)),
    ("16-24 year olds", (16, 24)),
    ("18+", (18, None)),
    ("Must be 18+.", (18, None)),
    ("18 and older", (18, None)),
    ("at least 18 years of age", (18, None)),
    ("Must be over the age of 18", (18, None)),
    ("older than 17", (18, None)),
    ("Minimum age: 16", (16, None)),
    ("ages 14 and up", (14, None)),
    ("For youth 14–18", (14, 18)),
    ("under 25", (None, 24)),
    ("Open to anyone up to age 24", (None, 24)),
    ("No older than 24", (None, 24)),
    ("must be 16 or older and under 25", (16, 24)),
    ("Earn $16/hour working 16 hours a week off Route 16 at 1600 5th Ave, since 2016.", None),
    ("3+ years of experience required", None),
    ("18+ years of experience", None),
    ("Lift under 50 lbs for under 40 hours a week", None),
    ("ages 5-10", None),  # below the plausible minimum
    ("ages 24-16", None),
    ("", None),
])
def test_find_ages(text: str, expected: tuple[int | None, int | None] | None) -> None:
    found = find_ages(text)
    assert ((found.min_age, found.max_age) if found else None) == expected


@pytest.mark.parametrize(("text", "source"), [
    ("Applicants must be 16 or older.", "16 or older"),
    ("Open to ages 16–24.", "ages 16–24"),
    ("Must be at least 16. Youth under the age of 22 may apply. " + "x" * 50,
     "be at least 16. Youth under the age of 22"),
])
def test_find_ages_quotes_its_source(text: str, source: str) -> None:
    found = find_ages(text)
    assert found is not None and found.source_text == source


@pytest.mark.parametrize(("text", "expected"), [
    ("Open to rising juniors and seniors", (11, 12)),
    ("high school juniors and seniors", (11, 12)),
    ("Students in grades 9–12", (9, 12)),
    ("9th-12th grade", (9, 12)),
    ("11th and 12th graders", (11, 12)),
    ("in 10th, 11th or 12th grade", (10, 12)),
    ("grades 10, 11, and 12", (10, 12)),
    ("Grade 11", (11, 11)),
    ("Sophomores welcome", (10, 10)),
    ("freshmen through seniors", (9, 12)),
    ("current high school students", (9, 12)),
    ("rising seniors", (12, 12)),
    ("graduating seniors", (12, 12)),
    ("middle school students", (6, 8)),
    ("Senior Software Engineer", None),
    ("Volunteer with seniors at the center", None),
    ("Junior Achievement of Alabama", None),
    ("High school diploma or GED required", None),
    ("College juniors and seniors", None),
    ("grade 13", None),
    ("", None),
])
def test_find_grades(text: str, expected: tuple[int, int] | None) -> None:
    found = find_grades(text)
    assert ((found.min_grade, found.max_grade) if found else None) == expected


@pytest.mark.parametrize(("grade", "age"), [(9, 14), (10, 15), (11, 16), (12, 17), (1, 6)])
def test_grade_to_typical_age(grade: int, age: int) -> None:
    assert grade_to_typical_age(grade) == age


def test_results_are_frozen() -> None:
    with pytest.raises(AttributeError):
        AgeRange(16, 24, "x").min_age = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        GradeRange(9, 12, "x").min_grade = 1  # type: ignore[misc]


@FUZZ
@given(st.text() | AGE_WORDS)
def test_find_ages_stays_in_bounds(text: str) -> None:
    found = find_ages(text)
    if found is not None:
        assert found.min_age is not None or found.max_age is not None
        assert found.min_age is None or 12 <= found.min_age <= 30
        assert found.max_age is None or 12 <= found.max_age <= 99
        if found.min_age is not None and found.max_age is not None:
            assert 0 < found.min_age <= found.max_age <= 99
        assert all(part in text for part in found.source_text.split("; "))


@FUZZ
@given(st.integers(12, 30), st.integers(12, 99))
def test_written_ranges_are_read_back(low: int, high: int) -> None:
    low, high = min(low, high), max(low, high)
    found = find_ages(f"Open to ages {low}-{high}.")
    assert found is not None and (found.min_age, found.max_age) == (low, high)


@FUZZ
@given(st.integers(0, 99))
def test_money_and_hours_are_never_ages(n: int) -> None:
    assert find_ages(f"Pay ${n}/hour, {n} hours a week, {n}+ hours, ${n}+") is None


@FUZZ
@given(st.text() | AGE_WORDS.map(lambda s: s.replace("16", "junior").replace("18", "grades 9")))
def test_find_grades_stays_in_bounds(text: str) -> None:
    found = find_grades(text)
    if found is not None and found.min_grade is not None and found.max_grade is not None:
        assert 1 <= found.min_grade <= found.max_grade <= 12
        assert found.source_text in text


# Required ages and pay grades that are not ages.
@pytest.mark.parametrize(("text", "expected"), [
    ("Must be 18.", 18),
    ("Applicants must be 16 years of age.", 16),
    ("Minimum Qualifications: Be 18 years of age and have a high school diploma.", 18),
    ("-Be 18 years of age at the time of appointment", 18),
    ("You must be 18 years old by your first official workday.", 18),
    ("Additional Requirements for Grades GS-12 and Above: see below.", None),
    ("Positions at ZP-4 and above.", None),
])
def test_find_ages_reads_required_ages_and_skips_pay_grades(text: str, expected: int | None) -> None:
    found = find_ages(text)
    assert (found.min_age if found else None) == expected


# Pay grades and college years are not school grades.
@pytest.mark.parametrize(("text", "expected"), [
    ("Salary Information Grade 12: $77,490.00 per annum", None),
    ("Candidates for grade 7 must possess one year of specialized experience.", None),
    ("GS grade 9 level", None),
    ("Current sophomore, junior, and senior undergraduate students", None),
    ("Juniors and seniors in college", None),
    ("Open to grade 11 students", (11, 11)),
    ("high school juniors and seniors (grades 11-12)", (11, 12)),
])
def test_find_grades_skips_pay_grades_and_college_years(text: str, expected: tuple[int, int] | None) -> None:
    found = find_grades(text)
    assert ((found.min_grade, found.max_grade) if found else None) == expected
