"""The embed in a real browser, pasted into a page on another origin, as the City would."""
from __future__ import annotations

import html as html_lib
import json
import re
import urllib.request
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS, HostSite, LiveServer

SEARCH = "kind=internship&pay=paid"
# The iframe is out of sight (height 0) until the frame reports (static/js/embed.js).
START_HEIGHT = 0


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a loopback test server
        return response.read().decode("utf-8")


def snippet_from_builder(tracker: LiveServer, args: str) -> str:
    """Return the snippet the builder page offers for a search, as a web team would copy it."""
    page = fetch(f"{tracker.origin}/embed/builder?{args}")
    match = re.search(r'<textarea id="embed-snippet"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, "the builder shows no snippet"
    return html_lib.unescape(match.group(1))


def host_page(snippet: str) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>City of Birmingham – Youth jobs</title></head>
<body>
<header><h1>City of Birmingham: youth opportunities</h1><p>Listings from our partners:</p></header>
<main>
{snippet}
</main>
<footer><p>City footer, after the embed.</p></footer>
</body></html>"""


def iframe_height(page: Any) -> float:
    return page.eval_on_selector("iframe[data-bcp-frame]", "f => f.getBoundingClientRect().height")


@pytest.fixture
def city_page(page: Any, city_site: HostSite, tracker: LiveServer) -> Any:
    city_site.html = host_page(snippet_from_builder(tracker, f"{SEARCH}&limit=5"))
    page.goto(city_site.origin + "/")
    return page


def test_the_embed_loads_shows_results_and_fits_its_content(city_page: Any, tracker: LiveServer) -> None:
    from playwright.sync_api import expect

    page = city_page
    iframe = page.locator("iframe[data-bcp-frame]")
    expect(iframe).to_have_count(1)
    assert iframe.get_attribute("title").startswith("Paid internships")
    frame = page.frame_locator("iframe[data-bcp-frame]")
    cards = frame.locator(".embed-results .card")
    expect(cards).to_have_count(5)

    api = json.loads(fetch(f"{tracker.origin}/api/v1/listings?{SEARCH}&per_page=5"))
    titles = [" ".join(t.split()) for t in frame.locator(".card-title a").all_text_contents()]
    assert titles == [f"{item['title']} (opens in a new tab)" for item in api["listings"]]

    # The frame proved it loaded: the fallback link gave way to it.
    expect(page.locator("[data-bcp-embed] > a")).to_have_count(0)
    expect(iframe).to_be_visible()
    # The frame reports its height and the iframe grows to fit, with no scroll bar.
    page.wait_for_function(f"() => document.querySelector('iframe[data-bcp-frame]').getBoundingClientRect().height > {START_HEIGHT}")
    child = next(f for f in page.frames if f.url.startswith(tracker.origin + "/embed"))
    content = child.evaluate("() => document.documentElement.getBoundingClientRect().height")
    assert abs(iframe_height(page) - content) <= 2, (iframe_height(page), content)
    assert child.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight + 1")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "embed-host.png"), full_page=True)


def test_listing_links_open_the_full_listing_in_a_new_tab(city_page: Any, tracker: LiveServer) -> None:
    from playwright.sync_api import expect

    page = city_page
    link = page.frame_locator("iframe[data-bcp-frame]").locator(".card-title a").first
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert re.fullmatch(rf"{re.escape(tracker.origin)}/listings/\d+", tab.url)
    assert tab.locator("header.site-header").count() == 1  # the full site, not the embed
    assert page.url.startswith(city_page.url)  # the City's page stays where it was


def test_paging_inside_the_frame_refits_it(city_page: Any, tracker: LiveServer) -> None:
    from playwright.sync_api import expect

    page = city_page
    frame = page.frame_locator("iframe[data-bcp-frame]")
    expect(frame.locator(".embed-results .card")).to_have_count(5)
    page.wait_for_function(f"() => document.querySelector('iframe[data-bcp-frame]').getBoundingClientRect().height > {START_HEIGHT}")
    first_titles = frame.locator(".card-title a").all_text_contents()
    frame.locator("a[rel=next]").click()
    expect(frame.locator("a[rel=prev]")).to_have_count(1)
    assert frame.locator(".card-title a").all_text_contents() != first_titles
    # The new page in the frame says hello again and the iframe is fitted to it too.
    child = next(f for f in page.frames if f.url.startswith(f"{tracker.origin}/embed") and "page=2" in f.url)
    child.wait_for_load_state()
    page.wait_for_function(
        "h => Math.abs(document.querySelector('iframe[data-bcp-frame]').getBoundingClientRect().height - h) <= 2",
        arg=child.evaluate("() => document.documentElement.getBoundingClientRect().height"))


def test_a_site_not_allowed_cannot_frame_the_embed(page: Any, other_site: HostSite, tracker: LiveServer) -> None:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    other_site.html = host_page(snippet_from_builder(tracker, SEARCH))
    page.goto(other_site.origin + "/")
    page.wait_for_selector("iframe[data-bcp-frame]", state="attached")
    page.wait_for_timeout(1500)  # time enough to load, report and resize, were it allowed
    # Chromium puts its own error page in a frame that frame-ancestors refuses.
    assert [f.url for f in page.frames] == [other_site.origin + "/", "chrome-error://chromewebdata/"]
    assert any("frame-ancestors" in m and "blocked" in m for m in messages), messages
    assert iframe_height(page) == START_HEIGHT  # nothing inside could report a height
    # So the refused frame stays out of sight and the snippet's link still works: no grey box.
    fallback = page.locator("[data-bcp-embed] > a")
    assert fallback.is_visible() and fallback.get_attribute("href").startswith(tracker.origin + "/search?")
    assert page.eval_on_selector("iframe[data-bcp-frame]", "f => getComputedStyle(f).visibility") == "hidden"
    # Once the frame has had its chance, it is taken out altogether.
    page.wait_for_selector("iframe[data-bcp-frame]", state="detached", timeout=20000)
    assert fallback.is_visible()


def test_the_embed_meets_the_accessibility_bar(browser: Any, tracker: LiveServer) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # axe is injected as a script, which the page's CSP (rightly) refuses; let it in here.
    context = browser.new_context(bypass_csp=True)
    try:
        tab = context.new_page()
        for path in (f"/embed?{SEARCH}&limit=5", "/embed?q=zzzzqqqxxy", f"/embed/builder?{SEARCH}"):
            tab.goto(tracker.origin + path)
            results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
            violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
                          for v in results.response["violations"]]
            assert violations == [], f"{path}: {violations}"
    finally:
        context.close()
