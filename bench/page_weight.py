"""Page weight: what each page costs a phone on limited data, gzipped, against a 60 KB budget.

Every page template is fetched in English and Spanish through the Flask test client, on
the bundled demo data; the stylesheets, scripts and images its HTML names are fetched
too, each is gzipped (level 6, as a web server would) and the bytes are added up.

    .venv/bin/python -m bench.page_weight            # the table
    .venv/bin/python -m bench.page_weight --json     # the same, as JSON

tests/test_page_weight.py holds every page to the budget; the browser tests
(tests/browser/) audit the same pages, so this module is where the list of pages lives.
"""
from __future__ import annotations

import argparse
import gzip
import json
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Flask

BUDGET = 60 * 1024
LANGUAGES = ("en", "es")
ROOT = Path(__file__).resolve().parent.parent
MILESTONE_FIGURES = ROOT / "tracker" / "content" / "indicators.csv"
# The search a counselor builds, a student's search with results, one with none.
RESULTS_SEARCH = "kind=internship&pay=paid"
EMPTY_SEARCH = "q=zzzzqqqxxy"
WORDS_SEARCH = "q=paid+summer+internship+near+35203"  # filter words read, each said with a link to undo it


def page_paths(app: Flask) -> dict[str, str]:
    """Return every page template's path on ``app``'s data (prepared by prepare_site), by name."""
    from tracker.extensions import db
    from tracker.models import Listing
    from tracker.query import ListingQuery
    from tracker.shortlinks import code_for

    with app.app_context():
        open_id = db.session.scalar(sa.select(Listing.id).where(Listing.status == Listing.ACTIVE,
                                                                Listing.apply_url.is_not(None),
                                                                Listing.deadline.is_not(None))
                                    .order_by(Listing.id))
        closed_id = db.session.scalar(sa.select(Listing.id).where(Listing.status == Listing.EXPIRED)
                                      .order_by(Listing.id))
        code = code_for(ListingQuery.from_args({"kind": "internship", "pay": "paid"})[0])
        confirm_token, manage_token = _alert_tokens()
        confirm, manage = _partner_links()
        db.session.commit()
    return {
        "home": "/",
        "search-results": f"/search?{RESULTS_SEARCH}",
        "search-none": f"/search?{EMPTY_SEARCH}",
        "search-words": f"/search?{WORDS_SEARCH}",
        "listing": f"/listings/{open_id}",
        "listing-closed": f"/listings/{closed_id}",
        "pathways": "/pathways",
        "pathway": "/pathways/healthcare",
        "milestones": "/milestones",
        "milestones-grade": "/milestones?grade=11",
        "reports": "/reports",
        "grades": "/milestones/grades",
        "grade": "/milestones/grades/11",
        "error-404": "/no-such-page",
        "error-405": "/s",
        "embed": f"/embed?{RESULTS_SEARCH}",
        "embed-builder": f"/embed/builder?{RESULTS_SEARCH}",
        "share": f"/s/{code}/share",
        "saved": f"/saved?ids={open_id},{closed_id},999999",
        "feed-page": f"/search/feed?{RESULTS_SEARCH}",
        "api-reference": "/api-reference",
        "share-form": f"/s/new?{RESULTS_SEARCH}",
        "alert-form": f"/alerts/new?{RESULTS_SEARCH}",
        "alert-sent": "/alerts/sent",
        "alert-confirm": f"/alerts/confirm/{confirm_token}",
        "alert-manage": f"/alerts/manage/{manage_token}",
        "alert-invalid": "/alerts/manage/no-such-link",
        "report-form": f"/listings/{open_id}/report",
        "report-thanks": f"/listings/{open_id}/report/thanks",
        "submit": "/submit",
        "submit-sent": "/submit/sent",
        "submit-confirm": f"/submit/confirm/{confirm}",
        "submit-manage": f"/submit/manage/{manage}",
        "submit-edit": f"/submit/manage/{manage}/edit",
    }


def _alert_tokens() -> tuple[str, str]:
    """Return the confirmation and manage tokens of an e-mail alert made for these pages."""
    from tracker.alerts import Alert
    from tracker.extensions import db
    from tracker.models import utcnow

    alert = db.session.scalar(sa.select(Alert).where(Alert.email == "reader@example.org"))
    if alert is None:
        alert = Alert.make("reader@example.org", RESULTS_SEARCH, "daily", "en", utcnow())
        db.session.add(alert)
    return alert.issue_confirmation(utcnow()), alert.manage_token()


def _partner_links() -> tuple[str, str]:
    """Add a partner's unconfirmed listing (never public); return its confirmation and management tokens."""
    from tracker.extensions import db
    from tracker.models import Listing, utcnow
    from tracker.partners import PartnerSubmission
    from tracker.partners.submissions import partner_source

    listing = Listing(source=partner_source(), external_id=f"partner-sample-{utcnow().timestamp()}",
                      status=Listing.DRAFT, title="Weekend library helper", organisation="Sample Library",
                      kind="volunteer", pathways=["human-services"], description="<p>Shelve books and help readers.</p>",
                      pay_status="unpaid", work_mode="onsite", city="Birmingham", state="AL", zip="35203",
                      apply_instructions="Ask at the front desk.")
    submission = PartnerSubmission(listing=listing, contact_email="volunteer@library.example.org",
                                   supervisor="Sam Reed", policy={"no_fees": True, "minimum_wage": False,
                                                                  "suitable_duties": True, "named_supervisor": True,
                                                                  "child_labor": "not-needed"})
    confirm = submission.issue_confirm_link(utcnow(), 48)
    manage = submission.issue_manage_link()
    db.session.add(submission)
    return confirm, manage


# Pages answered with an error status on purpose.
EXPECTED_STATUS = {"error-404": 404, "error-405": 405, "alert-invalid": 404}


def prepare_site(app: Flask) -> None:
    """Load the milestone figures and close one listing, so every template has something to show."""
    from tracker.extensions import db
    from tracker.milestones import store
    from tracker.milestones.indicators import parse_indicator_csv
    from tracker.models import Listing

    with app.app_context():
        content = app.extensions["milestones"]
        result = parse_indicator_csv(MILESTONE_FIGURES.read_bytes(), content)
        if result.problems:
            raise SystemExit(f"{MILESTONE_FIGURES}: {result.problems[:3]}")
        store.replace_all(result.records)
        from tracker import snapshots

        snapshots.take()  # today's counts, so the report has something to chart
        if db.session.scalar(sa.select(sa.func.count()).where(Listing.status == Listing.EXPIRED)) == 0:
            listing = db.session.scalar(sa.select(Listing).where(Listing.status == Listing.ACTIVE).order_by(Listing.id.desc()))
            listing.expire(datetime.now(timezone.utc))
        db.session.commit()


class _Assets(HTMLParser):
    """Collect the URLs a page makes a browser fetch at once: stylesheets, scripts, images, icons."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and {"stylesheet", "icon"} & set(a.get("rel", "").split()) and a.get("href"):
            self.urls.append(("css" if "stylesheet" in a["rel"] else "img", a["href"]))
        elif tag == "script" and a.get("src"):
            self.urls.append(("js", a["src"]))
        elif tag == "img" and a.get("src"):
            self.urls.append(("img", a["src"]))


@dataclass
class PageWeight:
    name: str
    lang: str
    path: str
    html: int = 0
    css: int = 0
    js: int = 0
    img: int = 0
    assets: list[str] = field(default_factory=list)
    uncached: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.html + self.css + self.js + self.img


def gzipped(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def weigh(app: Flask, name: str, path: str, lang: str) -> PageWeight:
    """Fetch one page in ``lang`` and its assets; return their gzipped sizes."""
    client = app.test_client()
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}lang={lang}")
    expected = EXPECTED_STATUS.get(name, 200)
    if response.status_code != expected:
        raise RuntimeError(f"{path}: HTTP {response.status_code}, expected {expected}")
    row = PageWeight(name, lang, path, html=gzipped(response.get_data()))
    parser = _Assets()
    parser.feed(response.get_data(as_text=True))
    for kind, url in dict.fromkeys(parser.urls):
        parts = urlsplit(url)
        if parts.netloc:
            raise RuntimeError(f"{path}: asset from elsewhere: {url}")
        asset = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        if asset.status_code != 200:
            raise RuntimeError(f"{path}: {url} answered {asset.status_code}")
        size = gzipped(asset.get_data())
        setattr(row, kind, getattr(row, kind) + size)
        row.assets.append(url)
        if not asset.cache_control.max_age:
            row.uncached.append(url)
        asset.close()
    return row


def weigh_all(app: Flask) -> list[PageWeight]:
    """Weigh every page in every language."""
    paths = page_paths(app)
    return [weigh(app, name, path, lang) for name, path in paths.items() for lang in LANGUAGES]


def demo_site(folder: Path) -> Flask:
    """Return an app on the bundled demo data, ready to weigh."""
    from bench.ingest import ingest_once, make_app

    app = make_app(folder, ROOT / "ingest" / "demo" / "sources.toml")
    ingest_once(app)
    prepare_site(app)
    return app


def table(rows: list[PageWeight]) -> str:
    kb = lambda n: f"{n / 1024:.1f}"  # noqa: E731
    lines = [f"{'page':<16} {'lang':<4} {'html':>6} {'css':>6} {'js':>6} {'img':>6} {'total KB':>9}  budget {BUDGET // 1024} KB"]
    for r in rows:
        verdict = "ok" if r.total < BUDGET else "OVER"
        lines.append(f"{r.name:<16} {r.lang:<4} {kb(r.html):>6} {kb(r.css):>6} {kb(r.js):>6} {kb(r.img):>6} {kb(r.total):>9}  {verdict}")
    heaviest = max(rows, key=lambda r: r.total)
    lines.append(f"heaviest: {heaviest.name} ({heaviest.lang}) {kb(heaviest.total)} KB of {BUDGET // 1024} KB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        app = demo_site(Path(tmp))
        rows = weigh_all(app)
        from tracker.extensions import db

        with app.app_context():
            db.engine.dispose()
    if args.json:
        print(json.dumps([{**asdict(r), "total": r.total} for r in rows], indent=2))
    else:
        print(table(rows))
    return 0 if all(r.total < BUDGET for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
