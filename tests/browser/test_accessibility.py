"""Every page template, in English and Spanish, at phone and desktop width: axe-core's
WCAG 2.0/2.1 A and AA rules find nothing, and a screenshot of each is saved.

The pages are bench/page_weight.py's list: home, search with results and with none, an
open and a closed listing, the pathway index and a pathway, the milestones, the grade
guide and one grade, error pages, the embed, its builder, a share page, the share form,
and the e-mail alert pages (subscribe, check your mail, confirm, manage, a wrong link).
"""
from __future__ import annotations

from typing import Any

import pytest

from bench.page_weight import EXPECTED_STATUS, LANGUAGES
from tests.browser.conftest import REFLOW, WIDTHS, Site, past_the_edge, screenshot

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_NAMES = ("home", "search-results", "search-none", "search-words", "listing", "listing-closed", "pathways", "pathway",
              "milestones", "milestones-grade", "reports", "grades", "grade", "error-404", "error-405", "embed", "embed-builder", "share",
              "saved", "feed-page", "api-reference", "share-form", "alert-form", "alert-sent", "alert-confirm",
              "alert-manage", "alert-invalid", "report-form", "report-thanks")


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_accessibility_violations(site: Site, new_context: Any, axe: Any, name: str, lang: str, width: str) -> None:
    # axe is injected as a script, which the pages' CSP (rightly) refuses; let it in here.
    tab = new_context(viewport=WIDTHS[width], bypass_csp=True).new_page()
    response = tab.goto(site.url(site.paths[name], lang))
    assert response.status == EXPECTED_STATUS.get(name, 200)
    assert tab.locator("html").get_attribute("lang") == lang
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
                  for v in results.response["violations"]]
    screenshot(tab, f"{name}-{lang}-{width}")
    assert violations == [], f"{name} ({lang}, {width}): {violations}"


def test_pages_fit_a_phone_without_sideways_scrolling(site: Site, new_context: Any) -> None:
    tab = new_context(viewport=REFLOW).new_page()
    for name in PAGE_NAMES:
        for lang in LANGUAGES:
            tab.goto(site.url(site.paths[name], lang))
            found = past_the_edge(tab)
            assert found["overflow"] <= 0, f"{name} ({lang}) is {found['overflow']}px wider than 320px: {found['innermost']}"


def test_core_tasks_work_without_javascript(site: Site, new_context: Any) -> None:
    """Search, filter, open a listing and switch language with JavaScript off."""
    from playwright.sync_api import expect

    # Each step waits for its page to have loaded: a click returns once the navigation has
    # committed, when a slow machine may not have parsed the results yet (count() does not wait).
    tab = new_context(viewport=WIDTHS["phone"], java_script_enabled=False).new_page()
    tab.goto(site.url("/"))
    tab.fill("#home-age", "17")
    tab.click(".hero-search button[type=submit]")
    tab.wait_for_load_state()
    assert "/search" in tab.url and "age=17" in tab.url
    tab.check("#filters input[name=pay][value=paid]")
    tab.click("#filters button[type=submit]")
    tab.wait_for_load_state()
    assert "pay=paid" in tab.url
    expect(tab.locator(".results .card").first).to_be_visible()
    tab.click(".results .card-title a >> nth=0")
    tab.wait_for_load_state()
    assert "/listings/" in tab.url
    tab.click(".lang-switch a")
    expect(tab.locator("html")).to_have_attribute("lang", "es")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_milestones_with_every_disclosure_open(site: Site, new_context: Any, axe: Any, lang: str) -> None:
    """What a card hides on a phone (reasons, charts, tables, sources) is checked too, opened."""
    tab = new_context(viewport=WIDTHS["phone"], bypass_csp=True).new_page()
    tab.goto(site.url("/milestones?grade=3", lang))
    opened = tab.evaluate("() => { const all = document.querySelectorAll('details'); all.forEach(d => d.open = true); return all.length; }")
    assert opened >= 20
    assert tab.locator(".card-more svg").first.is_visible()
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in results.response["violations"]]
    screenshot(tab, f"milestones-open-{lang}-phone")
    assert violations == [], violations
