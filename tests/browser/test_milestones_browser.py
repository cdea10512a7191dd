"""A family on a phone with JavaScript off: picks a grade, reads what to do first, and opens
a card's details, in English and Spanish."""
from __future__ import annotations

from typing import Any

from tests.browser.conftest import PHONE, Site, screenshot


def test_a_family_picks_a_grade_without_javascript_and_sees_it_first(site: Site, new_context: Any) -> None:
    from playwright.sync_api import expect

    tab = new_context(viewport=PHONE, is_mobile=True, java_script_enabled=False).new_page()
    tab.goto(site.url("/milestones", "es"))
    tab.select_option("#grade-pick", "11")
    tab.locator(".grade-picker button[type=submit]").click()
    assert "grade=11" in tab.url
    expect(tab.locator("#focus-title")).to_contain_text("11.º grado")
    # What to do at home comes before any figure; the first card is the grade's own milestone.
    focus_top = tab.locator("#for-your-child").bounding_box()["y"]
    assert focus_top < tab.locator("#headline-title").bounding_box()["y"]
    assert focus_top < PHONE["height"] * 1.5
    assert tab.locator(".milestone-card").first.get_attribute("id") == "work-based-learning"
    screenshot(tab, "milestones-grade-11-es-phone")

    # A card is short on a phone until its details are opened (no JavaScript needed).
    card = tab.locator("#high-school-graduation")
    closed = card.bounding_box()["height"]
    assert not card.locator("svg").first.is_visible()
    card.locator(".card-more > summary").click()
    expect(card.locator("svg").first).to_be_visible()
    assert card.bounding_box()["height"] > closed * 2
    assert closed < PHONE["height"] * 1.5, closed


def test_the_whole_page_is_a_few_phone_screens_with_cards_closed(site: Site, new_context: Any) -> None:
    tab = new_context(viewport=PHONE, is_mobile=True).new_page()
    tab.goto(site.url("/milestones"))
    screens = tab.evaluate("() => document.documentElement.scrollHeight") / PHONE["height"]
    print(f"milestones page: {screens:.1f} phone screens")
    assert screens < 14, screens  # it was about 24 before the cards were shortened
