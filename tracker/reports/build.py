"""The report for a period: read the history and the ingest runs once, build every chart.

Reports are built from aggregates only: daily snapshots, ingest runs per source, and the
placement figures staff enter (the 30% goal). Nothing here reads a person's data.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from babel.dates import format_date
from flask import current_app

from tracker import geo, placements, snapshots
from tracker.extensions import db
from tracker.i18n import FORMAT_LOCALES, current_language, gettext
from tracker.models import IngestRun, Source
from tracker.reports import sections
from tracker.reports.goal import goal_chart
from tracker.reports.period import Period
from tracker.reports.tables import Column, ReportChart, Table, bars, number, share
from tracker.snapshots import counts as m


@dataclass(frozen=True)
class Report:
    period: Period
    problems: tuple[str, ...]
    charts: tuple[ReportChart, ...]
    days: int              # days of the period with a snapshot
    derived_days: int      # of which backfilled from listing dates

    def chart(self, slug: str) -> ReportChart | None:
        return next((c for c in self.charts if c.table.slug == slug), None)


def build_report(period: Period, problems: list[str] | tuple[str, ...] = ()) -> Report:
    """Read the period's history and build every chart that has something to show."""
    history = sections.History(
        series={measure: snapshots.series(measure, period.start, period.end) for measure in (
            m.OPEN, m.KIND, m.PATHWAY, m.PAY, m.MEDIAN_HOURLY_PAY, m.HOURLY_PAY_LISTINGS, m.JUNIORS_SENIORS,
            m.ZIP, m.TRANSPORT, m.SOURCE)},
        day_label=_day_label(period), area_zips=area_zips())
    built = [
        sections.kinds_over_time(history), sections.pathways_first_and_last(history), sections.pay(history),
        sections.typical_pay(history), sections.juniors_seniors(history), sections.where(history),
        sections.without_a_car(history), sources(period, history), goal_chart(placements.by_year(), period),
    ]
    days = snapshots.snapshot_days(period.start, period.end)
    return Report(period=period, problems=tuple(problems), charts=tuple(c for c in built if c is not None),
                  days=len(days), derived_days=sum(1 for s in days if s.method == snapshots.Snapshot.BACKFILL))


def sources(period: Period, h: sections.History) -> ReportChart | None:
    """Which sources supply the open listings, and how often their runs failed in the period."""
    start, end = period.bounds(current_app.config["SITE_TIMEZONE"])
    runs = {name: (total, failed) for name, total, failed in db.session.execute(
        sa.select(Source.name, sa.func.count(IngestRun.id),
                  sa.func.sum(sa.case((IngestRun.outcome == IngestRun.FAILED, 1), else_=0)))
        .join(IngestRun.source).where(IngestRun.started_at.between(start, end)).group_by(Source.name))}
    supplied = h.last(m.SOURCE)
    names = sorted(set(runs) | set(supplied), key=lambda n: (-supplied.get(n, 0), n))
    if not names:
        return None
    rows = tuple((n, number(supplied.get(n, 0)), number(runs.get(n, (0, 0))[0]), number(runs.get(n, (0, 0))[1] or 0),
                  share(runs[n][0] - (runs[n][1] or 0), runs[n][0]) if n in runs else "") for n in names)
    failing = [r[0] for r in rows if r[3] != "0"]
    title = gettext("Which sources supply the opportunities, and how reliable they are")
    summary = gettext("%(count)s sources supplied open opportunities; %(failing)s of them failed at least once in the period.",
                      count=sum(1 for r in rows if r[1] != "0"), failing=len(failing))
    table = Table("sources", title, summary, (
        Column("source", gettext("Source"), gettext("The feed, board or partner file the listings come from.")),
        Column("open_listings", gettext("Open"), gettext("Open listings it supplied on the last day with a snapshot."), numeric=True),
        Column("runs", gettext("Runs"), gettext("Ingest runs of the source in the period."), numeric=True),
        Column("failed_runs", gettext("Failed runs"), gettext("Runs that failed (the source's earlier listings were kept)."), numeric=True),
        Column("success_percent", gettext("Succeeded (%)"), gettext("Percent of runs that succeeded, one decimal; empty without runs."), numeric=True)),
        rows)
    items = [(r[0], Decimal(r[1]), r[1]) for r in rows[:sections.MOST_BARS] if r[1] != "0"]
    return ReportChart(table, bars("report-sources", title, summary, items))


def area_zips() -> tuple[tuple[str, str], ...]:
    """Return the ZIP codes of the places the site serves (REPORT_AREA_PLACES), with their place."""
    wanted = {p.strip().lower() for p in current_app.config.get("REPORT_AREA_PLACES", "Birmingham").split(",") if p.strip()}
    with open(geo.DEFAULT_CENTROIDS, newline="", encoding="utf-8") as handle:
        # Census ZIP areas only: the GeoNames extras are PO boxes and single buildings, not parts of a city.
        return tuple((row["zip"], row["place"]) for row in csv.DictReader(handle)
                     if row["place"].lower() in wanted and row["source"] == "census")


def _day_label(period: Period):  # type: ignore[no-untyped-def]
    locale = FORMAT_LOCALES.get(current_language(), "en_US")
    pattern = "MMM d" if period.start.year == period.end.year else "MMM d, yyyy"

    def label(day: date) -> str:
        return format_date(day, pattern, locale=locale)
    return label
