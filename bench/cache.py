"""Cache benchmark: requests per second for the search page mix, through gunicorn alone and through nginx's cache.

Run: .venv/bin/python -m bench.cache [--listings 10000] [--duration 15] [--connections 32] [--runs 3]
It builds synthetic listings, serves them with deploy/gunicorn.conf.py on loopback, and
drives the search page with wrk on a skewed mix, as a burst is: 80% of requests on 20
URLs (the links a district or a school emailed), 20% spread over thousands of other
searches from bench/search.py's mix (a fresh set each run, so they are not cached yet).
Then it runs the same through nginx with deploy/nginx.conf in front (bench/stack.py).
Figures are medians over the runs; rate limits are off (RATELIMIT_ENABLED=0), as a
client address per request would make them. Needs wrk and nginx.
"""
from __future__ import annotations

import argparse
import multiprocessing
import re
import shutil
import statistics
import subprocess
import tempfile
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from bench import stack
from bench.ingest import make_app
from bench.search import build, mixed_queries

HOT_URLS = 20
HOT_SHARE = 0.8
COLD_URLS = 4000

WRK_SCRIPT = """
local hot = {%(hot)s}
local cold = {%(cold)s}
request = function()
  if math.random() < %(share)s then
    return wrk.format("GET", hot[math.random(#hot)])
  end
  return wrk.format("GET", cold[math.random(#cold)])
end
"""


@dataclass(frozen=True)
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int  # answers other than 2xx/3xx, and connections that failed or timed out


def search_urls(count: int, seed: int) -> list[str]:
    return ["/search?" + urlencode(args, doseq=True) for args in mixed_queries(count, seed=seed)]


def lua_list(urls: list[str]) -> str:
    return ", ".join('"' + url.replace("\\", "\\\\").replace('"', '\\"') + '"' for url in urls)


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, script: Path, duration: int, connections: int) -> Run:
    # A slow answer is a slow answer, not an error: wait up to 30 s for each.
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency",
                             "-s", str(script), url],
                            check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        failed += sum(int(n) for n in socket_errors.groups())
    return Run(rate, p50, p99, failed)


def measure(name: str, base_url: str, hot: list[str], folder: Path, args: argparse.Namespace) -> Run:
    runs = []
    for number in range(args.runs):
        script = folder / f"mix-{name}-{number}.lua"
        # Fresh searches each run: the cache in front has not seen them.
        cold = search_urls(COLD_URLS, seed=1000 + 100 * len(name) + number)
        script.write_text(WRK_SCRIPT % {"hot": lua_list(hot), "cold": lua_list(cold), "share": HOT_SHARE})
        runs.append(wrk(base_url, script, args.duration, args.connections))
    result = Run(statistics.median(r.requests_per_second for r in runs), statistics.median(r.p50_ms for r in runs),
                 statistics.median(r.p99_ms for r in runs), sum(r.errors for r in runs))
    print(f"  {name:<22} {result.requests_per_second:8.1f} req/s   p50 {result.p50_ms:7.1f} ms   "
          f"p99 {result.p99_ms:7.1f} ms   errors {result.errors}   (median of {args.runs} runs of {args.duration}s)")
    return result


def warm(base_url: str, urls: list[str]) -> None:
    for url in urls:
        with urllib.request.urlopen(base_url + url, timeout=60) as answer:
            answer.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count() + 1)
    args = parser.parse_args()
    if not shutil.which("wrk") or stack.nginx_binary() is None:
        raise SystemExit("bench.cache needs wrk and nginx (apt-get install --no-install-recommends wrk nginx)")
    hot = search_urls(HOT_URLS, seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app = make_app(folder, folder / "none.toml")
        builder = multiprocessing.get_context("fork").Process(target=build, args=(app, args.listings))
        builder.start()
        builder.join()
        if builder.exitcode != 0:
            raise SystemExit(f"building {args.listings:,} listings failed")
        env = {"DATABASE_URL": f"sqlite:///{folder / 'bench.db'}", "INDEX_DIR": str(folder / "index"),
               "INSTANCE_DIR": str(folder), "RATELIMIT_ENABLED": "0", "CACHE_MAX_AGE": "60",
               "GUNICORN_ACCESS_LOG": "/dev/null"}
        print(f"{args.listings:,} listings; gunicorn {args.workers} workers x 4 threads; wrk 2 threads, "
              f"{args.connections} connections; mix: {HOT_SHARE:.0%} on {HOT_URLS} URLs, the rest over {COLD_URLS} others")
        with stack.gunicorn(folder, env, workers=args.workers) as app_port:
            app_url = f"http://127.0.0.1:{app_port}"
            warm(app_url, hot + search_urls(40, seed=5))  # every worker's caches, as in service
            alone = measure("gunicorn alone", app_url, hot, folder, args)
            with stack.nginx(app_port) as proxy:
                cached_url = f"http://127.0.0.1:{proxy.port}"
                warm(cached_url, hot)
                cached = measure("through nginx's cache", cached_url, hot, folder, args)
                statuses = Counter(line.split()[0] for line in proxy.access_log.read_text().splitlines())
        total = sum(statuses.values()) or 1
        shares = "  ".join(f"{status} {count / total:.1%}" for status, count in statuses.most_common())
        print(f"  nginx cache status over all requests: {shares}")
        print(f"cache gunicorn_rps={alone.requests_per_second:.1f} nginx_rps={cached.requests_per_second:.1f} "
              f"ratio={cached.requests_per_second / alone.requests_per_second:.1f} "
              f"gunicorn_p99_ms={alone.p99_ms:.1f} nginx_p99_ms={cached.p99_ms:.1f}")


if __name__ == "__main__":
    main()
