"""The report's charts as values: each a table (the figures, as its CSV gives them), a
sentence that says what it shows, and an SVG drawn from the same rows. Pure functions.

A table's cells are what its CSV holds (ISO dates, plain numbers), so the page, the CSV
and the chart never disagree. Column names are stable English (they are the CSV header);
labels and descriptions follow the reader's language.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Sequence

from markupsafe import Markup

from tracker import charts

Series = dict[date, dict[str, Decimal]]


@dataclass(frozen=True)
class Column:
    name: str        # the CSV header
    label: str       # the table header, in the reader's language
    about: str       # what it holds, in the reader's language (the CSV's documentation)
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    summary: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()

    def csv_text(self) -> str:
        """Return the table as CSV: a header of column names, then the rows as shown."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.name for c in self.columns])
        writer.writerows([safe_cell(cell) for cell in row] for row in self.rows)
        return out.getvalue()


@dataclass(frozen=True)
class ReportChart:
    table: Table
    svg: Markup
    extra: dict[str, str] = field(default_factory=dict)


def safe_cell(text: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (OWASP's CSV injection advice)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def number(value: Decimal | int | float) -> str:
    """Return a plain number for a table and a CSV: 12, 12.5, 13.25 (no thousands separator)."""
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}"


def share(part: Decimal | int, whole: Decimal | int) -> str:
    """Return a percentage with one decimal, or an empty cell when the whole is zero."""
    if not whole:
        return ""
    return number((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1")))


def sample_days(days: list[date], most: int = 26) -> list[date]:
    """Keep at most about ``most`` days, spread evenly and always with the first and the last."""
    if len(days) <= most:
        return days
    step = (len(days) - 1) / (most - 1)
    return sorted({days[round(i * step)] for i in range(most)})


def line(chart_id: str, title: str, summary: str, lines: Sequence[tuple[str, Sequence[tuple[int, str, Decimal]]]],
         percent: bool = False) -> Markup:
    """Draw one line per (name, points of (x, x label, value)); the y axis starts at 0."""
    largest = max([float(v) for _, points in lines for _, _, v in points] + [1])
    series = tuple(
        charts.LineSeries(name=name, points=tuple(charts.LinePoint(x=x, x_label=label, y=float(v)) for x, label, v in points),
                          end_label=f"{number(points[-1][2])}{'%' if percent else ''} ({points[-1][1]})")
        for name, points in lines if points)
    ticks = charts.percent_ticks() if percent else charts.count_ticks(largest)
    return charts.line_chart(charts.LineChart(chart_id=chart_id, title=title, description=summary, series=series,
                                              y_ticks=ticks))


def bars(chart_id: str, title: str, summary: str, items: Sequence[tuple[str, Decimal | None, str]], percent: bool = False) -> Markup:
    """Draw horizontal bars (name, value, value label); a None value is drawn as "not stated"."""
    largest = max([float(v) for _, v, _ in items if v is not None] + [1])
    ticks = charts.percent_ticks() if percent else charts.count_ticks(largest)
    return charts.bar_chart(charts.BarChart(
        chart_id=chart_id, title=title, description=summary, x_ticks=ticks,
        bars=tuple(charts.Bar(name=name, value=float(v) if v is not None else None, value_label=label)
                   for name, v, label in items)))
