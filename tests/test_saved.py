"""Saved listings without an account: /saved?ids=… checks each saved listing now, and the
server keeps nothing (the browser holds the list; see tests/browser/test_keep_and_share.py)."""
from __future__ import annotations

import re
from datetime import date, timedelta

from tests.factories import add_listings
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing, utcnow


def test_the_saved_page_says_which_saved_listings_are_still_open(app, client) -> None:
    with app.app_context():
        today = site_today()
        open_one, past, removed, pending = add_listings(
            {"title": "Still open", "deadline": today + timedelta(days=20)},
            {"title": "Deadline passed", "deadline": today - timedelta(days=1)},
            {"title": "Taken down"}, {"title": "Never published", "status": Listing.PENDING})
        db.session.get(Listing, removed.id).remove(utcnow())
        ids = [past.id, open_one.id, removed.id, pending.id, 999999]
        db.session.commit()
    pending_id = ids[3]
    page = client.get("/saved?ids=" + ",".join(map(str, ids)))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "1 of 5 saved listings are still open." in html
    # In the order saved; open ones as cards, closed ones say so, others are "no longer published".
    order = [a or b for a, b in re.findall(r">(Still open|Deadline passed|Taken down)</a>|(Listing \d+ is no longer published)", html)]
    assert order == ["Deadline passed", "Still open", "Taken down",
                     f"Listing {pending_id} is no longer published", "Listing 999999 is no longer published"]
    assert html.count("<strong>Closed</strong>") == 2
    assert "Never published" not in html
    # The list as a link, for another device or a counselor.
    assert f'href="http://localhost/saved?ids={",".join(map(str, ids))}"' in html
    # Nothing about the reader is kept: no cookie but the language one, at most.
    assert all(c.startswith("lang=") for c in page.headers.getlist("Set-Cookie"))


def test_bad_saved_ids_are_left_out_with_a_message(app, client) -> None:
    with app.app_context():
        (listing,) = add_listings({"title": "Kept"})
    html = client.get(f"/saved?ids={listing.id},abc,{listing.id},-3").get_data(as_text=True)
    assert "1 of 1 saved listing is still open." in html
    assert "“abc” is not a listing number, so it was left out." in html
    assert "“-3” is not a listing number" in html
    many = ",".join(str(n) for n in range(1, 60))
    assert "Only the first 50 saved listings are shown." in client.get(f"/saved?ids={many}").get_data(as_text=True)


def test_without_a_list_the_page_explains_saving_in_english_and_spanish(client) -> None:
    html = client.get("/saved").get_data(as_text=True)
    assert "Nothing is saved in this browser yet." in html and "Saving needs JavaScript" in html
    assert "Nothing is saved yet." in client.get("/saved?ids=").get_data(as_text=True)
    spanish = client.get("/saved?lang=es").get_data(as_text=True)
    assert "<h1 data-saved-page>Anuncios guardados</h1>" in spanish


def test_listing_pages_and_cards_offer_a_save_button_that_needs_javascript(app, client) -> None:
    with app.app_context():
        (listing,) = add_listings({"title": "Savable", "deadline": date.today() + timedelta(days=30)})
    page = client.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert re.search(rf'<button type="button" data-save="{listing.id}"[^>]* hidden>', page)
    assert 'href="/saved" data-saved-link' in page
    cards = client.get("/search").get_data(as_text=True)
    assert re.search(rf'<button type="button" class="link-button save-button" data-save="{listing.id}"[^>]* hidden>', cards)
