"""Configuration: environment-backed, safe defaults, production refuses a weak key."""
from __future__ import annotations

import secrets

import pytest

import config
from tests.conftest import make_config
from tracker import create_app, secret_key


def test_database_url_defaults_to_sqlite_under_instance() -> None:
    assert config.database_url(None).startswith("sqlite:///")
    assert config.database_url(None).endswith("instance/tracker.db") or "tracker.db" in config.database_url(None)


@pytest.mark.parametrize("raw", ["postgres://u:p@h/db", "postgresql://u:p@h/db"])
def test_postgres_urls_get_the_psycopg_driver(raw: str) -> None:
    assert config.database_url(raw) == "postgresql+psycopg://u:p@h/db"


def test_other_urls_pass_through() -> None:
    assert config.database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


# Keys people make up: long enough for a length check, easy to guess all the same.
WEAK_KEYS = [config.DEV_SECRET_KEY, "", "short", "a" * 16, "x" * 40, "password1234567890", "Password1234567890!",
             "abcdefghijklmnopqrstuvwxyz0123456789", "abc" * 20, "0123456789" * 5, "aabbccddeeffgghhiijjkkllmmnnoopp",
             "my-super-secret-key-for-production", "changeme-changeme-changeme-changeme", "qwertyuiopasdfghjklzxcvbnm"]


@pytest.mark.parametrize("key", WEAK_KEYS)
def test_production_refuses_to_start_with_a_weak_secret_key(tmp_path, key: str) -> None:
    production = make_config(tmp_path, SECRET_KEY=key, REQUIRE_REAL_SECRET_KEY=True)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set to a random value") as refused:
        create_app(production)
    assert "python -c 'import secrets; print(secrets.token_hex(32))'" in str(refused.value)


@pytest.mark.parametrize("make", [lambda: secrets.token_hex(16), lambda: secrets.token_hex(32),
                                  lambda: secrets.token_urlsafe(32), lambda: secrets.token_hex(32).upper()])
def test_production_starts_with_a_random_secret_key(tmp_path, make) -> None:
    key = make()
    production = make_config(tmp_path, SECRET_KEY=key, REQUIRE_REAL_SECRET_KEY=True)
    assert create_app(production).config["SECRET_KEY"] == key


def test_the_estimate_scores_random_keys_by_their_bits() -> None:
    assert secret_key.estimated_bits(secrets.token_hex(16)) == 128
    assert secret_key.estimated_bits(secrets.token_hex(32)) == 256
    assert secret_key.estimated_bits("a" * 16) < 40 and secret_key.estimated_bits("abc" * 20) < 60


def test_app_env_selects_the_config_class(monkeypatch) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    assert config.config_from_env() is config.ProductionConfig
    monkeypatch.setenv("APP_ENV", "staging")
    with pytest.raises(RuntimeError, match="APP_ENV='staging'"):
        config.config_from_env()
