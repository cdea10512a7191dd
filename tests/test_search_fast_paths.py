"""The fast paths into Whoosh's internals, their public-API twins, and the start-up probe between them."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from whoosh.filedb.structfile import BufferFile

from tests.conftest import build_app, make_config
from tests.factories import add_listings
from tracker.extensions import db
from tracker.listings import find_listings, reindex_all, update_index
from tracker.query import ListingQuery
from tracker.search import app as search_app
from tracker.search import probe
from tracker.search._whoosh_private import _COPYING_INIT, FastWhoosh
from tracker.search.readers import PublicWhoosh

QUERIES = [
    ListingQuery(), ListingQuery(text="nursing"), ListingQuery(text="help team", sort="newest"),
    ListingQuery(text='"payroll assistant"'), ListingQuery(text="nursng"), ListingQuery(text="clerk OR welding"),
    ListingQuery(kinds=("internship",), page=2), ListingQuery(pathways=("finance",), pay=("paid",)),
    ListingQuery(age=17, text="assistant"), ListingQuery(min_hourly=12, max_hours=20), ListingQuery(near="35203"),
]


def _answers(app) -> list[tuple[object, ...]]:
    with app.test_request_context():
        pages = [find_listings(q) for q in QUERIES]
        return [([r.id for r in p.listings], p.total, p.facets, p.suggestion, p.distances) for p in pages]


def _fill(app) -> None:
    now = datetime.now(timezone.utc)
    roles = ["Nursing", "Welding", "Payroll", "Library"]
    with app.test_request_context():
        rows = add_listings(*({"title": f"{role} assistant {n}", "description": f"<p>Help the {role.lower()} team, shift {n}.</p>",
                        "posted_at": now - timedelta(hours=n), "pathways": ["finance" if n % 3 else "healthcare"],
                        "pay_status": ("paid", "unpaid", "unknown")[n % 3], "pay_min": 10 + n % 8, "pay_period": "hour",
                        "min_age": 16 if n % 2 else None, "max_age": 18 if n % 2 else None, "hours_per_week": 10 + n % 25,
                        "zip": "35203", "latitude": 33.52 + n / 1000, "longitude": -86.81, "kind": ("internship", "job")[n % 2]}
                       for n, role in enumerate(roles * 8)))

        # Deletions and a second segment, as an ingest leaves them.
        for row in (rows[0], rows[4]):
            row.remove(now)
        db.session.commit()
        update_index([rows[0], rows[4]])


def test_the_fast_paths_agree_with_the_public_api_on_this_whoosh() -> None:
    assert probe.compare(FastWhoosh(), PublicWhoosh()) == []
    assert isinstance(probe.chosen_access(), FastWhoosh)


@pytest.mark.parametrize("rebuild_with", ["fast", "public"])
def test_searches_find_the_same_with_the_fast_paths_on_and_off(tmp_path, monkeypatch, rebuild_with) -> None:
    fast = build_app(make_config(tmp_path))
    public = build_app(make_config(tmp_path, SEARCH_FAST_PATHS=False), create_schema=False)
    assert isinstance(public.extensions["search"].access, PublicWhoosh)
    _fill(fast)
    incremental = _answers(fast)
    assert incremental == _answers(public)
    monkeypatch.setattr("tracker.search.rebuild_processes", lambda expected: 2)
    with (fast if rebuild_with == "fast" else public).test_request_context():
        assert reindex_all() == 30
    for app in (fast, public):
        app.extensions["search"].forget_open_index()
    rebuilt = _answers(fast)
    assert rebuilt == _answers(public)
    # A rebuild drops deleted documents and renumbers: same listings, same order.
    assert [a[:4] for a in rebuilt] == [a[:4] for a in incremental]
    for app in (fast, public):
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def fresh_probe(monkeypatch):
    # Alembic's logging setup (an in-process `db upgrade` in other tests) disables loggers that exist.
    monkeypatch.setattr(logging.getLogger("tracker.search.probe"), "disabled", False)
    probe.chosen_access.cache_clear()
    yield
    probe.chosen_access.cache_clear()


def test_a_fast_path_that_reads_otherwise_falls_back_with_one_warning(fresh_probe, monkeypatch, caplog) -> None:
    real = FastWhoosh.numeric_column
    monkeypatch.setattr(FastWhoosh, "numeric_column", lambda self, leaf, name: real(self, leaf, name) + 1)
    with caplog.at_level(logging.WARNING, logger="tracker.search.probe"):
        chosen = probe.chosen_access()
        assert probe.chosen_access() is chosen  # probed once per process
    assert type(chosen) is PublicWhoosh
    assert BufferFile.__init__ is _COPYING_INIT  # Whoosh's own reading of in-memory files too
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "column listing_id" in warnings[0].getMessage()


def test_a_whoosh_without_the_internals_still_starts_and_searches(fresh_probe, monkeypatch, tmp_path, caplog) -> None:
    def gone(*args, **kwargs):
        raise AttributeError("'W3LeafMatcher' object has no attribute '_read_ids'")

    for name in ("postings", "doc_ids", "positions", "content_lengths", "write_segments"):
        monkeypatch.setattr(FastWhoosh, name, gone)
    with caplog.at_level(logging.WARNING, logger="tracker.search.probe"):
        app = build_app(make_config(tmp_path))
    assert "using Whoosh's public API" in caplog.text
    _fill(app)
    with app.test_request_context():
        assert reindex_all() == 30
    client = app.test_client()
    for url in ("/search?q=nursing", '/search?q="payroll+assistant"', "/search?pathway=finance&age=17", "/api/v1/listings?q=help"):
        assert client.get(url).status_code == 200, url
    assert "Nursing assistant" in client.get("/search?q=nursing").get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()


def test_the_public_twins_read_deleted_documents_as_gone(tmp_path) -> None:
    app = build_app(make_config(tmp_path))
    _fill(app)
    with app.test_request_context():
        reader = search_app.get_searcher().reader()
        for access in (FastWhoosh(), PublicWhoosh()):
            deleted = np.concatenate([access.deleted(leaf) + offset for leaf, offset in reader.leaf_readers()])
            assert deleted.tolist() == [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
            assert len(deleted) == 2
    with app.app_context():
        db.engine.dispose()


def test_a_searcher_reads_compound_segment_files_in_place(tmp_path) -> None:
    import tracemalloc

    from tracker.search._whoosh_private import read_buffers_in_place

    app = build_app(make_config(tmp_path))
    _fill(app)
    with app.test_request_context():
        assert reindex_all() == 30
        backend = search_app.backend()
        segment_bytes = sum(f.stat().st_size for f in backend.generation().glob("*.seg"))
        assert segment_bytes > 0  # compound files, read through BufferFile

        def opening_peak(in_place: bool) -> int:
            read_buffers_in_place(in_place)
            backend.forget_open_index()
            tracemalloc.start()
            try:
                with backend.open_index().searcher() as searcher:
                    assert searcher.doc_count() == 30
                    return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        try:
            copied, in_place = opening_peak(False), opening_peak(True)
        finally:
            read_buffers_in_place(True)
        # Whoosh's own BufferFile copies every part of the file (BytesIO); in place, none.
        assert copied - in_place > segment_bytes / 2, (copied, in_place, segment_bytes)
        assert find_listings(ListingQuery(text="nursing")).total > 0
    with app.app_context():
        db.engine.dispose()


def _segment_pages_resident(generation) -> int:
    """Kilobytes of this process's mappings of ``generation``'s segment files that are resident."""
    total, current = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if "-" in fields[0] and len(fields) >= 5 and ":" in fields[3]:  # a mapping's header line
            current = len(fields) > 5 and fields[5].startswith(str(generation)) and fields[5].endswith(".seg")
        elif current and fields[0] == "Rss:":
            total += int(fields[1])
    return total


def test_read_segment_pages_leave_the_worker_and_reads_stay_the_same(tmp_path) -> None:
    app = build_app(make_config(tmp_path))
    _fill(app)
    with app.test_request_context():
        assert reindex_all() == 30
        backend = search_app.backend()
        assert isinstance(backend.access, FastWhoosh)
        searcher = backend.reader()
        before = _answers(app)
        leaves = searcher.reader().leaf_readers()
        for leaf, _offset in leaves:  # touch every page of the mapped files
            leaf._storage.a._source.read()
        assert _segment_pages_resident(backend.generation()) > 0
        for leaf, _offset in leaves:
            backend.access.release_pages(leaf)
        assert _segment_pages_resident(backend.generation()) == 0
        assert _answers(app) == before
        PublicWhoosh().release_pages(leaves[0][0])  # the public twin: nothing to let go
    with app.app_context():
        db.engine.dispose()


def test_the_probe_keeps_its_scratch_files_apart_from_other_processes(monkeypatch, tmp_path) -> None:
    # Whoosh's own in-memory storage writes scratch files to <temp dir>/MAIN.tmp, shared by
    # every process: another process's probe could delete them mid-write. Here that path
    # is taken (by a file), so a probe using it fails and falls back to the public API.
    import tempfile

    from tracker.search import probe
    from tracker.search._whoosh_private import FastWhoosh

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    (tmp_path / "MAIN.tmp").write_text("another process's")
    probe.chosen_access.cache_clear()
    try:
        assert isinstance(probe.chosen_access(), FastWhoosh), probe.DIFFERENCES
    finally:
        probe.chosen_access.cache_clear()
    assert (tmp_path / "MAIN.tmp").read_text() == "another process's"
    assert not [p for p in tmp_path.iterdir() if p.name != "MAIN.tmp"], "scratch directories are removed"
