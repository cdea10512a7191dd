"""robots.txt and sitemap.xml: search engines find open listings, not feeds or embeds."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from tests.factories import add_listings
from tracker.models import Listing

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.content_type.startswith("application/xml")
    root = ET.fromstring(response.get_data())
    return {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
            for url in root.findall("s:url", NS)}


def test_robots_points_at_the_sitemap_and_away_from_machine_formats(client) -> None:
    response = client.get("/robots.txt")
    lines = response.get_data(as_text=True).splitlines()
    assert response.content_type == "text/plain; charset=utf-8"
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    for path in ("/api/", "/embed", "/s/", "/search.atom", "/search.json", "/search.ics"):
        assert f"Disallow: {path}" in lines
    # Robots rules are prefixes: nothing may shut out /search or /listings/.
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow: ")]
    assert not any("/search".startswith(p) or "/listings/1".startswith(p) for p in disallowed)


def test_the_sitemap_lists_open_listings_and_the_browse_pages(app, client) -> None:
    with app.app_context():
        open_one, closed, pending = add_listings(
            {"title": "Open"}, {"status": Listing.EXPIRED, "deadline": date(2020, 1, 1)}, {"status": Listing.PENDING})
        ids = (open_one.id, closed.id, pending.id)
    urls = sitemap_urls(client)
    assert f"http://localhost/listings/{ids[0]}" in urls
    assert f"http://localhost/listings/{ids[1]}" not in urls and f"http://localhost/listings/{ids[2]}" not in urls
    assert date.fromisoformat(urls[f"http://localhost/listings/{ids[0]}"])
    assert "http://localhost/" in urls and "http://localhost/pathways/teaching" in urls
    assert "http://localhost/pathways" in urls
    assert "http://localhost/search?kind=apprenticeship" in urls


def test_the_demo_sitemap_has_every_open_listing(demo_app, demo_client) -> None:
    from tracker.clock import site_today
    from tracker.extensions import db
    with demo_app.app_context():
        expected = db.session.scalar(db.select(db.func.count()).select_from(Listing).where(Listing.visible(site_today())))
    urls = sitemap_urls(demo_client)
    assert sum(1 for url in urls if "/listings/" in url) == expected > 100
