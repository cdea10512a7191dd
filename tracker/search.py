"""The search index: the only module that imports Whoosh.

The index is derived from the database and can always be rebuilt from it. It lives in
generations under INDEX_DIR (``gen-<stamp>/``) behind a ``current`` symlink, so a rebuild
fills a new generation and swaps the link atomically while searches go on.
"""
from __future__ import annotations

import os
import re
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from flask import Flask, current_app, g
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.index import LockError
from whoosh.qparser import AndGroup, MultifieldParser, plugins
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from tracker import taxonomy
from tracker.models import Listing
from tracker.query import ListingQuery

ANALYZER = StemmingAnalyzer()
TEXT_FIELDS = ("title", "organisation", "tags", "description")
# Unstated ages are indexed as the widest range, so "I am 16" keeps listings that say nothing.
AGE_FLOOR, AGE_CEILING = 0, 99
# Listings with no deadline sort after every dated one.
NO_DEADLINE = date.max.toordinal()
# Deeper pages cost a collector that grows with page x page length; nobody reads page 100.
MAX_PAGE = 100
PARALLEL_REBUILD_FROM = 2000

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    title=TEXT(analyzer=ANALYZER, field_boost=3.0),
    organisation=TEXT(analyzer=ANALYZER, field_boost=2.0),
    # The kind and pathway names, so "internship" finds internships that never say the word.
    tags=TEXT(analyzer=ANALYZER, field_boost=1.5),
    description=TEXT(analyzer=ANALYZER),
    kind=ID(sortable=True),
    pathway=KEYWORD(commas=True),
    pay=ID(sortable=True),
    work_mode=ID(sortable=True),
    min_age=NUMERIC(int, sortable=True),
    max_age=NUMERIC(int, sortable=True),
    deadline=NUMERIC(int, sortable=True),
    posted=NUMERIC(int, sortable=True),
)

# The facets shown beside results: URL parameter name -> index field.
FACET_FIELDS: Mapping[str, str] = {
    "kinds": "kind",
    "pathways": "pathway",
    "pay": "pay",
    "work_modes": "work_mode",
}


class IndexBusy(RuntimeError):
    """Another process holds the index writer lock for longer than the timeout."""


@dataclass
class SearchResult:
    ids: list[int]
    total: int
    page: int
    page_count: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    deadline_counts: dict[int, int] = field(default_factory=dict)


def init_app(app: Flask) -> None:
    """Close the request's searcher at teardown."""
    app.teardown_appcontext(_close_searcher)


# --- storage -------------------------------------------------------------------------

def _current_link(index_dir: str) -> Path:
    return Path(index_dir) / "current"


def _new_generation(index_dir: str) -> Path:
    root = Path(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir()
    whoosh_index.create_in(str(path), SCHEMA)
    return path


def _point_current_at(index_dir: str, generation: Path) -> None:
    link = _current_link(index_dir)
    tmp = link.with_name(f".current-{os.getpid()}-{time.monotonic_ns()}")
    tmp.symlink_to(generation.name)
    os.replace(tmp, link)  # atomic: readers see the old or the new index, never neither


def _drop_old_generations(index_dir: str, keep: Path) -> None:
    for path in Path(index_dir).glob("gen-*"):
        if path.name != keep.name:
            # Open searchers keep their files alive on POSIX until they close.
            shutil.rmtree(path, ignore_errors=True)


def ensure_index(index_dir: str | None = None) -> None:
    """Create an empty index if there is none."""
    index_dir = index_dir or current_app.config["INDEX_DIR"]
    if not _current_link(index_dir).exists():
        _point_current_at(index_dir, _new_generation(index_dir))


_open_indexes: dict[str, Any] = {}


def open_index(index_dir: str | None = None) -> Any:
    """Return the current index, creating it when missing; cached per process and generation."""
    index_dir = index_dir or current_app.config["INDEX_DIR"]
    ensure_index(index_dir)
    target = os.path.realpath(_current_link(index_dir))
    ix = _open_indexes.get(target)
    if ix is None:
        ix = whoosh_index.open_dir(target)
        _open_indexes.clear()  # older generations are gone or going
        _open_indexes[target] = ix
    return ix


def get_searcher() -> Searcher:
    """Return this request's searcher, opened on first use."""
    if "searcher" not in g:
        g.searcher = open_index().searcher()
    return g.searcher


def _close_searcher(exc: BaseException | None = None) -> None:
    searcher = g.pop("searcher", None)
    if searcher is not None:
        searcher.close()


# --- writing --------------------------------------------------------------------------

def document_for(listing: Listing) -> dict[str, Any]:
    """Return the index document for one listing."""
    return {
        "id": str(listing.id),
        "title": listing.title,
        "organisation": listing.organisation,
        "tags": " ".join([taxonomy.label(taxonomy.KINDS, listing.kind)]
                         + [taxonomy.label(taxonomy.PATHWAYS, p) for p in listing.pathways or []]),
        "description": _strip_tags(listing.description),
        "kind": listing.kind,
        "pathway": ",".join(listing.pathways or []),
        "pay": listing.pay_status,
        "work_mode": listing.work_mode or "unknown",
        "min_age": listing.min_age if listing.min_age is not None else AGE_FLOOR,
        "max_age": listing.max_age if listing.max_age is not None else AGE_CEILING,
        "deadline": listing.deadline.toordinal() if listing.deadline else NO_DEADLINE,
        "posted": int((listing.posted_at or listing.first_seen_at).timestamp()),
    }


def _strip_tags(html: str) -> str:
    # The description is already sanitized HTML; tags only need to stay out of the terms.
    return re.sub(r"<[^>]+>", " ", html or "")


@contextmanager
def writer(index_dir: str | None = None) -> Iterator[SegmentWriter]:
    """Yield an index writer that commits on success and cancels (and re-raises) on error."""
    timeout = current_app.config["INDEX_WRITER_TIMEOUT"]
    try:
        w = open_index(index_dir).writer(timeout=timeout)
    except LockError as exc:
        raise IndexBusy(f"the search index is locked by another writer (waited {timeout:g}s)") from exc
    try:
        yield w
    except BaseException:
        w.cancel()
        raise
    w.commit()


def apply_changes(documents: Iterable[dict[str, Any]], deletions: Iterable[int]) -> None:
    """Add or replace ``documents`` (from document_for) and remove ``deletions`` (ids) in one commit."""
    with writer() as w:
        for listing_id in deletions:
            w.delete_by_term("id", str(listing_id))
        for document in documents:
            w.update_document(**document)


def rebuild(listings: Iterable[Listing], expected: int = 0, index_dir: str | None = None) -> int:
    """Build a fresh index from ``listings`` in a new generation and swap it in."""
    index_dir = index_dir or current_app.config["INDEX_DIR"]
    generation = _new_generation(index_dir)
    ix = whoosh_index.open_dir(str(generation))
    count = 0
    # Analysis dominates indexing; worker processes split it across cores (about 2x on
    # two cores). Each worker writes its own segment, so skip the final merge. Small
    # rebuilds are faster in one process than the cost of starting workers.
    procs = min(os.cpu_count() or 1, 4) if expected >= PARALLEL_REBUILD_FROM else 1
    w = ix.writer(limitmb=256, procs=procs, multisegment=True) if procs > 1 else ix.writer(limitmb=256)
    try:
        for listing in listings:
            w.add_document(**document_for(listing))
            count += 1
    except BaseException:
        w.cancel()
        shutil.rmtree(generation, ignore_errors=True)
        raise
    w.commit()
    _point_current_at(index_dir, generation)
    _drop_old_generations(index_dir, keep=generation)
    return count


# --- searching ------------------------------------------------------------------------

def _parser() -> MultifieldParser:
    parser = MultifieldParser(list(TEXT_FIELDS), SCHEMA, group=AndGroup)
    # Students type words, not query syntax: no field names (they would reach hidden
    # fields), no wildcards or ranges (unbounded term expansion), no boosts.
    for plugin in (plugins.FieldsPlugin, plugins.WildcardPlugin, plugins.RangePlugin,
                   plugins.BoostPlugin, plugins.GtLtPlugin):
        parser.remove_plugin_class(plugin)
    return parser


def text_query(text: str) -> wq.Query:
    """Parse what a person typed into a query; never raises."""
    if not text.strip():
        return wq.Every()
    try:
        parsed = _parser().parse(text)
    except Exception:  # the parser is forgiving, but a syntax error must never reach a person
        parsed = wq.NullQuery
    if parsed is wq.NullQuery:
        # Operators alone ("AND OR") or a failed parse: fall back to the plain words.
        words = [token.text for token in ANALYZER(text)]
        if not words:
            return wq.Every()
        return wq.And([wq.Or([wq.Term(f, word) for f in TEXT_FIELDS]) for word in words])
    return parsed


def _filters(query: ListingQuery, today: date, skip: str | None = None) -> wq.Query:
    clauses: list[wq.Query] = [wq.NumericRange("deadline", today.toordinal(), None)]
    for param, fieldname in FACET_FIELDS.items():
        values = getattr(query, param)
        if values and param != skip:
            clauses.append(wq.Or([wq.Term(fieldname, v) for v in values]))
    if query.age is not None:
        clauses.append(wq.NumericRange("min_age", None, query.age))
        clauses.append(wq.NumericRange("max_age", query.age, None))
    if query.deadline_within is not None and skip != "deadline_within":
        clauses.append(wq.NumericRange("deadline", today.toordinal(), today.toordinal() + query.deadline_within))
    return wq.And(clauses)


def _sort_facet(query: ListingQuery) -> Any:
    if query.sort == "deadline":
        return sorting.MultiFacet([sorting.FieldFacet("deadline"), sorting.FieldFacet("posted", reverse=True)])
    if query.sort == "newest" or (query.sort == "relevance" and not query.text.strip()):
        return sorting.FieldFacet("posted", reverse=True)
    return None  # relevance


def _facet(fieldname: str) -> sorting.FieldFacet:
    return sorting.FieldFacet(fieldname, allow_overlap=(fieldname == "pathway"), maptype=sorting.Count)


def _deadline_facet(today: date, windows: Iterable[int]) -> sorting.QueryFacet:
    start = today.toordinal()
    return sorting.QueryFacet(
        {days: wq.NumericRange("deadline", start, start + days) for days in windows},
        allow_overlap=True, maptype=sorting.Count,
    )


def search(query: ListingQuery, today: date, page_length: int) -> SearchResult:
    """Run ``query`` and return one page of listing ids with facet counts."""
    searcher = get_searcher()
    q = text_query(query.text)
    page = min(query.page, MAX_PAGE)

    # Counts for a facet leave out that facet's own filter, so choosing "internship"
    # still shows how many jobs there are (each facet then needs its own pass).
    own_pass = [p for p in FACET_FIELDS if getattr(query, p)]
    in_main = {p: FACET_FIELDS[p] for p in FACET_FIELDS if p not in own_pass}
    groupedby = sorting.Facets()
    for param, fieldname in in_main.items():
        groupedby.add_facet(param, _facet(fieldname))
    windows = ListingQuery.DEADLINE_WINDOWS
    if query.deadline_within is None:
        groupedby.add_facet("deadline_within", _deadline_facet(today, windows))

    results = searcher.search_page(
        q, page, pagelen=page_length, filter=_filters(query, today),
        sortedby=_sort_facet(query), groupedby=groupedby,
    )
    facets = {param: dict(results.results.groups(param)) for param in in_main}
    deadline_counts = dict(results.results.groups("deadline_within")) if query.deadline_within is None else {}

    for param in own_pass:
        extra = searcher.search(q, filter=_filters(query, today, skip=param), limit=1,
                                groupedby={param: _facet(FACET_FIELDS[param])})
        facets[param] = dict(extra.groups(param))
    if query.deadline_within is not None:
        extra = searcher.search(q, filter=_filters(query, today, skip="deadline_within"), limit=1,
                                groupedby={"deadline_within": _deadline_facet(today, windows)})
        deadline_counts = dict(extra.groups("deadline_within"))

    # Whoosh shows the last page when asked for one past it.
    page_count = max(1, min(MAX_PAGE, results.pagecount))
    return SearchResult(ids=[int(hit["id"]) for hit in results], total=results.total,
                        page=max(1, results.pagenum), page_count=page_count,
                        facets=facets, deadline_counts=deadline_counts)


def indexed_count() -> int:
    """Return how many documents the current index holds."""
    return int(get_searcher().doc_count())
