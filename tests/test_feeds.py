"""Feeds of any search: Atom, JSON Feed and iCalendar, parsed back to the same listings."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import feedparser
import pytest
from icalendar import Calendar

from tests.factories import add_listings

SEARCHES = ["", "kind=internship&pay=paid&age=16", "pathway=information-technology", "q=nurse",
            # "paid IT internships", and paid IT work for a 17-year-old
            "kind=internship&pay=paid&pathway=information-technology", "pathway=information-technology&pay=paid&age=17"]


def api_newest_ids(client, args: str, limit: int = 50) -> list[int]:
    body = client.get(f"/api/v1/listings?{args}&sort=newest&per_page={limit}").get_json()
    return [item["id"] for item in body["listings"]]


def listing_id_of(entry_id: str) -> int:
    assert entry_id.startswith("tag:birmingham-career-pathways.example,2026:listing-"), entry_id
    return int(entry_id.rsplit("-", 1)[1])


@pytest.mark.parametrize("args", SEARCHES)
def test_atom_parsed_back_gives_the_searchs_newest_listings(demo_client, args) -> None:
    response = demo_client.get(f"/search.atom?{args}")
    assert response.status_code == 200 and response.content_type == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    ids = [listing_id_of(entry.id) for entry in feed.entries]
    assert ids == api_newest_ids(demo_client, args) and ids
    first = demo_client.get(f"/api/v1/listings/{ids[0]}").get_json()
    entry = feed.entries[0]
    assert entry.title == first["title"] and entry.link == first["url"]
    assert entry.author == first["organisation"] and entry.updated == first["updated_at"]
    assert first["kind"] in [tag.term for tag in entry.tags]


def test_atom_feed_names_the_search_and_links_back(demo_client) -> None:
    feed = feedparser.parse(demo_client.get("/search.atom?kind=internship&pay=paid&age=16&sort=deadline&page=3").get_data())
    assert feed.feed.title.startswith("Paid internships for age 16")
    links = {link.rel: link.href for link in feed.feed.links}
    # The feed's own address leaves out the sort and page it ignores; the page it stands
    # for shows the same listings in the same (newest first) order.
    assert links["self"] == "http://localhost/search.atom?kind=internship&age=16&pay=paid"
    assert links["alternate"] == "http://localhost/search?kind=internship&age=16&pay=paid&sort=newest"


@pytest.mark.parametrize("args", SEARCHES)
def test_json_feed_holds_the_same_listings_as_atom(demo_client, args) -> None:
    response = demo_client.get(f"/search.json?{args}")
    assert response.content_type == "application/feed+json; charset=utf-8"
    body = response.get_json(force=True)
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert body["feed_url"].startswith("http://localhost/search.json")
    assert sorted(body["feed_url"].partition("?")[2].split("&")) == sorted(args.split("&")) if args else "?" not in body["feed_url"]
    atom = feedparser.parse(demo_client.get(f"/search.atom?{args}").get_data())
    assert [item["id"] for item in body["items"]] == [entry.id for entry in atom.entries]
    for item in body["items"]:
        assert item["url"].startswith("http://localhost/listings/") and item["title"] and item["content_html"]
        assert item["date_published"].endswith("Z") and item["authors"][0]["name"]
        assert item["_listing"]["url"] == item["url"]  # the API's record rides along


def test_feeds_escape_what_listings_contain(app, client) -> None:
    with app.app_context():
        add_listings({"title": 'Fish & <Chips> "Intern"\x0b', "organisation": "O'Brien & Sons <Ltd>",
                      "description": "<p>Say ]]&gt; and &amp; here</p>"})
    atom = client.get("/search.atom")
    feed = feedparser.parse(atom.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == 'Fish & <Chips> "Intern"'  # the control character could not be sent
    assert feed.entries[0].author == "O'Brien & Sons <Ltd>"
    assert "]]&gt; and &amp; here" in feed.entries[0].content[0].value
    item = client.get("/search.json").get_json(force=True)["items"][0]
    assert item["title"] == 'Fish & <Chips> "Intern"\x0b'


@pytest.mark.parametrize("args", SEARCHES)
def test_calendar_parsed_back_gives_each_matching_deadline_once(demo_client, args) -> None:
    response = demo_client.get(f"/search.ics?{args}")
    assert response.status_code == 200 and response.content_type == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.get_data())
    events = list(calendar.walk("VEVENT"))
    expected = {}
    url = f"/api/v1/listings?{args}&sort=deadline&per_page=100"
    while url:
        body = demo_client.get(url).get_json()
        expected.update({item["id"]: item for item in body["listings"] if item["deadline"]})
        url = body["links"]["next"] and body["links"]["next"].removeprefix("http://localhost")
    assert len(expected) <= 200, "the calendar holds the 200 soonest: compare those"
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)) == len(expected) > 0
    for event in events:
        listing_id = int(str(event["UID"]).split("@")[0].removeprefix("listing-"))
        item = expected[listing_id]
        assert str(event["UID"]) == f"listing-{listing_id}@birmingham-career-pathways.example"
        assert event.decoded("DTSTART") == date.fromisoformat(item["deadline"])  # an all-day date
        assert event.decoded("DTEND") == date.fromisoformat(item["deadline"]) + timedelta(days=1)
        assert str(event["SUMMARY"]) == f"Deadline: {item['title']} ({item['organisation']})"
        assert str(event["URL"]) == item["url"]


def test_calendar_uids_and_bytes_are_stable(demo_client) -> None:
    first = demo_client.get("/search.ics?kind=internship").get_data()
    again = demo_client.get("/search.ics?kind=internship").get_data()
    assert first == again  # so a subscriber's client sees no change, and the ETag holds


def test_calendar_uids_do_not_depend_on_the_host(demo_client) -> None:
    here = demo_client.get("/search.ics?kind=job").get_data()
    there = demo_client.get("/search.ics?kind=job", base_url="https://tracker.example.gov").get_data()
    uid = lambda raw: [str(e["UID"]) for e in Calendar.from_ical(raw).walk("VEVENT")]  # noqa: E731
    assert uid(here) == uid(there)


def test_calendar_names_itself_and_asks_to_be_refreshed(demo_client) -> None:
    calendar = Calendar.from_ical(demo_client.get("/search.ics?kind=internship&pay=paid&age=16").get_data())
    assert str(calendar["X-WR-CALNAME"]).startswith("Deadlines: Paid internships for age 16")
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar and "REFRESH-INTERVAL" in calendar


def test_one_listings_deadline_as_a_calendar_file(app, client) -> None:
    with app.app_context():
        dated, undated = add_listings({"title": "Dated", "deadline": date(2031, 5, 1)}, {"title": "Rolling"})
    response = client.get(f"/listings/{dated.id}.ics")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    (event,) = Calendar.from_ical(response.get_data()).walk("VEVENT")
    assert event.decoded("DTSTART") == date(2031, 5, 1) and str(event["SUMMARY"]) == "Deadline: Dated (Sample Org)"
    assert client.get(f"/listings/{undated.id}.ics").status_code == 404
    assert client.get("/listings/99999999999999999999.ics").status_code == 404


def test_feeds_read_bad_arguments_as_the_page_does(demo_client) -> None:
    # A feed reader has nowhere to show an error: the feed drops what it cannot use.
    response = demo_client.get("/search.atom?kind=spaceship&age=abc&kind=internship")
    feed = feedparser.parse(response.get_data())
    assert response.status_code == 200 and feed.feed.title.startswith("Internships")


@pytest.mark.parametrize("path", ["/search.atom?kind=job", "/search.json?kind=job", "/search.ics?kind=job"])
def test_feeds_answer_304_when_unchanged(demo_client, path) -> None:
    first = demo_client.get(path)
    assert first.headers["Last-Modified"] and first.headers["Cache-Control"].startswith("public")
    assert demo_client.get(path, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_the_search_page_links_its_feeds(demo_client) -> None:
    html = demo_client.get("/search?kind=internship&sort=deadline").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/search.atom?kind=internship"' in html and 'href="/search.json?kind=internship"' in html
    assert 'href="webcal://localhost/search.ics?kind=internship"' in html


def test_newest_listings_lead_the_feed(app, client) -> None:
    now = datetime.now(timezone.utc)
    with app.app_context():
        old, new = add_listings({"title": "Old", "posted_at": now - timedelta(days=20)},
                                {"title": "New", "posted_at": now - timedelta(hours=1)})
    feed = feedparser.parse(client.get("/search.atom").get_data())
    assert [e.title for e in feed.entries] == ["New", "Old"]


def test_each_deadline_event_reminds_three_days_before_at_nine(app, client) -> None:
    with app.app_context():
        (dated,) = add_listings({"title": "Dated", "deadline": date(2031, 5, 10)})
    (event,) = Calendar.from_ical(client.get(f"/listings/{dated.id}.ics").get_data()).walk("VEVENT")
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    trigger = alarm.decoded("TRIGGER")
    # Relative to the all-day start: 9:00 on 7 May for a deadline on 10 May.
    assert datetime(2031, 5, 10) + trigger == datetime(2031, 5, 7, 9, 0)
    assert "Dated" in str(alarm["DESCRIPTION"]) and "May 10, 2031" in str(alarm["DESCRIPTION"])
    # The same reminder rides in a search's calendar.
    events = Calendar.from_ical(client.get("/search.ics").get_data()).walk("VEVENT")
    assert [len(e.walk("VALARM")) for e in events] == [1]
