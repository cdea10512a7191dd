"""Sources staff type are fetched only from public addresses, checked at every connection:
the first, each redirect's, and after the name has changed what it resolves to."""
from __future__ import annotations

import ipaddress
import socket
import time
from datetime import datetime, timezone
from typing import Any

import pytest
from flask import Flask

from ingest import http_opener
from ingest.pipeline import run_sources
from ingest.retrieve import retrieve
from ingest.sources import config_from_row
from tests.test_retrieve import FEED, LocalServer, Reply, fails, no_proxies, server  # noqa: F401 - fixtures
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import IngestRun, Source

real_getaddrinfo = socket.getaddrinfo


class Resolver:
    """A DNS stand-in: each name answers the addresses listed for it, one entry per look-up
    (the last repeats; "a,b" answers both), so a test can make a name change its answer."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> None:
        self.answers = answers
        self.lookups: list[str] = []
        monkeypatch.setattr(socket, "getaddrinfo", self)

    def __call__(self, host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in self.answers:
            return real_getaddrinfo(host, port, *args, **kwargs)
        self.lookups.append(host)
        answers = self.answers[host]
        addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        return [info for address in addresses.split(",") for info in real_getaddrinfo(address, port, *args, **kwargs)]


@pytest.fixture
def loopback_counts_as_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat 127.0.0.1, where the test server runs, as a public address (and nothing else new)."""
    real = http_opener.is_public_address
    monkeypatch.setattr(http_opener, "is_public_address",
                        lambda address: str(address) == "127.0.0.1" or real(address))


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.5", "169.254.169.254", "::1", "::ffff:127.0.0.1",
                                     "192.168.1.1", "100.64.0.1", "fd00::1"])
def test_addresses_inside_a_network_are_not_public(address: str) -> None:
    assert not http_opener.is_public_address(ipaddress.ip_address(address))


def test_public_addresses_are_public() -> None:
    assert http_opener.is_public_address(ipaddress.ip_address("8.8.8.8"))
    assert http_opener.is_public_address(ipaddress.ip_address("2606:4700:4700::1111"))


def test_a_loopback_address_is_refused_before_any_request(server: LocalServer) -> None:
    server.routes["/feed"] = Reply(body=FEED)
    assert retrieve(server.url("/feed")).content == FEED  # allowed without the guard
    message = fails(server.url("/feed"), public_only=True)
    assert "inside the server's own network (127.0.0.1)" in message
    assert server.hits("/feed") == 1


def test_a_name_that_now_resolves_inside_the_network_is_refused(server: LocalServer,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: public when staff saved it, loopback when fetched."""
    server.routes["/feed"] = Reply(body=FEED)
    resolver = Resolver(monkeypatch, {"feeds.example": ["93.184.216.34", "127.0.0.1"]})
    assert socket.getaddrinfo("feeds.example", 80)[0][4][0] == "93.184.216.34"  # what the form saw
    message = fails(f"http://feeds.example:{server.server_port}/feed", public_only=True)
    assert "feeds.example is inside the server's own network" in message
    assert server.hits("/feed") == 0 and resolver.lookups == ["feeds.example", "feeds.example"]


def test_the_connection_goes_to_the_address_checked(server: LocalServer, monkeypatch: pytest.MonkeyPatch,
                                                    loopback_counts_as_public: None) -> None:
    """One look-up per connection: a second one could be answered differently."""
    server.routes["/feed"] = Reply(body=FEED)
    resolver = Resolver(monkeypatch, {"feeds.example": ["127.0.0.1", "10.0.0.5"]})
    got = retrieve(f"http://feeds.example:{server.server_port}/feed", public_only=True)
    assert got.content == FEED and resolver.lookups == ["feeds.example"]
    assert server.seen[-1].headers["Host"] == f"feeds.example:{server.server_port}"


def test_a_redirect_into_the_network_is_refused(server: LocalServer, loopback_counts_as_public: None) -> None:
    server.routes["/moved"] = Reply(302, headers={"Location": "http://10.0.0.5/admin"})
    started = time.monotonic()
    message = fails(server.url("/moved"), public_only=True)
    assert "10.0.0.5 is inside the server's own network" in message
    assert time.monotonic() - started < 2  # refused, not left to time out connecting


def test_a_name_with_one_private_address_among_public_ones_is_refused(server: LocalServer,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Which address is tried first is up to the resolver, so every one must be public."""
    server.routes["/feed"] = Reply(body=FEED)
    Resolver(monkeypatch, {"mixed.example": ["8.8.8.8,127.0.0.1"]})
    message = fails(f"http://mixed.example:{server.server_port}/feed", public_only=True)
    assert "mixed.example is inside the server's own network (127.0.0.1)" in message
    assert server.hits("/feed") == 0


def test_a_staff_source_inside_the_network_fails_its_run_with_the_reason(app: Flask, server: LocalServer) -> None:
    server.routes["/feed"] = Reply(body=FEED)
    with app.app_context():
        assert app.config["SOURCES_ALLOW_PRIVATE_HOSTS"] is False  # the default
        source = Source(name="Sneaky", format="rss", location=server.url("/feed"), enabled=True, defaults={})
        db.session.add(source)
        db.session.commit()
        config = config_from_row(source)
        assert config.public_only
        [report] = run_sources([config], site_today(), datetime.now(timezone.utc))
        assert report.outcome == IngestRun.FAILED
        assert "inside the server's own network" in (report.error or "")
        app.config["SOURCES_ALLOW_PRIVATE_HOSTS"] = True
        assert not config_from_row(source).public_only
    assert server.hits("/feed") == 0
