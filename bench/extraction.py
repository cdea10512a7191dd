"""Extraction accuracy on a hand-labelled set: per-field accuracy, duplicate pairs, refusals.

    .venv/bin/python -m bench.extraction            # table, pairs, refusals, every miss
    .venv/bin/python -m bench.extraction --quiet    # without the list of misses

The labels live beside this script in bench/extraction_set/ (see its README.md): one row per
entry, labelled by hand from the entry's own text. Each labelled entry is looked up by its
file and the id the source gives it ("title:…" where the source gives none), after the
pure ingest stages (parse, normalize, dedupe within the source) have run. A field left
empty in the labels means the text does not state it; "not stated" is a value like any
other, so a guess where the label is empty counts as a miss.

Files under ../shared/fixtures (real feeds without a licence that lets this repository
copy them) are read in place; when that folder is absent their entries are skipped with
a message and the figures cover the rest.
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Iterable

from ingest.dedupe import dedupe_within_source
from ingest.errors import IngestError
from ingest.parsers import parse, refuse_unless_meant
from ingest.pipeline import normalize_all
from ingest.records import NormalizedListing, SourceDefaults

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "bench" / "extraction_set"
SHARED_PREFIX = "../shared/"
# The run's "today" only moves demo dates; a fixed day keeps the figures reproducible.
TODAY = date(2026, 12, 6)
FIELDS = ("kind", "paid", "pay_min", "pay_max", "pay_period", "min_age", "grades", "work_mode",
          "city", "state", "zip", "deadline", "posted", "apply_url", "pathway")
TARGET = 0.95


def shared_dir() -> Path | None:
    """Return the shared fixtures' parent folder ("…/shared"), wherever this checkout sits."""
    candidates = [Path(os.environ["SHARED_DIR"])] if os.environ.get("SHARED_DIR") else []
    # The main checkout sits beside shared/; a worktree sits one level deeper.
    candidates += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((c for c in candidates if (c / "fixtures").is_dir()), None)


def resolve(name: str) -> Path | None:
    """Return the path a labels file names, or None when it is a shared file that is absent."""
    if name.startswith(SHARED_PREFIX):
        base = shared_dir()
        return base / name.removeprefix(SHARED_PREFIX) if base else None
    return ROOT / name


@dataclass
class FileRun:
    """What the pure stages made of one file."""

    listings: list[NormalizedListing] = field(default_factory=list)  # after dedupe
    before_dedupe: list[NormalizedListing] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def run_file(path: Path) -> FileRun:
    """Parse, normalize and dedupe one file as `ingest check` does."""
    try:
        parsed = parse(path.read_bytes(), "auto")
        refuse_unless_meant(parsed, None)
    except IngestError as exc:
        return FileRun(error=str(exc))
    listings, problems, notes = normalize_all(parsed.entries, SourceDefaults(), TODAY)
    kept, _ = dedupe_within_source(listings)
    return FileRun(kept, listings, None, list(parsed.warnings) + problems + notes)


def _key_matches(listing: NormalizedListing, key: str) -> bool:
    if key.startswith("title:"):
        return listing.title == key.removeprefix("title:")
    return listing.external_id == key


def find(run: FileRun, key: str) -> tuple[NormalizedListing | None, NormalizedListing | None]:
    """Return (the entry's own listing, the kept listing that stands for it).

    The two are the same object when the entry survived dedupe as itself.
    """
    own = next((item for item in run.before_dedupe if _key_matches(item, key)), None)
    if own is None:
        return None, None
    for kept in run.listings:
        if kept is own or (_key_matches(kept, key) and kept.title == own.title and kept.apply_url == own.apply_url):
            return kept, kept
    for kept in run.listings:
        if own.external_id in getattr(kept, "merged_ids", ()):
            return own, kept
    # A listing dedupe dropped stands under the kept one with its id or apply URL.
    for kept in run.listings:
        if kept.external_id == own.external_id or (own.apply_url and kept.apply_url == own.apply_url):
            return own, kept
    return own, None


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value) if value.strip() else None
    except InvalidOperation:
        return None


def value_of(listing: NormalizedListing, name: str) -> str:
    """Return what the code gives for a labelled field, written as the labels write it."""
    if name == "paid":
        return listing.pay_status
    if name in ("pay_min", "pay_max"):
        amount = getattr(listing, name)
        return "" if amount is None else format(amount.normalize(), "f")
    if name == "grades":
        if listing.min_grade is None and listing.max_grade is None:
            return ""
        return f"{_text(listing.min_grade)}-{_text(listing.max_grade)}"
    if name == "posted":
        return listing.posted_at.astimezone(timezone.utc).date().isoformat() if listing.posted_at else ""
    if name == "pathway":
        return listing.pathways[0] if listing.pathways else "-"
    return _text(getattr(listing, name))


def matches(name: str, expected: str, got: str) -> bool:
    """Tell whether the code's value is the labelled one."""
    if name in ("pay_min", "pay_max"):
        return _decimal(expected) == _decimal(got)
    if name == "pathway":
        return got in expected.split("|")
    if name == "city":
        return expected.strip().casefold() == got.strip().casefold()
    return expected.strip() == got.strip()


@dataclass
class Report:
    correct: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    skipped_files: set[str] = field(default_factory=set)
    entries: int = 0
    pairs: list[tuple[str, bool, str]] = field(default_factory=list)  # (expect, ok, line)
    refusals: list[tuple[bool, str]] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.total[name] if self.total[name] else 0.0


def _rows(name: str) -> list[dict[str, str]]:
    with open(SET / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def evaluate(runner: Callable[[Path], FileRun] = run_file) -> Report:
    """Score the code against every label, pair and refusal in the set."""
    report = Report()
    runs: dict[str, FileRun | None] = {}

    def run_for(name: str) -> FileRun | None:
        if name not in runs:
            path = resolve(name)
            if path is None or not path.is_file():
                report.skipped_files.add(name)
                runs[name] = None
            else:
                runs[name] = runner(path)
        return runs[name]

    merged_away = {(p["file"], p["id_b"]) for p in _rows("pairs.csv") if p["expect"] == "merge"}
    for label in _rows("labels.csv"):
        run = run_for(label["file"])
        if run is None:
            continue
        own, kept = find(run, label["id"])
        if (label["file"], label["id"]) in merged_away and kept is not None and kept is not own:
            continue  # the second of a duplicate pair: scored in the pairs, not twice here
        report.entries += 1
        standing = kept if kept is own else None  # merged into a look-alike: the entry is lost
        for name in FIELDS:
            report.total[name] += 1
            got = value_of(standing, name) if standing is not None else "<missing>"
            if standing is not None and matches(name, label[name], got):
                report.correct[name] += 1
            else:
                report.misses.append(f"{label['file'].rsplit('/', 1)[-1]} {label['id']} [{name}] "
                                     f"expected {label[name] or '(not stated)'!r}, got {got or '(not stated)'!r}")
    for pair in _rows("pairs.csv"):
        run = run_for(pair["file"])
        if run is None:
            continue
        (_, a), (_, b) = find(run, pair["id_a"]), find(run, pair["id_b"])
        merged = a is not None and a is b
        ok = merged if pair["expect"] == "merge" else (a is not None and b is not None and not merged)
        state = "merged" if merged else ("apart" if a is not None and b is not None else "missing")
        report.pairs.append((pair["expect"], ok, f"{'ok  ' if ok else 'MISS'} {pair['expect']:5} -> {state:7} "
                                                 f"{pair['file'].rsplit('/', 1)[-1]} {pair['id_a']} / {pair['id_b']}"))
    for refusal in _rows("refusals.csv"):
        run = run_for(refusal["file"])
        if run is None:
            continue
        refused = run.error is not None or not run.listings
        ok = refused == (refusal["expect"] == "refused")
        said = run.error or f"{len(run.listings)} listings"
        report.refusals.append((ok, f"{'ok  ' if ok else 'MISS'} expect {refusal['expect']:8} "
                                    f"{refusal['file'].rsplit('/', 1)[-1]}: {said}"))
    return report


def shared_feed_counts() -> tuple[int, int, list[str]] | None:
    """Return (files giving listings, files refused with a reason, reasons) for every shared feed."""
    base = shared_dir()
    if base is None:
        return None
    feeds = base / "fixtures" / "feeds"
    listings, refused, reasons = 0, 0, []
    for path in sorted(p for p in feeds.rglob("*") if p.is_file() and p.name not in ("SOURCE.txt", "LICENSE-NOTE.txt")):
        run = run_file(path)
        if run.error is None and run.listings:
            listings += 1
        else:
            refused += 1
            reasons.append(f"{path.relative_to(feeds)}: {run.error or (run.warnings or ['no listings'])[0]}")
    return listings, refused, reasons


def render(report: Report, quiet: bool = False) -> Iterable[str]:
    """Yield the lines of the printed report."""
    for name in sorted(report.skipped_files):
        yield f"skipped: {name} is not here (the shared fixtures live beside the repository)"
    yield f"{report.entries} labelled entries"
    yield f"{'field':<12} {'right':>7} {'accuracy':>9}"
    for name in FIELDS:
        mark = "" if report.accuracy(name) >= TARGET else "  < 95%"
        yield f"{name:<12} {report.correct[name]:>3}/{report.total[name]:<3} {report.accuracy(name):>8.1%}{mark}"
    merges = [ok for expect, ok, _ in report.pairs if expect == "merge"]
    apart = [ok for expect, ok, _ in report.pairs if expect == "apart"]
    yield f"duplicate pairs merged: {sum(merges)}/{len(merges)}; look-alikes kept apart: {sum(apart)}/{len(apart)}"
    yield f"non-listings refused as labelled: {sum(ok for ok, _ in report.refusals)}/{len(report.refusals)}"
    yield from (line for _, _, line in report.pairs)
    yield from (line for _, line in report.refusals)
    if not quiet:
        yield f"misses ({len(report.misses)}):"
        yield from (f"  {miss}" for miss in report.misses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quiet", action="store_true", help="leave out the list of misses")
    parser.add_argument("--shared", action="store_true", help="also count shared feeds giving listings or a reason")
    args = parser.parse_args(argv)
    report = evaluate()
    for line in render(report, args.quiet):
        print(line)
    if args.shared:
        counts = shared_feed_counts()
        if counts is None:
            print("shared feeds: not here")
        else:
            listings, refused, reasons = counts
            print(f"shared feeds: {listings} files give listings, {refused} give a one-line reason")
            for reason in reasons:
                print(f"  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
