"""Keep and share, in Chromium: a student saves listings with no account and finds which
are still open, a counselor gets the list as a link that works without JavaScript, phones
get the share sheet, and on a phone the results come before the tools."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.browser.conftest import DESKTOP, PHONE, LiveServer, screenshot
from tests.conftest import copy_of_demo
from tracker.extensions import db
from tracker.models import Listing, utcnow


@pytest.fixture(scope="module")
def own_site(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, LiveServer]]:
    """The demo data on a server of its own: these journeys close a listing."""
    app = copy_of_demo(demo_template, tmp_path_factory.mktemp("keep-and-share"))
    live = LiveServer(app)
    yield app, live
    live.stop()
    with app.app_context():
        db.engine.dispose()


def card_titles(tab: Any) -> list[str]:
    return [t.strip() for t in tab.locator(".saved-list .card-title").all_text_contents()]


def test_a_student_saves_two_listings_and_later_sees_one_has_closed(own_site: Any, new_context: Any) -> None:
    from playwright.sync_api import expect

    app, live = own_site
    tab = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    tab.goto(live.origin + "/search?kind=internship")
    cards = tab.locator(".results .card")
    first, second = (cards.nth(i).locator(".card-title a").inner_text().strip() for i in (0, 1))
    cards.nth(0).locator("button[data-save]").click()
    cards.nth(1).locator("button[data-save]").click()
    expect(cards.nth(0).locator("button[data-save]")).to_have_text(re.compile("^Saved"))
    # Pressing again unsaves; and again saves.
    cards.nth(1).locator("button[data-save]").click()
    expect(cards.nth(1).locator("button[data-save]")).to_have_text(re.compile("^Save:"))
    cards.nth(1).locator("button[data-save]").click()

    tab.goto(live.origin + "/saved")
    expect(tab).to_have_url(re.compile(r"/saved\?ids=\d+,\d+$"))
    assert card_titles(tab) == [second, first]  # newest saved first
    expect(tab.locator("#saved-summary")).to_contain_text("2 of 2 saved listings are still open.")
    screenshot(tab, "saved-phone")

    # One closes; the page checks again each time it opens.
    with app.app_context():
        listing = db.session.scalar(sa.select(Listing).where(Listing.title == first, Listing.status == Listing.ACTIVE))
        listing.expire(utcnow())
        db.session.commit()
    tab.goto(live.origin + "/saved")
    expect(tab.locator("#saved-summary")).to_contain_text("1 of 2 saved listings are still open.")
    closed = tab.locator(".card-closed")
    expect(closed).to_contain_text(first)
    expect(closed).to_contain_text("Closed")
    closed.locator("button[data-unsave]").click()
    expect(tab.locator("#saved-summary")).to_contain_text("1 of 1 saved listing is still open.")
    assert card_titles(tab) == [second]
    # The same list, in Spanish.
    tab.goto(live.origin + "/saved?lang=es")
    expect(tab.locator("h1")).to_have_text("Anuncios guardados")


def test_a_saved_list_is_a_link_that_works_without_javascript(own_site: Any, new_context: Any) -> None:
    app, live = own_site
    with app.app_context():
        ids = db.session.scalars(sa.select(Listing.id).where(Listing.status == Listing.ACTIVE,
                                                             Listing.duplicate_of_id.is_(None)).limit(3)).all()
    tab = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    tab.goto(f"{live.origin}/saved?ids={','.join(map(str, ids))}")
    links = tab.locator(".saved-list .card-title a")
    assert links.count() == 3
    assert not tab.locator("button[data-save]").first.is_visible()
    assert not tab.locator("button[data-copy-target]").is_visible()
    links.first.click()
    assert re.search(r"/listings/\d+$", tab.url)
    # With no list in the address and no script, the page says how saving works.
    tab.goto(live.origin + "/saved")
    assert "Saving needs JavaScript" in tab.locator("main").inner_text()


def test_a_phone_gets_the_share_sheet_and_a_desktop_copies_the_link(own_site: Any, new_context: Any) -> None:
    app, live = own_site
    with app.app_context():
        listing_id = db.session.scalar(sa.select(Listing.id).where(Listing.status == Listing.ACTIVE))
    phone = new_context(viewport=PHONE, is_mobile=True)
    phone.add_init_script("""
        window.__shared = [];
        navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };
        navigator.canShare = () => true;""")
    tab = phone.new_page()
    tab.goto(f"{live.origin}/listings/{listing_id}")
    tab.locator("button[data-share-url]").click()
    shared = tab.evaluate("() => window.__shared")
    assert [item["url"] for item in shared] == [tab.locator("#listing-link").get_attribute("href")]

    desktop = new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    desktop.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
    tab = desktop.new_page()
    tab.goto(f"{live.origin}/listings/{listing_id}")
    assert not tab.locator("button[data-share-url]").is_visible()
    tab.locator("button[data-copy-target]").click()
    tab.wait_for_function("() => document.getElementById('copy-status').textContent === 'Copied.'")
    assert tab.evaluate("() => navigator.clipboard.readText()") == tab.locator("#listing-link").get_attribute("href")


def test_on_a_phone_results_come_first_and_tools_wait_behind_one_control(own_site: Any, new_context: Any) -> None:
    from playwright.sync_api import expect

    _, live = own_site
    tab = new_context(viewport=PHONE, is_mobile=True).new_page()
    for lang, words in (("en", "Share, print, subscribe"), ("es", "Compartir, imprimir, suscribirse")):
        tab.goto(f"{live.origin}/search?kind=internship&pay=paid&lang={lang}")
        top = tab.locator(".results .card").first.bounding_box()
        assert top is not None and top["y"] < PHONE["height"], f"{lang}: the first result starts {top} down"
        tools = tab.locator("details.search-tools")
        expect(tools.locator("summary")).to_have_text(words)
        assert not tools.locator("a").first.is_visible()
    screenshot(tab, "search-tools-closed-phone")
    tab.goto(f"{live.origin}/search?kind=internship&pay=paid&lang=en")
    tab.locator("details.search-tools summary").click()
    tab.get_by_role("link", name="Feed of new listings").click()
    expect(tab.locator("h1")).to_have_text("Follow new listings: Paid internships")
    assert tab.locator("#feed-link").get_attribute("href").endswith("/search.atom?kind=internship&pay=paid")
