"""Production behind a TLS proxy: HSTS, Secure cookies, the client's real address (issue #11, item 6)."""
from __future__ import annotations

import secrets

import pytest

import config
from tests.conftest import build_app, make_config
from tracker.extensions import db


def production_config(tmp_path, **overrides):
    """The production settings, on a test database, with a real key."""
    base = make_config(tmp_path, **overrides)
    attrs = {k: v for k, v in vars(base).items() if not k.startswith("__")}
    attrs.setdefault("SECRET_KEY", secrets.token_hex(32))
    attrs["SECRET_KEY"] = overrides.get("SECRET_KEY", secrets.token_hex(32))
    return type("ProductionTestConfig", (config.ProductionConfig,), attrs)


@pytest.fixture
def production_app(tmp_path):
    app = build_app(production_config(tmp_path))
    yield app
    with app.app_context():
        db.engine.dispose()


def test_production_sends_hsts_and_development_does_not(production_app, app) -> None:
    assert production_app.test_client().get("/").headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in app.test_client().get("/").headers


def test_production_cookies_are_secure_even_when_the_proxy_speaks_http(production_app) -> None:
    client = production_app.test_client()
    language = client.get("/?lang=es").headers.get_all("Set-Cookie")
    session = client.get("/s/new").headers.get_all("Set-Cookie")  # the share form holds a CSRF token
    assert len(language) == 1 and language[0].startswith("lang=es;") and "; Secure" in language[0]
    assert len(session) == 1 and session[0].startswith("session=") and "; Secure" in session[0]


def test_without_trusted_proxies_forwarded_headers_are_ignored(tmp_path) -> None:
    app = build_app(make_config(tmp_path, RATELIMIT_SEARCH="2 per minute"))
    client = app.test_client()
    cookie = client.get("/?lang=es", headers={"X-Forwarded-Proto": "https"}).headers["Set-Cookie"]
    assert "Secure" not in cookie
    # A client cannot dodge its limit by making up addresses.
    statuses = [client.get("/search", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(3)]
    assert statuses == [200, 200, 429]


def test_trusted_proxies_give_the_client_address_and_scheme(tmp_path) -> None:
    app = build_app(make_config(tmp_path, TRUSTED_PROXIES=1, RATELIMIT_SEARCH="2 per minute"))
    client = app.test_client()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.1"}
    assert "Secure" in client.get("/?lang=es", headers=forwarded).headers["Set-Cookie"]
    # Each client behind the proxy has its own budget; the proxy's own address does not count.
    assert [client.get("/search", headers=forwarded).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/search", headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 200
    # Only the address the trusted proxy added counts, not one the client put before it.
    spoofed = {"X-Forwarded-For": "198.51.100.9, 203.0.113.1"}
    assert client.get("/search", headers=spoofed).status_code == 429


def test_the_production_settings(monkeypatch) -> None:
    assert config.Config.TRUSTED_PROXIES == 0 and config.Config.HSTS_SECONDS == 0
    assert config.ProductionConfig.HSTS_SECONDS == 31536000 and config.ProductionConfig.SESSION_COOKIE_SECURE
