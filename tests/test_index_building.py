"""Building the index fast must not change what it holds: analysis, parallel rebuilds, vocabulary."""
from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.fields import TEXT

from tests.factories import add_listings
from tracker import search, taxonomy
from tracker.search import app as search_app
from tracker.search import rebuilding
from tracker.search.analysis import ANALYZER
from tracker.search.columns import Snapshot
from tracker.search.schema import CATEGORICAL, NUMERIC_COLUMNS, SCHEMA
from tracker.search.scoring import ArrayCache, TermScores
from tracker.search.vocabulary import Vocabulary
from tracker.listings import find_listings, reindex_all
from tracker.query import ListingQuery

WHOOSH_TEXT = TEXT(analyzer=ANALYZER)  # the slow path the fast one replaces


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


def index_terms(field, text: str) -> list:
    return sorted(field.index(text))


@pytest.mark.parametrize("text", [
    "", "the a an of", "Nursing assistants assist nurses; the nurse's NURSING role.",
    "e.g. U.S.A. 3.14 a.b.c *star* wild*card", "İstanbul ﬁle straße ÀÉÎ", "x y z a b c",
    "Title Title Title\nOrganisation Organisation\ninternship healthcare\n<p>hands-on work</p>",
])
def test_fast_analysis_gives_exactly_whooshs_terms_positions_and_weights(text) -> None:
    assert index_terms(SCHEMA["content"], text) == index_terms(WHOOSH_TEXT, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
       | st.lists(st.sampled_from(["the", "a", "Nurse", "nursing", "U.S.", "3.5", "co-op", "*", "ÉTÉ", "\n", " "]),
                  max_size=60).map(" ".join))
def test_fast_analysis_matches_whoosh_on_any_text(text) -> None:
    assert index_terms(SCHEMA["content"], text) == index_terms(WHOOSH_TEXT, text)


def test_non_text_values_take_whooshs_own_path() -> None:
    words = ["Nursing", "assistant"]
    assert index_terms(SCHEMA["content"], words) == index_terms(WHOOSH_TEXT, words)


def many_listings(count: int) -> None:
    # Posted hours apart, all in the last week: no listing sits on a "posted within"
    # boundary that the clock could cross between two searches.
    now = datetime.now(timezone.utc)
    add_listings(*({"title": f"{role} assistant {n}", "description": f"<p>Help the {role.lower()} team, shift {n}.</p>",
                    "posted_at": now - timedelta(hours=n)}
                   for n, role in enumerate(["Nursing", "Welding", "Payroll", "Library"] * (count // 4))))


def forking_rebuilds() -> None:
    """Fail clearly, not by the test run dying, when the probe chose Whoosh's public API (which rebuilds in-process)."""
    from tracker.search import probe
    from tracker.search._whoosh_private import FastWhoosh

    assert isinstance(search_app.backend().access, FastWhoosh), f"the start-up probe found {probe.DIFFERENCES}"


def results(query: ListingQuery) -> list[tuple[str, int]]:
    found = find_listings(query)
    return [listing.title for listing in found.listings], found.total, found.facets


@pytest.mark.parametrize("processes", [2, 3])
def test_a_parallel_rebuild_finds_what_a_single_process_rebuild_finds(ctx, monkeypatch, processes) -> None:
    forking_rebuilds()
    many_listings(40)
    queries = [ListingQuery(), ListingQuery(text="nursing"), ListingQuery(text="help team", sort="newest"),
               ListingQuery(text='"payroll assistant"'), ListingQuery(kinds=("internship",), page=2)]
    monkeypatch.setattr(search, "rebuild_processes", lambda expected: 1)
    assert reindex_all() == 40
    single = [results(q) for q in queries]
    monkeypatch.setattr(search, "rebuild_processes", lambda expected: processes)
    assert reindex_all() == 40
    with search_app.backend().open_index().searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == processes  # one segment per process
    assert [results(q) for q in queries] == single
    assert find_listings(ListingQuery(text="nursng")).suggestion == "nursing"


def test_a_failing_rebuild_process_fails_the_rebuild_and_keeps_the_index(ctx, monkeypatch) -> None:
    forking_rebuilds()
    many_listings(8)
    before = search_app.backend().generation()
    good = search.rebuild

    def broken_part():
        raise ValueError("the database went away")
        yield  # a generator, like the real readers

    monkeypatch.setattr(search, "rebuild", lambda parts, **kw: good([parts[0], broken_part], **kw))
    with pytest.raises(RuntimeError, match="a rebuild process failed: ValueError: the database went away"):
        reindex_all()
    assert search_app.backend().generation() == before
    assert [p.name for p in before.parent.glob("gen-*")] == [before.name]  # the half-built one is gone
    assert find_listings(ListingQuery(text="nursing")).total == 2


def test_a_rebuild_process_that_dies_is_reported(ctx, monkeypatch) -> None:
    forking_rebuilds()
    many_listings(4)
    good = search.rebuild

    def dying_part():
        os._exit(3)
        yield

    monkeypatch.setattr(search, "rebuild", lambda parts, **kw: good([parts[0], dying_part], **kw))
    with pytest.raises(RuntimeError, match="exited with code 3"):
        reindex_all()


def test_did_you_mean_knows_words_added_after_the_rebuild(ctx) -> None:
    add_listings({"title": "Pharmacy technician"})
    reindex_all()
    add_listings({"title": "Phlebotomy trainee"})  # an ingest after the rebuild
    assert find_listings(ListingQuery(text="phlebotmy")).suggestion == "phlebotomy"
    assert find_listings(ListingQuery(text="pharmasy")).suggestion == "pharmacy"


def test_did_you_mean_prefers_the_word_more_listings_use(ctx) -> None:
    add_listings({"title": "Councilor aide"}, {"title": "Councilor intern"}, {"title": "Counselor aide"})
    # "counsilor" is one letter from both; two listings say "councilor" (which also
    # sorts first, where a plain word list would take the last).
    assert find_listings(ListingQuery(text="counsilor")).suggestion == "councilor"


def test_the_vocabulary_survives_a_round_trip(tmp_path) -> None:
    words = Vocabulary()
    words.add("Nursing nursing assistant, co-op 2026 É")
    words.add("Nursing aide")
    words.save(tmp_path)
    assert Vocabulary.load(tmp_path).counts == {"nursing": 2, "assistant": 1, "aide": 1}
    assert Vocabulary.load(tmp_path / "missing").counts == {}


def test_the_postings_cache_is_bounded_in_bytes_and_drops_the_oldest() -> None:
    import numpy as np

    cache = ArrayCache(limit=1000)
    cache.put("common", (np.zeros(100, dtype=np.int32), np.zeros(100, dtype=np.float32)))  # 800 bytes
    cache.put("rare", (np.zeros(10, dtype=np.int32),))
    assert cache.get("common") is not None and cache.bytes == 840
    cache.put("another", (np.zeros(50, dtype=np.int32),))  # 1,040 bytes: over the bound
    assert cache.get("common") is None and cache.get("rare") is not None and cache.bytes == 240
    cache.put("huge", (np.zeros(1000, dtype=np.int64),))  # alone over the bound: kept, the rest go
    assert cache.get("huge") is not None and cache.get("rare") is None


def test_a_large_share_is_written_as_several_segments_with_the_same_results(ctx, monkeypatch) -> None:
    many_listings(24)
    monkeypatch.setattr(search, "rebuild_processes", lambda expected: 1)
    reindex_all()
    whole = [results(q) for q in (ListingQuery(), ListingQuery(text="nursing"), ListingQuery(text='"payroll assistant"'))]
    monkeypatch.setattr(rebuilding, "SEGMENT_LISTINGS", 5)
    monkeypatch.setattr(search, "rebuild_processes", lambda expected: 2)
    assert reindex_all() == 24
    with search_app.backend().open_index().searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 6  # 12 a process, 5 + 5 + 2 each
    assert [results(q) for q in (ListingQuery(), ListingQuery(text="nursing"), ListingQuery(text='"payroll assistant"'))] == whole
    assert Vocabulary.load(search_app.backend().generation()).counts["nursing"] == 6


def test_a_rebuild_of_nothing_gives_an_empty_index(ctx, monkeypatch) -> None:
    monkeypatch.setattr(search, "rebuild_processes", lambda expected: 2)
    assert reindex_all() == 0
    assert find_listings(ListingQuery()).total == 0


def test_filter_columns_read_whole_equal_whooshs_own_column_readers(ctx) -> None:
    import numpy as np

    # Several segments (each add is a commit), a deleted document, and values equal to a
    # column's default (0), which Whoosh does not write at the end of a column.
    first = add_listings({"title": "Unpaid", "pay_status": "unpaid", "min_age": 0, "work_mode": "remote"},
                         {"title": "Paid", "pay_status": "paid", "pay_min": 15, "pay_period": "hour", "min_age": 16})
    add_listings({"title": "Hybrid", "work_mode": "hybrid", "season": "summer"}, {"title": "Unpaid too", "pay_status": "unpaid"})
    search.apply_changes([], [first[1].id])
    searcher = search_app.get_searcher()
    reader = searcher.reader()
    assert len(reader.leaf_readers()) > 1 and reader.doc_count() < reader.doc_count_all()
    snap = Snapshot(searcher.reader(), search_app.backend().access)
    for name in NUMERIC_COLUMNS:
        assert snap.columns[name].tolist() == list(reader.column_reader(name)), name
    for name in CATEGORICAL:
        by_code = {code: value for value, code in snap.codes[name].items()}
        assert [by_code[code] for code in snap.columns[name].tolist()] == [
            value.decode() for value in reader.column_reader(name)], name
    assert snap.age_stated.tolist() == [bool(v) for v in reader.column_reader("age_stated")]
    assert np.count_nonzero(snap.live) == reader.doc_count()


def test_document_lengths_read_whole_equal_whooshs_per_document_lengths(ctx, monkeypatch) -> None:
    from whoosh.reading import SegmentReader

    first = add_listings({"title": "Short"}, {"title": "A much longer title", "description": "<p>" + "word " * 300 + "</p>"})
    add_listings({"title": "Another segment", "description": "<p>Some words here.</p>"})
    search.apply_changes([], [first[0].id])
    searcher = search_app.get_searcher()
    expected = [leaf.doc_field_length(d, "content", 0)
                for leaf, _offset in searcher.reader().leaf_readers() for d in range(leaf.doc_count_all())]
    monkeypatch.setattr(SegmentReader, "doc_field_length", lambda *a, **k: pytest.fail("read a document at a time"))
    assert TermScores(searcher.reader(), search_app.backend().access).lengths.tolist() == expected
    assert max(expected) > 255  # past one byte: the logarithmic code is exercised


def test_pathway_masks_and_live_documents_read_whole_equal_whooshs(ctx) -> None:
    first = add_listings({"title": "Both", "pathways": ["finance", "healthcare"]}, {"title": "Money", "pathways": ["finance"]})
    add_listings({"title": "Care", "pathways": ["healthcare"]})
    search.apply_changes([], [first[1].id])  # "Money" deleted
    searcher = search_app.get_searcher()
    snap = Snapshot(searcher.reader(), search_app.backend().access)
    assert snap.live.tolist() == [not searcher.reader().is_deleted(d) for d in range(searcher.reader().doc_count_all())]
    for column, pathway in enumerate(taxonomy.PATHWAYS):
        from whoosh import query as wq

        whoosh_docs = set(searcher.docs_for_query(wq.Term("pathway", pathway.slug)))
        assert {int(d) for d in snap.pathways[:, column].nonzero()[0] if snap.live[d]} == whoosh_docs, pathway.slug
    assert find_listings(ListingQuery(pathways=("finance",))).total == 1


class _UnreapedChild:
    """A child that has died (its pipe closed) but is not reaped until joined."""

    def __init__(self) -> None:
        self.exitcode: int | None = None

    def join(self) -> None:
        self.exitcode = 3


class _ClosedPipe:
    def recv(self) -> object:
        raise EOFError


def test_a_dead_rebuild_process_is_reaped_before_its_exit_code_is_read() -> None:
    # The race behind "exited with code None": the pipe closes before the child is reaped.
    with pytest.raises(RuntimeError, match="exited with code 3"):
        rebuilding._child_result(_UnreapedChild(), _ClosedPipe())
