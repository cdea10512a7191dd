"""API benchmark: requests/s of GET /api/v1/listings, Last-Modified by a scan of the listings vs by the change stamp.

Run: .venv/bin/python -m bench.api [--size 100000] [--requests 200] [--repeats 5] [--keep DIR]
Builds the synthetic listings (bench/synthetic.py) and their index once, then answers
the same API requests through the Flask test client with Last-Modified read the old
way (MAX(updated_at), MAX(closed_at) over the listings table, kept here as the baseline)
and from the change stamp (tracker.data_stamp), alternating, in the same process.
Prints the median requests/s of each over --repeats runs and the ratio; the last line
sums it up for the record.
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from datetime import datetime, time as day_start, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Flask, current_app

from bench.ingest import make_app
from bench.synthetic import bulk_insert
from tracker import open_data
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import reindex_all
from tracker.models import Listing
from tracker.views import api, crawlers, feeds

URLS = ["/api/v1/listings", "/api/v1/listings?kind=internship", "/api/v1/listings?pay=paid&page=2",
        "/api/v1/listings?q=nursing"]
READERS = (api, feeds, crawlers)  # the views that import data_last_modified by name


def scanned_last_modified() -> datetime:
    """The baseline: data_last_modified() as it was, a scan of the whole listings table."""
    newest = db.session.execute(sa.select(sa.func.max(Listing.updated_at), sa.func.max(Listing.closed_at))).one()
    stamps = [s for s in newest if s is not None]
    zone = ZoneInfo(current_app.config["SITE_TIMEZONE"])
    stamps.append(datetime.combine(site_today(), day_start.min, tzinfo=zone).astimezone(timezone.utc))
    return max(s.replace(tzinfo=timezone.utc) if s.tzinfo is None else s for s in stamps).replace(microsecond=0)


def use(reader) -> None:  # type: ignore[no-untyped-def]
    for module in READERS:
        module.data_last_modified = reader  # type: ignore[attr-defined]


def requests_per_second(app: Flask, count: int) -> float:
    client = app.test_client()
    started = time.perf_counter()
    for number in range(count):
        response = client.get(URLS[number % len(URLS)])
        if response.status_code != 200:
            raise SystemExit(f"{URLS[number % len(URLS)]} answered {response.status_code}")
    return count / (time.perf_counter() - started)


def build(app: Flask, size: int) -> None:
    bulk_insert(app, size)
    with app.app_context():
        reindex_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the listings in DIR and keep them; a later run with the same DIR reuses them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        built = (folder / "built").exists()
        app = make_app(folder, folder / "none.toml")
        started = time.perf_counter()
        if not built:
            # Built in a child, as `flask reindex` would be: this process then serves as a worker.
            builder = multiprocessing.get_context("fork").Process(target=build, args=(app, args.size))
            builder.start()
            builder.join()
            if builder.exitcode != 0:
                raise SystemExit(f"building {args.size:,} listings failed (exit code {builder.exitcode})")
            (folder / "built").touch()  # a build cut short is not reused
        with app.app_context():
            size = db.session.scalar(sa.select(sa.func.count()).select_from(Listing)) or 0
        print(f"{size:,} listings: {'reused' if built else 'built'} database and index "
              f"in {time.perf_counter() - started:.0f}s")
        # The two answers differ here (synthetic rows carry past updated_at values; the
        # stamp records when they were written), which changes nothing in the cost.
        stamp = open_data.data_last_modified
        use(stamp)
        requests_per_second(app, len(URLS) * 5)  # warm the searcher, the caches and the process
        scan_runs, stamp_runs = [], []
        for _ in range(args.repeats):
            use(scanned_last_modified)
            scan_runs.append(requests_per_second(app, args.requests))
            use(stamp)
            stamp_runs.append(requests_per_second(app, args.requests))
        scan, stamped = statistics.median(scan_runs), statistics.median(stamp_runs)
        print(f"  GET /api/v1/listings ({len(URLS)} URLs, {args.requests} requests a run, median of {args.repeats} runs):")
        print(f"  Last-Modified by scan (before):  {scan:.1f} requests/s")
        print(f"  Last-Modified by stamp (after):  {stamped:.1f} requests/s  ({stamped / scan:.2f}x)")
        print(f"api size={size} scan_rps={scan:.1f} stamp_rps={stamped:.1f} ratio={stamped / scan:.2f}")


if __name__ == "__main__":
    main()
