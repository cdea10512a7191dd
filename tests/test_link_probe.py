"""Asking one apply link (HEAD, then GET; conditional; guarded) and many, politely, against a real
HTTP server on 127.0.0.1 with live, moved, gone, refused and timing-out links."""
from __future__ import annotations

import time
from typing import Iterator

import pytest

from ingest.links.polite import visit
from ingest.links.probe import probe
from tests.link_server import ETAG, LinkServer
from tracker.link_checks import FAILED, INCONCLUSIVE, MOVED, OK

TIMEOUT = 0.3  # the timing-out link sleeps longer than this; the test stays fast


@pytest.fixture
def site() -> Iterator[LinkServer]:
    server = LinkServer(slow_seconds=1.0)
    yield server
    server.stop()


# --- one link ---------------------------------------------------------------------------

@pytest.mark.parametrize("path, outcome, status", [
    ("/live", OK, 200), ("/moved", MOVED, 200), ("/gone", FAILED, 404), ("/gone-for-good", FAILED, 410),
    ("/forbidden", INCONCLUSIVE, 403),
])
def test_what_a_link_answers(site: LinkServer, path: str, outcome: str, status: int) -> None:
    found = probe(site.url(path), timeout=5, public_only=False)
    assert (found.outcome, found.status_code) == (outcome, status)
    if outcome == MOVED:
        assert found.final_url == site.url("/live")
    if outcome == FAILED:
        assert found.error and str(status) in found.error


def test_a_link_that_does_not_answer_in_time_fails(site: LinkServer) -> None:
    found = probe(site.url("/slow"), timeout=TIMEOUT, public_only=False)
    assert (found.outcome, found.error) == (FAILED, f"no answer within {TIMEOUT:g}s")
    assert site.seen("/slow") == ["HEAD"]  # a timeout is not retried with GET


def test_head_first_then_get_when_head_is_refused(site: LinkServer) -> None:
    assert probe(site.url("/live"), public_only=False).outcome == OK
    assert site.seen("/live") == ["HEAD"]
    found = probe(site.url("/no-head"), public_only=False)
    assert (found.outcome, found.status_code) == (OK, 200)
    assert site.seen("/no-head") == ["HEAD", "GET"]


def test_a_refusal_of_head_is_asked_again_with_get_but_not_a_429(site: LinkServer) -> None:
    assert probe(site.url("/forbidden"), public_only=False).outcome == INCONCLUSIVE
    assert site.seen("/forbidden") == ["HEAD", "GET"]
    site.status["/busy"] = 429
    assert probe(site.url("/busy"), public_only=False).outcome == INCONCLUSIVE
    assert site.seen("/busy") == ["HEAD"]


def test_the_request_is_conditional_on_what_the_page_sent_last(site: LinkServer) -> None:
    first = probe(site.url("/live"), public_only=False)
    assert first.etag == ETAG and first.last_modified == "Sat, 05 Dec 2026 10:00:00 GMT"
    again = probe(site.url("/live"), first.etag, first.last_modified, public_only=False)
    assert (again.outcome, again.status_code, again.etag) == (OK, 304, ETAG)
    assert [sent for _, path, sent, _ in site.requests if path == "/live"] == [None, ETAG]


def test_no_request_reaches_the_servers_own_network(site: LinkServer) -> None:
    found = probe(site.url("/live"), public_only=True)
    assert found.outcome == INCONCLUSIVE and "inside the server's own network" in (found.error or "")
    assert site.requests == []


@pytest.mark.parametrize("url", ["http://", "http://exa mple.org/", "http://127.0.0.1:99999/"])
def test_a_malformed_link_fails_with_a_reason(url: str) -> None:
    found = probe(url, timeout=1, public_only=False)
    assert found.outcome == FAILED and found.error


def test_a_host_that_is_not_there_fails(site: LinkServer) -> None:
    port = site.server.server_port
    site.stop()
    found = probe(f"http://127.0.0.1:{port}/live", timeout=1, public_only=False)
    assert (found.outcome, found.error) == (FAILED, "connection refused")


# --- many links, politely ---------------------------------------------------------------

def test_one_request_at_a_time_per_host_spaced_by_the_delay() -> None:
    server = LinkServer(work_seconds=0.05)
    try:
        urls = [server.url(f"/page-{n}") for n in range(5)]
        server.status.update({f"/page-{n}": 200 for n in range(5)})
        started = time.monotonic()
        answers = visit(urls + urls[:2], lambda url: probe(url, public_only=False).outcome, per_host=1, delay=0.15,
                        workers=8)
        assert answers == {url: OK for url in urls}  # each URL asked once
        assert server.most_in_flight == 1
        assert len(server.requests) == 5
        # The fifth start is at least four delays after the first (the gate sleeps; sleep never returns early).
        assert time.monotonic() - started >= 4 * 0.15
    finally:
        server.stop()


def test_the_gate_spaces_starts_by_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest.links import polite

    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))
        now[0] += seconds

    monkeypatch.setattr(polite.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(polite.time, "sleep", sleep)
    gate = polite.HostGate(delay=2.0)
    gate.wait_turn()  # the first goes at once
    gate.wait_turn()
    now[0] += 0.5  # a request took half a second
    gate.wait_turn()
    now[0] += 10  # a long pause: the next need not wait
    gate.wait_turn()
    assert slept == [2.0, 1.5]


def test_the_per_host_limit_allows_that_many_at_once() -> None:
    server = LinkServer(work_seconds=0.2)
    try:
        urls = [server.url(f"/page-{n}") for n in range(6)]
        visit(urls, lambda url: probe(url, timeout=5, public_only=False), per_host=2, delay=0, workers=8)
        assert server.most_in_flight == 2
    finally:
        server.stop()
