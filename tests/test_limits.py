"""Stored titles and descriptions are capped at sizes real listings never reach."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.text import sanitize_html
from ingest.limits import DESCRIPTION_LIMIT, TITLE_LIMIT, cap_html, cap_text
from ingest.pipeline import check
from ingest.records import SourceDefaults
from tests.test_ingest_pipeline import ingest, write_sources
from tests.test_shared_fixtures import SHARED_FEEDS
from tracker import search
from tracker.extensions import db
from tracker.listings import find_listings
from tracker.models import Listing
from tracker.query import ListingQuery

PARAGRAPH = "<p>Help the <b>front desk</b> greet visitors &amp; answer phones during the zebrafish open day. </p>"


def feed(title: str, description_html: str) -> bytes:
    """A JSON Feed of one item (JSON: feedparser alone takes 20 s over 5 MB of RSS)."""
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Big", "items": [
        {"id": "big-1", "title": title, "url": "https://example.org/big-1", "content_html": description_html}]}).encode()


def five_megabytes() -> str:
    return PARAGRAPH * (5_000_000 // len(PARAGRAPH) + 1)


def test_a_five_megabyte_description_is_stored_and_indexed_capped(app, tmp_path: Path) -> None:
    (tmp_path / "big.json").write_bytes(feed("Front desk aide", five_megabytes()))
    [report] = ingest(app, write_sources(tmp_path, ("Big", "jsonfeed", "big.json")))
    assert report.new == 1
    assert [w for w in report.warnings if "description cut to 20,000 characters" in w]
    with app.app_context():
        listing = db.session.scalars(sa.select(Listing)).one()
        assert len(listing.description) <= DESCRIPTION_LIMIT
        assert "…" in listing.description[-8:] and sanitize_html(listing.description) == listing.description
        # The index holds the stored text only: its content is a few copies of title and tags plus the description.
        assert len(search.document_for(listing)["content"]) < DESCRIPTION_LIMIT + 1000
    client = app.test_client()
    page = client.get(f"/listings/{listing.id}")
    assert page.status_code == 200 and len(page.data) < 100_000
    with app.test_request_context():
        assert find_listings(ListingQuery(text="zebrafish")).total == 1


def test_ingest_check_warns_for_each_capped_entry(runner, tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(feed("Aide " * 400, five_megabytes()))
    result = runner.invoke(args=["ingest", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "warning: entry 1: title cut to 300 characters (it had 1,999)" in result.output
    assert "warning: entry 1: description cut to 20,000 characters (it had 5,000," in result.output


def test_a_long_title_is_cut_at_a_word() -> None:
    title = cap_text("Summer youth program assistant " * 20, TITLE_LIMIT)
    assert len(title) <= TITLE_LIMIT and title.endswith("…")
    assert title.removesuffix("…").split()[-1] in {"Summer", "youth", "program", "assistant"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<ul><li>", "</li></ul>", "<b>", "</b>", "&amp;", "word ", "é",
                                 "<a href=\"https://example.org/x\">", "</a>", "<br>"]), min_size=1, max_size=400),
       st.integers(min_value=40, max_value=600))
def test_capped_html_is_short_whole_and_clean(parts: list[str], limit: int) -> None:
    # Clean to a fixed point first: degenerate nesting ("<ul><li><ul><li><p>") can need
    # several passes to settle, and what is tested here is the cap, not the sanitizer.
    html = "".join(parts)
    for _ in range(10):
        cleaner = sanitize_html(html)
        if cleaner == html:
            break
        html = cleaner
    result = cap_html(html, limit)
    assert len(result) <= limit
    assert sanitize_html(result) == result  # no tag or entity split, every element closed
    if len(html) <= limit:
        assert result == html


def test_no_real_listing_reaches_the_caps() -> None:
    """The demo's and the shared fixtures' listings are stored whole: the caps only stop abuse."""
    roots = [Path(__file__).resolve().parent.parent / "ingest" / "demo"]
    roots += [SHARED_FEEDS] if SHARED_FEEDS.exists() else []
    checked = 0
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and ".expected" not in p.name):
            try:
                _parsed, listings, problems = check(path.read_bytes(), "auto", SourceDefaults(), date.today())
            except Exception:  # noqa: BLE001 - not a feed, or a deliberately broken one
                continue
            checked += len(listings)
            assert not [p for p in problems if " cut to " in p], path
    assert checked >= 150
