"""A fresh install, before the first ingest: every page answers, searches find nothing."""
from __future__ import annotations

from flask_migrate import upgrade

from tests.conftest import build_app, make_config
from tracker.extensions import db


def test_a_text_search_on_a_fresh_install_is_not_an_error(tmp_path) -> None:
    app = build_app(make_config(tmp_path), create_schema=False)
    with app.app_context():
        upgrade()  # `flask db upgrade`, and no ingest yet: the index is empty
    client = app.test_client()
    for url in ("/search?q=nurse", "/search?q=nursing+assistant", "/api/v1/listings?q=nurse", "/search.atom?q=nurse"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "nurse" in client.get("/search?q=nurse").get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()
