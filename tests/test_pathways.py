"""Career pathway pages: what the work is, a ladder with today's listings, pay, and a ranked index."""
from __future__ import annotations

import re
from decimal import Decimal

from tests.factories import add_listings
from tracker import taxonomy
from tracker.pathways import LADDER, load_content, pathway_index, pathway_page, typical_pay


def test_every_pathway_has_content_and_real_occupations() -> None:
    content = load_content()
    assert set(content) == taxonomy.PATHWAY_SLUGS
    for slug, entry in content.items():
        assert entry.work and entry.skills and entry.credentials, slug
        assert len(entry.occupations) >= 3, slug


def test_the_ladder_covers_every_kind_once() -> None:
    kinds = [k for rung in LADDER for k in rung.kinds]
    assert sorted(kinds) == sorted(t.slug for t in taxonomy.KINDS)


def test_index_ranks_pathways_by_open_opportunities_for_an_age(app) -> None:
    with app.test_request_context():
        add_listings({"pathways": ["finance"], "min_age": 16}, {"pathways": ["finance"], "min_age": 16},
                     {"pathways": ["healthcare"], "min_age": 18}, {"pathways": ["healthcare"], "min_age": 18},
                     {"pathways": ["healthcare"], "min_age": 18})
        everyone = pathway_index(None)
        at_16 = pathway_index(16)
    assert everyone[0] == (taxonomy.pathway("healthcare"), 3)
    assert at_16[0] == (taxonomy.pathway("finance"), 2)
    assert dict((p.slug, n) for p, n in at_16)["healthcare"] == 0


def test_a_pathway_page_puts_listings_on_their_rungs(app) -> None:
    with app.test_request_context():
        add_listings({"title": "Bank shadow day", "kind": "job-shadowing", "pathways": ["finance"]},
                     {"title": "Teller intern", "kind": "internship", "pathways": ["finance"]},
                     {"title": "Budget workshop", "kind": "workshop", "pathways": ["finance"]},
                     {"title": "Nurse intern", "kind": "internship", "pathways": ["healthcare"]})
        page = pathway_page("finance", age=None)
    rungs = {view.rung.slug: [l.title for l in view.results.listings] for view in page.rungs}
    assert rungs == {"explore": ["Budget workshop"], "shadow": ["Bank shadow day"], "intern": ["Teller intern"],
                     "train": [], "job": []}
    assert [l.title for l in page.skill_building.results.listings] == ["Budget workshop"]


def test_typical_pay_needs_enough_stated_rates(app) -> None:
    with app.test_request_context():
        add_listings(*[{"kind": "job", "pathways": ["finance"], "pay_status": "paid", "pay_min": Decimal(v),
                        "pay_period": "hour"} for v in (12, 15)])
        assert typical_pay("finance") is None
    with app.test_request_context():  # a new request sees the index as it is now
        add_listings({"kind": "job", "pathways": ["finance"], "pay_status": "paid", "pay_min": Decimal(41600),
                      "pay_period": "year"})  # $20.00 an hour
        pay = typical_pay("finance")
    assert (pay.median_cents, pay.low_cents, pay.high_cents, pay.samples) == (1500, 1200, 2000, 3)


def test_pathway_pages_render_on_the_demo(demo_client) -> None:
    index = demo_client.get("/pathways?age=16").get_data(as_text=True)
    links = re.findall(r'href="/pathways/([a-z-]+)\?age=16"', index)
    assert sorted(links) == sorted(taxonomy.PATHWAY_SLUGS)
    html = demo_client.get("/pathways/healthcare").get_data(as_text=True)
    for heading in ("Typical local pay", "Your ladder", "Skills and credentials", "Jobs this pathway leads to"):
        assert heading in html
    assert "Nursing Assistants" in html and "CC BY 4.0" in html


def test_unknown_pathway_is_a_404(client) -> None:
    assert client.get("/pathways/astronaut").status_code == 404


def test_bad_age_on_pathways_is_explained(client) -> None:
    page = client.get("/pathways?age=abc")
    assert page.status_code == 200 and "enter an age" in page.get_data(as_text=True)
