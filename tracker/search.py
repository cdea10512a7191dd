"""The search index: the only module that imports Whoosh.

The index is derived from the database and can always be rebuilt from it. It lives in
generations under INDEX_DIR (``gen-<stamp>/``) behind a ``current`` symlink, so a rebuild
fills a new generation and swaps the link atomically while searches go on.
"""
from __future__ import annotations

import html as html_lib
import multiprocessing
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np
from flask import Flask, current_app, g
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import StemmingAnalyzer
from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, TEXT, Schema
from whoosh.idsets import DocIdSet
from whoosh.index import LockError
from whoosh.qparser import AndGroup, QueryParser, plugins
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.searching import Searcher
from whoosh.spelling import ListCorrector
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

from tracker import geo, snippets, synonyms, taxonomy
from tracker.models import Listing
from tracker.query import ListingQuery

ANALYZER = StemmingAnalyzer()
T = TypeVar("T")
_WORD = re.compile(r"[^\W\d_]{3,}")
TEXT_FIELDS = ("content",)
# How many times each part is written into "content": repetition is the field weight.
# One field instead of four makes every word one posting list to read, not four: the
# multi-field matchers were most of a query's cost.
TITLE_WEIGHT, ORGANISATION_WEIGHT, TAGS_WEIGHT = 3, 2, 2
# Unstated ages are indexed as the widest range, so "I am 16" keeps listings that say nothing.
AGE_FLOOR, AGE_CEILING = 0, 99
# Listings with no deadline sort after every dated one.
NO_DEADLINE = date.max.toordinal()
# Listings with no known place (remote, or no ZIP) sit far outside any search circle.
NO_PLACE = 999.0
COORDINATE_SCALE = 100_000
# Bump when SCHEMA or document_for changes: an index built before is rebuilt, not misread.
SCHEMA_VERSION = "7"
SCHEMA_MARKER = "schema-version"
# Deeper pages cost a collector that grows with page x page length; nobody reads page 100.
MAX_PAGE = 50
PARALLEL_REBUILD_FROM = 2000
# A rebuild holds a segment's postings in memory until it writes them: about 20 KB a
# listing (1 GB per process at 50,000). Bigger shares are written as several segments.
SEGMENT_LISTINGS = 50_000


class StemmedText(TEXT):
    """TEXT analysed by ANALYZER, in one pass instead of Whoosh's chain of token generators.

    Indexing time is mostly analysis: Whoosh makes a Token object per word and passes it
    through four generators. This gives the very same terms, positions and weights (a
    test compares the two on random text) from plain lists, several times faster. The
    parts are read off ANALYZER, so the two cannot drift apart.
    """

    def __init__(self) -> None:
        super().__init__(analyzer=ANALYZER)

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if kwargs or not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for word, positions in stemmed_positions(value).items():
            yield word.encode("utf-8"), len(positions), float(len(positions)) * boost, self._encode(positions)

    def _encode(self, positions: list[int]) -> bytes:
        if len(positions) > 1:
            return self.format.encode(positions)
        # Most words of a listing occur once: their encodings repeat across documents.
        found = _SINGLE_POSITIONS.get(positions[0])
        if found is None:
            found = _SINGLE_POSITIONS[positions[0]] = self.format.encode(positions)
        return found


_SINGLE_POSITIONS: dict[int, bytes] = {}


def _analyzer_parts() -> tuple[re.Pattern[str], frozenset[str], int, int | None, Any]:
    tokenizer, _lowercase, stop, stem = ANALYZER.items
    # findall (one C call) instead of a match object per word: the same pattern with its
    # one group made non-capturing, so findall returns whole matches.
    whole_matches = re.compile(tokenizer.expression.pattern.replace("(", "(?:"), tokenizer.expression.flags)
    return whole_matches, stop.stops, stop.min, stop.max, stem.stemfn


_TOKENS, _STOP_WORDS, _MIN_SIZE, _MAX_SIZE, _STEM = _analyzer_parts()
_TOKEN_SPANS = ANALYZER.items[0].expression
_STEMS: dict[str, str] = {}
_STEM_CACHE_SIZE = 100_000


def _term(token: str) -> str | None:
    """Return the term ANALYZER makes of one token, or None when it stops it."""
    word = token.lower()
    if len(word) < _MIN_SIZE or (_MAX_SIZE is not None and len(word) > _MAX_SIZE) or word in _STOP_WORDS:
        return None
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= _STEM_CACHE_SIZE:
            _STEMS.clear()  # a bound, for text that never repeats a word
        found = _STEMS[word] = _STEM(word)
    return found


def stemmed_positions(text: str) -> dict[str, list[int]]:
    """Each term ANALYZER makes of ``text`` with its positions (stop words renumbered away)."""
    found: dict[str, list[int]] = {}
    first = None
    kept = 0
    for index, token in enumerate(_TOKENS.findall(text)):
        term = _term(token)
        if term is None:
            continue
        if first is None:
            first = index
        found.setdefault(term, []).append(first + kept)
        kept += 1
    return found


SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    # The same id as a column, so pages of results need no stored-field reads.
    listing_id=COLUMN(NumericColumn("q")),
    # Title, organisation, kind and pathway names (so "internship" finds internships that
    # never say the word) and description, weighted by repetition (see TITLE_WEIGHT).
    content=StemmedText(),
    pathway=KEYWORD(commas=True),
    # Filters, facets and sorts read these as arrays (see Snapshot), never as terms, so
    # they are columns only: indexing them as terms cost most of a rebuild (Whoosh
    # indexes each number at several precisions and checks every posting's length).
    kind=COLUMN(RefBytesColumn()),
    pay=COLUMN(RefBytesColumn()),
    work_mode=COLUMN(RefBytesColumn()),
    season=COLUMN(RefBytesColumn()),
    age_stated=COLUMN(NumericColumn("b")),
    grade_stated=COLUMN(NumericColumn("b")),
    min_age=COLUMN(NumericColumn("h")),
    max_age=COLUMN(NumericColumn("h")),
    min_grade=COLUMN(NumericColumn("h")),
    max_grade=COLUMN(NumericColumn("h")),
    # Cents an hour, and degrees x 100,000: whole numbers keep the columns simple.
    hourly=COLUMN(NumericColumn("q")),
    hours=COLUMN(NumericColumn("q")),
    deadline=COLUMN(NumericColumn("q")),
    posted=COLUMN(NumericColumn("q")),
    lat=COLUMN(NumericColumn("q")),
    lon=COLUMN(NumericColumn("q")),
)

# The facets shown beside results: URL parameter name -> index field.
FACET_FIELDS: Mapping[str, str] = {  # ListingQuery field -> index field
    "kinds": "kind",
    "pathways": "pathway",
    "pay": "pay",
    "work_modes": "work_mode",
    "seasons": "season",
}


class IndexBusy(RuntimeError):
    """Another process holds the index writer lock for longer than the timeout."""


class IndexOutdated(RuntimeError):
    """The index on disk was built with another schema: it must be rebuilt before use."""


def init_app(app: Flask) -> None:
    """Let go of the request's searcher at teardown."""
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
    (path / SCHEMA_MARKER).write_text(SCHEMA_VERSION)
    return path


def index_is_current(index_dir: str | None = None) -> bool:
    """Say whether the current index was built with this code's schema."""
    index_dir = index_dir or current_app.config["INDEX_DIR"]
    marker = _current_link(index_dir) / SCHEMA_MARKER
    return not _current_link(index_dir).exists() or (marker.exists() and marker.read_text() == SCHEMA_VERSION)


def _current_generation(index_dir: str | None = None) -> Path:
    return Path(os.path.realpath(_current_link(index_dir or current_app.config["INDEX_DIR"])))


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
    target = str(_current_generation(index_dir))
    ix = _open_indexes.get(target)
    if ix is None:
        if not index_is_current(index_dir):
            raise IndexOutdated("the search index was built by an older version; run `flask reindex` "
                                "(an ingest run rebuilds it too)")
        ix = whoosh_index.open_dir(target)
        _open_indexes.clear()  # older generations are gone or going
        _open_indexes[target] = ix
    return ix


def get_searcher() -> Searcher:
    """Return this request's searcher: the same one for the whole request."""
    if "searcher" not in g:
        g.searcher = _thread_searcher()
    return g.searcher


_per_thread = threading.local()


def _thread_searcher() -> Searcher:
    """Return this thread's searcher, reopened when the index changed.

    Opening a searcher reads every segment's files: a third of a simple search's time.
    Each thread keeps one (Whoosh readers are not shared between threads) until a commit
    or a rebuild makes it stale. (Whoosh's refresh() would reuse unchanged segments but
    fails on a single-segment reader.)
    """
    ix = open_index()
    cached: tuple[Any, Searcher] | None = getattr(_per_thread, "searcher", None)
    if cached is not None and cached[0] is ix and cached[1].up_to_date():
        return cached[1]
    # The stale one is not closed here: a request still holding it (in g) may be running
    # further up this thread; its files close when the last reference goes.
    searcher = ix.searcher()
    _per_thread.searcher = (ix, searcher)
    return searcher


def _close_searcher(exc: BaseException | None = None) -> None:
    # The searcher stays open for this thread's next request; the request lets go of it.
    g.pop("searcher", None)


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
        "listing_id": listing.id,
        "content": "\n".join([listing.title] * TITLE_WEIGHT + [listing.organisation] * ORGANISATION_WEIGHT
                              + [" ".join([kind_label] + pathway_labels)] * TAGS_WEIGHT + [description]),
        "kind": listing.kind.encode(),
        "pathway": ",".join(listing.pathways or []),
        "pay": listing.pay_status.encode(),
        "work_mode": (listing.work_mode or "unknown").encode(),
        "season": (listing.season or "none").replace(" ", "-").encode(),
        "age_stated": int(age_stated),
        "grade_stated": int(grade_stated),
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
    documents = list(documents)
    with writer() as w:
        for listing_id in deletions:
            w.delete_by_term("id", str(listing_id))
        for document in documents:
            w.update_document(**document)
        if documents:
            # Under the writer lock, so two writers never lose each other's words.
            generation = _current_generation()
            words = Vocabulary.load(generation)
            for document in documents:
                words.add(document["content"])
            words.save(generation)
    # A request that writes (a staff action) reads its own writes for the rest of it.
    g.pop("searcher", None)


class _MemoryPool:
    """Postings kept in one list and sorted once.

    Whoosh's own pool pickles every posting to a temporary file and reads it back once
    it passes its memory limit: a fifth of a rebuild's time. A segment's postings fit in
    memory (about 20 KB a listing: see SEGMENT_LISTINGS).
    """

    def __init__(self) -> None:
        self.postings: list[tuple[str, bytes, int, float, bytes]] = []
        self.add = self.postings.append

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        self.postings.sort()
        return iter(self.postings)

    def cleanup(self) -> None:
        self.postings.clear()


class _FieldLengths:
    """Each document's field lengths, read once per document instead of once per posting."""

    def __init__(self, reader: Any, schema: Schema, doc_count: int) -> None:
        self._lengths = {name: [reader.doc_field_length(d, name) for d in range(doc_count)]
                         for name in schema.scorable_names()}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._lengths.get(fieldname)
        return lengths[docnum] if lengths is not None else default


class _BulkWriter(SegmentWriter):
    """A writer of one new segment for a rebuild: Whoosh's own files, written with less overhead."""

    def __init__(self, ix: Any, lock: bool = True) -> None:
        super().__init__(ix, _lk=lock)
        self.pool = _MemoryPool()
        self.vocabulary = Vocabulary()

    def add_listing(self, listing: Listing) -> None:
        document = document_for(listing)
        self.vocabulary.add(document["content"])
        self.add_document(**document)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader()
        try:
            lengths = _FieldLengths(reader, self.schema, self.docnum)
        finally:
            reader.close()
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()


def rebuild_processes(expected: int) -> int:
    """How many processes a rebuild of ``expected`` listings should use."""
    # Below this, starting a process costs more than it saves.
    return min(os.cpu_count() or 1, 4) if expected >= PARALLEL_REBUILD_FROM else 1


ListingReader = Callable[[], Iterable[Listing]]


def rebuild(parts: Sequence[ListingReader], after_fork: Callable[[], None] | None = None,
            index_dir: str | None = None) -> int:
    """Build a fresh index from ``parts`` in a new generation and swap it in.

    Each part (a function yielding listings) becomes one segment. One part is written
    here; several are written at once by forked processes, each calling ``after_fork``
    first (to drop the database connections it inherited). Returns how many listings
    were indexed.
    """
    index_dir = index_dir or current_app.config["INDEX_DIR"]
    generation = _new_generation(index_dir)
    ix = whoosh_index.open_dir(str(generation))
    children: list[tuple[Any, Any]] = []
    try:
        if len(parts) == 1:
            written = [_write_segments(ix, parts[0])]
        else:
            children = [_fork_segment_writer(ix, part, after_fork) for part in parts]
            written = [_child_result(*child) for child in children]
        new_segments = [segment for segments, _, _ in written for segment in segments]
        # The new segments become the index: Whoosh's documented hook for the segments
        # a commit keeps. Nobody reads this generation until it is swapped in.
        ix.writer().commit(mergetype=lambda _writer, segments: segments + new_segments)
    except BaseException:
        for process, _pipe in children:
            process.kill()
            process.join()
        shutil.rmtree(generation, ignore_errors=True)
        raise
    vocabulary, count = Vocabulary(), 0
    for _segments, words, listings in written:
        vocabulary.update(words)
        count += listings
    vocabulary.save(generation)
    _point_current_at(index_dir, generation)
    _drop_old_generations(index_dir, keep=generation)
    return count


def _write_segments(ix: Any, part: ListingReader) -> tuple[list[Any], Vocabulary, int]:
    """Write ``part``'s listings as segments of at most SEGMENT_LISTINGS; return them, their words and their count."""
    segments: list[Any] = []
    vocabulary, count = Vocabulary(), 0
    w: _BulkWriter | None = None
    for listing in part():
        # A new generation: no other writer can be at work in it, and on failure the
        # whole generation is deleted, so there is nothing to cancel.
        w = w or _BulkWriter(ix, lock=False)
        w.add_listing(listing)
        if w.docnum >= SEGMENT_LISTINGS:
            segments.append(w._finalize_segment())
            vocabulary.update(w.vocabulary)
            count, w = count + w.docnum, None
    if w is not None:
        segments.append(w._finalize_segment())
        vocabulary.update(w.vocabulary)
        count += w.docnum
    return segments, vocabulary, count


def _fork_segment_writer(ix: Any, part: ListingReader, after_fork: Callable[[], None] | None) -> tuple[Any, Any]:
    receiver, sender = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_write_segment_in_child, args=(ix, part, after_fork, sender), daemon=True)
    process.start()
    sender.close()
    return process, receiver


def _write_segment_in_child(ix: Any, part: ListingReader, after_fork: Callable[[], None] | None, sender: Any) -> None:
    """In a child process: write its share and send back (segments, vocabulary, count), or the error."""
    try:
        if after_fork is not None:
            after_fork()
        sender.send(("ok", _write_segments(ix, part)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it there
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def _child_result(process: Any, receiver: Any) -> tuple[list[Any], Vocabulary, int]:
    try:
        outcome, value = receiver.recv()
    except EOFError:
        # The pipe closes as the child dies, before it is reaped: its exit code is only
        # known after join (read before, it was None about one time in ten).
        process.join()
        outcome, value = "error", f"exited with code {process.exitcode}"
    process.join()
    if outcome != "ok":
        raise RuntimeError(f"a rebuild process failed: {value}")
    return value


class Vocabulary:
    """The words of the indexed listings and how many listings use each, for "did you mean".

    Kept beside the index rather than in it: as a Whoosh field, every distinct word of
    every listing was a posting to write, and that doubled the cost of indexing. Words
    are added as listings are; removed listings leave their words until the next
    rebuild, which is harmless because a suggestion is only made when it finds listings.
    """

    FILE_NAME = "vocabulary.txt"

    def __init__(self, counts: dict[str, int] | None = None) -> None:
        self.counts: dict[str, int] = counts or {}
        self._sorted: list[str] | None = None

    def add(self, text: str) -> None:
        counts = self.counts
        for word in set(_WORD.findall(text.lower())):
            counts[word] = counts.get(word, 0) + 1
        self._sorted = None

    def update(self, other: Vocabulary) -> None:
        for word, number in other.counts.items():
            self.counts[word] = self.counts.get(word, 0) + number
        self._sorted = None

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return self._sorted

    @classmethod
    def load(cls, generation: Path) -> Vocabulary:
        path = generation / cls.FILE_NAME
        if not path.exists():
            return cls()
        counts = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, number = line.partition(" ")
            counts[word] = int(number or 1)
        return cls(counts)

    def save(self, generation: Path) -> None:
        path = generation / self.FILE_NAME
        tmp = path.with_name(f".{self.FILE_NAME}-{os.getpid()}")
        tmp.write_text("".join(f"{word} {number}\n" for word, number in sorted(self.counts.items())), encoding="utf-8")
        os.replace(tmp, path)  # searchers read the old list or the new one, never half


# --- searching ------------------------------------------------------------------------
#
# Whoosh matches words and ranks by relevance. Filters, facet counts and the other sorts
# run on numpy arrays of each document's values, read once per index generation: with
# ten facets, each counted without its own filter, per-document Python loops (Whoosh's
# facets and numeric ranges) cost hundreds of milliseconds at 100,000 listings.

def _parser() -> QueryParser:
    parser = QueryParser("content", SCHEMA, group=AndGroup)
    # Students type words, not query syntax: no field names (they would reach hidden
    # fields), no wildcards, fuzzy terms or ranges (unbounded term expansion), no boosts.
    for plugin in (plugins.FieldsPlugin, plugins.WildcardPlugin, plugins.RangePlugin, plugins.BoostPlugin,
                   plugins.GtLtPlugin, plugins.FuzzyTermPlugin, plugins.RegexPlugin, plugins.PrefixPlugin):
        parser.remove_plugin_class(plugin)
    return parser


_PARSER = _parser()


@lru_cache(maxsize=512)
def text_query(text: str) -> wq.Query:
    """Parse what a person typed, with synonyms, into a query; never raises.

    Cached: the same words are parsed for the results, each facet and each snippet.
    Callers must not change the query object they get.
    """
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


CATEGORICAL = ("kind", "pay", "work_mode", "season")
NUMERIC_COLUMNS = ("listing_id", "min_age", "max_age", "min_grade", "max_grade", "hourly", "hours",
                   "deadline", "posted", "lat", "lon")


# Reading a column through Whoosh costs a Python call per document (two seconds for the
# twenty columns at 100,000 listings, paid by the first search after every ingest). A
# segment stores numeric columns as one run of big-endian numbers and reference columns
# as one run of indexes into a list of values: these read each run whole. Any other
# column reader (another Whoosh version) is read the slow way.

def _whole_numeric(column: Any, count: int) -> np.ndarray | None:
    """Return a numeric column's ``count`` values in one read, or None for another kind of reader."""
    if not isinstance(column, NumericColumn.Reader):
        return None
    # Values equal to the default are not written after the last other one.
    values = np.full(count, column._default, dtype=np.dtype(">" + column._typecode))
    stored = np.frombuffer(column._dbfile.get(column._basepos, column._count * column._fixedlen), dtype=values.dtype)
    values[:len(stored)] = stored
    return values


def _numeric_column(leaves: list[tuple[Any, int]], name: str, size: int) -> np.ndarray:
    values = np.zeros(size, dtype=np.int64)
    for leaf, offset in leaves:
        column = leaf.column_reader(name, translate=False)
        count = leaf.doc_count_all()
        whole = _whole_numeric(column, count)
        values[offset:offset + count] = whole if whole is not None else np.fromiter(column, dtype=np.int64, count=count)
    return values


def _categorical_column(leaves: list[tuple[Any, int]], name: str, size: int) -> tuple[dict[str, int], np.ndarray]:
    """Return each distinct value's code (in sorted order) and every document's code."""
    segments = []  # per segment: its distinct values, and each document's index into them
    for leaf, _offset in leaves:
        column = leaf.column_reader(name, translate=False)
        count = leaf.doc_count_all()
        if isinstance(column, RefBytesColumn.Reader):
            uniques = [value.decode() for value in column._uniques]
            refs = np.frombuffer(column._dbfile.get(column._basepos, count * column._itemsize),
                                 dtype=np.dtype(">" + column._typecode))
        else:
            values = [value.decode() if isinstance(value, bytes) else value for value in column]
            uniques = sorted(set(values))
            position = {value: n for n, value in enumerate(uniques)}
            refs = np.asarray([position[value] for value in values], dtype=np.int64)
        segments.append((uniques, refs))
    codes = {value: n for n, value in enumerate(sorted({v for uniques, _ in segments for v in uniques}))}
    parts = [np.asarray([codes[v] for v in uniques] or [0], dtype=np.int16)[refs.astype(np.int64)]
             for uniques, refs in segments]
    return codes, (np.concatenate(parts) if parts else np.zeros(size, dtype=np.int16))


class Snapshot:
    """Every document's filterable values as arrays, for one index generation."""

    def __init__(self, searcher: Searcher) -> None:
        reader = searcher.reader()
        size = reader.doc_count_all()
        # An empty index has no columns to read (its reader raises for them).
        leaves = reader.leaf_readers() if size else []
        self.live = np.ones(size, dtype=bool)
        for leaf, offset in leaves:
            if leaf.has_deletions():
                self.live[[offset + docnum for docnum in leaf.deleted_docs_set]] = False
        self.codes: dict[str, dict[str, int]] = {}
        self.columns: dict[str, np.ndarray] = {}
        for name in CATEGORICAL:
            self.codes[name], self.columns[name] = _categorical_column(leaves, name, size)
        for name in NUMERIC_COLUMNS:
            self.columns[name] = _numeric_column(leaves, name, size)
        self.age_stated = _numeric_column(leaves, "age_stated", size).astype(bool)
        self.grade_stated = _numeric_column(leaves, "grade_stated", size).astype(bool)
        self.pathways = np.zeros((size, len(taxonomy.PATHWAYS)), dtype=bool)
        for column, pathway in enumerate(taxonomy.PATHWAYS):
            self.pathways[:, column] = self._term_mask(searcher, "pathway", pathway.slug, size)
        self.latitude = self.columns["lat"] / COORDINATE_SCALE
        self.longitude = self.columns["lon"] / COORDINATE_SCALE

    @staticmethod
    def _term_mask(searcher: Searcher, field_name: str, value: str, size: int) -> np.ndarray:
        # Deleted documents stay in; every search ands its masks with `live`.
        mask = np.zeros(size, dtype=bool)
        for matcher, offset in _posting_blocks(value, searcher.reader(), field_name):
            mask[np.asarray(matcher._ids, dtype=np.int64) + offset] = True
        return mask

    def is_in(self, name: str, values: Iterable[str]) -> np.ndarray:
        wanted = [self.codes[name][v] for v in values if v in self.codes[name]]
        return np.isin(self.columns[name], wanted)

    def counts(self, name: str, population: np.ndarray) -> dict[str, int]:
        tally = np.bincount(self.columns[name][population], minlength=len(self.codes[name]))
        return {value: int(tally[code]) for value, code in self.codes[name].items() if tally[code]}

    def miles_from(self, centre: geo.Point) -> np.ndarray:
        """Miles from ``centre`` to every document (inf where a listing has no place)."""
        lat1, lon1 = np.radians(centre.latitude), np.radians(centre.longitude)
        lat2, lon2 = np.radians(self.latitude), np.radians(self.longitude)
        h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
        miles = 2 * geo.EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.minimum(1.0, h)))
        return np.where(self.columns["lat"] == _scaled(None), np.inf, miles)


class _PerCommit(Generic[T]):
    """A value derived from the index, built on first use after each commit and kept until the next."""

    def __init__(self, build: Callable[[Searcher], T]) -> None:
        self.build = build
        self.key: tuple[str, int] | None = None
        self.value: T | None = None

    def __call__(self, searcher: Searcher) -> T:
        key = (str(_current_generation()), searcher.reader().generation())
        if key != self.key or self.value is None:
            # One generation is live at a time: the older value is dropped.
            self.value, self.key = self.build(searcher), key
        return self.value


snapshot = _PerCommit(Snapshot)
vocabulary_for = _PerCommit(lambda _searcher: Vocabulary.load(_current_generation()))


class _MaskSet(DocIdSet):
    """A numpy mask as the 'set' of documents Whoosh may return."""

    def __init__(self, mask: np.ndarray) -> None:
        self.mask = mask

    def __contains__(self, docnum: object) -> bool:
        return isinstance(docnum, int) and bool(self.mask[docnum])

    def __len__(self) -> int:
        return int(self.mask.sum())

    def __bool__(self) -> bool:
        # Whoosh asks "is there a filter?" with truth: an empty filter still filters.
        return True

    def __iter__(self) -> Iterator[int]:
        return iter(np.flatnonzero(self.mask).tolist())


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
    """One request's search: the text match and each filter as a mask over all documents."""

    def __init__(self, searcher: Searcher, query: ListingQuery, today: date) -> None:
        self.searcher, self.query, self.today = searcher, query, today
        self.snap = snapshot(searcher)
        self.q = text_query(query.text)
        self.scores: np.ndarray | None = None
        self.text = self.text_mask(self.q, keep_scores=True)
        self.centre = geo.zip_point(query.near) if query.near else None
        self.miles = self.snap.miles_from(self.centre) if self.centre is not None else None
        self.remote = self.snap.is_in("work_mode", ["remote"])
        self.masks = self._filter_masks()

    def text_mask(self, q: wq.Query, keep_scores: bool = False) -> np.ndarray:
        if isinstance(q, wq.Every):
            return self.snap.live
        evaluated = term_scores(self.searcher).evaluate(q, self.searcher.reader())
        if evaluated is not None:
            mask, scores = evaluated
            if keep_scores:
                self.scores = scores
            return mask & self.snap.live
        mask = np.zeros_like(self.snap.live)
        mask[list(self.searcher.docs_for_query(q))] = True
        return mask & self.snap.live

    def _filter_masks(self) -> dict[str, np.ndarray]:
        """Each filter in force as a mask, keyed by the ListingQuery field it comes from."""
        query, snap, cols = self.query, self.snap, self.snap.columns
        # The index holds only listings Listing.is_visible() showed when they were written;
        # their deadlines pass at midnight with no write, so that part of the rule is
        # applied again here (and every hit is checked in the database after).
        masks: dict[str, np.ndarray] = {"open": np.asarray(cols["deadline"] >= self.today.toordinal())}
        for param, field_name in FACET_FIELDS.items():
            values = getattr(query, param)
            if values and param != "pathways":
                masks[param] = snap.is_in(field_name, values)
        if query.pathways:
            columns = [n for n, p in enumerate(taxonomy.PATHWAYS) if p.slug in query.pathways]
            masks["pathways"] = np.asarray(snap.pathways[:, columns].any(axis=1))
        if query.min_hourly is not None:
            masks["min_hourly"] = self.min_hourly(query.min_hourly)
        if query.max_hours is not None:
            masks["max_hours"] = self.max_hours(query.max_hours)
        if query.deadline_within is not None:
            masks["deadline_within"] = self.deadline_within(query.deadline_within)
        if query.posted_within is not None:
            masks["posted_within"] = self.posted_within(query.posted_within)
        if query.eligibility_given:
            masks["eligibility"] = self.unstated() if query.unstated else self.eligible()
        if self.miles is not None:
            masks["near"] = self.within(query.miles or ListingQuery.DEFAULT_MILES)
        return masks

    # The filters, one method each, reused for facet counts.
    def min_hourly(self, floor: int) -> np.ndarray:
        hourly = self.snap.columns["hourly"]
        # "Pay not stated" (and stipends, which are not hourly) stay visible.
        return (hourly >= floor * 100) | (hourly == NOT_STATED)

    def max_hours(self, limit: int) -> np.ndarray:
        hours = self.snap.columns["hours"]
        return ((hours >= 0) & (hours <= limit)) | (hours == NOT_STATED)

    def deadline_within(self, days: int) -> np.ndarray:
        deadline = self.snap.columns["deadline"]
        return (deadline >= self.today.toordinal()) & (deadline <= self.today.toordinal() + days)

    def posted_within(self, days: int) -> np.ndarray:
        return self.snap.columns["posted"] >= int(time.time() - days * 86400)

    def within(self, miles: int) -> np.ndarray:
        assert self.miles is not None
        return (self.miles <= miles) | self.remote

    def eligible(self) -> np.ndarray:
        """Listings that state an age or grade range holding the student's."""
        cols, query = self.snap.columns, self.query
        mask = np.zeros_like(self.snap.live)
        if query.age is not None:
            mask |= self.snap.age_stated & (cols["min_age"] <= query.age) & (cols["max_age"] >= query.age)
        if query.grade is not None:
            mask |= self.snap.grade_stated & (cols["min_grade"] <= query.grade) & (cols["max_grade"] >= query.grade)
        return mask

    def unstated(self) -> np.ndarray:
        """Listings that state nothing the student gave (no age when an age is given, etc.)."""
        mask = self.snap.live.copy()
        if self.query.age is not None:
            mask &= ~self.snap.age_stated
        if self.query.grade is not None:
            mask &= ~self.snap.grade_stated
        return mask

    def matching(self, skip: str | None = None, text: np.ndarray | None = None) -> np.ndarray:
        """Documents matching the words and every filter but ``skip``."""
        mask = (self.text if text is None else text).copy()
        for name, filter_mask in self.masks.items():
            if name != skip:
                mask &= filter_mask
        return mask

    def facets(self) -> dict[str, dict[Any, int]]:
        """Counts for every choice of every filter, each without its own filter."""
        snap = self.snap
        found: dict[str, dict[Any, int]] = {}
        for param, field_name in FACET_FIELDS.items():
            population = self.matching(skip=param)
            if param == "pathways":
                tally = snap.pathways[population].sum(axis=0)
                found[param] = {p.slug: int(n) for p, n in zip(taxonomy.PATHWAYS, tally) if n}
            else:
                found[param] = snap.counts(field_name, population)
        ranges = {
            "min_hourly": (ListingQuery.HOURLY_FLOORS, self.min_hourly),
            "max_hours": (ListingQuery.HOUR_LIMITS, self.max_hours),
            "deadline_within": (ListingQuery.DEADLINE_WINDOWS, self.deadline_within),
            "posted_within": (ListingQuery.POSTED_WINDOWS, self.posted_within),
        }
        for param, (options, mask_for) in ranges.items():
            population = self.matching(skip=param)
            found[param] = {option: int((population & mask_for(option)).sum()) for option in options}
        if self.miles is not None:
            population = self.matching(skip="near")
            found["miles"] = {m: int((population & self.within(m)).sum()) for m in ListingQuery.DISTANCES}
        return found

    def other_group_total(self) -> int:
        if not self.query.eligibility_given:
            return 0
        other = self.eligible() if self.query.unstated else self.unstated()
        return int((self.matching(skip="eligibility") & other).sum())

    def page(self, mask: np.ndarray, page: int, page_length: int) -> tuple[list[int], int]:
        """Return the ids on ``page`` of the matching documents in the query's order, and that page."""
        total = int(mask.sum())
        page_count = max(1, min(MAX_PAGE, -(-total // page_length)))
        page = min(page, page_count)
        wanted = page * page_length
        if not total:
            return [], page
        if self.query.sort == "relevance" and self.query.text.strip() and self.scores is not None:
            candidates = np.flatnonzero(mask)
            # Best score first; ties by newest, as a person would expect.
            order = np.lexsort((-self.snap.columns["posted"][candidates], -self.scores[candidates]))[:wanted]
            docnums = candidates[order].tolist()[wanted - page_length:]
        elif self.query.sort == "relevance" and self.query.text.strip() and not isinstance(self.q, wq.Every):
            # Anything the arrays cannot score: Whoosh ranks it.
            results = self.searcher.search(self.q, filter=_MaskSet(mask), limit=wanted)
            docnums = [hit.docnum for hit in results][wanted - page_length:]
        else:
            docnums = self._sorted(np.flatnonzero(mask), wanted)[wanted - page_length:]
        return [int(self.snap.columns["listing_id"][d]) for d in docnums], page

    def _sorted(self, candidates: np.ndarray, wanted: int) -> list[int]:
        cols, sort = self.snap.columns, self.query.sort
        if sort == "nearest" and self.miles is not None:
            keys = [self.miles[candidates]]  # no place (remote) sorts last
        elif sort == "deadline":
            keys = [-cols["posted"][candidates], cols["deadline"][candidates]]
        else:
            keys = [-cols["posted"][candidates]]
        order = np.lexsort(keys)[:wanted]  # lexsort: the last key is the primary one
        return candidates[order].tolist()


def search(query: ListingQuery, today: date, page_length: int) -> SearchResult:
    """Run ``query`` and return one page of listing ids with counts for every filter choice."""
    run = _Search(get_searcher(), query, today)
    matching = run.matching()
    ids, page = run.page(matching, min(query.page, MAX_PAGE), page_length)
    total = int(matching.sum())
    distances = {}
    if run.miles is not None:
        by_id = dict(zip(run.snap.columns["listing_id"][matching].tolist(), run.miles[matching].tolist()))
        distances = {i: round(by_id[i], 1) for i in ids if i in by_id and np.isfinite(by_id[i])}
    suggestion = _suggestion(run) if total == 0 and query.text.strip() else None
    return SearchResult(ids=ids, total=total, page=page, page_count=max(1, min(MAX_PAGE, -(-total // page_length))),
                        facets=run.facets(), other_group_total=run.other_group_total(), suggestion=suggestion,
                        distances=distances)


def _suggestion(run: _Search) -> str | None:
    """Return a corrected spelling of the search text when it finds something."""
    vocabulary = vocabulary_for(run.searcher)
    if not vocabulary.counts:
        return None  # an empty index (a fresh install): Whoosh's corrector fails on no words
    corrector = _VocabularyCorrector(vocabulary)
    corrected, changed = [], False
    for word in run.query.text.split():
        plain = word.strip('"()').lower()
        if len(plain) < 4 or not plain.isalpha() or plain in vocabulary:
            corrected.append(word)
            continue
        options = corrector.suggest(plain, limit=1, maxdist=2)
        corrected.append(options[0] if options else word)
        changed = changed or bool(options)
    if not changed:
        return None
    text = " ".join(corrected)
    return text if run.matching(text=run.text_mask(text_query(text))).any() else None


class _VocabularyCorrector(ListCorrector):
    """Whoosh's list corrector, ranking equally close words by how many listings use them."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(vocabulary.sorted_words())
        self.counts = vocabulary.counts

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        for score, word in super()._suggestions(text, maxdist, prefix):
            yield score - 0.5 / self.counts[word], word


@lru_cache(maxsize=512)
def _highlight_words(query_text: str) -> frozenset[str]:
    terms = {t for field_name, t in text_query(query_text).iter_all_terms() if field_name in TEXT_FIELDS}
    return frozenset(t.decode("utf-8") if isinstance(t, bytes) else t for t in terms)


def highlight(text: str, query_text: str) -> str | None:
    """Return HTML with the words matching ``query_text`` marked, in up to two short passages."""
    words = _highlight_words(query_text)
    if not words or not text:
        return None
    # The index's own tokens and stems, without Whoosh's per-token objects (the snippets
    # of a results page cost more than its search did).
    return snippets.mark_passages(text, _TOKEN_SPANS, _token_matcher(words))


@lru_cache(maxsize=64)
def _token_matcher(words: frozenset[str]) -> Callable[[str], bool]:
    """Say whether a token is one of ``words`` once analysed; remembered per token, as words repeat."""
    seen: dict[str, bool] = {}

    def is_match(token: str) -> bool:
        found = seen.get(token)
        if found is None:
            found = _term(token) in words
            if len(seen) < _STEM_CACHE_SIZE:
                seen[token] = found
        return found

    return is_match


def count(query: ListingQuery, today: date) -> int:
    """Return how many open listings ``query`` finds (no page, no facets)."""
    return int(_Search(get_searcher(), query, today).matching().sum())


def hourly_rates(query: ListingQuery, today: date) -> list[int]:
    """Return the hourly pay (cents) of every open listing ``query`` finds that states one."""
    run = _Search(get_searcher(), query, today)
    rates = run.snap.columns["hourly"][run.matching()]
    return [int(r) for r in rates if r > 0]


def indexed_count() -> int:
    """Return how many documents the current index holds."""
    return int(get_searcher().doc_count())


def counts_without(query: ListingQuery, today: date) -> dict[str, int]:
    """For each thing a query narrows by (words, or a filter field), how many it finds without it."""
    run = _Search(get_searcher(), query, today)
    found = {}
    if query.text.strip():
        found["text"] = int(run.matching(text=run.snap.live).sum())
    mask_of = {"age": "eligibility", "grade": "eligibility"}
    for name in query.active_filters:
        if name in ("age", "grade") and query.age is not None and query.grade is not None:
            # Dropping one of two eligibility answers changes the mask, not removes it.
            found[name] = count(query.without(name), today)
        else:
            found[name] = int(run.matching(skip=mask_of.get(name, name)).sum())
    return found


# --- relevance on arrays ----------------------------------------------------------------
#
# Whoosh scores every matching document in Python: a common word at 100,000 listings is
# tens of thousands of score() calls per query. For the queries people type (words,
# ANDed, with synonym ORs, and quoted phrases) the same BM25 sum is a few array
# operations over each term's postings, read once per index generation and kept.
# Anything else still goes to Whoosh.

BM25_B, BM25_K1 = 0.75, 1.2  # Whoosh's BM25F defaults, so both paths rank alike
# Arrays of the terms asked for lately, per worker: a bound in bytes, not terms, because
# a common word's postings at 100,000 listings are a thousand times a rare word's.
POSTINGS_CACHE_BYTES = 96 * 1024 * 1024
POSITIONS_CACHE_BYTES = 32 * 1024 * 1024  # only words of quoted phrases
POSITION_STRIDE = 1 << 32  # > any position in a listing


def _posting_blocks(term: str, reader: Any, field_name: str = "content") -> Iterator[tuple[Any, int]]:
    """Yield Whoosh's posting matcher at each block of ``term`` in ``field_name``, with its segment's offset.

    Whole blocks at once (Whoosh's W3LeafMatcher): its one-posting-at-a-time interface
    costs a Python call per posting.
    """
    for leaf, offset in reader.leaf_readers():
        if (field_name, term) not in leaf:
            continue
        matcher = leaf.postings(field_name, term)
        while not hasattr(matcher, "_next_block") and hasattr(matcher, "child"):
            matcher = matcher.child  # unwrap the deleted-documents filter
        while matcher.is_active():
            matcher._read_ids()
            yield matcher, offset
            if matcher._lastblock:
                break
            matcher._next_block()


class _ArrayCache:
    """Arrays by term, the oldest dropped when their bytes pass ``limit``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.bytes = 0
        self._items: dict[str, tuple[np.ndarray, ...]] = {}

    def get(self, key: str) -> tuple[np.ndarray, ...] | None:
        return self._items.get(key)

    def put(self, key: str, arrays: tuple[np.ndarray, ...]) -> None:
        self._items[key] = arrays
        self.bytes += sum(a.nbytes for a in arrays)
        while self.bytes > self.limit and len(self._items) > 1:
            oldest = next(iter(self._items))
            self.bytes -= sum(a.nbytes for a in self._items.pop(oldest))


# Whoosh stores a field's lengths as a column of one byte per document (a logarithmic
# code). Read whole, as the filter columns are; other layouts are read a document at a time.
_LENGTH_OF_BYTE = np.asarray([byte_to_length(code) for code in range(256)], dtype=np.float32)


def _content_lengths(leaf: Any, count: int) -> np.ndarray:
    try:
        column = leaf._perdoc.column_reader("_content_len", LENGTHS_COLUMN)
    except Exception:  # noqa: BLE001 - a layout this code does not know: read it the slow way
        column = None
    codes = _whole_numeric(column, count)
    if codes is not None and column._typecode == "B":
        return _LENGTH_OF_BYTE[codes]
    return np.fromiter((leaf.doc_field_length(d, "content", 0) for d in range(count)), dtype=np.float32, count=count)


class TermScores:
    """Per index generation: document lengths and each term's postings as arrays."""

    def __init__(self, searcher: Searcher) -> None:
        reader = searcher.reader()
        self.size = reader.doc_count_all()
        self.lengths = np.zeros(self.size, dtype=np.float32)
        for leaf, offset in reader.leaf_readers():
            count = leaf.doc_count_all()
            self.lengths[offset:offset + count] = _content_lengths(leaf, count)
        self.average_length = float(self.lengths.mean()) if self.size else 1.0
        self._postings = _ArrayCache(POSTINGS_CACHE_BYTES)
        self._positions = _ArrayCache(POSITIONS_CACHE_BYTES)

    def postings(self, term: str, reader: Any) -> tuple[np.ndarray, np.ndarray]:
        """Return (document numbers, term frequencies) of ``term`` in "content".

        ``reader`` is the asking request's: readers close with their request, while
        these arrays live as long as the index generation.
        """
        found = self._postings.get(term)
        if found is None:
            ids: list[np.ndarray] = []
            weights: list[np.ndarray] = []
            for matcher, offset in _posting_blocks(term, reader):
                matcher._read_weights()
                ids.append(np.asarray(matcher._ids, dtype=np.int32) + offset)
                weights.append(np.asarray(matcher._weights, dtype=np.float32))
            found = (np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32),
                     np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32))
            self._postings.put(term, found)
        return found[0], found[1]

    def positions(self, term: str, reader: Any) -> np.ndarray:
        """Return every occurrence of ``term`` in "content" as document number x POSITION_STRIDE + position."""
        cached = self._positions.get(term)
        if cached is not None:
            return cached[0]
        decode = SCHEMA["content"].format.decode_positions
        keys: list[int] = []
        for matcher, offset in _posting_blocks(term, reader):
            matcher._read_values()
            for docnum, value in zip(matcher._ids, matcher._values):
                base = (docnum + offset) * POSITION_STRIDE
                keys.extend(base + position for position in decode(value))
        found = np.asarray(keys, dtype=np.int64)
        self._positions.put(term, (found,))
        return found

    def phrase(self, words: Sequence[str], reader: Any) -> tuple[np.ndarray, np.ndarray]:
        """Return (mask, score) of documents holding ``words`` next to each other, in order."""
        parts = [self.term(word, reader) for word in words]
        mask = np.logical_and.reduce([m for m, _ in parts])
        if mask.any():
            # An occurrence of the k-th word at p puts the phrase start at p - k: a
            # document has the phrase where every word agrees on a start.
            starts: np.ndarray | None = None
            for k, word in enumerate(words):
                keys = self.positions(word, reader)
                keys = keys[mask[keys // POSITION_STRIDE]] - k
                starts = np.unique(keys) if starts is None else np.intersect1d(starts, keys, assume_unique=False)
            assert starts is not None
            mask = np.zeros(self.size, dtype=bool)
            mask[starts // POSITION_STRIDE] = True
        scores = sum((score for _, score in parts), np.zeros(self.size, dtype=np.float32))
        return mask, np.where(mask, scores, 0)

    def term(self, term: str, reader: Any) -> tuple[np.ndarray, np.ndarray]:
        """Return (mask, BM25 score) arrays for one term."""
        ids, tf = self.postings(term, reader)
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        if len(ids):
            idf = np.log(self.size / (len(ids) + 1)) + 1
            lengths = self.lengths[ids]
            norm = BM25_K1 * ((1 - BM25_B) + BM25_B * lengths / self.average_length)
            mask[ids] = True
            scores[ids] = idf * (tf * (BM25_K1 + 1)) / (tf + norm)
        return mask, scores

    def evaluate(self, q: wq.Query, reader: Any) -> tuple[np.ndarray, np.ndarray] | None:
        """Return (mask, score) for a tree of And/Or over content terms; None for anything else."""
        if isinstance(q, wq.Term) and q.fieldname == "content":
            text = q.text.decode("utf-8") if isinstance(q.text, bytes) else q.text
            return self.term(text, reader)
        if isinstance(q, wq.Phrase) and q.fieldname == "content" and q.slop == 1 and q.words:
            return self.phrase(q.words, reader)
        if isinstance(q, (wq.And, wq.Or)) and q.subqueries:
            parts = [self.evaluate(sub, reader) for sub in q.subqueries]
            if any(part is None for part in parts):
                return None
            masks = [p[0] for p in parts if p is not None]
            scores = sum((p[1] for p in parts if p is not None), np.zeros(self.size, dtype=np.float32))
            combined = np.logical_and.reduce(masks) if isinstance(q, wq.And) else np.logical_or.reduce(masks)
            return combined, np.where(combined, scores, 0)
        return None


term_scores = _PerCommit(TermScores)
