"""One function per chart of the report: figures from the history in, a ReportChart out.

Each takes the snapshot series it needs (already read for the period) and returns None
when the period holds nothing to chart. Words are translated; figures are never estimated:
a day without a snapshot is simply not a point.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Callable

from tracker import taxonomy
from tracker.i18n import gettext
from tracker.reports.tables import Column, ReportChart, Series, Table, bars, line, number, sample_days, share
from tracker.snapshots import counts as m

# Lines drawn on the kind chart; the rest are summed as "other kinds" (the table keeps each).
MOST_LINES = 4
MOST_BARS = 12


@dataclass(frozen=True)
class History:
    """What the report reads: one series per measure, for the period."""

    series: dict[str, Series]
    day_label: Callable[[date], str]
    area_zips: tuple[tuple[str, str], ...] = ()   # (zip, place) the site serves: shown even with no listing

    def of(self, measure: str) -> Series:
        return self.series.get(measure, {})

    @property
    def days(self) -> list[date]:
        return sorted(self.of(m.OPEN))

    def point(self, day: date, value: Decimal) -> tuple[int, str, Decimal]:
        """Return a chart point for a day: its ordinal, its label, the value."""
        return (day.toordinal(), self.day_label(day), value)

    def last(self, measure: str) -> dict[str, Decimal]:
        days = self.days
        return self.of(measure).get(days[-1], {}) if days else {}


def _date_col() -> Column:
    return Column("date", gettext("Date"), gettext("The day counted (YYYY-MM-DD)."))


def kinds_over_time(h: History) -> ReportChart | None:
    days = sample_days(h.days)
    if not days:
        return None
    series = h.of(m.KIND)
    last = series.get(days[-1], {})
    kinds = sorted({k for d in days for k in series.get(d, {})}, key=lambda k: (-last.get(k, 0), k))
    rows = tuple((d.isoformat(), k, number(series.get(d, {}).get(k, 0))) for d in days for k in kinds)
    drawn = kinds[:MOST_LINES]
    lines = [(gettext(taxonomy.label(taxonomy.KINDS, k)), [h.point(d, series.get(d, {}).get(k, Decimal(0))) for d in days])
             for k in drawn]
    if len(kinds) > MOST_LINES:
        lines.append((gettext("Other kinds"), [h.point(d, sum((series.get(d, {}).get(k, Decimal(0)) for k in kinds[MOST_LINES:]), Decimal(0)))
                                               for d in days]))
    open_series = h.of(m.OPEN)
    summary = gettext("On %(last)s, %(total)s opportunities were open (%(first_total)s on %(first)s). Most were %(kind)s: %(count)s.",
                      last=h.day_label(days[-1]), total=number(open_series[days[-1]].get("all", 0)),
                      first=h.day_label(days[0]), first_total=number(open_series[days[0]].get("all", 0)),
                      kind=gettext(taxonomy.label(taxonomy.KINDS, kinds[0])) if kinds else "—",
                      count=number(last.get(kinds[0], 0)) if kinds else "0")
    title = gettext("Open opportunities over time, by kind")
    table = Table("opportunities-by-kind", title, summary, (
        _date_col(), Column("kind", gettext("Kind"), gettext("The kind of opportunity (internship, job, …), as a slug.")),
        Column("open_listings", gettext("Open"), gettext("Listings the public could find that day."), numeric=True)), rows)
    return ReportChart(table, line("report-kinds", title, summary, lines))


def pathways_first_and_last(h: History) -> ReportChart | None:
    days = h.days
    if not days:
        return None
    first, last = h.of(m.PATHWAY).get(days[0], {}), h.of(m.PATHWAY).get(days[-1], {})
    slugs = sorted(set(first) | set(last), key=lambda s: (-last.get(s, 0), s))
    rows = tuple((s, gettext(taxonomy.label(taxonomy.PATHWAYS, s)), number(first.get(s, 0)), number(last.get(s, 0))) for s in slugs)
    title = gettext("Open opportunities by career pathway")
    top = ", ".join(f"{gettext(taxonomy.label(taxonomy.PATHWAYS, s))} {number(last.get(s, 0))}" for s in slugs[:3])
    summary = gettext("On %(last)s the pathways with the most open opportunities were %(top)s. An opportunity in two pathways counts in each.",
                      last=h.day_label(days[-1]), top=top or "—")
    table = Table("opportunities-by-pathway", title, summary, (
        Column("pathway", gettext("Pathway"), gettext("The career pathway, as a slug.")),
        Column("pathway_name", gettext("Name"), gettext("The pathway's name.")),
        Column("open_first_day", h.day_label(days[0]), gettext("Open on the first day of the period with a snapshot."), numeric=True),
        Column("open_last_day", h.day_label(days[-1]), gettext("Open on the last day of the period with a snapshot."), numeric=True)),
        rows)
    items = [(row[1], Decimal(row[3]), row[3]) for row in rows[:MOST_BARS]]
    return ReportChart(table, bars("report-pathways", title, summary, items))


def pay(h: History) -> ReportChart | None:
    last = h.last(m.PAY)
    total = sum(last.values(), Decimal(0))
    if not total:
        return None
    order = (taxonomy.PAID, taxonomy.UNPAID, taxonomy.PAY_UNKNOWN)
    rows = tuple((k, gettext(taxonomy.label(taxonomy.PAY_STATUSES, k)), number(last.get(k, 0)), share(last.get(k, 0), total)) for k in order)
    title = gettext("Paid, unpaid and pay not stated")
    summary = gettext("On %(day)s, %(paid)s%% of open opportunities were paid, %(unpaid)s%% unpaid, and %(unknown)s%% did not say.",
                      day=h.day_label(h.days[-1]), paid=rows[0][3], unpaid=rows[1][3], unknown=rows[2][3])
    table = Table("pay", title, summary, (
        Column("pay", gettext("Pay"), gettext("paid, unpaid or unknown (the listing does not say).")),
        Column("pay_name", gettext("Name"), gettext("The same, in words.")),
        Column("open_listings", gettext("Open"), gettext("Open listings on the last day with a snapshot."), numeric=True),
        Column("share_percent", gettext("Share (%)"), gettext("Percent of all open listings that day, one decimal."), numeric=True)), rows)
    items = [(row[1], Decimal(row[3]), f"{row[3]}%") for row in rows]
    return ReportChart(table, bars("report-pay", title, summary, items, percent=True))


def typical_pay(h: History) -> ReportChart | None:
    medians, counted = h.last(m.MEDIAN_HOURLY_PAY), h.last(m.HOURLY_PAY_LISTINGS)
    if not medians:
        return None
    slugs = ["all"] + sorted((s for s in medians if s != "all"), key=lambda s: (-medians[s], s))
    name = lambda s: gettext("All pathways") if s == "all" else gettext(taxonomy.label(taxonomy.PATHWAYS, s))  # noqa: E731
    rows = tuple((s, name(s), f"{medians[s]:.2f}", number(counted.get(s, 0))) for s in slugs)
    title = gettext("Typical hourly pay, by career pathway")
    summary = gettext("On %(day)s the median hourly pay that paid listings stated was $%(all)s, across %(count)s listings that give an hourly rate. Listings paid by the week, month or year are not converted.",
                      day=h.day_label(h.days[-1]), all=rows[0][2], count=rows[0][3])
    table = Table("typical-pay", title, summary, (
        Column("pathway", gettext("Pathway"), gettext("The career pathway, as a slug (all: every pathway).")),
        Column("pathway_name", gettext("Name"), gettext("The pathway's name.")),
        Column("median_hourly_pay_usd", gettext("Median hourly pay ($)"), gettext("The median of the lowest hourly rate each paid listing states, in US dollars."), numeric=True),
        Column("listings_with_hourly_pay", gettext("Listings"), gettext("How many listings state an hourly rate (the median is of these)."), numeric=True)), rows)
    items = [(f"{row[1]} ({row[3]})", Decimal(row[2]), f"${row[2]}") for row in rows[:MOST_BARS]]
    return ReportChart(table, bars("report-typical-pay", title, summary, items))


def juniors_seniors(h: History) -> ReportChart | None:
    days = sample_days(h.days)
    if not days:
        return None
    series, total = h.of(m.JUNIORS_SENIORS), h.of(m.OPEN)
    rows = tuple((d.isoformat(), number(series.get(d, {}).get("fits", 0)), number(series.get(d, {}).get("unstated", 0)),
                  number(total.get(d, {}).get("all", 0))) for d in days)
    title = gettext("Opportunities open to juniors and seniors")
    summary = gettext("On %(day)s, %(fits)s of %(all)s open opportunities stated ages 16 to 18 or grades 11 or 12; another %(unstated)s stated no age or grade.",
                      day=h.day_label(days[-1]), fits=rows[-1][1], all=rows[-1][3], unstated=rows[-1][2])
    lines = [(gettext("Open to juniors and seniors"), [h.point(d, Decimal(r[1])) for d, r in zip(days, rows)]),
             (gettext("No age or grade stated"), [h.point(d, Decimal(r[2])) for d, r in zip(days, rows)])]
    table = Table("juniors-seniors", title, summary, (
        _date_col(),
        Column("open_to_juniors_seniors", gettext("Juniors and seniors"), gettext("Open listings whose stated ages include 16, 17 or 18, or whose stated grades include 11 or 12."), numeric=True),
        Column("age_or_grade_not_stated", gettext("Not stated"), gettext("Open listings that state neither an age nor a grade."), numeric=True),
        Column("all_open", gettext("All open"), gettext("Every open listing that day."), numeric=True)), rows)
    return ReportChart(table, line("report-juniors-seniors", title, summary, lines))


def where(h: History) -> ReportChart | None:
    last = h.last(m.ZIP)
    if not h.days:
        return None
    places = dict(h.area_zips)
    zips = sorted(set(last) | set(places), key=lambda z: (-last.get(z, 0), z))
    rows = tuple((z, places.get(z, ""), number(last.get(z, 0))) for z in zips)
    empty = [z for z in sorted(places) if not last.get(z)]
    title = gettext("Where the open opportunities are, by ZIP code")
    summary = gettext("On %(day)s, %(zips)s ZIP codes had at least one open opportunity. %(empty)s ZIP codes of the area had none.",
                      day=h.day_label(h.days[-1]), zips=sum(1 for z in last if z != m.NOT_STATED and last[z]), empty=len(empty))
    table = Table("where", title, summary, (
        Column("zip", gettext("ZIP code"), gettext("The 5-digit ZIP code of the listing's place (not-stated: remote or no address).")),
        Column("area", gettext("Area"), gettext("The place the ZIP belongs to, for the area's own ZIP codes.")),
        Column("open_listings", gettext("Open"), gettext("Open listings on the last day with a snapshot."), numeric=True)), rows,
        notes=(gettext("ZIP codes of the area with no open opportunity: %(zips)s.", zips=", ".join(empty)),) if empty else ())
    items = [(z if z != m.NOT_STATED else gettext("No ZIP (remote or not stated)"), last.get(z, Decimal(0)), number(last.get(z, 0)))
             for z in zips[:MOST_BARS] if last.get(z)]
    return ReportChart(table, bars("report-where", title, summary, items))


def without_a_car(h: History) -> ReportChart | None:
    last = h.last(m.TRANSPORT)
    total = sum(last.values(), Decimal(0))
    if not total:
        return None
    names = {"remote": gettext("Remote: no trip"), "provided": gettext("Transport provided"),
             "bus-stop": gettext("Bus stop within a walk"), "transit-note": gettext("Names a bus or transit route"), "not-provided": gettext("No transport provided"),
             m.NOT_STATED: gettext("Does not say")}
    rows = tuple((k, names[k], number(last.get(k, 0)), share(last.get(k, 0), total)) for k in names)
    reachable = sum((last.get(k, Decimal(0)) for k in m.WITHOUT_A_CAR), Decimal(0))
    title = gettext("Reachable without a car")
    summary = gettext("On %(day)s, %(count)s of %(total)s open opportunities (%(share)s%%) could be reached without a car as far as the listings say: remote, with transport provided, a bus stop within a walk, or naming a transit route.",
                      day=h.day_label(h.days[-1]), count=number(reachable), total=number(total), share=share(reachable, total))
    table = Table("without-a-car", title, summary, (
        Column("transport", gettext("How"), gettext("remote, provided, bus-stop, transit-note, not-provided or not-stated.")),
        Column("transport_name", gettext("Name"), gettext("The same, in words.")),
        Column("open_listings", gettext("Open"), gettext("Open listings on the last day with a snapshot."), numeric=True),
        Column("share_percent", gettext("Share (%)"), gettext("Percent of all open listings that day, one decimal."), numeric=True)), rows)
    items = [(row[1], Decimal(row[3]), f"{row[3]}%") for row in rows]
    return ReportChart(table, bars("report-without-a-car", title, summary, items, percent=True))
