"""The indicator file: one published figure per row, checked whole before anything is stored.

Program staff replace the figures each year by editing a CSV with these columns:
milestone, indicator, place, year, value, unit, source, source_url (and, optionally,
note and note_es). ``parse_indicator_csv`` is pure: bytes and the content catalog in,
records or ``(line, reason)`` problems out, so a bad file never half-loads.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterator

from tracker.milestones.content import Content

REQUIRED_COLUMNS = ("milestone", "indicator", "place", "year", "value", "unit", "source", "source_url")
OPTIONAL_COLUMNS = ("note", "note_es")
# Every column but these must be filled in on every row.
MAY_BE_BLANK = frozenset({"source_url", *OPTIONAL_COLUMNS})
MAX_LENGTHS = {"source": 300, "source_url": 1000, "note": 500, "note_es": 500}

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_YEAR = re.compile(r"(\d{4})")
_SCHOOL_YEAR = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{2}|\d{4})")
_CLASS_OF = re.compile(r"class\s+of\s+(\d{4})", re.IGNORECASE)
FIRST_YEAR, LAST_YEAR = 1950, 2100


@dataclass(frozen=True)
class IndicatorRecord:
    """One figure: what it measures, for whom, when, how much, and who says so."""

    milestone: str
    indicator: str
    place: str
    year: str
    sort_year: int
    value: Decimal
    unit: str
    source: str
    source_url: str | None = None
    note: str | None = None
    note_es: str | None = None

    @property
    def key(self) -> tuple[str, str, str, int]:
        """Identify the figure: one value per milestone, indicator, place and year."""
        return (self.milestone, self.indicator, self.place, self.sort_year)


@dataclass(frozen=True)
class Problem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ParsedFile:
    records: list[IndicatorRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_year(text: str) -> tuple[str, int] | None:
    """Return (label, sort year) for '2024', '2021–22' or 'class of 2023'; None if unreadable.

    A school year sorts by its first calendar year; a class by the year it graduates.
    """
    text = " ".join(text.split())
    if match := _YEAR.fullmatch(text):
        year = int(match.group(1))
        label = str(year)
    elif match := _SCHOOL_YEAR.fullmatch(text):
        year, end = int(match.group(1)), match.group(2)
        if int(end[-2:]) != (year + 1) % 100 or (len(end) == 4 and int(end) != year + 1):
            return None
        label = f"{year}–{(year + 1) % 100:02d}"
    elif match := _CLASS_OF.fullmatch(text):
        year = int(match.group(1))
        label = f"class of {year}"
    else:
        return None
    return (label, year) if FIRST_YEAR <= year <= LAST_YEAR else None


def parse_indicator_csv(data: bytes, content: Content) -> ParsedFile:
    """Check every row of an indicator CSV against the content; return records or problems."""
    result = ParsedFile()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        result.problems.append(Problem(line, "not UTF-8 text: save the file as “CSV UTF-8”"))
        return result
    if not text.strip():
        result.problems.append(Problem(1, f"the file is empty: the first line must name the columns {', '.join(REQUIRED_COLUMNS)}"))
        return result

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [_column_name(cell) for cell in next(reader)]
        rows = list(_numbered_rows(reader))
    except csv.Error as exc:
        result.problems.append(Problem(reader.line_num, f"not readable as CSV ({exc})"))
        return result

    result.problems.extend(_header_problems(header))
    if result.problems:
        return result
    if not rows:
        result.problems.append(Problem(2, "no figures: the file has a header but no rows, so nothing would be left to show"))
        return result

    seen: dict[tuple[str, str, str, int], int] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            result.problems.append(Problem(line, f"has {len(cells)} fields but the header has {len(header)} (check for a stray comma or quote)"))
            continue
        row = {name: cell.strip() for name, cell in zip(header, cells)}
        record, problems = _check_row(row, content)
        result.problems.extend(Problem(line, reason) for reason in problems)
        if record is None:
            continue
        if record.key in seen:
            result.problems.append(Problem(line, f"duplicate of line {seen[record.key]}: the same milestone, indicator, place and year"))
            continue
        seen[record.key] = line
        result.records.append(record)
    if result.problems:
        result.records = []
    return result


def _column_name(cell: str) -> str:
    return "_".join(cell.strip().lower().split())


def _numbered_rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    """Yield (line the row starts on, cells), skipping blank lines; a quoted field may span lines."""
    start = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def _header_problems(header: list[str]) -> list[Problem]:
    problems = []
    for name in REQUIRED_COLUMNS:
        if name not in header:
            problems.append(Problem(1, f"missing column “{name}” (the columns are {', '.join(REQUIRED_COLUMNS)})"))
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    for name in header:
        if not name:
            problems.append(Problem(1, "a column has no name"))
        elif name not in known:
            problems.append(Problem(1, f"unknown column “{name}” (the optional columns are {', '.join(OPTIONAL_COLUMNS)})"))
    for name in sorted({n for n in header if n and header.count(n) > 1}):
        problems.append(Problem(1, f"column “{name}” appears twice"))
    return problems


def _check_row(row: dict[str, str], content: Content) -> tuple[IndicatorRecord | None, list[str]]:
    problems = [f"{name} is empty" for name in REQUIRED_COLUMNS if name not in MAY_BE_BLANK and not row.get(name)]
    if problems:
        return None, problems

    milestone = content.milestone(row["milestone"])
    indicator = None
    if milestone is None:
        problems.append(f"unknown milestone “{row['milestone']}” (known: {', '.join(m.slug for m in content.milestones)})")
    else:
        indicator = milestone.indicator(row["indicator"])
        if indicator is None:
            problems.append(f"unknown indicator “{row['indicator']}” for milestone {milestone.slug} "
                            f"(known: {', '.join(i.slug for i in milestone.indicators)})")
    if content.place(row["place"]) is None:
        problems.append(f"unknown place “{row['place']}” (known: {', '.join(p.slug for p in content.places)})")

    year = parse_year(row["year"])
    if year is None:
        problems.append(f"year “{row['year']}” is not a year: write 2024, a school year such as 2021–22, or class of 2023")

    value: Decimal | None = None
    if not _NUMBER.fullmatch(row["value"]):
        hint = " (write the number without the % sign)" if row["value"].rstrip().endswith("%") else ""
        problems.append(f"value “{row['value']}” is not a number{hint}")
    elif len(row["value"].partition(".")[2]) > 3:
        problems.append(f"value {row['value']} has more than 3 decimal places")
    else:
        value = Decimal(row["value"])

    unit = row["unit"].lower()
    if indicator is not None and unit != indicator.unit:
        problems.append(f"unit “{row['unit']}” does not match indicator {indicator.slug}, which is measured in {indicator.unit}")
    elif value is not None and unit == "percent" and not Decimal(0) <= value <= Decimal(100):
        problems.append(f"value {value} is not a percentage from 0 to 100")
    elif value is not None and unit == "score" and not Decimal(0) <= value <= Decimal(100):
        problems.append(f"value {value} is not a score from 0 to 100")
    elif value is not None and unit == "count" and (value < 0 or value != value.to_integral_value()):
        problems.append(f"value {value} is not a whole count")

    url = row.get("source_url") or None
    if url is not None and not re.match(r"https?://\S+$", url):
        problems.append(f"source_url “{url[:60]}” is not a web address starting with http:// or https://")
    for name, limit in MAX_LENGTHS.items():
        if len(row.get(name) or "") > limit:
            problems.append(f"{name} is longer than {limit} characters")

    if problems or year is None or value is None:
        return None, problems
    return IndicatorRecord(
        milestone=row["milestone"], indicator=row["indicator"], place=row["place"], year=year[0], sort_year=year[1],
        value=value, unit=unit, source=row["source"], source_url=url,
        note=row.get("note") or None, note_es=row.get("note_es") or None,
    ), []
