"""A feed link opens a page people can read (what a feed is, how to subscribe), while the
feed's own address still answers feed readers with the feed."""
from __future__ import annotations

import html as html_lib
import re

import feedparser


def test_the_search_pages_feed_link_opens_a_readable_page(demo_client) -> None:
    search = demo_client.get("/search?kind=internship&pay=paid").get_data(as_text=True)
    link = html_lib.unescape(re.search(r'<a href="([^"]+)">Feed of new listings</a>', search).group(1))
    assert link == "/search/feed?kind=internship&pay=paid"
    page = demo_client.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.content_type.startswith("text/html")
    assert "A feed is a web address that a feed reader app checks for you" in html
    # The address to paste is the Atom feed of the same search, and readers find it from the page too.
    atom = "http://localhost/search.atom?kind=internship&amp;pay=paid"
    assert f'<a id="feed-link" class="url" href="{atom}">{atom}</a>' in html
    assert f'<link rel="alternate" type="application/atom+xml" title="New listings: Paid internships" href="{atom}">' in html
    # The newest listings in the feed are on the page too.
    feed = feedparser.parse(demo_client.get("/search.atom?kind=internship&pay=paid").get_data())
    assert feed.entries and html_lib.escape(feed.entries[0].title) in html


def test_feed_readers_still_get_the_feed(demo_client) -> None:
    response = demo_client.get("/search.atom?kind=internship")
    assert response.content_type == "application/atom+xml; charset=utf-8"
    assert feedparser.parse(response.get_data()).version == "atom10"


def test_the_feed_page_speaks_spanish(demo_client) -> None:
    html = demo_client.get("/search/feed?kind=job&lang=es").get_data(as_text=True)
    assert '<html lang="es">' in html and "Cómo suscribirte" in html
