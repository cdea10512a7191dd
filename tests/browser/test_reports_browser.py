"""The report in Chromium: every chart's table equals its CSV, axe finds nothing with every
table open, and an editor's placement figures reach the 30% card and the report."""
from __future__ import annotations

import csv
import io
import random
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

import pytest
import sqlalchemy as sa

from tests.browser.conftest import PHONE, WIDTHS, LiveServer, screenshot
from tests.conftest import copy_of_demo
from tests.staff_helpers import PASSWORD, make_staff
from tracker.staff.models import EDITOR

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def reports_site(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The demo data seen over 60 days, with its daily history, served live on its own copy."""
    from bench.page_weight import prepare_site
    from tracker import snapshots
    from tracker.clock import site_today
    from tracker.extensions import db
    from tracker.models import Listing

    app = copy_of_demo(demo_template, tmp_path_factory.mktemp("reports-site"))
    prepare_site(app)
    with app.app_context():
        rnd, now = random.Random(11), datetime.now(timezone.utc)
        for listing in db.session.scalars(sa.select(Listing).where(Listing.visible(site_today()))):
            listing.first_seen_at = now - timedelta(days=rnd.randint(0, 60))
        db.session.commit()
        snapshots.backfill()
    live = LiveServer(app)
    live.app = app  # type: ignore[attr-defined]
    yield live
    live.stop()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback server
        return response.read().decode("utf-8")


def test_each_chart_shows_its_table_and_its_csv_parses_back_to_that_table(reports_site: Any, new_context: Any) -> None:
    tab = new_context(viewport=WIDTHS["desktop"]).new_page()
    tab.goto(reports_site.origin + "/reports")
    charts = tab.locator("table[data-chart]")
    assert charts.count() >= 8
    for n in range(charts.count()):
        table = charts.nth(n)
        slug = table.get_attribute("data-chart")
        section = tab.locator(f"#{slug}")
        assert section.locator("svg[role=img]").is_visible()
        section.locator("details.chart-data > summary").click()
        header = [th.get_attribute("data-column") for th in table.locator("thead th").all()]
        rows = [[cell.inner_text().strip() for cell in row.locator("th, td").all()] for row in table.locator("tbody tr").all()]
        href = section.locator("p.download a").get_attribute("href")
        parsed = list(csv.reader(io.StringIO(fetch(reports_site.origin + href))))
        assert parsed[0] == header and parsed[1:] == rows, slug
    screenshot(tab, "reports-desktop")


@pytest.mark.parametrize("path", ["/reports", "/reports/print", "/reports?lang=es"])
def test_no_accessibility_violations_with_every_table_open(reports_site: Any, new_context: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    tab = new_context(viewport=PHONE, bypass_csp=True).new_page()
    tab.goto(reports_site.origin + path)
    tab.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in results.response["violations"]]
    overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    screenshot(tab, "reports" + path.replace("/", "-").replace("?", "-") + "-phone")
    assert violations == [], violations
    assert overflow <= 0, f"{path} is {overflow}px wider than a phone"


def test_a_period_is_chosen_without_javascript(reports_site: Any, new_context: Any) -> None:
    tab = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    tab.goto(reports_site.origin + "/reports")
    last_week = (datetime.now(timezone.utc).date() - timedelta(days=7)).isoformat()
    tab.fill("#from", last_week)
    tab.locator(".period-form button[type=submit]").click()
    assert f"from={last_week}" in tab.url
    tab.locator("#juniors-seniors details.chart-data > summary").click()  # a disclosure needs no JavaScript
    first_day = tab.locator("table[data-chart=juniors-seniors] tbody tr").first.locator("th").inner_text()
    assert first_day >= last_week


def test_placement_figures_reach_the_30_percent_card_and_the_report(reports_site: Any, new_context: Any) -> None:
    from playwright.sync_api import expect

    tab = new_context(viewport=PHONE, is_mobile=True).new_page()
    tab.goto(reports_site.origin + "/milestones?grade=11")
    card = tab.locator("#work-based-learning")
    card.locator(".card-more > summary").click()
    expect(card).to_contain_text("not available")

    # An editor enters the figures on the staff page, with JavaScript off, fixing a slip on the way.
    make_staff(reports_site.app, "figures@example.org", EDITOR, name="Fay Figures")
    editor = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    editor.goto(reports_site.origin + "/staff/login")
    editor.get_by_label("E-mail address").fill("figures@example.org")
    editor.get_by_label("Password").fill(PASSWORD)
    editor.get_by_role("button", name="Log in").click()
    editor.get_by_role("link", name="Placement figures").click()
    for year, school, enrolled, completed in (("2023-24", "", "2400", "480"), ("2024-25", "", "2500", "6500"),
                                              ("2024-25", "Tiny Academy", "40", "4")):
        editor.get_by_label("School year").fill(year)
        editor.get_by_label("School", exact=True).fill(school)
        editor.get_by_label("Juniors and seniors enrolled").fill(enrolled)
        editor.get_by_label("Of them, completed").fill(completed)
        editor.get_by_label("Where the figures come from").fill("BCS CTE office")
        editor.get_by_role("button", name="Save the figures").click()
        if completed == "6500":  # a digit too many: said beside the field, everything typed kept
            expect(editor.locator(".field-error")).to_contain_text("More completed a placement (6500)")
            assert editor.get_by_label("Where the figures come from").input_value() == "BCS CTE office"
            editor.get_by_label("Of them, completed").fill("650")
            editor.get_by_role("button", name="Save the figures").click()
        expect(editor.locator(".flash-success")).to_contain_text("are saved")
    screenshot(editor, "staff-placements-phone")

    tab.reload()
    card = tab.locator("#work-based-learning")
    expect(card.locator(".figure-value").first).to_have_text("26%")
    card.locator(".card-more > summary").click()
    expect(card).to_contain_text("The latest share is 26% (Birmingham City Schools, 2024–25).")
    assert card.locator("svg[role=img]").count() >= 2  # the trend and the goal
    screenshot(tab, "milestones-goal-card-phone")

    tab.goto(reports_site.origin + "/reports")
    goal = tab.locator("#internship-goal")
    expect(goal).to_contain_text("In 2024–25, 26% of the district's juniors and seniors")
    goal.locator("details.chart-data > summary").click()
    tiny = goal.locator("tbody tr", has_text="Tiny Academy")
    expect(tiny).to_contain_text("fewer than 10")
    assert "4" not in [cell.inner_text().strip() for cell in tiny.locator("td").all()]
