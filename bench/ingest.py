"""Ingest benchmark: first ingest, re-ingest of unchanged sources, full reindex.

Run: .venv/bin/python -m bench.ingest [--listings 10000] [--runs 3] [--big 100000]
Prints medians over --runs runs; the last line sums it up for the record.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import sqlalchemy as sa

from bench.feeds import write_sources
from bench.synthetic import bulk_insert, listings
from config import Config
from ingest import pipeline
from ingest.pipeline import run_sources
from ingest.sources import load_sources
from tracker import create_app
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import reindex_all
from tracker.models import Listing


def make_app(folder: Path, sources: Path):
    config = type("BenchConfig", (Config,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}", "SQLALCHEMY_ENGINE_OPTIONS": {},
        "INDEX_DIR": str(folder / "index"), "SOURCES_FILE": str(sources), "INSTANCE_DIR": str(folder),
        "RATELIMIT_ENABLED": False,  # the benchmarks measure searching, not the throttle
    })
    app = create_app(config)
    with app.app_context():
        db.create_all()
    return app


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def ingest_once(app) -> None:
    with app.app_context():
        reports = run_sources(load_sources(app.config["SOURCES_FILE"]), site_today(), datetime.now(timezone.utc))
        failed = [r for r in reports if r.failed]
        if failed:
            raise SystemExit(f"bench ingest failed: {failed}")


def reindex_rate(app, runs: int) -> float:
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).select_from(Listing))
        seconds = statistics.median(timed(reindex_all) for _ in range(runs))
    return count / seconds


def reindex_apart(app, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Reindex in a child process (as `flask reindex` runs); return its rate and the largest peak memory."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=lambda: sender.send(reindex_rate(app, runs)))
    child.start()
    rate = receiver.recv()
    child.join()
    # ru_maxrss of waited-for children: the largest of them (the rebuild's own workers included).
    return rate, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big", type=int, default=100_000, help="listings for the large reindex (0 to skip)")
    parser.add_argument("--big-runs", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = write_sources(folder, list(listings(args.listings)))

        firsts, app = [], None
        for run in range(args.runs):
            run_folder = folder / f"run{run}"
            run_folder.mkdir()
            app = make_app(run_folder, sources)
            firsts.append(timed(lambda: ingest_once(app)))
        first = statistics.median(firsts)
        print(f"first ingest of {args.listings:,} listings: median {first:.2f}s over {args.runs} runs "
              f"({args.listings / first:,.0f} listings/s)")

        again = statistics.median(timed(lambda: ingest_once(app)) for _ in range(args.runs))
        print(f"re-ingest, sources unchanged: median {again * 1000:.0f} ms ({first / again:,.0f}x faster)")

        # The same, with the whole-source digest defeated: every entry is parsed and
        # normalized again, and unchanged ones still cost no database or index write.
        real_digest = pipeline.content_digest
        pipeline.content_digest = lambda *a: str(time.monotonic_ns())  # type: ignore[assignment]
        try:
            per_entry = statistics.median(timed(lambda: ingest_once(app)) for _ in range(args.runs))
        finally:
            pipeline.content_digest = real_digest
        print(f"re-ingest, every entry re-read: median {per_entry:.2f}s ({first / per_entry:,.1f}x faster)")

        rate_small = reindex_rate(app, args.runs)
        print(f"reindex {args.listings:,}: {rate_small:,.0f} listings/s (median of {args.runs})")
        rates = [rate_small]
        if args.big:
            big_folder = folder / "big"
            big_folder.mkdir()
            big_app = make_app(big_folder, sources)
            bulk_insert(big_app, args.big)
            rate_big, peak_mb = reindex_apart(big_app, args.big_runs)
            rates.append(rate_big)
            print(f"reindex {args.big:,}: {rate_big:,.0f} listings/s (median of {args.big_runs}); "
                  f"largest rebuild process peaked at {peak_mb:,.0f} MB resident")

    print(f"ingest first_per_s={args.listings / first:.0f} reingest_ratio={first / again:.0f} "
          f"reindex_per_s={min(rates):.0f}")


if __name__ == "__main__":
    main()
