"""HTTP benchmark: the search page and the API under gunicorn, loaded by wrk, with each worker's memory.

Run: .venv/bin/python -m bench.http_load [--listings 100000] [--workers 2] [--connections 8] [--duration 20]
                                     [--warm 30] [--backend whoosh|postgres] [--database-url URL]
It builds synthetic listings and their index (as bench.search does), starts gunicorn
(sync workers) on 127.0.0.1 and loads it with wrk: the search pages of bench.search's
300-query mix, the same mix through the JSON API, and a trivial route (/robots.txt) as
the floor in the same run, after --warm seconds of both mixes (each worker's caches filled as a
long-running server's are: a short warm-up leaves first reads of words and listings in
the measured run). It prints req/s, p50 and p99 for each and every worker's
resident memory after the load. Last line:
`http search_rps=… search_p99_ms=… api_rps=… api_p99_ms=… floor_rps=… worker_rss_mb=…`.
Needs gunicorn (`.venv/bin/pip install -e '.[production]'`) and wrk (installed with apt
when missing and running as root). --backend postgres serves SEARCH_BACKEND=postgres from
a fresh schema of a PostgreSQL server (bench/postgres.py says which), dropped afterwards.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

from bench import postgres
from bench.ingest import make_app
from bench.search import build, mixed_queries

FOLDER_VARIABLE = "BENCH_HTTP_FOLDER"
# Set for --backend postgres: the server, and the schema holding the listings.
DATABASE_VARIABLE, SCHEMA_VARIABLE = "BENCH_HTTP_DATABASE_URL", "BENCH_HTTP_SCHEMA"
# One Lua state per wrk thread: each walks the whole list, starting at its own place.
WRK_SCRIPT = """
local paths = {%s}
local i = math.random(#paths) - 1
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%%d seconds=%%.3f p50_ms=%%.2f p99_ms=%%.2f errors=%%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def served_app():  # type: ignore[no-untyped-def]
    """The app gunicorn serves: the benchmark's database and index, no rate limit (see make_app)."""
    folder = Path(os.environ[FOLDER_VARIABLE])
    if os.environ.get(DATABASE_VARIABLE):
        return postgres.make_app(folder, os.environ[DATABASE_VARIABLE], os.environ[SCHEMA_VARIABLE], create=False)
    return make_app(folder, folder / "none.toml")


def search_paths(queries: list[dict[str, object]]) -> list[str]:
    return ["/search?" + urlencode(args, doseq=True) for args in queries]


def api_paths(queries: list[dict[str, object]]) -> list[str]:
    return ["/api/v1/listings?" + urlencode(args, doseq=True) for args in queries]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_tools() -> str:
    """Return the gunicorn executable; install wrk with apt when it is missing and we may."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        raise SystemExit("gunicorn is missing: .venv/bin/pip install -e '.[production]'")
    if shutil.which("wrk") is None:
        if os.geteuid() != 0:
            raise SystemExit("wrk is missing: sudo apt-get install wrk")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
    return str(gunicorn)


def wait_until_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urlopen(base + "/robots.txt", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer in time")


def load(base: str, paths: list[str], connections: int, seconds: int, folder: Path, name: str) -> dict[str, float]:
    """Run wrk over ``paths`` and return its figures."""
    script = folder / f"{name}.lua"
    script.write_text(WRK_SCRIPT % ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths))
    threads = min(2, connections)
    result = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
                             "-s", str(script), base], capture_output=True, text=True, check=True)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no result:\n{result.stdout}\n{result.stderr}")
    figures = {key: float(value) for key, value in re.findall(r"(\w+)=([\d.]+)", line)}
    figures["rps"] = figures["requests"] / figures["seconds"]
    if figures["errors"]:
        raise SystemExit(f"{name}: {figures['errors']:.0f} errors or non-2xx answers under load")
    return figures


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per mix")
    parser.add_argument("--warm", type=int, default=30, help="seconds of both mixes before measuring")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--backend", choices=["whoosh", "postgres"], default="whoosh")
    parser.add_argument("--database-url", help="the PostgreSQL server for --backend postgres (see bench/postgres.py)")
    args = parser.parse_args()
    gunicorn = require_tools()
    queries = mixed_queries(args.queries)
    pg_url = postgres.server_url(args.database_url) if args.backend == "postgres" else None
    with tempfile.TemporaryDirectory() as tmp, (postgres.fresh_schema(pg_url) if pg_url else nullcontext("")) as schema:
        folder = Path(tmp)
        app = postgres.make_app(folder, pg_url, schema) if pg_url else make_app(folder, folder / "none.toml")
        served_env = {DATABASE_VARIABLE: pg_url, SCHEMA_VARIABLE: schema} if pg_url else {}
        started = time.perf_counter()
        builder = multiprocessing.get_context("fork").Process(target=build, args=(app, args.listings))
        builder.start()
        builder.join()
        if builder.exitcode != 0:
            raise SystemExit(f"building {args.listings:,} listings failed")
        print(f"{args.listings:,} listings: built database and index in {time.perf_counter() - started:.0f}s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [gunicorn, "--workers", str(args.workers), "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning", "bench.http_load:served_app()"],
            env={**os.environ, FOLDER_VARIABLE: str(folder), **served_env}, cwd=Path(__file__).resolve().parent.parent)
        try:
            wait_until_up(base)
            mixes = {"search": search_paths(queries), "api": api_paths(queries), "floor": ["/robots.txt"]}
            # Warm every worker (arrays, postings, templates) as a long-running server would be.
            load(base, mixes["search"] + mixes["api"], args.connections, args.warm, folder, "warm")
            results = {name: load(base, paths, args.connections, args.duration, folder, name)
                       for name, paths in mixes.items()}
            rss = [resident_mb(pid) for pid in worker_pids(server.pid)]
        finally:
            server.terminate()
            server.wait(timeout=30)
            if pg_url:
                from tracker.extensions import db
                with app.app_context():
                    db.engine.dispose()  # before its schema is dropped
    print(f"search backend: {args.backend}; gunicorn: {args.workers} sync workers; "
          f"wrk: {args.connections} connections, {args.duration}s per mix after {args.warm}s warm-up")
    for name, label in (("search", "search pages"), ("api", "API /api/v1/listings"), ("floor", "trivial route")):
        r = results[name]
        print(f"  {label:22} {r['rps']:8.1f} req/s   p50 {r['p50_ms']:6.1f} ms   p99 {r['p99_ms']:6.1f} ms")
    print(f"  worker resident memory: {', '.join(f'{mb:.0f} MB' for mb in rss)}")
    print(f"http backend={args.backend} search_rps={results['search']['rps']:.0f} search_p99_ms={results['search']['p99_ms']:.1f} "
          f"api_rps={results['api']['rps']:.0f} api_p99_ms={results['api']['p99_ms']:.1f} "
          f"floor_rps={results['floor']['rps']:.0f} worker_rss_mb={max(rss):.0f}")


if __name__ == "__main__":
    main()
