"""The PostgreSQL search backend's own promises: start-up checks, its schema, no index to keep.

What it finds is the contract of tests/test_search_contract.py, shared with Whoosh.
"""
from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest
import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy.dialects.postgresql import TSQUERY

from tests.conftest import build_app, in_schema, make_config
from tests.factories import add_listings
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import find_listings, reindex_all
from tracker.models import Listing, Source
from tracker.query import ListingQuery
from tracker import taxonomy
from tracker.search import app as search_app
from tracker.search import pg_arrays, pg_schema, pg_search
from tracker.search.documents import document_for


def test_postgres_search_refuses_to_start_without_postgresql(tmp_path) -> None:
    with pytest.raises(RuntimeError, match="SEARCH_BACKEND=postgres keeps search in PostgreSQL, but DATABASE_URL is "
                                           "sqlite: set DATABASE_URL to a PostgreSQL database"):
        build_app(make_config(tmp_path, SEARCH_BACKEND="postgres"))


def test_an_unknown_search_backend_is_refused(tmp_path) -> None:
    with pytest.raises(RuntimeError, match="SEARCH_BACKEND='elastic' is not one of whoosh, postgres"):
        build_app(make_config(tmp_path, SEARCH_BACKEND="elastic"))


def test_the_migration_is_a_no_op_on_sqlite(tmp_path) -> None:
    app = build_app(make_config(tmp_path), create_schema=False)
    with app.app_context():
        upgrade()
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("listings")}
        assert pg_schema.COLUMN not in columns
        assert pg_schema.WORDS_TABLE not in sa.inspect(db.engine).get_table_names()


@pytest.fixture
def pg_search_app(pg_url, tmp_path):
    """An app searching PostgreSQL in its own schema, made by create_all."""
    app = build_app(make_config(tmp_path, **in_schema(pg_url), SEARCH_BACKEND="postgres"))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _search_objects(connection: sa.Connection) -> dict[str, object]:
    """What the search schema is made of, as PostgreSQL describes it."""
    def one(sql: str) -> object:
        return connection.execute(sa.text(sql)).scalar()

    return {
        "column": one(f"SELECT generation_expression FROM information_schema.columns WHERE table_schema = current_schema() "
                      f"AND table_name = 'listings' AND column_name = '{pg_schema.COLUMN}'"),
        "index": one(f"SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = '{pg_schema.GIN_INDEX}'"),
        "words": one(f"SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = '{pg_schema.WORDS_INDEX}'"),
        "function": one(f"SELECT pg_get_functiondef('{pg_schema.TAGS_FUNCTION}'::regproc)"),
        "storage": one(f"SELECT attstorage FROM pg_attribute WHERE attrelid = 'listings'::regclass "
                       f"AND attname = '{pg_schema.COLUMN}'"),
    }


def test_the_migration_makes_the_search_schema_create_all_makes(pg_search_app, pg_url, tmp_path) -> None:
    with pg_search_app.app_context(), db.engine.connect() as conn:
        made_by_models = _search_objects(conn)
    assert all(made_by_models.values()), made_by_models
    migrated_schema = pg_url + "_m"
    admin = sa.create_engine(os.environ["TEST_DATABASE_URL"])
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{migrated_schema}"'))
    try:
        migrated = build_app(make_config(tmp_path / "m", **in_schema(migrated_schema)),
                             create_schema=False)
        with migrated.app_context():
            upgrade()
            with db.engine.connect() as conn:
                made_by_migration = _search_objects(conn)
            db.engine.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{migrated_schema}" CASCADE'))
        admin.dispose()
    # The function names its schema: compare what follows it. A change to tracker/taxonomy.py's
    # names fails here until a migration replaces the function (and recomputes the column).
    made_by_migration["function"] = str(made_by_migration["function"]).replace(migrated_schema, pg_url)
    made_by_migration["index"] = str(made_by_migration["index"]).replace(migrated_schema, pg_url)
    made_by_migration["words"] = str(made_by_migration["words"]).replace(migrated_schema, pg_url)
    assert made_by_migration == made_by_models


def test_a_listing_is_searchable_in_the_transaction_that_writes_it(pg_search_app) -> None:
    with pg_search_app.test_request_context():
        source = Source(name="Feed", format="rss", location="/dev/null")
        db.session.add(Listing(source=source, external_id="1", title="Phlebotomy aide", organisation="Clinic",
                               kind="job", pathways=["healthcare"]))
        db.session.flush()  # no index call: the row's own column is the index
        assert [l.title for l in find_listings(ListingQuery(text="phlebotomy")).listings] == ["Phlebotomy aide"]
        db.session.rollback()
        assert find_listings(ListingQuery(text="phlebotomy")).total == 0


def test_kind_and_pathway_names_are_searchable_words(pg_search_app) -> None:
    with pg_search_app.test_request_context():
        add_listings({"title": "Lab helper", "kind": "internship", "pathways": ["stem"]}, {"title": "Cashier", "kind": "job"})
        assert [l.title for l in find_listings(ListingQuery(text="engineering internship")).listings] == ["Lab helper"]


def test_the_arrays_hold_each_value_as_the_documents_do(pg_search_app) -> None:
    with pg_search_app.test_request_context():
        today = site_today()
        rows = add_listings(
            {"pay_status": "paid", "pay_min": Decimal("10.5"), "pay_max": Decimal("12.25"), "pay_period": "hour"},
            {"pay_status": "paid", "pay_min": Decimal(36000), "pay_period": "year", "hours_per_week": 40,
             "pathways": ["stem", "healthcare", "no-such-pathway"], "min_grade": 9, "max_grade": 12},
            {"pay_status": "paid", "pay_min": Decimal(500), "pay_period": "total", "season": "school year",
             "latitude": 33.5, "longitude": -86.8},
            {"pay_status": "unpaid", "work_mode": None, "min_age": 16, "deadline": today + timedelta(days=3)},
            {"posted_at": None, "transit_routes": ["1"], "transport_provided": True, "work_mode": "remote"})
        state, _size = pg_arrays.PerDataVersion().get(db.session())
        arrays = state.columns
        for row in rows:
            at = int(np.flatnonzero(arrays.columns["listing_id"] == row.id)[0])
            document = document_for(row)
            for name in ("kind", "pay", "work_mode", "season"):
                names = {code: value for value, code in arrays.codes[name].items()}
                assert names[arrays.columns[name][at]] == document[name].decode(), (row.id, name)
            for name in ("min_age", "max_age", "min_grade", "max_grade", "hourly", "hours", "deadline", "posted", "lat"):
                assert arrays.columns[name][at] == document[name], (row.id, name)
            flags = {"age_stated": arrays.age_stated, "grade_stated": arrays.grade_stated, **arrays.access}
            assert {name: int(flag[at]) for name, flag in flags.items()} == {name: document[name] for name in flags}
            held = {p.slug for n, p in enumerate(taxonomy.PATHWAYS) if arrays.pathways[at, n]}
            assert held == set(document["pathway"].split(",")) & {p.slug for p in taxonomy.PATHWAYS}, row.id
            if row.latitude is not None:
                assert (arrays.latitude[at], arrays.longitude[at]) == (row.latitude, row.longitude)


@pytest.mark.parametrize("text", ["welding", "welding helper", "welding OR cashier", "welding NOT helper",
                                  '"welding helper"', "helper welding", "NOT welding", "the", "hands-on"])
def test_the_arrays_find_what_the_search_column_matches(pg_search_app, text) -> None:
    with pg_search_app.test_request_context():
        add_listings({"title": "Welding helper"}, {"title": "Helper", "description": "<p>Welding shop.</p>"},
                     {"title": "Cashier"}, {"title": "Hands-on welding"}, {"title": "Helper welding"})
        backend = search_app.backend()
        tsquery = backend.text_query(db.session(), text).tsquery
        condition = sa.literal_column(pg_schema.COLUMN).bool_op("@@")(sa.cast(tsquery, TSQUERY)) if tsquery else sa.true()
        expected = set(db.session.scalars(sa.select(Listing.id).where(Listing.visible(site_today()), condition)))
        assert backend.matching_ids(db.session(), ListingQuery(text=text), site_today()) == expected


def test_index_upkeep_is_a_check_and_ingest_catches_up_as_before(pg_search_app) -> None:
    from ingest.pipeline import run_sources
    from ingest.sources import load_sources

    with pg_search_app.app_context():
        reports = run_sources(load_sources(pg_search_app.config["SOURCES_FILE"]), site_today(), datetime.now(UTC))
        assert not [r for r in reports if r.failed]
        searchable = db.session.scalar(sa.select(sa.func.count()).select_from(Listing).where(Listing.visible(site_today())))
        assert reindex_all() == searchable
    runner = pg_search_app.test_cli_runner()
    verified = runner.invoke(args=["index", "verify"])
    assert verified.exit_code == 0 and "they agree" in verified.output
    reindexed = runner.invoke(args=["reindex"])
    assert reindexed.exit_code == 0 and f"Indexed {searchable} open listings" in reindexed.output
    html = pg_search_app.test_client().get("/search?q=nursng").get_data(as_text=True)
    assert "Did you mean" in html or "did you mean" in html.lower()


def test_a_page_holds_what_sorting_every_match_puts_first() -> None:
    # Ties on every key are common (equal ranks, the same day): they keep id order, as SQL's last key.
    rng = np.random.default_rng(7)
    for _ in range(500):
        size, wanted = int(rng.integers(1, 300)), int(rng.integers(1, 60))
        keys = [rng.integers(0, 4, size).astype(float) for _ in range(int(rng.integers(1, 3)))]
        assert list(pg_search._first(keys, wanted)) == list(np.lexsort(keys)[:wanted])
