"""Searching in one's own words, in Chromium (issue #18): a 16-year-old on a phone types
"paid summer internship near 35203" and gets the filtered list, told what was read, and
can undo each reading with a plain link, in English and Spanish, with JavaScript off too."""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from typing import Any

import pytest

from tests.browser.conftest import PHONE, Site, screenshot

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def api(site: Site, path: str, **args: Any) -> Any:
    url = f"{site.origin}{path}?{urllib.parse.urlencode(args, doseq=True)}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback server
        return json.loads(response.read())


def titles(tab: Any) -> list[str]:
    return [t.strip() for t in tab.locator(".results .card-title a").all_text_contents()]


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def assert_no_violations(axe: Any, tab: Any) -> None:
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in results.response["violations"]] == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_16_year_old_types_a_paid_summer_internship_near_a_zip_code_on_a_phone(
        site: Site, new_context: Any, axe: Any, javascript: bool) -> None:
    from playwright.sync_api import expect

    tab = new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript,
                      bypass_csp=True).new_page()
    tab.goto(site.url("/"))
    tab.fill("#home-q", "paid summer internship near 35203")
    tab.click(".hero-search button[type=submit]")
    expect(tab.locator("#results-title")).to_contain_text("paid summer internship")
    expected = api(site, "/api/v1/listings", pay="paid", season="summer", kind="internship", near="35203", per_page=100)
    assert expected["total"] > 0
    shown = titles(tab)
    assert shown == [item["title"] for item in expected["listings"]][:len(shown)] and shown
    assert tab.locator("#results-title").inner_text().startswith(f"{expected['total']} paid summer internship")
    notes = tab.locator("ul.readings li")
    assert [n.split(" — ")[0] for n in notes.all_inner_texts()] == [
        "Reading “paid” as the Paid filter", "Reading “summer” as the Summer filter",
        "Reading “internship” as the Internship filter", "Reading “near 35203” as within 10 miles of 35203"]
    for chip in ("Remove Paid", "Remove Summer", "Remove Internship"):
        expect(tab.locator(".chip-list")).to_contain_text(chip)
    expect(tab.locator("#q")).to_have_value("")
    expect(tab.locator("#near")).to_have_value("35203")
    if javascript:
        assert_no_violations(axe, tab)
    screenshot(tab, f"own-words-1-read-phone-{'js' if javascript else 'nojs'}")

    # "paid" was meant as a word: the plain link searches it as typed, without the filter.
    notes.first.get_by_role("link", name="search the word instead").click()
    expect(tab.locator("#q")).to_have_value('"paid"')
    assert "pay=" not in tab.url and "season=summer" in tab.url and "kind=internship" in tab.url
    assert tab.locator("ul.readings li").count() == 0
    as_word = api(site, "/api/v1/listings", q='"paid"', season="summer", kind="internship", near="35203")
    expect(tab.locator("#results-title")).to_have_text(re.compile(rf"^{as_word['total']} "))
    screenshot(tab, f"own-words-2-undone-phone-{'js' if javascript else 'nojs'}")


def test_the_same_search_in_spanish(site: Site, new_context: Any, axe: Any) -> None:
    from playwright.sync_api import expect

    tab = new_context(viewport=PHONE, is_mobile=True, locale="es-US", bypass_csp=True).new_page()
    tab.goto(site.url("/search", "es"))
    tab.fill("#q", "pasantía pagada de verano cerca de 35203")
    tab.locator(".search-form button[type=submit]").click()
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    expected = api(site, "/api/v1/listings", pay="paid", season="summer", kind="internship", near="35203")
    assert expected["total"] > 0
    expect(tab.locator("#results-title")).to_have_text(re.compile(rf"^{expected['total']} "))
    said = tab.locator("ul.readings").inner_text()
    for part in ("Leemos «pasantía» como el filtro Pasantía", "Leemos «pagada» como el filtro Con pago",
                 "Leemos «cerca de 35203» como a menos de 10 millas de 35203", "buscar la palabra tal cual"):
        assert part in said, part
    assert re.search(r"pay=paid", tab.locator("ul.readings a").nth(2).get_attribute("href") or "")
    assert_no_violations(axe, tab)
    screenshot(tab, "own-words-es-phone")
