"""The 30% goal: aggregate placement figures, suppressed below 10 everywhere they show."""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest

from tracker.placements import rules
from tracker.placements.rules import FEWER, HIDDEN


@pytest.mark.parametrize("enrolled, completed, expected", [
    (2400, 600, (2400, 600, Decimal("25.0"))),
    (9, 3, (FEWER, FEWER, FEWER)),          # the whole group is under 10
    (120, 7, (120, FEWER, HIDDEN)),         # 7 completed: a share would give it away
    (120, 115, (120, HIDDEN, HIDDEN)),      # 5 did not: the count and share would give that away
    (20, 10, (20, 10, Decimal("50.0"))),    # exactly 10 on each side may be shown
    (0, 0, (FEWER, FEWER, FEWER)),
])
def test_a_row_shows_only_groups_of_ten_or_more(enrolled, completed, expected) -> None:
    row = rules.shown("", enrolled, completed)
    assert (row.juniors_seniors, row.completed, row.share) == expected
    assert row.suppressed == any(isinstance(value, str) for value in expected)


def test_one_hidden_school_hides_another_so_the_district_total_cannot_give_it_away() -> None:
    top, schools = rules.year_rows((400, 100), {"A": (200, 60), "B": (150, 35), "C": (50, 5)})
    assert top.completed == 100
    by_name = {s.school: s for s in schools}
    assert by_name["C"].completed == FEWER
    # Without hiding B too, C's 5 = 100 - 60 - 35.
    assert by_name["B"].completed == HIDDEN and by_name["B"].share == HIDDEN and by_name["B"].juniors_seniors == 150
    assert by_name["A"].completed == 60
    # The same for enrolment: a school of 8 hides the next smallest school's enrolment.
    top, schools = rules.year_rows((400, 100), {"A": (250, 60), "B": (142, 35), "C": (8, 5)})
    by_name = {s.school: s for s in schools}
    assert by_name["C"].juniors_seniors == FEWER and by_name["B"].juniors_seniors == HIDDEN
    assert by_name["A"].juniors_seniors == 250
    # Two hidden schools already protect each other.
    _, schools = rules.year_rows((400, 100), {"A": (200, 87), "B": (100, 8), "C": (100, 5)})
    assert [s.completed for s in schools] == [87, FEWER, FEWER]


def set_figures(app, *args: str):
    return app.test_cli_runner().invoke(args=["placements", "set", *args])


def test_the_command_checks_every_figure_and_changes_nothing_when_one_is_wrong(app) -> None:
    bad = set_figures(app, "2024", "--enrolled", "100", "--completed", "120", "--source", " ")
    assert bad.exit_code != 0
    assert "school_year: Write the school year as 2024-25." in bad.output
    assert "More completed a placement (120) than were enrolled (100)" in bad.output
    assert "source: Say where the figures come from" in bad.output
    ok = set_figures(app, "2024-25", "--enrolled", "2500", "--completed", "650", "--source", "BCS CTE office")
    assert ok.exit_code == 0 and "Added 2024–25 district: 650 of 2500" in ok.output
    again = set_figures(app, "2024–2025", "--enrolled", "2500", "--completed", "700", "--source", "BCS CTE office")
    assert "Replaced 2024–25 district: 700 of 2500" in again.output
    small = set_figures(app, "2024-25", "--school", "Small Academy", "--enrolled", "9", "--completed", "4", "--source", "x")
    assert small.exit_code == 0
    listing = app.test_cli_runner().invoke(args=["placements", "list"]).output
    assert "28.0%" in listing and "Small Academy" in listing and "fewer than 10" in listing
    assert not re.search(r"Small Academy\s+9\b", listing) and " 4 " not in listing


def test_the_milestones_card_shows_the_share_against_30_percent_and_its_trend(app) -> None:
    client = app.test_client()
    assert "not available" in re.search(r'id="work-based-learning".*?</article>', client.get("/milestones").get_data(as_text=True), re.S).group(0)
    set_figures(app, "2023-24", "--enrolled", "2400", "--completed", "480", "--source", "BCS CTE office")
    set_figures(app, "2024-25", "--enrolled", "2500", "--completed", "650", "--source", "BCS CTE office",
                "--source-url", "https://example.org/cte")
    card = re.search(r'id="work-based-learning".*?</article>', client.get("/milestones").get_data(as_text=True), re.S).group(0)
    assert "The latest share is 26% (Birmingham City Schools, 2024–25)." in card
    assert '<span class="figure-value">26%</span>' in card and "status-better" in card
    assert "Birmingham City Schools: 26% in 2024–25, up from 20% in 2023–24." in card
    assert "chart-work-based-learning-juniors-seniors-with-internship" in card  # the trend line
    # A district too small to show: its share never appears.
    set_figures(app, "2025-26", "--enrolled", "2500", "--completed", "5", "--source", "BCS CTE office")
    card = re.search(r'id="work-based-learning".*?</article>', client.get("/milestones?lang=es").get_data(as_text=True), re.S).group(0)
    assert "2025–26" not in card and "0.2%" not in card


def test_the_report_shows_the_goal_with_small_groups_suppressed_in_page_and_csv(app) -> None:
    set_figures(app, "2023-24", "--enrolled", "2400", "--completed", "480", "--source", "BCS CTE office")
    set_figures(app, "2024-25", "--enrolled", "2500", "--completed", "650", "--source", "BCS CTE office")
    set_figures(app, "2024-25", "--school", "Ramsay High", "--enrolled", "600", "--completed", "200", "--source", "BCS CTE office")
    set_figures(app, "2024-25", "--school", "Parker High", "--enrolled", "400", "--completed", "100", "--source", "BCS CTE office")
    set_figures(app, "2024-25", "--school", "Tiny Academy", "--enrolled", "60", "--completed", "6", "--source", "BCS CTE office")
    client = app.test_client()
    html = client.get("/reports").get_data(as_text=True)
    assert "In 2024–25, 26% of the district&#39;s juniors and seniors completed" in html
    response = client.get("/reports/internship-goal.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    by_school = {(r["school_year"], r["school"]): r for r in rows}
    assert by_school[("2024–25", "All schools")]["share_percent"] == "26"
    assert by_school[("2024–25", "Tiny Academy")]["completed_placement"] == "fewer than 10"
    assert by_school[("2024–25", "Parker High")]["completed_placement"] == "not shown (a group under 10)"
    assert by_school[("2024–25", "Ramsay High")]["completed_placement"] == "200"
    assert all(r["goal_percent"] == "30" for r in rows)
    assert not any("6" == cell for r in rows for cell in r.values())
    spanish = client.get("/reports/internship-goal.csv?lang=es").get_data(as_text=True)
    assert "menos de 10" in spanish
