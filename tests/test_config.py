"""Configuration: environment-backed, safe defaults, production refuses a weak key."""
from __future__ import annotations

import pytest

import config
from tests.conftest import make_config
from tracker import create_app


def test_database_url_defaults_to_sqlite_under_instance() -> None:
    assert config.database_url(None).startswith("sqlite:///")
    assert config.database_url(None).endswith("instance/tracker.db") or "tracker.db" in config.database_url(None)


@pytest.mark.parametrize("raw", ["postgres://u:p@h/db", "postgresql://u:p@h/db"])
def test_postgres_urls_get_the_psycopg_driver(raw: str) -> None:
    assert config.database_url(raw) == "postgresql+psycopg://u:p@h/db"


def test_other_urls_pass_through() -> None:
    assert config.database_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


@pytest.mark.parametrize("key", [config.DEV_SECRET_KEY, "", "short"])
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, key: str) -> None:
    production = make_config(tmp_path, SECRET_KEY=key, REQUIRE_REAL_SECRET_KEY=True)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        create_app(production)


def test_production_starts_with_a_real_secret_key(tmp_path) -> None:
    production = make_config(tmp_path, SECRET_KEY="x" * 40, REQUIRE_REAL_SECRET_KEY=True)
    assert create_app(production).config["SECRET_KEY"] == "x" * 40


def test_app_env_selects_the_config_class(monkeypatch) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    assert config.config_from_env() is config.ProductionConfig
    monkeypatch.setenv("APP_ENV", "staging")
    with pytest.raises(RuntimeError, match="APP_ENV='staging'"):
        config.config_from_env()
