"""Every page, in English and Spanish, stays under 60 KB gzipped with its CSS, JS and images.

A size budget, not a timing: the same bytes on any machine. bench/page_weight.py prints
the table; this test holds the budget and checks every asset is served here, cached.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from bench.page_weight import BUDGET, LANGUAGES, page_paths, prepare_site, weigh_all
from tests.conftest import copy_of_demo
from tracker.extensions import db


@pytest.fixture(scope="module")
def weights(demo_template: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("page-weight")
    app = copy_of_demo(demo_template, folder)
    prepare_site(app)
    rows = weigh_all(app)
    with app.app_context():
        db.engine.dispose()
    return rows


def test_every_page_in_every_language_is_weighed(weights) -> None:
    names = {(row.name, row.lang) for row in weights}
    assert len(names) == len(weights) >= 20 * len(LANGUAGES)


def test_every_page_is_under_the_budget(weights) -> None:
    over = [(row.name, row.lang, row.total) for row in weights if row.total >= BUDGET]
    assert over == [], f"over {BUDGET} bytes gzipped: {over}"


def test_every_asset_is_served_here_with_cache_headers(weights) -> None:
    for row in weights:
        assert row.css > 0, f"{row.name}: no stylesheet found"
        assert row.uncached == [], f"{row.name}: assets without Cache-Control max-age: {row.uncached}"
        # Versioned URLs (?v=<hash>): a changed file gets a new URL, so a long cache is safe.
        assert all("?v=" in url for url in row.assets if url.startswith("/static/")), row.assets


def test_versioned_assets_are_cached_for_a_year(demo_client) -> None:
    html = demo_client.get("/").get_data(as_text=True)
    start = html.index("/static/css/site.css?v=")
    url = html[start:html.index('"', start)]
    response = demo_client.get(url)
    assert response.status_code == 200
    assert response.cache_control.max_age == 365 * 24 * 3600 and response.cache_control.immutable
    response.close()
    # The unversioned address (the embed snippet's embed.js) keeps the short default.
    plain = demo_client.get("/static/js/embed.js")
    assert plain.cache_control.max_age == 3600 and not plain.cache_control.immutable
    plain.close()


def test_page_paths_name_every_template(demo_app) -> None:
    prepare_site(demo_app)
    assert {"home", "search-results", "search-none", "listing", "listing-closed", "pathway", "milestones",
            "milestones-grade", "reports", "grades", "grade", "error-404", "alert-form", "alert-confirm",
            "alert-manage"} <= set(page_paths(demo_app))
