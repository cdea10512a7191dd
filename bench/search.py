"""Search benchmark: a fixed mix of a few hundred queries through the Flask test client.

Run: .venv/bin/python -m bench.search [--sizes 10000 100000] [--queries 300] [--repeats 3]
                                       [--backend whoosh|postgres] [--database-url URL]
For each size it builds a synthetic index, then prints p50/p95/p99 (ms) of the mixed
queries (keywords, filters, facet counts, highlights; page 1), the same mix answered by
SQLite FTS5 on the same data in the same run (the peer baseline), a pathological mix,
and the worker's resident memory. The last line sums it up.

--backend postgres also puts the same listings in a fresh schema of a PostgreSQL server
(bench/postgres.py says which) and runs both mixes there with SEARCH_BACKEND=postgres,
in the same run, printing its p95 beside Whoosh's and FTS5's.
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

import sqlalchemy as sa

from bench import postgres
from bench.ingest import make_app
from bench.synthetic import FIELDS, WORDS, bulk_insert
from tracker import taxonomy
from tracker.extensions import db
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
    with app.app_context():
        # A forked child: leave the parent's pooled connections to it (as reindex_all's children
        # do); writing through one left prepared statements the parent's driver never made.
        db.engine.dispose(close=False)
    bulk_insert(app, size)
    with app.app_context():
        reindex_all()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("ANALYZE listings"))  # as autovacuum would have by now
            db.session.commit()


def built(app, size: int) -> float:  # type: ignore[no-untyped-def]
    """Build ``size`` listings for ``app`` in a child process, as `flask reindex` would be; return the seconds.

    The memory figure is then the serving worker's own, not the build's high-water mark.
    """
    started = time.perf_counter()
    builder = multiprocessing.get_context("fork").Process(target=build, args=(app, size))
    builder.start()
    builder.join()
    if builder.exitcode != 0:
        raise SystemExit(f"building {size:,} listings failed (exit code {builder.exitcode})")
    return time.perf_counter() - started


def timed_mixes(client, queries: list[dict[str, object]], repeats: int) -> tuple[tuple[float, float, float], tuple[float, float, float]]:  # type: ignore[no-untyped-def]
    """Return (p50, p95, p99) of the mixed queries and of the pathological ones, medians of ``repeats`` runs each."""
    for args in queries[:20]:
        timed_get(client, args)  # warm caches and the process, as a worker would be
    runs = [[timed_get(client, args) for args in queries] for _ in range(repeats)]
    patho = pathological_queries()
    patho_runs = [[timed_get(client, args) for args in patho] for _ in range(repeats)]
    return (percentiles([statistics.median(q) for q in zip(*runs)]),
            percentiles([statistics.median(q) for q in zip(*patho_runs)]))


def measure(size: int, queries: list[dict[str, object]], repeats: int, pg_url: str | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = make_app(folder, folder / "none.toml")
        seconds = built(app, size)
        print(f"\n{size:,} listings: built database and index in {seconds:.0f}s")
        (p50, p95, p99), (q50, q95, q99) = timed_mixes(app.test_client(), queries, repeats)
        print(f"  mixed ({len(queries)} queries, median of {repeats} runs each): p50 {p50:.1f} ms  p95 {p95:.1f} ms  p99 {p99:.1f} ms")
        print(f"  pathological ({len(pathological_queries())} queries): p50 {q50:.1f} ms  p95 {q95:.1f} ms  p99 {q99:.1f} ms")
        # Before the baseline runs in this process, so SQLite's memory is not counted.
        rss = resident_mb()
        print(f"  worker resident memory: {rss:.0f} MB")
        figures: dict[str, float] = {}
        if pg_url is not None:
            with postgres.fresh_schema(pg_url) as schema:
                pg_app = postgres.make_app(folder / "pg", pg_url, schema)
                seconds = built(pg_app, size)
                print(f"  PostgreSQL backend: built the same listings in {seconds:.0f}s")
                (g50, g95, g99), (h50, h95, h99) = timed_mixes(pg_app.test_client(), queries, repeats)
                print(f"  PostgreSQL backend, same mix:     p50 {g50:.1f} ms  p95 {g95:.1f} ms  p99 {g99:.1f} ms  "
                      f"(postgres/whoosh at p95: {g95 / p95:.2f})")
                print(f"  PostgreSQL backend, pathological: p50 {h50:.1f} ms  p95 {h95:.1f} ms  p99 {h99:.1f} ms")
                with pg_app.app_context():
                    db.session.remove()
                    db.engine.dispose()
            figures = {"pg_p95": g95, "pg_ratio": g95 / p95, "pg_patho_p99": h99}

        fts = FTS5Baseline(folder / "bench.db")
        fts_runs = [[fts.run(args) for args in queries] for _ in range(repeats)]
        f50, f95, f99 = percentiles([statistics.median(q) for q in zip(*fts_runs)])
        print(f"  SQLite FTS5 baseline, same mix:   p50 {f50:.1f} ms  p95 {f95:.1f} ms  p99 {f99:.1f} ms  (ours/FTS5 at p95: {p95 / f95:.2f})")
        if pg_url is not None:
            print(f"  PostgreSQL/FTS5 at p95: {figures['pg_p95'] / f95:.2f}")
        return {"p95": p95, "ratio": p95 / f95, "patho_p99": q99, "rss": rss, **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backend", choices=["whoosh", "postgres"], default="whoosh",
                        help="postgres: also measure SEARCH_BACKEND=postgres on the same listings, in the same run")
    parser.add_argument("--database-url", help="the PostgreSQL server for --backend postgres (see bench/postgres.py)")
    args = parser.parse_args()
    pg_url = postgres.server_url(args.database_url) if args.backend == "postgres" else None
    queries = mixed_queries(args.queries)
    results = {size: measure(size, queries, args.repeats, pg_url) for size in args.sizes}
    small, big = results[min(results)], results[max(results)]
    postgres_figures = ""
    if pg_url is not None:
        postgres_figures = (f" pg_p95_10k_ms={small['pg_p95']:.1f} pg_p95_100k_ms={big['pg_p95']:.1f} "
                            f"pg_whoosh_ratio_100k={big['pg_ratio']:.2f} pg_patho_p99_100k_ms={big['pg_patho_p99']:.1f}")
    print(f"search p95_10k_ms={small['p95']:.1f} p95_100k_ms={big['p95']:.1f} fts5_ratio_100k={big['ratio']:.2f} "
          f"patho_p99_100k_ms={big['patho_p99']:.1f} rss_mb={big['rss']:.0f}{postgres_figures}")


if __name__ == "__main__":
    main()
