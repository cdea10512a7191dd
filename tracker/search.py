"""The search index: the only module that imports Whoosh.

The index is derived from the database and can always be rebuilt from it. It lives in
generations under INDEX_DIR (``gen-<stamp>/``) behind a ``current`` symlink, so a rebuild
fills a new generation and swaps the link atomically while searches go on.
"""
from __future__ import annotations

import html as html_lib
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
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.index import LockError
from whoosh.qparser import AndGroup, MultifieldParser, plugins
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.highlight import highlight as whoosh_highlight
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from tracker import geo, synonyms, taxonomy
from tracker.models import Listing
from tracker.query import ListingQuery

ANALYZER = StemmingAnalyzer()
SPELL_ANALYZER = StandardAnalyzer(minsize=3)
TEXT_FIELDS = ("title", "organisation", "tags", "description")
# Unstated ages are indexed as the widest range, so "I am 16" keeps listings that say nothing.
AGE_FLOOR, AGE_CEILING = 0, 99
# Listings with no deadline sort after every dated one.
NO_DEADLINE = date.max.toordinal()
# Listings with no known place (remote, or no ZIP) sit far outside any search circle.
NO_PLACE = 999.0
COORDINATE_SCALE = 100_000
# Deeper pages cost a collector that grows with page x page length; nobody reads page 100.
MAX_PAGE = 50
PARALLEL_REBUILD_FROM = 2000

SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    title=TEXT(analyzer=ANALYZER, field_boost=3.0),
    organisation=TEXT(analyzer=ANALYZER, field_boost=2.0),
    # The kind and pathway names, so "internship" finds internships that never say the word.
    tags=TEXT(analyzer=ANALYZER, field_boost=1.5),
    description=TEXT(analyzer=ANALYZER),
    # Unstemmed words, only for "did you mean": suggestions must be real words.
    spell=TEXT(analyzer=SPELL_ANALYZER),
    kind=ID(sortable=True),
    pathway=KEYWORD(commas=True),
    pay=ID(sortable=True),
    work_mode=ID(sortable=True),
    season=ID(sortable=True),
    age_stated=ID,
    grade_stated=ID,
    min_age=NUMERIC(int, sortable=True),
    max_age=NUMERIC(int, sortable=True),
    min_grade=NUMERIC(int, sortable=True),
    max_grade=NUMERIC(int, sortable=True),
    # Cents an hour, and degrees x 100,000: Whoosh's sortable float columns fail to write.
    hourly=NUMERIC(int, sortable=True),
    hours=NUMERIC(int, sortable=True),
    deadline=NUMERIC(int, sortable=True),
    posted=NUMERIC(int, sortable=True),
    lat=NUMERIC(int, sortable=True),
    lon=NUMERIC(int, sortable=True),
)

# The facets shown beside results: URL parameter name -> index field.
FACET_FIELDS: Mapping[str, str] = {
    "kinds": "kind",
    "pathways": "pathway",
    "pay": "pay",
    "work_modes": "work_mode",
    "seasons": "season",
}


class IndexBusy(RuntimeError):
    """Another process holds the index writer lock for longer than the timeout."""


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

PERIOD_HOURS = {"hour": 1.0, "week": 40.0, "month": 173.33, "year": 2080.0}
NOT_STATED = -1


def hourly_cents(listing: Listing) -> int:
    """Return the best hourly pay a listing states, in cents; 0 unpaid; NOT_STATED when unknown or a stipend."""
    if listing.pay_status == taxonomy.UNPAID:
        return 0
    amount = listing.pay_max if listing.pay_max is not None else listing.pay_min
    hours = PERIOD_HOURS.get(listing.pay_period or "")
    if listing.pay_status != taxonomy.PAID or amount is None or hours is None:
        return NOT_STATED  # a stipend for a whole program is not an hourly rate
    return round(float(amount) * 100 / hours)


def _scaled(degrees: float | None) -> int:
    return round((degrees if degrees is not None else NO_PLACE) * COORDINATE_SCALE)


def document_for(listing: Listing) -> dict[str, Any]:
    """Return the index document for one listing."""
    kind_label = taxonomy.label(taxonomy.KINDS, listing.kind)
    pathway_labels = [taxonomy.label(taxonomy.PATHWAYS, p) for p in listing.pathways or []]
    description = _strip_tags(listing.description)
    age_stated = listing.min_age is not None or listing.max_age is not None
    grade_stated = listing.min_grade is not None or listing.max_grade is not None
    return {
        "id": str(listing.id),
        "title": listing.title,
        "organisation": listing.organisation,
        "tags": " ".join([kind_label] + pathway_labels),
        "description": description,
        "spell": " ".join([listing.title, listing.organisation, kind_label, *pathway_labels, description]),
        "kind": listing.kind,
        "pathway": ",".join(listing.pathways or []),
        "pay": listing.pay_status,
        "work_mode": listing.work_mode or "unknown",
        "season": (listing.season or "none").replace(" ", "-"),
        "age_stated": "y" if age_stated else "n",
        "grade_stated": "y" if grade_stated else "n",
        "min_age": listing.min_age if listing.min_age is not None else AGE_FLOOR,
        "max_age": listing.max_age if listing.max_age is not None else AGE_CEILING,
        "min_grade": listing.min_grade if listing.min_grade is not None else AGE_FLOOR,
        "max_grade": listing.max_grade if listing.max_grade is not None else AGE_CEILING,
        "hourly": hourly_cents(listing),
        "hours": listing.hours_per_week if listing.hours_per_week is not None else NOT_STATED,
        "deadline": listing.deadline.toordinal() if listing.deadline else NO_DEADLINE,
        "posted": int((listing.posted_at or listing.first_seen_at).timestamp()),
        "lat": _scaled(listing.latitude),
        "lon": _scaled(listing.longitude),
    }


def _strip_tags(html: str) -> str:
    # The description is already sanitized HTML; tags only need to stay out of the terms.
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html or ""))


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
    # fields), no wildcards, fuzzy terms or ranges (unbounded term expansion), no boosts.
    for plugin in (plugins.FieldsPlugin, plugins.WildcardPlugin, plugins.RangePlugin, plugins.BoostPlugin,
                   plugins.GtLtPlugin, plugins.FuzzyTermPlugin, plugins.RegexPlugin, plugins.PrefixPlugin):
        parser.remove_plugin_class(plugin)
    return parser


_PARSER = _parser()


def text_query(text: str) -> wq.Query:
    """Parse what a person typed, with synonyms, into a query; never raises."""
    if not text.strip():
        return wq.Every()
    try:
        parsed = _PARSER.parse(synonyms.expand(text))
    except Exception:  # the parser is forgiving, but a syntax error must never reach a person
        parsed = wq.NullQuery
    if parsed is wq.NullQuery:
        # Operators alone ("AND OR") or a failed parse: fall back to the plain words.
        words = [token.text for token in ANALYZER(text)]
        if not words:
            return wq.Every()
        return wq.And([wq.Or([wq.Term(f, word) for f in TEXT_FIELDS]) for word in words])
    return parsed


def _range(field: str, low: float | None, high: float | None) -> wq.Query:
    return wq.NumericRange(field, low, high)


def _choice_filters(query: ListingQuery, skip: str | None) -> list[wq.Query]:
    clauses = []
    for param, fieldname in FACET_FIELDS.items():
        values = getattr(query, param)
        if values and param != skip:
            clauses.append(wq.Or([wq.Term(fieldname, v) for v in values]))
    return clauses


def _min_hourly(floor: int) -> wq.Query:
    # "Pay not stated" (and stipends, which are not hourly) stay visible.
    return wq.Or([_range("hourly", floor * 100, None), _range("hourly", NOT_STATED, NOT_STATED)])


def _max_hours(limit: int) -> wq.Query:
    return wq.Or([_range("hours", 0, limit), _range("hours", NOT_STATED, NOT_STATED)])


def _deadline_within(today: date, days: int) -> wq.Query:
    return _range("deadline", today.toordinal(), today.toordinal() + days)


def _posted_within(now: float, days: int) -> wq.Query:
    return _range("posted", int(now - days * 86400), None)


def _eligible(query: ListingQuery) -> wq.Query:
    """Listings that state an age or grade range holding the student's."""
    options = []
    if query.age is not None:
        options.append(wq.And([wq.Term("age_stated", "y"), _range("min_age", None, query.age), _range("max_age", query.age, None)]))
    if query.grade is not None:
        options.append(wq.And([wq.Term("grade_stated", "y"), _range("min_grade", None, query.grade),
                               _range("max_grade", query.grade, None)]))
    return wq.Or(options)


def _unstated(query: ListingQuery) -> wq.Query:
    """Listings that state nothing the student gave (no age when an age is given, etc.)."""
    clauses = []
    if query.age is not None:
        clauses.append(wq.Term("age_stated", "n"))
    if query.grade is not None:
        clauses.append(wq.Term("grade_stated", "n"))
    return wq.And(clauses)


@dataclass
class SearchResult:
    ids: list[int]
    total: int
    page: int
    page_count: int
    facets: dict[str, dict[Any, int]] = field(default_factory=dict)
    # How many listings sit in the other eligibility group (age not stated, or stated).
    other_group_total: int = 0
    suggestion: str | None = None
    distances: dict[int, float] = field(default_factory=dict)


class _Search:
    """One request's search: the parts every facet pass shares."""

    def __init__(self, searcher: Searcher, query: ListingQuery, today: date) -> None:
        self.searcher, self.query, self.today = searcher, query, today
        self.q = text_query(query.text)
        self.now = time.time()
        self.centre = geo.zip_point(query.near) if query.near else None
        self._distance: dict[int, float] | None = None
        self._remote: set[int] | None = None

    # Every filter, as query clauses; ``skip`` leaves one out (for that facet's counts).
    def clauses(self, skip: str | None = None, eligibility: str = "main") -> list[wq.Query]:
        query = self.query
        found = [_range("deadline", self.today.toordinal(), None)] + _choice_filters(query, skip)
        if query.min_hourly is not None and skip != "min_hourly":
            found.append(_min_hourly(query.min_hourly))
        if query.max_hours is not None and skip != "max_hours":
            found.append(_max_hours(query.max_hours))
        if query.deadline_within is not None and skip != "deadline_within":
            found.append(_deadline_within(self.today, query.deadline_within))
        if query.posted_within is not None and skip != "posted_within":
            found.append(_posted_within(self.now, query.posted_within))
        if query.eligibility_given and eligibility != "none":
            wants_unstated = query.unstated if eligibility == "main" else not query.unstated
            found.append(_unstated(query) if wants_unstated else _eligible(query))
        return found

    def distances(self) -> dict[int, float]:
        """Miles from the chosen ZIP to each listing with a place within the largest radius."""
        if self._distance is None:
            self._distance = {}
            if self.centre is not None:
                reader = self.searcher.reader()
                box = geo.bounding_box(self.centre, max(ListingQuery.DISTANCES))
                inside = wq.And([_range("lat", _scaled(box[0]), _scaled(box[1])),
                                 _range("lon", _scaled(box[2]), _scaled(box[3]))])
                lats, lons = reader.column_reader("lat"), reader.column_reader("lon")
                for docnum in self.searcher.docs_for_query(inside):
                    point = geo.Point(lats[docnum] / COORDINATE_SCALE, lons[docnum] / COORDINATE_SCALE)
                    miles = geo.miles_between(self.centre, point)
                    if miles <= max(ListingQuery.DISTANCES):
                        self._distance[docnum] = round(miles, 1)
        return self._distance

    def remote(self) -> set[int]:
        """Remote listings: open to anyone, wherever they live."""
        if self._remote is None:
            self._remote = set(self.searcher.docs_for_query(wq.Term("work_mode", "remote")))
        return self._remote

    def filter(self, skip: str | None = None, eligibility: str = "main") -> Any:
        """Return a filter for Whoosh: a query, or a set of document numbers with distance."""
        combined = wq.And(self.clauses(skip, eligibility))
        if self.centre is None or skip == "near":
            return combined
        within = {d for d, miles in self.distances().items() if miles <= (self.query.miles or 0)} | self.remote()
        return set(self.searcher.docs_for_query(combined)) & within

    def count(self, text_q: wq.Query | None = None, **kwargs: Any) -> int:
        results = self.searcher.search(text_q or self.q, filter=self.filter(**kwargs), limit=1)
        return len(results)


def _sort_facet(search: _Search) -> Any:
    query = search.query
    if query.sort == "deadline":
        return sorting.MultiFacet([sorting.FieldFacet("deadline"), sorting.FieldFacet("posted", reverse=True)])
    if query.sort == "nearest" and search.centre is not None:
        distances = search.distances()
        # Places nearest first; remote listings (no place) after them.
        return sorting.FunctionFacet(lambda _searcher, docnum: distances.get(docnum, 1e9))
    if query.sort == "newest" or (query.sort == "relevance" and not query.text.strip()):
        return sorting.FieldFacet("posted", reverse=True)
    return None  # relevance


def _choice_facet(fieldname: str) -> sorting.FieldFacet:
    return sorting.FieldFacet(fieldname, allow_overlap=(fieldname == "pathway"), maptype=sorting.Count)


def _bucket_facets(search: _Search) -> dict[str, sorting.QueryFacet]:
    """Facets whose values are ranges: one query per choice offered."""
    today, now = search.today, search.now
    return {
        "deadline_within": sorting.QueryFacet({d: _deadline_within(today, d) for d in ListingQuery.DEADLINE_WINDOWS},
                                              allow_overlap=True, maptype=sorting.Count),
        "posted_within": sorting.QueryFacet({d: _posted_within(now, d) for d in ListingQuery.POSTED_WINDOWS},
                                            allow_overlap=True, maptype=sorting.Count),
        "max_hours": sorting.QueryFacet({h: _max_hours(h) for h in ListingQuery.HOUR_LIMITS},
                                        allow_overlap=True, maptype=sorting.Count),
        "min_hourly": sorting.QueryFacet({p: _min_hourly(p) for p in ListingQuery.HOURLY_FLOORS},
                                         allow_overlap=True, maptype=sorting.Count),
    }


def search(query: ListingQuery, today: date, page_length: int) -> SearchResult:
    """Run ``query`` and return one page of listing ids with counts for every filter choice."""
    run = _Search(get_searcher(), query, today)
    page = min(query.page, MAX_PAGE)

    # Counts for a facet leave out that facet's own filter, so choosing "internship"
    # still shows how many jobs there are. Facets whose filter is off are counted in the
    # main pass; each one that is on needs a pass of its own.
    buckets = _bucket_facets(run)
    facet_defs: dict[str, Any] = {p: _choice_facet(f) for p, f in FACET_FIELDS.items()}
    facet_defs.update(buckets)
    in_main = {p: f for p, f in facet_defs.items() if getattr(query, p) in ((), None)}
    own_pass = [p for p in facet_defs if p not in in_main]

    groupedby = sorting.Facets()
    for param, facet in in_main.items():
        groupedby.add_facet(param, facet)
    results = run.searcher.search_page(run.q, page, pagelen=page_length, filter=run.filter(),
                                       sortedby=_sort_facet(run), groupedby=groupedby)
    facets = {param: _counts(results.results.groups(param)) for param in in_main}
    for param in own_pass:
        extra = run.searcher.search(run.q, filter=run.filter(skip=param), limit=1,
                                    groupedby={param: facet_defs[param]})
        facets[param] = _counts(extra.groups(param))

    if run.centre is not None:
        base = run.searcher.search(run.q, filter=run.filter(skip="near"), limit=None, scored=False)
        distances, remote = run.distances(), run.remote()
        near_docs = [distances[hit.docnum] for hit in base if hit.docnum in distances]
        remote_count = sum(1 for hit in base if hit.docnum in remote)
        facets["miles"] = {m: remote_count + sum(1 for d in near_docs if d <= m) for m in ListingQuery.DISTANCES}

    other = run.count(eligibility="other") if query.eligibility_given else 0
    suggestion = _suggestion(run) if results.total == 0 and query.text.strip() else None

    page_count = max(1, min(MAX_PAGE, results.pagecount))
    hits = list(results)
    ids = [int(hit["id"]) for hit in hits]
    distances_by_id = ({int(hit["id"]): run.distances()[hit.docnum] for hit in hits if hit.docnum in run.distances()}
                       if run.centre is not None else {})
    return SearchResult(ids=ids, total=results.total, page=max(1, results.pagenum), page_count=page_count,
                        facets=facets, other_group_total=other, suggestion=suggestion, distances=distances_by_id)


def _counts(groups: Mapping[Any, int]) -> dict[Any, int]:
    # Range facets file documents that fit no range under None.
    return {key: value for key, value in groups.items() if key is not None}


def _suggestion(run: _Search) -> str | None:
    """Return a corrected spelling of the search text when it finds something."""
    corrector = run.searcher.corrector("spell")
    words = run.query.text.split()
    corrected, changed = [], False
    for word in words:
        plain = word.strip('"()').lower()
        if len(plain) < 4 or not plain.isalpha() or run.searcher.reader().doc_frequency("spell", plain):
            corrected.append(word)
            continue
        options = corrector.suggest(plain, limit=1, maxdist=2)
        if options:
            corrected.append(options[0])
            changed = True
        else:
            corrected.append(word)
    if not changed:
        return None
    text = " ".join(corrected)
    return text if run.count(text_q=text_query(text)) else None


def highlight(text: str, query_text: str) -> str | None:
    """Return HTML with the words matching ``query_text`` marked, in up to two short passages."""
    terms = {t for field_name, t in text_query(query_text).iter_all_terms() if field_name in TEXT_FIELDS}
    if not terms or not text:
        return None
    words = {t.decode("utf-8") if isinstance(t, bytes) else t for t in terms}
    fragmenter = ContextFragmenter(maxchars=180, surround=50)
    formatter = HtmlFormatter(tagname="mark", between=" … ")
    marked = whoosh_highlight(text, words, ANALYZER, fragmenter, formatter, top=2)
    return marked or None


def indexed_count() -> int:
    """Return how many documents the current index holds."""
    return int(get_searcher().doc_count())


def count(query: ListingQuery, today: date) -> int:
    """Return how many open listings ``query`` finds (no page, no facets)."""
    return _Search(get_searcher(), query, today).count()


def hourly_rates(query: ListingQuery, today: date) -> list[int]:
    """Return the hourly pay (cents) of every open listing ``query`` finds that states one."""
    run = _Search(get_searcher(), query, today)
    results = run.searcher.search(run.q, filter=run.filter(), limit=None, scored=False)
    column = run.searcher.reader().column_reader("hourly")
    return [column[hit.docnum] for hit in results if column[hit.docnum] > 0]
