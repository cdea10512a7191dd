"""Getting there, in Chromium: with the operator's transit feed configured, a student sees on
a result card how far the bus stop is and whether transport is provided, and the listing
says which routes stop within a walk, in English and Spanish, with no accessibility faults."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from ingest.transit import refresh_transit
from tests.browser.conftest import PHONE, LiveServer, screenshot
from tests.conftest import copy_of_demo
from tests.test_gtfs import SYNTHETIC
from tracker import search
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing, utcnow

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def transit_site(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, int]]:
    """The demo data with the synthetic feed, and one listing whose source gave its exact place."""
    folder = tmp_path_factory.mktemp("getting-there")
    app = copy_of_demo(demo_template, folder, GTFS_URL=str(SYNTHETIC))
    with app.app_context():
        listing = db.session.scalar(sa.select(Listing).where(Listing.status == Listing.ACTIVE, Listing.work_mode == "onsite",
                                                            Listing.duplicate_of_id.is_(None)).order_by(Listing.id))
        # About 0.1 mile north of stop S1, which routes 1 and 44 serve.
        listing.latitude, listing.longitude, listing.place_exact = 33.5185, -86.8080, True
        listing.transport_provided = True
        listing.posted_at = utcnow()  # first among the newest
        listing_id = listing.id
        db.session.commit()
        report = refresh_transit(str(SYNTHETIC), folder, site_today(), utcnow(), 10)
        assert report.reachable == 1, report
        # The index carries posted dates: bring it in line with the change above.
        search.apply_changes([search.document_for(db.session.get(Listing, listing_id))], [])
    live = LiveServer(app)
    yield live, listing_id
    live.stop()
    with app.app_context():
        db.engine.dispose()


def test_a_student_sees_the_bus_on_the_card_and_the_routes_on_the_listing(transit_site: Any, new_context: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    live, listing_id = transit_site
    tab = new_context(viewport=PHONE, is_mobile=True, bypass_csp=True).new_page()
    tab.goto(f"{live.origin}/search?sort=newest")
    card = tab.locator(".results .card").first
    expect(card.locator(".card-title a")).to_have_attribute("href", f"/listings/{listing_id}")
    expect(card.locator(".facts")).to_contain_text("Bus stop 3 minutes away")
    expect(card.locator(".facts")).to_contain_text("Transport provided")
    # Only that listing's place is known exactly: no other card speaks of buses.
    assert tab.locator(".results .card .facts", has_text="Bus stop").count() == 1
    card.locator(".card-title a").click()
    expect(tab).to_have_url(f"{live.origin}/listings/{listing_id}")
    getting_there = tab.locator(".bus-access")
    expect(getting_there).to_contain_text("Bus routes 1 and 44 stop within a 10-minute walk.")
    expect(getting_there).to_contain_text("The nearest stop, 20th St N & 3rd Ave N, is about 3 minutes away on foot.")
    screenshot(tab, "getting-there-listing-phone")
    for lang in ("en", "es"):
        tab.goto(f"{live.origin}/listings/{listing_id}?lang={lang}")
        violations = [v["id"] for v in Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}}).response["violations"]]
        assert violations == [], (lang, violations)
    expect(getting_there).to_contain_text("Las líneas de autobús 1 y 44 paran a menos de 10 minutos a pie.")


def test_a_student_filters_for_listings_reachable_by_bus(transit_site: Any, new_context: Any) -> None:
    from playwright.sync_api import expect

    live, listing_id = transit_site
    tab = new_context(viewport=PHONE, is_mobile=True).new_page()
    tab.goto(f"{live.origin}/search?lang=es")
    tab.get_by_role("link", name="Filtrar resultados").click()
    tab.locator("#filters input[name=access][value=bus]").check()
    tab.locator("#filters button[type=submit]").click()
    expect(tab).to_have_url(re.compile(r"[?&]access=bus(&|$)"))
    expect(tab.locator("#results-title")).to_contain_text("a los que se llega en autobús")
    expect(tab.locator(".results .card")).to_have_count(1)
    expect(tab.locator(".results .card .card-title a")).to_have_attribute("href", f"/listings/{listing_id}")
