"""Small things a student or counselor noticed (issue #18): age shortcuts, the eligibility
note, and deadlines that are close. The browser checks are in tests/browser/test_small_fixes_browser.py."""
from __future__ import annotations

import re
from datetime import timedelta

from tests.factories import add_listings
from tracker.clock import site_today


def test_home_offers_every_age_from_16_to_25(demo_client) -> None:
    html = demo_client.get("/").get_data(as_text=True)
    ages = [int(a) for a in re.findall(r'href="/search\?age=(\d+)"', html)]
    assert ages == list(range(16, 26))
    spanish = demo_client.get("/?lang=es").get_data(as_text=True)
    assert "Tengo 20 años" in spanish


def test_no_eligibility_note_when_every_listing_states_an_age(app, client) -> None:
    with app.app_context():
        add_listings({"title": "Stated", "min_age": 16, "max_age": 18})
    html = client.get("/search?age=17").get_data(as_text=True)
    assert "Stated" in html and 'class="eligibility-note"' not in html
    with app.app_context():
        add_listings({"title": "Unstated"})
    html = client.get("/search?age=17").get_data(as_text=True)
    note = re.search(r'<p class="eligibility-note">(.*?)</p>', html, re.S)
    assert note and "1 more listing does not state an age" in note.group(1)


def test_a_deadline_within_seven_days_stands_out_in_words_and_weight(app, client) -> None:
    with app.app_context():
        today = site_today()
        add_listings({"title": "Soon", "deadline": today + timedelta(days=3)},
                     {"title": "Week", "deadline": today + timedelta(days=7)},
                     {"title": "Later", "deadline": today + timedelta(days=8)})
    html = client.get("/search?sort=deadline").get_data(as_text=True)
    cards = dict(re.findall(r'<a href="/listings/\d+">(\w+)</a>.*?<li>(<strong class="deadline-soon">|<time)', html, re.S))
    assert cards == {"Soon": '<strong class="deadline-soon">', "Week": '<strong class="deadline-soon">', "Later": "<time"}
    assert "Closes in 3 days" in html
    assert "Cierra en 3 días" in client.get("/search?sort=deadline&lang=es").get_data(as_text=True)

