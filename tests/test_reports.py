"""The public report: every chart's CSV is its table, periods that make no sense are
explained, the open-data files follow the visibility rule and state their licence."""
from __future__ import annotations

import csv
import io
import json
import random
import re
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from tracker import snapshots
from tracker.clock import site_today
from tracker.extensions import db
from tracker.milestones.live import FITS, UNSTATED, classify
from tracker.models import Listing

CHARTS = ("opportunities-by-kind", "opportunities-by-pathway", "pay", "typical-pay", "juniors-seniors", "where",
          "without-a-car", "sources")


@pytest.fixture
def history_app(demo_app):
    """The demo data seen over the last 60 days (one listing closed 10 days ago), with its history."""
    with demo_app.app_context():
        rnd = random.Random(7)
        now = datetime.now(timezone.utc)
        listings = db.session.scalars(sa.select(Listing).where(Listing.visible(site_today())).order_by(Listing.id)).all()
        for listing in listings:
            listing.first_seen_at = now - timedelta(days=rnd.randint(0, 60))
        listings[0].first_seen_at = now - timedelta(days=59)
        listings[0].remove(now - timedelta(days=10))
        db.session.commit()
        snapshots.backfill()
        snapshots.take()
    return demo_app


class Tables(HTMLParser):
    """Collect each report table's header names (data-column) and cell texts, by chart."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict] = {}
        self.current: dict | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "data-chart" in a:
            self.current = self.tables.setdefault(a["data-chart"], {"columns": [], "rows": []})
        elif self.current is not None and tag == "th" and "data-column" in a:
            self.current["columns"].append(a["data-column"])
        elif self.current is not None and tag == "tr" and self.current["columns"]:
            self.current["rows"].append([])
        elif self.current is not None and tag in ("td", "th") and "data-column" not in a:
            self.cell = []

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.current is not None:
            self.current["rows"][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table":
            self.current = None


def tables_of(html: str) -> dict[str, dict]:
    parser = Tables()
    parser.feed(html)
    for table in parser.tables.values():
        table["rows"] = [row for row in table["rows"] if row]
    return parser.tables


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_chart_has_a_table_and_a_csv_that_is_that_table(history_app, lang) -> None:
    client = history_app.test_client()
    html = client.get(f"/reports?lang={lang}").get_data(as_text=True)
    tables = tables_of(html)
    assert tuple(tables) == CHARTS
    for slug, table in tables.items():
        assert table["rows"], slug
        section = re.search(rf'<div class="report-section" id="{slug}">.*?</details>\s*</div>', html, re.S).group(0)
        assert '<svg' in section and 'role="img"' in section and "<figcaption>" in section
        link = re.search(rf'href="(/reports/{slug}\.csv\?[^"]+)"', html).group(1).replace("&amp;", "&")
        response = client.get(link + f"&lang={lang}")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        assert "attachment" in response.headers["Content-Disposition"]
        parsed = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert parsed[0] == table["columns"], slug
        assert parsed[1:] == table["rows"], slug
        for name in table["columns"]:  # every column is documented beside the chart
            assert f"<dt><code>{name}</code></dt>" in html


def test_the_figures_match_the_listings(history_app) -> None:
    client = history_app.test_client()
    tables = tables_of(client.get("/reports").get_data(as_text=True))
    with history_app.app_context():
        today = site_today()
        visible = db.session.scalars(sa.select(Listing).where(Listing.visible(today))).all()
    today_row = tables["juniors-seniors"]["rows"][-1]
    groups = [classify(l.min_age, l.max_age, l.min_grade, l.max_grade) for l in visible]
    assert today_row == [today.isoformat(), str(groups.count(FITS)), str(groups.count(UNSTATED)), str(len(visible))]
    pay = {row[0]: row[2] for row in tables["pay"]["rows"]}
    assert pay == {s: str(sum(1 for l in visible if l.pay_status == s)) for s in ("paid", "unpaid", "unknown")}
    # The closed listing was open in the first days of the history and not at the end.
    kinds = tables["opportunities-by-kind"]["rows"]
    first_day = kinds[0][0]
    assert sum(int(r[2]) for r in kinds if r[0] == first_day) >= 1
    assert sum(int(r[2]) for r in kinds if r[0] == today.isoformat()) == len(visible)


@pytest.mark.parametrize("args, message", [
    ("from=yesterday", "“yesterday” is not a date"),
    ("from=2026-02-30", "is not a date"),
    ("from=2027-01-01&to=2026-01-01", "swapped"),
    ("to=2999-01-01", "cannot end after today"),
    ("from=1900-01-01", "at most five years"),
    ("from=%00%ff&to=<script>", "is not a date"),
])
def test_a_bad_period_is_explained_never_a_500(history_app, args, message) -> None:
    client = history_app.test_client()
    response = client.get(f"/reports?{args}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert message in html and "<script>" not in html.split("<main", 1)[1].split("</main>")[0]
    assert client.get(f"/reports/pay.csv?{args}").status_code == 200


def test_a_period_without_history_says_there_is_nothing_to_chart(history_app) -> None:
    client = history_app.test_client()
    html = client.get("/reports?from=2020-01-01&to=2020-12-31").get_data(as_text=True)
    assert "No daily count falls in this period" in html and 'data-chart=' not in html
    assert client.get("/reports/pay.csv?from=2020-01-01&to=2020-12-31").status_code == 404
    assert client.get("/reports/no-such-chart.csv").status_code == 404


def test_the_listings_of_a_period_follow_the_visibility_rule(history_app) -> None:
    with history_app.app_context():
        today = site_today()
        listings = db.session.scalars(sa.select(Listing).order_by(Listing.id)).all()
        pending = listings[1]
        pending.status = Listing.PENDING
        copy = listings[2]
        copy.duplicate_of_id = listings[3].id
        pending_id, copy_id = pending.id, copy.id
        db.session.commit()
        wanted = {l.id for l in db.session.scalars(sa.select(Listing).where(Listing.published(), Listing.duplicate_of_id.is_(None)))}
        closed_id = db.session.scalar(sa.select(Listing.id).where(Listing.status == Listing.REMOVED))
    client = history_app.test_client()
    rows = list(csv.DictReader(io.StringIO(client.get("/reports/data/listings.csv").get_data(as_text=True))))
    ids = {int(r["id"]) for r in rows}
    assert ids == wanted and pending_id not in ids and copy_id not in ids and closed_id in ids
    # The closed listing is not in a period that starts after it closed.
    recent = client.get(f"/reports/data/listings.csv?from={today - timedelta(days=3)}").get_data(as_text=True)
    assert str(closed_id) not in {r["id"] for r in csv.DictReader(io.StringIO(recent))}
    data = client.get("/reports/data/listings.json").get_json()
    assert {item["id"] for item in data["listings"]} == wanted and "ODC-By" in data["license"]["name"]
    hsds = client.get("/reports/data/programs.hsds.json").get_json()
    assert len(hsds["services"]) == len(wanted) and hsds["license"] == data["license"]
    org_ids = {o["id"] for o in hsds["organizations"]}
    assert all(s["organization_id"] in org_ids for s in hsds["services"])


def test_a_cell_a_spreadsheet_would_run_is_defused(history_app) -> None:
    with history_app.app_context():
        listing = db.session.scalar(sa.select(Listing).where(Listing.visible(site_today())).order_by(Listing.id))
        listing.title = '=HYPERLINK("http://evil.example","click")'
        db.session.commit()
        listing_id = listing.id
    text = history_app.test_client().get("/reports/data/listings.csv").get_data(as_text=True)
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == str(listing_id))
    assert row["title"].startswith("'=")


def test_the_printable_report_opens_every_table_and_drops_the_form(history_app) -> None:
    html = history_app.test_client().get("/reports/print").get_data(as_text=True)
    assert 'class="period-form"' not in html
    assert html.count('<details class="chart-data" open>') == len(CHARTS)
    assert json.loads(json.dumps(tables_of(html)))  # the same tables as the page


def test_the_whole_report_downloads_as_one_zip_of_the_same_csvs(history_app) -> None:
    import zipfile

    client = history_app.test_client()
    response = client.get("/reports/report.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    names = set(archive.namelist())
    assert {f"{slug}.csv" for slug in CHARTS} | {"listings.csv", "README.txt"} == names
    for slug in CHARTS:
        assert archive.read(f"{slug}.csv").decode() == client.get(f"/reports/{slug}.csv").get_data(as_text=True)
    readme = archive.read("README.txt").decode()
    assert "ODC-By" in readme and "open_to_juniors_seniors:" in readme
