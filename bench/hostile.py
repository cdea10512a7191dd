"""Hostile-query campaign: send odd, huge and malicious query strings to a served app; count statuses.

Usage (against a server on this machine only, rate limits raised so the campaign is not answered 429):
    python bench/hostile.py http://127.0.0.1:8000 --requests 5000 --seed 11 --max-seconds 900

Every request is built from a seeded random generator, so a run can be repeated exactly. The summary
gives requests per endpoint, status counts, and every 5xx with its URL; the exit status is 1 when
any response was a 5xx (or the connection broke), else 0. Standard library only.
"""
from __future__ import annotations

import argparse
import http.client
import random
import re
import sys
import time
from collections import Counter, defaultdict
from urllib.parse import quote, urlsplit

GET_PATHS = [
    "/", "/search", "/pathways", "/embed", "/embed/builder",
    "/search.atom", "/search.json", "/search.ics",
    "/api/v1/", "/api/v1/listings", "/api/v1/facets", "/api/v1/pathways",
    "/listings/1", "/api/v1/listings/1", "/milestones", "/milestones/grades", "/reports", "/s/new",
    "/reports/print", "/reports/data/listings.csv", "/search/feed", "/saved", "/api-reference",
    "/submit", "/alerts/new", "/listings/1/report", "/alerts/manage/not-a-token", "/submit/manage/not-a-token",
]
SHARE = "/s"
NUMERIC = ["age", "grade", "minpay", "hours", "deadline", "posted", "miles", "page", "per_page", "limit", "near"]
OTHER = ["q", "kind", "pathway", "pay", "mode", "season", "sort", "unstated", "lang", "title", "from", "to"]

# Digits str.isdigit() accepts but int() refuses, or int() accepts in another script.
ODD_DIGITS = ["²", "³", "¹", "①", "⑳", "٣", "١٢", "۵", "߃", "३५", "๓", "᠓", "𝟕", "７", "½", "Ⅻ", "⁹⁹", "₇"]
NUMBERS = ["-1", "0", "00", "1e9", "9" * 40, "1.5", "+7", " 7 ", "0x1f", "NaN", "inf", "-0", "1_000",
           "2147483648", "18446744073709551617", "", "7,5", "٣5", "35203-1234", "35203", "99999"]
INJECTIONS = [
    "' OR 1=1--", "\" OR \"\"=\"", "1; DROP TABLE listing;--", "' UNION SELECT NULL,NULL--",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
    "{{7*7}}", "${7*7}", "%s%s%s%n", "../../../../etc/passwd", "AND title:*", "*:*", "title:(a OR",
    "\u202e\u200b\ufeff", "NOT NOT NOT", "a" * 3 + "\u0000" + "b", "\r\nSet-Cookie: x=1",
]
SORTS = ["relevance", "deadline", "newest", "nearest", "pay", "-deadline", "DEADLINE", "random()", "1", ""]
LANGS = ["es", "en", "xx", "zz-ZZ", "es-MX", "../es", "ES", "klingon", "", "ar"]
# Percent-escapes that do not decode as UTF-8.
BAD_ESCAPES = ["%FF", "%C3%28", "%E2%82", "%ED%A0%80", "%F8%88%80%80%80", "%C0%AF", "%", "%zz", "%00", "%80%80"]
ENDPOINTS = GET_PATHS + ["POST /s (csrf)", "POST /s (no csrf)"]


def enc(text: str) -> str:
    return quote(text, safe="")


def nested(rng: random.Random) -> str:
    depth = rng.choice([5, 20, 50, 100, 2000])
    kind = rng.randrange(3)
    if kind == 0:
        return "[" * depth + "]" * depth
    if kind == 1:
        return "{\"a\":" * depth + "1" + "}" * depth
    return "(" * depth + "a" + ")" * depth


def value(rng: random.Random, name: str) -> str:
    """One percent-encoded hostile value for parameter ``name``."""
    roll = rng.random()
    if roll < 0.10:
        return rng.choice(BAD_ESCAPES) + enc(rng.choice(["1", "a", ""]))
    if roll < 0.14:
        return enc(nested(rng))
    if roll < 0.16:
        return enc(rng.choice(["7", "a", "é", "①"]) * rng.choice([100, 250, 1000, 3000]))
    if roll < 0.22:
        return enc(rng.choice(["7", "a", ""]) + "\x00" + rng.choice(["", "1", "x"]))
    if roll < 0.32:
        return enc(rng.choice(INJECTIONS))
    if name in NUMERIC or roll < 0.45:
        return enc(rng.choice(ODD_DIGITS) if rng.random() < 0.6 else rng.choice(NUMBERS))
    if name == "sort":
        return enc(rng.choice(SORTS))
    if name == "lang":
        return enc(rng.choice(LANGS))
    return enc(rng.choice(["internship", "paid", "remote", "summer", "nursing", "1", "yes", "é", "☃"]))


def query_string(rng: random.Random) -> str:
    """Several hostile name=value pairs; sometimes repeated names, odd names, or a very long string."""
    pairs = []
    for _ in range(rng.randint(1, 6)):
        name = rng.choice(NUMERIC + NUMERIC + OTHER)
        repeats = 50 if rng.random() < 0.03 else rng.choice([1, 1, 1, 1, 2, 3, 5])
        for _ in range(repeats):  # repeated parameters
            pairs.append(f"{name}={value(rng, name)}")
    roll = rng.random()
    if roll < 0.05:
        pairs.append(f"{enc('a[b][c]' * 20)}=1")
    elif roll < 0.10:
        pairs.append(f"{rng.choice(BAD_ESCAPES)}={rng.choice(BAD_ESCAPES)}")
    elif roll < 0.15:
        pairs.append("=&&==&x")
    elif roll < 0.20:  # a very long query string (12 KB: past gunicorn's 8,190-byte request-line limit too)
        pairs.append("q=" + "a%20" * rng.choice([200, 700, 1000, 3000]))
    rng.shuffle(pairs)
    return "&".join(pairs)


class Client:
    """One keep-alive connection to the server, reopened after any error or close."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port, self.conn = host, port, None

    def send(self, method: str, target: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int | str, dict[str, str], bytes]:
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.putrequest(method, target, skip_accept_encoding=True)
                for key, val in (headers or {}).items():
                    self.conn.putheader(key, val)
                if body is not None:
                    self.conn.putheader("Content-Length", str(len(body)))
                try:
                    self.conn.endheaders(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # refused mid-upload (a 413 for a huge body): its answer is still readable
                response = self.conn.getresponse()
                data = response.read()
                if response.status == 414 and b"Request Line is too large" in data:
                    self.close()  # refused by gunicorn itself, before the app saw it
                    return "414 gunicorn", {}, data
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, {k.lower(): v for k, v in response.getheaders()}, data
            except (http.client.HTTPException, OSError) as error:
                self.close()
                if attempt == 2:
                    return f"ERR {type(error).__name__}", {}, b""
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None


def csrf_session(client: Client) -> tuple[str, str]:
    """A CSRF token and the session cookie it belongs to, read from the share form's page."""
    for page in ("/s/new", "/search"):  # the form's own page; older versions had it on /search
        status, headers, body = client.send("GET", page)
        match = re.search(rb'name="csrf_token" value="([^"]+)"', body)
        if status == 200 and match:
            return match.group(1).decode(), headers.get("set-cookie", "").split(";", 1)[0]
    sys.exit("could not read a CSRF token from /s/new or /search")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="http://127.0.0.1:PORT (loopback only)")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--max-seconds", type=float, default=900)
    args = parser.parse_args()
    parts = urlsplit(args.base)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("refusing: the campaign runs against a loopback http:// server only")
    client = Client(parts.hostname, parts.port or 80)
    token, cookie = csrf_session(client)
    rng = random.Random(args.seed)

    per_endpoint: dict[str, Counter] = defaultdict(Counter)
    statuses: Counter = Counter()
    failures: list[tuple[str, object, str]] = []
    started = time.monotonic()
    sent = 0
    while sent < args.requests and time.monotonic() - started < args.max_seconds:
        endpoint = ENDPOINTS[sent % len(ENDPOINTS)]  # every endpoint in turn, equally often
        qs = query_string(rng)
        if endpoint.startswith("POST"):
            if rng.random() < 0.05:  # a huge body: must be refused (413), not read whole
                qs += "&q=" + "a" * rng.choice([2_000_000, 20_000_000])
            with_token = endpoint.endswith("(csrf)")
            body = (qs + (f"&csrf_token={enc(token)}" if with_token else "")).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            if with_token:
                headers["Cookie"] = cookie
            status, _, _ = client.send("POST", SHARE, body, headers)
            shown = f"POST {SHARE} body={body[:300]!r}{'...' if len(body) > 300 else ''} ({len(body)} bytes)"
        else:
            target = f"{endpoint}?{qs}"
            status, _, _ = client.send("GET", target)
            shown = f"GET {target}"
        sent += 1
        per_endpoint[endpoint][status] += 1
        statuses[status] += 1
        if str(status).startswith("ERR") or (isinstance(status, int) and status >= 500):
            failures.append((endpoint, status, shown))
    elapsed = time.monotonic() - started
    client.close()

    print(f"hostile campaign: {sent} requests in {elapsed:.1f} s, seed {args.seed}, base {args.base}")
    print("per endpoint:")
    for endpoint in ENDPOINTS:
        counts = per_endpoint[endpoint]
        detail = ", ".join(f"{code}: {n}" for code, n in sorted(counts.items(), key=lambda kv: str(kv[0])))
        print(f"  {endpoint:<22} {sum(counts.values()):>5}  ({detail})")
    print("statuses:", ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items(), key=lambda kv: str(kv[0]))))
    reached = sent - statuses["414 gunicorn"]
    print(f"reached the app: {reached} (the rest passed gunicorn's request-line limit, 8,190 bytes in "
          "deploy/gunicorn.conf.py; behind deploy/nginx.conf nginx answers those first, in the API's JSON 414)")
    print(f"5xx or broken connections: {len(failures)}")
    for endpoint, status, shown in failures:
        print(f"  {status} {endpoint}: {shown}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
