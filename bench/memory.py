"""Where a serving worker's memory goes: resident size after each stage, and the search caches' bytes.

Run: .venv/bin/python -m bench.memory [--listings 100000] [--queries 300]
It builds synthetic listings and their index in a child process (as bench.search does),
then, in this process as a gunicorn worker would, prints the resident memory after the
imports and the app, after the first search (the filter arrays), after the first word
search (document lengths), and after the search mix (postings caches, vocabulary,
templates), with the bytes each search cache holds and the largest Python allocations.
"""
from __future__ import annotations

import argparse
import gc
import multiprocessing
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlencode

from bench.search import build, mixed_queries, resident_mb


def cache_bytes(app) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Return MB held by each of the search backend's per-commit caches."""
    backend = app.extensions["search"]
    found: dict[str, float] = {}
    entry = backend._snapshots._entry
    if entry is not None:
        snap = entry[1]
        arrays = [snap.live, snap.age_stated, snap.grade_stated, snap.pathways, snap.latitude, snap.longitude,
                  *snap.columns.values()]
        found["filter arrays"] = sum(a.nbytes for a in arrays) / 2**20
    entry = backend._term_scores._entry
    if entry is not None:
        scores = entry[1]
        found["document lengths"] = scores.lengths.nbytes / 2**20
        found["postings cache"] = scores._postings.bytes / 2**20
        found["positions cache"] = scores._positions.bytes / 2**20
    entry = backend._vocabularies._entry
    if entry is not None:
        found["vocabulary words"] = float(len(entry[1].counts))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    from bench.ingest import make_app

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = make_app(folder, folder / "none.toml")
        builder = multiprocessing.get_context("fork").Process(target=build, args=(app, args.listings))
        started = time.perf_counter()
        builder.start()
        builder.join()
        if builder.exitcode != 0:
            raise SystemExit("build failed")
        print(f"{args.listings:,} listings built in {time.perf_counter() - started:.0f}s")
        gc.collect()
        print(f"  after imports and the app:       {resident_mb():6.0f} MB")
        tracemalloc.start(1)
        client = app.test_client()
        client.get("/search")
        print(f"  after the first search:          {resident_mb():6.0f} MB  (filter arrays read)")
        client.get("/search?q=nursing")
        print(f"  after the first word search:     {resident_mb():6.0f} MB  (document lengths)")
        for query in mixed_queries(args.queries):
            client.get("/search?" + urlencode(query, doseq=True))
        for query in mixed_queries(args.queries, seed=12)[:100]:
            client.get("/api/v1/listings?" + urlencode(query, doseq=True))
        gc.collect()
        print(f"  after {args.queries} searches and 100 API calls: {resident_mb():6.0f} MB")
        for name, value in cache_bytes(app).items():
            print(f"    {name:20} {value:8.1f}{'' if 'words' in name else ' MB'}")
        snapshot = tracemalloc.take_snapshot()
        tracemalloc.stop()
        print("  largest Python allocations since the app started (by file):")
        for stat in snapshot.statistics("filename")[:12]:
            print(f"    {stat.size / 2**20:7.1f} MB  {stat.traceback[0].filename}")


if __name__ == "__main__":
    main()
