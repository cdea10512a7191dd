"""Retrieval over http(s), against a server the tests run on 127.0.0.1 and nowhere else."""
from __future__ import annotations

import gzip
import os
import socket
import sys
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from ingest import retrieve as retrieve_module
from ingest.errors import RetrieveError
from ingest.pipeline import SourceReport, run_sources
from ingest.retrieve import MAX_REDIRECTS, USER_AGENT, Retrieved, retrieve
from ingest.sources import load_sources
from tests.conftest import FIXTURES
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import IngestRun, Listing, Source

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)
FEED = (FIXTURES / "two_jobs.rss").read_bytes()
LAST_MODIFIED = "Wed, 25 Nov 2026 09:00:00 GMT"
SHORT = 0.3  # seconds: long enough for loopback, short enough to keep the file fast


@dataclass
class Reply:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_length: int | None = None  # announce this instead of len(body): a lie
    omit_length: bool = False  # no Content-Length: the body ends when the connection closes


@dataclass(frozen=True)
class Seen:
    """One request the server received, and the status it answered."""

    path: str
    headers: dict[str, str]
    status: int


class Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def do_GET(self) -> None:
        behaviour = self.server.routes.get(self.path, Reply(404, b"no such page"))
        if callable(behaviour):
            self.server.record(self, 200)
            behaviour(self)
            return
        status = behaviour.status
        if status == 200 and self._validators_match(behaviour.headers):
            status = 304
        self.server.record(self, status)
        self.send_response(status)
        for name, value in behaviour.headers.items():
            self.send_header(name, value)
        if status == 304:
            self.end_headers()
            return
        if not behaviour.omit_length:
            length = len(behaviour.body) if behaviour.content_length is None else behaviour.content_length
            self.send_header("Content-Length", str(length))
        self.end_headers()
        self.wfile.write(behaviour.body)

    def _validators_match(self, headers: dict[str, str]) -> bool:
        # If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 13.2.2).
        if "If-None-Match" in self.headers:
            return self.headers["If-None-Match"] == headers.get("ETag")
        return "If-Modified-Since" in self.headers and self.headers["If-Modified-Since"] == headers.get("Last-Modified")

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean


Behaviour = Reply | Callable[[Handler], None]


class LocalServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 whose answer per path the test sets; it records requests."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Behaviour] = {}
        self.seen: list[Seen] = []
        self.stop = threading.Event()  # releases handlers that stall on purpose

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def record(self, handler: Handler, status: int) -> None:
        self.seen.append(Seen(handler.path, dict(handler.headers.items()), status))

    def hits(self, path: str) -> int:
        return sum(1 for seen in self.seen if seen.path == path)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client hanging up mid-body is the point of several tests


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A local server running in a daemon thread, shut down after the test."""
    httpd = LocalServer()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield httpd
    httpd.stop.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every request on 127.0.0.1, even on a machine with a proxy configured."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)


def fails(location: str, **kwargs: Any) -> str:
    """Retrieve ``location``, expect a RetrieveError, and return its one-line message."""
    with pytest.raises(RetrieveError) as caught:
        retrieve(location, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message.strip() == message
    return message


# Behaviours that need more than a Reply.

def stall(handler: Handler) -> None:
    handler.server.stop.wait(5)  # never answer


def promise_a_gigabyte(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", str(10**9))
    handler.end_headers()
    handler.server.stop.wait(5)  # and send none of it: a client that waits for it times out


def stream_forever(handler: Handler) -> None:
    handler.send_response(200)
    handler.end_headers()  # no Content-Length: HTTP/1.0 ends the body by closing
    block = b"x" * 65536
    while not handler.server.stop.is_set():
        handler.wfile.write(block)


def drip(handler: Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    while not handler.server.stop.wait(0.05):
        handler.wfile.write(b"x")


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


# Headers and conditional GET.

def test_a_fetch_sends_our_headers_and_returns_the_validators(server: LocalServer) -> None:
    server.routes["/feed"] = Reply(body=FEED, headers={"ETag": '"v1"', "Last-Modified": LAST_MODIFIED})
    got = retrieve(server.url("/feed"))
    assert got == Retrieved(content=FEED, etag='"v1"', last_modified=LAST_MODIFIED)
    headers = server.seen[0].headers
    assert headers["User-Agent"] == USER_AGENT
    assert headers["Accept"] == ("application/rss+xml, application/atom+xml, application/feed+json, "
                                 "application/json, text/calendar, text/csv, text/html, "
                                 "application/xml;q=0.9, */*;q=0.8")
    assert headers["Accept-Encoding"] == "gzip"
    assert "If-None-Match" not in headers and "If-Modified-Since" not in headers


@pytest.mark.parametrize("etag, last_modified", [('"v1"', None), (None, LAST_MODIFIED), ('"v1"', LAST_MODIFIED)])
def test_matching_validators_get_304_and_the_old_values_back(server: LocalServer, etag: str | None,
                                                             last_modified: str | None) -> None:
    server.routes["/feed"] = Reply(body=FEED, headers={"ETag": '"v1"', "Last-Modified": LAST_MODIFIED})
    got = retrieve(server.url("/feed"), etag=etag, last_modified=last_modified)
    assert got == Retrieved(content=None, etag=etag, last_modified=last_modified) and got.not_modified
    seen = server.seen[0]
    assert seen.status == 304
    assert seen.headers.get("If-None-Match") == etag and seen.headers.get("If-Modified-Since") == last_modified


def test_changed_content_brings_the_new_validators(server: LocalServer) -> None:
    server.routes["/feed"] = Reply(body=FEED, headers={"ETag": '"v2"'})
    got = retrieve(server.url("/feed"), etag='"v1"', last_modified=LAST_MODIFIED)
    assert got == Retrieved(content=FEED, etag='"v2"', last_modified=None)


def test_a_304_to_a_plain_request_is_an_error(server: LocalServer) -> None:
    server.routes["/feed"] = Reply(304)
    assert "304 Not Modified to a request that was not conditional" in fails(server.url("/feed"))


def test_validators_that_cannot_be_sent_or_stored_are_dropped(server: LocalServer) -> None:
    # An over-long ETag would not fit the sources table; a line break would be a header injection.
    server.routes["/feed"] = Reply(body=FEED, headers={"ETag": '"' + "x" * 400 + '"'})
    assert retrieve(server.url("/feed"), etag='"v1"\r\nX-Evil: 1').etag is None
    assert "If-None-Match" not in server.seen[0].headers and "X-Evil" not in server.seen[0].headers


# Content-Encoding.

@pytest.mark.parametrize("coding, pack", [("gzip", gzip.compress), ("x-gzip", gzip.compress),
                                          ("deflate", zlib.compress), ("deflate", raw_deflate)],
                         ids=["gzip", "x-gzip", "deflate", "raw-deflate"])
def test_compressed_bodies_are_unpacked(server: LocalServer, coding: str, pack: Callable[[bytes], bytes]) -> None:
    server.routes["/feed"] = Reply(body=pack(FEED), headers={"Content-Encoding": coding})
    assert retrieve(server.url("/feed")).content == FEED


def test_concatenated_gzip_members_are_one_body(server: LocalServer) -> None:
    server.routes["/feed"] = Reply(body=gzip.compress(b"first ") + gzip.compress(b"second"),
                                   headers={"Content-Encoding": "gzip"})
    assert retrieve(server.url("/feed")).content == b"first second"


def test_a_zip_bomb_stops_at_the_size_limit(server: LocalServer) -> None:
    bomb = gzip.compress(bytes(5_000_000))  # about 5 KB that unpack to 5 MB
    server.routes["/bomb"] = Reply(body=bomb, headers={"Content-Encoding": "gzip"})
    assert "unpacks to more than the 100,000-byte limit" in fails(server.url("/bomb"), max_bytes=100_000)


@pytest.mark.parametrize("body, message", [(gzip.compress(FEED)[:-100], "gzip content that was cut short"),
                                           (b"this is not gzip at all", "gzip content that could not be unpacked")])
def test_damaged_gzip_is_an_error_not_a_shorter_feed(server: LocalServer, body: bytes, message: str) -> None:
    server.routes["/feed"] = Reply(body=body, headers={"Content-Encoding": "gzip"})
    assert message in fails(server.url("/feed"))


def test_an_encoding_we_did_not_ask_for_is_refused(server: LocalServer) -> None:
    server.routes["/feed"] = Reply(body=b"...", headers={"Content-Encoding": "br"})
    assert "encoded as 'br', which cannot be unpacked" in fails(server.url("/feed"))


# Size.

@pytest.mark.parametrize("omit_length", [False, True])
def test_a_body_exactly_at_the_limit_is_fine(server: LocalServer, omit_length: bool) -> None:
    server.routes["/feed"] = Reply(body=b"x" * 1000, omit_length=omit_length)
    assert retrieve(server.url("/feed"), max_bytes=1000).content == b"x" * 1000


def test_a_content_length_over_the_limit_is_refused_before_reading(server: LocalServer) -> None:
    server.routes["/big"] = promise_a_gigabyte
    started = time.monotonic()
    message = fails(server.url("/big"), max_bytes=1000, timeout=2.0)
    assert "is 1,000,000,000 bytes, over the 1,000-byte limit" in message
    assert time.monotonic() - started < 1.0  # it did not wait for the body


def test_a_body_without_content_length_is_capped_while_streaming(server: LocalServer) -> None:
    server.routes["/endless"] = stream_forever
    assert "sent more than the 100,000-byte limit" in fails(server.url("/endless"), max_bytes=100_000)


def test_a_body_shorter_than_its_content_length_is_an_error(server: LocalServer) -> None:
    server.routes["/short"] = Reply(body=b"<rss>", content_length=1000)
    assert "closed the connection before sending all its content" in fails(server.url("/short"))


# Redirects.

def redirect_chain(server: LocalServer, hops: int) -> str:
    """Route ``hops`` redirects ending at /final, some relative and some absolute; return the first path."""
    server.routes["/final"] = Reply(body=FEED, headers={"ETag": '"v1"'})
    for number in range(hops):
        target = "/final" if number == hops - 1 else f"/hop{number + 1}"
        location = server.url(target) if number % 2 else target
        server.routes[f"/hop{number}"] = Reply(301 if number % 2 else 302, headers={"Location": location})
    return "/hop0"


def test_redirects_are_followed_up_to_the_limit(server: LocalServer) -> None:
    start = redirect_chain(server, MAX_REDIRECTS)
    assert retrieve(server.url(start)) == Retrieved(content=FEED, etag='"v1"')
    assert [seen.path for seen in server.seen][-1] == "/final" and len(server.seen) == MAX_REDIRECTS + 1


def test_validators_survive_a_redirect(server: LocalServer) -> None:
    start = redirect_chain(server, 2)
    assert retrieve(server.url(start), etag='"v1"').not_modified
    assert server.seen[-1].status == 304


def test_one_redirect_too_many_is_refused(server: LocalServer) -> None:
    start = redirect_chain(server, MAX_REDIRECTS + 1)
    assert f"redirected more than {MAX_REDIRECTS} times" in fails(server.url(start))
    assert server.hits("/final") == 0


def test_an_endless_redirect_loop_is_cut_off(server: LocalServer) -> None:
    server.routes["/loop"] = Reply(302, headers={"Location": "/loop"})
    assert f"redirected more than {MAX_REDIRECTS} times" in fails(server.url("/loop"))
    assert server.hits("/loop") == MAX_REDIRECTS + 1


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/jobs.rss", "data:,hello"])
def test_a_redirect_away_from_http_is_refused(server: LocalServer, target: str) -> None:
    server.routes["/feed"] = Reply(302, headers={"Location": target})
    assert f"redirected to {target!r}, which is not an http(s) address" in fails(server.url("/feed"))


# HTTP errors, timeouts and unreachable servers.

@pytest.mark.parametrize("status, words", [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"),
                                           (500, "HTTP 500 Internal Server Error"),
                                           (503, "HTTP 503 Service Unavailable")])
def test_an_http_error_names_the_status(server: LocalServer, status: int, words: str) -> None:
    server.routes["/feed"] = Reply(status, b"oops")
    assert fails(server.url("/feed")) == f"{server.url('/feed')} answered {words}"


def test_an_error_after_a_redirect_names_where_it_happened(server: LocalServer) -> None:
    server.routes["/old"] = Reply(301, headers={"Location": "/gone"})
    message = fails(server.url("/old"))
    assert message == f"{server.url('/old')} (redirected to {server.url('/gone')}) answered HTTP 404 Not Found"


def test_a_server_that_does_not_answer_hits_the_read_timeout(server: LocalServer) -> None:
    server.routes["/slow"] = stall
    started = time.monotonic()
    message = fails(server.url("/slow"), timeout=(2.0, SHORT))
    assert message == f"{server.url('/slow')} did not answer within {SHORT:g}s"
    assert time.monotonic() - started < 2 * SHORT + 0.5


@pytest.mark.skipif(sys.platform != "linux", reason="Linux drops connections to a full accept queue; others refuse them")
def test_a_server_that_does_not_accept_hits_the_connect_timeout() -> None:
    with socket.socket() as listener, socket.socket() as filler:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)  # never accepted: one queued connection fills it, the next one hangs
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/feed"
        filler.connect(listener.getsockname())
        started = time.monotonic()
        assert fails(url, timeout=(SHORT, 2.0)) == f"{url} did not answer within {SHORT:g}s"
        assert time.monotonic() - started < 2 * SHORT + 0.5


def test_a_server_that_drips_is_stopped_by_the_deadline(server: LocalServer) -> None:
    # Each byte arrives well within the read timeout, so only the total deadline can stop it.
    server.routes["/drip"] = drip
    started = time.monotonic()
    assert f"took more than {SHORT:g}s to send its content" in fails(server.url("/drip"), timeout=2.0, deadline=SHORT)
    assert time.monotonic() - started < 2 * SHORT + 0.5


def test_a_refused_connection_says_it_could_not_reach(server: LocalServer) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago, and now has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    assert fails(url) == f"could not reach {url}: connection refused"


def test_an_unknown_host_says_it_could_not_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no DNS query leaves the machine
    assert fails("http://jobs.example.invalid/feed") == (
        "could not reach http://jobs.example.invalid/feed: host name not found (Name or service not known)")


def test_a_tls_failure_is_named(server: LocalServer) -> None:
    # Speaking TLS to a plain-HTTP port fails the handshake, as a broken certificate setup does.
    url = f"https://127.0.0.1:{server.server_port}/feed"
    assert fails(url, timeout=2.0).startswith(f"secure connection to {url} failed: ")


@pytest.mark.parametrize("location, words", [
    ("http://[::1/feed", "invalid URL"),
    ("http://127.0.0.1:99999/feed", "Port out of range"),
    ("http://127.0.0.1:port/feed", "invalid URL"),
    ("http:///feed", "it names no host"),
    ("http://127.0.0.1/a feed", "spaces or control characters"),
    ("http://user:secret@127.0.0.1/feed", "user:***@127.0.0.1"),
    ("ftp://127.0.0.1/feed", "use http(s) or a file path"),
    ("file:///etc/passwd", "use http(s) or a file path"),
    ("feed\0.rss", "invalid file path"),
])
def test_bad_locations_are_one_line_errors(location: str, words: str) -> None:
    message = fails(location)
    assert words in message and "secret" not in message


def test_a_surprise_inside_retrieve_still_leaves_as_a_retrieve_error(server: LocalServer,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise KeyError("surprise")

    monkeypatch.setattr(retrieve_module, "_read_body", broken)
    server.routes["/feed"] = Reply(body=FEED)
    assert fails(server.url("/feed")) == f"could not retrieve {server.url('/feed')}: KeyError: 'surprise'"


def test_files_are_capped_too(tmp_path: Path) -> None:
    path = tmp_path / "jobs.rss"
    path.write_bytes(FEED)
    assert retrieve(str(path)) == Retrieved(content=FEED)
    assert f"{path} is {len(FEED):,} bytes, over the 100-byte limit" == fails(str(path), max_bytes=100)


# End to end through the pipeline.

def write_sources(folder: Path, url: str) -> Path:
    path = folder / "sources.toml"
    path.write_text(f'[[source]]\nname = "Jobs"\nformat = "rss"\nlocation = "{url}"\n')
    return path


def ingest(app: Flask, sources: Path, now: datetime) -> SourceReport:
    with app.app_context():
        (report,) = run_sources(load_sources(sources), site_today(), now)
        return report


def snapshot(app: Flask) -> dict[str, Any]:
    """Everything an ingest run could change, apart from the run log and the source's health."""
    with app.app_context():
        source = db.session.scalars(sa.select(Source)).one()
        listings = db.session.execute(sa.select(Listing.id, Listing.title, Listing.status, Listing.updated_at)
                                      .order_by(Listing.id)).all()
        return {"etag": source.etag, "last_modified": source.last_modified, "listings": listings}


def source_health(app: Flask) -> tuple[str | None, int]:
    with app.app_context():
        source = db.session.scalars(sa.select(Source)).one()
        return source.last_error, source.consecutive_failures


def test_ingest_over_http_uses_conditional_get(app: Flask, server: LocalServer, tmp_path: Path) -> None:
    server.routes["/jobs.rss"] = Reply(body=FEED, headers={"ETag": '"v1"', "Last-Modified": LAST_MODIFIED})
    sources = write_sources(tmp_path, server.url("/jobs.rss"))

    first = ingest(app, sources, NOW)
    assert (first.outcome, first.new) == (IngestRun.OK, 2)
    stored = snapshot(app)
    assert (stored["etag"], stored["last_modified"]) == ('"v1"', LAST_MODIFIED)

    second = ingest(app, sources, NOW + timedelta(hours=1))
    assert second.outcome == IngestRun.NOT_MODIFIED == "not-modified" and not second.failed
    assert server.seen[-1].headers["If-None-Match"] == '"v1"' and server.seen[-1].status == 304
    assert snapshot(app) == stored

    changed = FEED.replace(b"Library Page (Part-Time)", b"Library Page")
    server.routes["/jobs.rss"] = Reply(body=changed, headers={"ETag": '"v2"'})
    third = ingest(app, sources, NOW + timedelta(hours=2))
    assert (third.outcome, third.new, third.updated, third.unchanged) == (IngestRun.OK, 0, 1, 1)
    assert server.seen[-1].headers["If-None-Match"] == '"v1"' and server.seen[-1].status == 200
    after_change = snapshot(app)
    assert (after_change["etag"], after_change["last_modified"]) == ('"v2"', None)
    assert sorted(row.title for row in after_change["listings"]) == ["IT Help Desk Intern", "Library Page"]

    server.routes["/jobs.rss"] = Reply(500, b"down for maintenance")
    fourth = ingest(app, sources, NOW + timedelta(hours=3))
    reason = f"{server.url('/jobs.rss')} answered HTTP 500 Internal Server Error"
    assert fourth.failed and fourth.error == reason
    assert source_health(app) == (reason, 1)
    assert snapshot(app) == after_change  # listings and validators kept

    with app.app_context():
        outcomes = db.session.scalars(sa.select(IngestRun.outcome).order_by(IngestRun.id)).all()
    assert outcomes == [IngestRun.OK, IngestRun.NOT_MODIFIED, IngestRun.OK, IngestRun.FAILED]


def test_validators_from_a_response_that_failed_are_not_kept(app: Flask, server: LocalServer, tmp_path: Path) -> None:
    server.routes["/jobs.rss"] = Reply(body=FEED, headers={"ETag": '"v1"'})
    sources = write_sources(tmp_path, server.url("/jobs.rss"))
    ingest(app, sources, NOW)
    server.routes["/jobs.rss"] = Reply(body=b"<rss><channel><title>oops", headers={"ETag": '"broken"'})
    assert ingest(app, sources, NOW + timedelta(hours=1)).failed
    assert snapshot(app)["etag"] == '"v1"'
    # Had '"broken"' been saved, this run would get a 304 and call a still-broken source healthy.
    again = ingest(app, sources, NOW + timedelta(hours=2))
    assert again.failed and server.seen[-1].headers["If-None-Match"] == '"v1"' and server.seen[-1].status == 200
    assert source_health(app)[1] == 2
    server.routes["/jobs.rss"] = Reply(body=FEED, headers={"ETag": '"v3"'})
    mended = ingest(app, sources, NOW + timedelta(hours=3))
    assert mended.outcome == IngestRun.OK and server.seen[-1].headers["If-None-Match"] == '"v1"'
    assert snapshot(app)["etag"] == '"v3"' and source_health(app) == (None, 0)
