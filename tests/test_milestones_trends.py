"""Which way indicators move, and the headline that counts them (pure functions)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.test_milestones_load import SEED
from tracker.milestones import live, trends
from tracker.milestones.content import load_content
from tracker.milestones.indicators import IndicatorRecord, parse_indicator_csv


@pytest.fixture(scope="module")
def content():
    return load_content()


def figure(value: str, year: int, indicator: str = "chronic-absence-rate", place: str = "birmingham-city-schools",
           milestone: str = "chronic-absence") -> IndicatorRecord:
    return IndicatorRecord(milestone, indicator, place, str(year), year, Decimal(value), "percent", "test")


def series(*points: tuple[str, int]) -> trends.Series:
    return trends.group_series([figure(v, y) for v, y in points])[0]


@pytest.mark.parametrize("points, direction, expected", [
    ((("50", 2020), ("55", 2021)), "higher", trends.BETTER),
    ((("55", 2020), ("50", 2021)), "higher", trends.WORSE),
    ((("20", 2020), ("14", 2021)), "lower", trends.BETTER),
    ((("14", 2020), ("20", 2021)), "lower", trends.WORSE),
    ((("14", 2020), ("14.0", 2021)), "higher", trends.SAME),
    ((("14", 2020), ("15", 2021)), "none", trends.SAME),
    ((("14", 2020),), "higher", trends.ONE_YEAR),
    # Only the latest two years count, however far apart, and whatever order the file had.
    ((("90", 2023), ("10", 2015), ("80", 2019)), "higher", trends.BETTER),
    ((("64", 2019), ("80", 2020), ("76", 2023)), "higher", trends.WORSE),
])
def test_status_compares_the_latest_figure_with_the_one_before(points, direction, expected) -> None:
    assert trends.status_of(series(*points), direction) == expected


def test_series_are_split_by_indicator_and_place_and_ordered_by_year() -> None:
    found = trends.group_series([figure("1", 2022), figure("2", 2020, place="alabama"), figure("3", 2020)])
    assert [(s.place, [p.sort_year for p in s.points]) for s in found] == [
        ("alabama", [2020]), ("birmingham-city-schools", [2020, 2022])]


def test_headline_on_the_seed(content) -> None:
    records = parse_indicator_csv(SEED.read_bytes(), content).records
    result = trends.headline(records, content)
    assert {(t.series.indicator, t.series.place) for t in result.worse} == {
        ("immediate-college-going", "breakthrough-birmingham"),
        ("four-year-graduation-rate", "birmingham-city-schools"),    # 81% (2024) after 82.98% (2022)
        ("grade2-on-grade-level", "birmingham-city-schools")}
    assert {(t.series.indicator, t.series.place) for t in result.better} == {
        ("grade3-on-grade-level", "birmingham-city-schools"),
        ("grade3-not-on-grade-level", "birmingham-city-schools"),   # fewer below grade level: the right way
        ("college-career-ready-rate", "birmingham-city-schools"),
        ("chronic-absence-rate", "birmingham-city-schools"),
        ("district-report-card-score", "birmingham-city-schools")}
    assert result.same == () and result.with_trend == 8
    assert {(t.series.indicator, t.series.place) for t in result.one_year} == {
        ("grade8-math-aspire", "birmingham-city-schools"),
        ("immediate-college-going", "birmingham-city-schools"),
        ("continued-to-second-year", "breakthrough-birmingham"),
        ("promise-interns-placed", "birmingham-promise"),
    }
    # Alabama and the nation are comparisons; applicants are context (direction "none").
    places = {t.series.place for group in (result.worse, result.better, result.one_year) for t in group}
    assert not places & {"alabama", "united-states"}
    assert "promise-intern-applicants" not in {t.series.indicator for t in result.one_year}
    assert result.without_figures == ("kindergarten-readiness", "employment")


def test_headline_counts_three_of_five(content) -> None:
    records = [
        figure("20", 2022), figure("14", 2023),                                      # absence down: right way
        figure("70", 2022, "four-year-graduation-rate", milestone="high-school-graduation"),
        figure("81", 2023, "four-year-graduation-rate", milestone="high-school-graduation"),  # up: right way
        figure("60", 2022, "college-career-ready-rate", milestone="high-school-graduation"),
        figure("76", 2023, "college-career-ready-rate", milestone="high-school-graduation"),  # up: right way
        figure("50", 2022, "grade3-not-on-grade-level", milestone="early-grade-reading"),
        figure("44", 2023, "grade3-not-on-grade-level", milestone="early-grade-reading", place="alabama"),  # state: not counted
        figure("30", 2022, "grade3-not-on-grade-level", milestone="early-grade-reading"),
        figure("44", 2023, "grade3-not-on-grade-level", milestone="early-grade-reading"),  # up, lower is better: wrong way
        figure("40", 2022, "continued-to-second-year", milestone="postsecondary-completion"),
        figure("40", 2023, "continued-to-second-year", milestone="postsecondary-completion"),  # steady
    ]
    result = trends.headline(records, content)
    assert (len(result.better), len(result.worse), len(result.same), result.with_trend) == (3, 1, 1, 5)
    # In page order: milestones by order, then each milestone's indicators as listed.
    assert [t.series.indicator for t in result.better] == [
        "four-year-graduation-rate", "college-career-ready-rate", "chronic-absence-rate"]


@pytest.mark.parametrize("min_age, max_age, min_grade, max_grade, expected", [
    (None, None, None, None, live.UNSTATED),
    (16, None, None, None, live.FITS),
    (18, None, None, None, live.FITS),      # seniors can be 18
    (18, 24, None, None, live.FITS),
    (19, 24, None, None, live.OTHER),
    (14, 15, None, None, live.OTHER),
    (None, 17, None, None, live.FITS),
    (None, 15, None, None, live.OTHER),
    (None, None, 11, 12, live.FITS),
    (None, None, 12, None, live.FITS),
    (None, None, 9, 10, live.OTHER),
    (None, None, 6, 8, live.OTHER),
    (None, 17, 11, 12, live.FITS),
    (14, 15, 11, 12, live.FITS),            # either statement admits a junior
])
def test_who_counts_as_open_to_juniors_and_seniors(min_age, max_age, min_grade, max_grade, expected) -> None:
    assert live.classify(min_age, max_age, min_grade, max_grade) == expected
