"""Search benchmark: a fixed mix of a few hundred queries through the Flask test client.

Run: .venv/bin/python -m bench.search [--sizes 10000 100000] [--queries 300] [--repeats 3]
For each size it builds a synthetic index, then prints p50/p95/p99 (ms) of the mixed
queries (keywords, filters, facet counts, highlights; page 1), the same mix answered by
SQLite FTS5 on the same data in the same run (the peer baseline), a pathological mix,
and the worker's resident memory. The last line sums it up.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.ingest import make_app
from bench.synthetic import FIELDS, WORDS, bulk_insert
from tracker import taxonomy
from tracker.listings import reindex_all

ZIPS = ["35203", "35205", "35211", "35222", "35244", "35020"]
SYNONYMS = ["IT", "CNA", "HVAC", "summer job", "nursing", "coding"]


def mixed_queries(count: int, seed: int = 11) -> list[dict[str, object]]:
    """Return ``count`` realistic searches: words, filters and sorts in the mix people use."""
    rng = random.Random(seed)
    kinds = [k.slug for k in taxonomy.KINDS]
    pathways = [p.slug for p in taxonomy.PATHWAYS]
    queries = []
    for _ in range(count):
        args: dict[str, object] = {}
        roll = rng.random()
        if roll < 0.55:
            args["q"] = rng.choice([rng.choice(FIELDS).lower(), rng.choice(WORDS), rng.choice(SYNONYMS),
                                    f"{rng.choice(WORDS)} {rng.choice(WORDS)}", f'"{rng.choice(FIELDS).lower()}"'])
        if rng.random() < 0.4:
            args["kind"] = rng.sample(kinds, rng.choice([1, 1, 2]))
        if rng.random() < 0.35:
            args["pathway"] = rng.choice(pathways)
        if rng.random() < 0.4:
            args["age"] = rng.choice([15, 16, 17, 18, 19, 21])
        if rng.random() < 0.25:
            args["pay"] = "paid"
        if rng.random() < 0.15:
            args["minpay"] = rng.choice([12, 15])
        if rng.random() < 0.2:
            args["mode"] = rng.choice(["onsite", "remote", "hybrid"])
        if rng.random() < 0.15:
            args["deadline"] = rng.choice([7, 30])
        if rng.random() < 0.2:
            args["near"] = rng.choice(ZIPS)
            args["miles"] = rng.choice([5, 10, 25])
        args["sort"] = rng.choice(["relevance", "relevance", "deadline", "newest"] + (["nearest"] if "near" in args else []))
        queries.append(args)
    return queries


def pathological_queries() -> list[dict[str, object]]:
    words = [f"{a}{b}" for a in "abcdefghij" for b in "aeiou"][:20]
    return ([{"q": c} for c in "abcdefghijklmnopqrstuvwxyz"] + [{"q": w} for w in words]
            + [{"q": "*"}, {"q": "**"}, {"q": "a*"}, {"q": " OR ".join(rng_words(30))},
               {"q": " ".join(rng_words(40))}, {"q": "x" * 400}, {"q": '"' * 60}, {"q": "(" * 80},
               {"page": 500}, {"q": "nursing", "page": 500}, {"sort": "deadline", "page": 500},
               {"q": "a OR e OR i OR o OR u", "page": 500}])


def rng_words(n: int) -> list[str]:
    rng = random.Random(n)
    return [rng.choice(WORDS) for _ in range(n)]


def timed_get(client, args: dict[str, object]) -> float:
    url = "/search?" + urlencode(args, doseq=True)
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return statistics.median(ordered), cut[94], cut[98]


class FTS5Baseline:
    """The same listings in SQLite FTS5, answering the same mix (text, filters, facets, snippets)."""

    def __init__(self, database: Path) -> None:
        self.db = sqlite3.connect(database)
        self.db.executescript("""
            CREATE VIRTUAL TABLE IF NOT EXISTS listing_fts USING fts5(
                title, organisation, description, content='listings', content_rowid='id',
                tokenize='porter unicode61');
            INSERT INTO listing_fts(listing_fts) VALUES('rebuild');
        """)

    def run(self, args: dict[str, object]) -> float:
        started = time.perf_counter()
        where, params = ["l.status = 'active'"], []
        if args.get("kind"):
            kinds = args["kind"] if isinstance(args["kind"], list) else [args["kind"]]
            where.append(f"l.kind IN ({','.join('?' * len(kinds))})")
            params += kinds
        if args.get("pathway"):
            where.append("l.pathways LIKE ?")
            params.append(f'%"{args["pathway"]}"%')
        if args.get("age"):
            where.append("(l.min_age IS NULL OR l.min_age <= ?) AND (l.max_age IS NULL OR l.max_age >= ?)")
            params += [args["age"], args["age"]]
        if args.get("pay"):
            where.append("l.pay_status = 'paid'")
        if args.get("mode"):
            where.append("l.work_mode = ?")
            params.append(args["mode"])
        text = str(args.get("q") or "").replace('"', " ").strip()
        source = "listings l"
        if text:
            # CROSS JOIN keeps the full-text match as the outer loop (SQLite otherwise may
            # scan listings and run the match once per row).
            source = "listing_fts f CROSS JOIN listings l ON l.id = f.rowid"
            where.append("listing_fts MATCH ?")
            params.append(" OR ".join(f'"{w}"' for w in text.split()))
        condition = " AND ".join(where)
        rank = "bm25(listing_fts)" if text else "0"
        # The matches once into a temporary table; the page, count and facets read it,
        # as a careful implementation would, rather than matching five times.
        self.db.execute("DROP TABLE IF EXISTS temp.hits")
        self.db.execute(f"CREATE TEMP TABLE hits AS SELECT l.id, l.kind, l.pay_status, l.work_mode, l.posted_at, "
                        f"{rank} AS rank FROM {source} WHERE {condition}", params)
        order = "rank, posted_at DESC" if text else "posted_at DESC"
        page = [row[0] for row in self.db.execute(f"SELECT id FROM hits ORDER BY {order} LIMIT 20")]
        if text and page:
            self.db.execute(f"SELECT rowid, snippet(listing_fts, 2, '<mark>', '</mark>', '…', 12) FROM listing_fts "
                            f"WHERE listing_fts MATCH ? AND rowid IN ({','.join('?' * len(page))})",
                            [params[-1], *page]).fetchall()
        self.db.execute("SELECT count(*) FROM hits").fetchone()
        for facet in ("kind", "pay_status", "work_mode"):
            self.db.execute(f"SELECT {facet}, count(*) FROM hits GROUP BY {facet}").fetchall()
        return (time.perf_counter() - started) * 1000


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(app, size: int) -> None:  # type: ignore[no-untyped-def]
    bulk_insert(app, size)
    with app.app_context():
        reindex_all()


def measure(size: int, queries: list[dict[str, object]], repeats: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = make_app(folder, folder / "none.toml")
        started = time.perf_counter()
        # Built in a child process, as `flask reindex` would be: the memory figure below
        # is then the serving worker's own, not the build's high-water mark.
        builder = multiprocessing.get_context("fork").Process(target=build, args=(app, size))
        builder.start()
        builder.join()
        if builder.exitcode != 0:
            raise SystemExit(f"building {size:,} listings failed (exit code {builder.exitcode})")
        print(f"\n{size:,} listings: built database and index in {time.perf_counter() - started:.0f}s")
        client = app.test_client()
        for args in queries[:20]:
            timed_get(client, args)  # warm caches and the process, as a worker would be
        runs = [[timed_get(client, args) for args in queries] for _ in range(repeats)]
        samples = [statistics.median(per_query) for per_query in zip(*runs)]
        p50, p95, p99 = percentiles(samples)
        print(f"  mixed ({len(queries)} queries, median of {repeats} runs each): p50 {p50:.1f} ms  p95 {p95:.1f} ms  p99 {p99:.1f} ms")

        patho = pathological_queries()
        patho_runs = [[timed_get(client, args) for args in patho] for _ in range(repeats)]
        q50, q95, q99 = percentiles([statistics.median(q) for q in zip(*patho_runs)])
        print(f"  pathological ({len(patho)} queries): p50 {q50:.1f} ms  p95 {q95:.1f} ms  p99 {q99:.1f} ms")
        # Before the baseline runs in this process, so SQLite's memory is not counted.
        rss = resident_mb()
        print(f"  worker resident memory: {rss:.0f} MB")

        fts = FTS5Baseline(folder / "bench.db")
        fts_runs = [[fts.run(args) for args in queries] for _ in range(repeats)]
        f50, f95, f99 = percentiles([statistics.median(q) for q in zip(*fts_runs)])
        print(f"  SQLite FTS5 baseline, same mix:   p50 {f50:.1f} ms  p95 {f95:.1f} ms  p99 {f99:.1f} ms  (ours/FTS5 at p95: {p95 / f95:.2f})")
        return {"p95": p95, "ratio": p95 / f95, "patho_p99": q99, "rss": rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    queries = mixed_queries(args.queries)
    results = {size: measure(size, queries, args.repeats) for size in args.sizes}
    small, big = results[min(results)], results[max(results)]
    print(f"search p95_10k_ms={small['p95']:.1f} p95_100k_ms={big['p95']:.1f} fts5_ratio_100k={big['ratio']:.2f} "
          f"patho_p99_100k_ms={big['patho_p99']:.1f} rss_mb={big['rss']:.0f}")


if __name__ == "__main__":
    main()
