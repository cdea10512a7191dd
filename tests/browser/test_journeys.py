"""The site's users, end to end in Chromium: a student on a phone, a counselor, a family
reading Spanish, and someone using only a keyboard."""
from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

from tests.browser.conftest import DESKTOP, PHONE, Site, screenshot


def api(site: Site, path: str) -> Any:
    with urllib.request.urlopen(site.origin + path, timeout=10) as response:  # noqa: S310 - loopback server
        return json.loads(response.read())


def titles(tab: Any) -> list[str]:
    return [t.strip() for t in tab.locator(".results .card-title a").all_text_contents()]


def test_a_student_on_a_phone_finds_a_paid_listing_in_a_pathway_and_applies(site: Site, new_context: Any) -> None:
    from playwright.sync_api import expect

    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    # The apply link leaves for the organisation's site: answer it here instead of the internet.
    reached: list[str] = []

    def source_site(route: Any) -> None:
        reached.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Apply</title><h1>Apply</h1>")

    context.route(re.compile(r"^https?://(?!127\.0\.0\.1).*"), source_site)
    tab = context.new_page()
    tab.goto(site.url("/"))
    tab.get_by_role("link", name="I am 16").click()
    expect(tab).to_have_url(re.compile(r"/search\?age=16$"))
    screenshot(tab, "journey-student-1-age-phone")

    # The filters sit below the results on a phone; the link at the top jumps to them.
    tab.get_by_role("link", name=re.compile("^Filter results")).click()
    tab.locator("#filters input[name=pay][value=paid]").check()
    pathway = tab.locator("#filters input[name=pathway]").first
    slug = pathway.get_attribute("value")
    pathway.check()
    tab.locator("#filters button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"pay=paid"))
    assert f"pathway={slug}" in tab.url and "age=16" in tab.url
    found = api(site, f"/api/v1/listings?age=16&pay=paid&pathway={slug}")
    assert found["total"] > 0 and titles(tab)[:1] == [found["listings"][0]["title"]]
    screenshot(tab, "journey-student-2-results-phone")

    tab.locator(".results .card-title a").first.click()
    expect(tab).to_have_url(re.compile(r"/listings/\d+$"))
    listing = api(site, "/api/v1/listings/" + tab.url.rsplit("/", 1)[1])
    screenshot(tab, "journey-student-3-listing-phone")
    apply = tab.locator("a.button", has_text="Apply at")
    expect(apply).to_have_attribute("href", listing["apply_url"])
    apply.click()
    tab.wait_for_url(listing["apply_url"])
    assert reached and reached[-1] == listing["apply_url"]


def test_a_counselors_filtered_search_is_the_same_from_its_url_and_prints_clean(site: Site, new_context: Any) -> None:
    tab = new_context(viewport=DESKTOP).new_page()
    tab.goto(site.url("/search"))
    filters = tab.locator("#filters")
    filters.locator("input[name=kind][value=internship]").check()
    filters.locator("input[name=pay][value=paid]").check()
    # Juniors and seniors: two grades at once (issue #18).
    filters.locator("#f-grade-11").check()
    filters.locator("#f-grade-12").check()
    filters.locator("input[name=hours][value='20']").check()
    filters.locator("button[type=submit]").click()
    tab.wait_for_load_state()
    for part in ("kind=internship", "pay=paid", "grade=11", "grade=12", "hours=20"):
        assert part in tab.url
    shown = titles(tab)
    assert shown, "the counselor's search should find something on the demo data"
    summary = tab.locator("#results-title").inner_text()
    screenshot(tab, "journey-counselor-results-desktop")

    # A colleague opens the copied link in a browser of their own.
    other = new_context(viewport=DESKTOP).new_page()
    other.goto(tab.url)
    assert titles(other) == shown and other.locator("#results-title").inner_text() == summary

    # The printed handout: no navigation or filters, each apply link written out in full.
    tab.emulate_media(media="print")
    for selector in ("nav[aria-label=Main]", "#filters", ".search-form", ".sort", ".search-tools", ".lang-switch", ".skip-link"):
        hidden = tab.locator(selector)
        assert hidden.count() == 0 or not hidden.first.is_visible(), f"{selector} prints"
    cards = tab.locator(".results .card")
    apply_lines = tab.locator(".results .card-apply")
    assert apply_lines.count() > 0
    for i in range(apply_lines.count()):
        assert apply_lines.nth(i).is_visible()
        assert re.search(r"https?://\S+", apply_lines.nth(i).inner_text())
    listings = api(site, "/api/v1/listings?kind=internship&pay=paid&grade=11&grade=12&hours=20")["listings"]
    printed = [" ".join(apply_lines.nth(i).inner_text().split()[2:]) for i in range(apply_lines.count())]
    assert printed == [item["apply_url"] for item in listings[:cards.count()] if item["apply_url"]]
    tab.pdf(path=str(site_artifact("journey-counselor-print.pdf")))


def site_artifact(name: str) -> Any:
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def test_a_family_reads_the_milestones_and_each_grade_in_spanish(site: Site, new_context: Any) -> None:
    from playwright.sync_api import expect

    # A phone set to English: the family chooses Spanish with the switch, once.
    tab = new_context(viewport=PHONE, is_mobile=True, locale="en-US").new_page()
    tab.goto(site.url("/"))
    assert tab.locator("html").get_attribute("lang") == "en"
    tab.get_by_role("link", name="Español").click()
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    expect(tab.locator("h1")).to_have_text("Encuentra tu próximo paso")

    # The choice is remembered: the menu's plain links stay in Spanish.
    tab.get_by_role("link", name="Etapas clave").click()
    expect(tab).to_have_url(re.compile(r"/milestones$"))
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    expect(tab.locator("h1")).to_have_text("Etapas clave, de la cuna a la carrera")
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", tab.locator("#live").inner_text())
    assert tab.get_by_role("link", name="English").get_attribute("hreflang") == "en"
    screenshot(tab, "journey-family-milestones-es-phone")

    tab.locator("main a[href='/milestones/grades']").first.click()
    expect(tab.locator("h1")).to_have_text("Qué esperar en cada grado")
    tab.locator("#grade-11-title a").click()
    expect(tab).to_have_url(re.compile(r"/milestones/grades/11$"))
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    assert "grado" in tab.locator("h1").inner_text().lower()
    screenshot(tab, "journey-family-grade-es-phone")

    # A browser that asks for Spanish gets it without choosing.
    spanish_phone = new_context(viewport=PHONE, locale="es-US", extra_http_headers={"Accept-Language": "es-US,es;q=0.9"}).new_page()
    spanish_phone.goto(site.url("/milestones/grades"))
    expect(spanish_phone.locator("html")).to_have_attribute("lang", "es")


def test_keyboard_only_reaches_every_filter_and_result_with_a_visible_focus(site: Site, new_context: Any) -> None:
    tab = new_context(viewport=DESKTOP).new_page()
    tab.goto(site.url("/search?age=17"))
    tab.keyboard.press("Tab")
    skip = tab.locator(".skip-link")
    assert tab.evaluate("() => document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link must show on screen when focused"
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => document.activeElement.id") == "main"

    # Tab reaches each radio group once (its checked choice); arrow keys move within it, checked below.
    wanted = set(tab.evaluate("""() => [...document.querySelectorAll(
        '#filters input:not([type=hidden]), #filters select, #filters button, .results .card-title a')]
        .map(e => e.type === 'radio' ? 'radio:' + e.name : e.id || e.getAttribute('href') || e.tagName + ':' + e.textContent.trim())"""))
    reached: set[str] = set()
    unfocused: list[str] = []
    for _ in range(600):
        tab.keyboard.press("Tab")
        state = tab.evaluate("""() => {
            const e = document.activeElement;
            const s = getComputedStyle(e);
            return {key: e.type === 'radio' ? 'radio:' + e.name : e.id || e.getAttribute('href') || e.tagName + ':' + e.textContent.trim(),
                    visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
                    inFooter: !!e.closest('footer')};
        }""")
        reached.add(state["key"])
        if not state["visible"]:
            unfocused.append(state["key"])
        if state["inFooter"] or wanted <= reached:
            break
    assert wanted - reached == set(), f"not reachable by Tab: {sorted(wanted - reached)[:10]}"
    assert unfocused == [], f"focused without a visible focus style: {unfocused[:10]}"
    # Arrow keys choose within a radio group.
    tab.focus("#f-hours-any")
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("() => document.activeElement.id") == "f-hours-10" and tab.is_checked("#f-hours-10")
    # Space ticks a focused checkbox: filters work from the keyboard.
    tab.focus("#filters input[name=pay][value=paid]")
    tab.keyboard.press("Space")
    assert tab.is_checked("#filters input[name=pay][value=paid]")
    screenshot(tab, "journey-keyboard-desktop")
