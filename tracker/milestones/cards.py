"""A milestone's card as a value: its figures worded for the page, its charts and tables. Pure.

dashboard.py gathers the figures and live counts; this module turns one milestone's
figures into what its card shows, in one language.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from tracker import charts
from tracker.milestones import trends, words
from tracker.milestones.content import Content, Indicator, Milestone, Place, TrackerLink
from tracker.milestones.indicators import IndicatorRecord
from tracker.query import ListingQuery

LOCAL_ROLES = ("local", "program")
COMPARISON_ROLES = ("state", "nation")
# Units whose figures compare across places (a program's counts do not).
COMPARABLE_UNITS = ("percent", "score")


@dataclass(frozen=True)
class Figure:
    """One stored figure, worded for the page."""

    record: IndicatorRecord
    place: Place
    place_name: str
    value: str
    year: str
    note: str | None
    note_lang: str | None  # set when the note is in another language than the page


@dataclass(frozen=True)
class LocalFigure:
    latest: Figure
    previous: Figure | None
    status: str          # trends.BETTER / WORSE / SAME / ONE_YEAR, or "" when the indicator has no direction
    sentence: str


@dataclass(frozen=True)
class Comparison:
    place_name: str
    figure: Figure | None  # None: not available


@dataclass(frozen=True)
class ChartRow:
    """One row of the table that gives a chart's figures in text."""

    indicator: str
    group: str
    year: str
    value: str
    source: str
    source_url: str | None = None
    note: str | None = None
    note_lang: str | None = None

    @classmethod
    def of(cls, figure: Figure, indicator: str = "") -> ChartRow:
        record = figure.record
        return cls(indicator=indicator, group=figure.place_name, year=figure.year, value=figure.value,
                   source=record.source, source_url=record.source_url, note=figure.note, note_lang=figure.note_lang)


@dataclass(frozen=True)
class Chart:
    svg: Markup
    summary: str
    caption: str
    rows: tuple[ChartRow, ...]
    indicator_column: bool  # the table names the indicator (bar charts mixing indicators)


@dataclass(frozen=True)
class Panel:
    """What the card says about one indicator that has figures."""

    indicator: Indicator
    label: str
    local: tuple[LocalFigure, ...]
    comparisons: tuple[Comparison, ...]


@dataclass(frozen=True)
class Link:
    label: str
    grade: str | None
    query: ListingQuery | None
    open_now: int | None


@dataclass(frozen=True)
class Card:
    milestone: Milestone
    panels: tuple[Panel, ...]
    without_figures: tuple[str, ...]  # labels of indicators with no figure yet
    charts: tuple[Chart, ...]
    link: Link


def query_of(link: TrackerLink) -> ListingQuery | None:
    """Return the tracker search a link opens, or None when it opens the grade guide."""
    if link.grade is not None:
        return None
    return ListingQuery(kinds=link.kinds, age=link.age)


def link_of(link: TrackerLink, lang: str, open_now: int | None) -> Link:
    return Link(label=link.label.get(lang), grade=link.grade, query=query_of(link), open_now=open_now)


def ticks(unit: str, largest: float) -> tuple[tuple[float, str], ...]:
    """Return the axis for a unit: 0–100% for percentages, 0–100 for scores, round steps for counts."""
    if unit == "percent":
        return charts.percent_ticks()
    if unit == "score":
        return tuple((v, str(v)) for v in (0, 25, 50, 75, 100))
    return charts.count_ticks(largest)


def card(c: Content, milestone: Milestone, records: list[IndicatorRecord], lang: str, open_now: int | None) -> Card:
    panels, without, chart_list, single = [], [], [], []
    for indicator in milestone.indicators:
        mine = [r for r in records if r.indicator == indicator.slug]
        if not mine:
            without.append(indicator.label.get(lang))
            continue
        panel = _panel(c, indicator, mine, lang)
        panels.append(panel)
        if len(mine) > 1:
            chart_list.append(_line_chart(c, milestone, indicator, mine, lang))
        else:
            single.append((indicator, figure_of(c, mine[0], lang)))
    for unit, group in groupby(sorted(single, key=lambda item: item[0].unit), key=lambda item: item[0].unit):
        chart_list.append(_latest_bar_chart(c, milestone, unit, list(group), lang))
    if milestone.goal is not None:
        chart_list.append(_goal_chart(c, milestone, records, lang))
    return Card(milestone=milestone, panels=tuple(panels), without_figures=tuple(without), charts=tuple(chart_list),
                link=link_of(milestone.link, lang, open_now))


def figure_of(c: Content, record: IndicatorRecord, lang: str) -> Figure:
    place = c.place(record.place)
    assert place is not None  # the loader refuses unknown places
    note, note_lang = record.note, None
    if lang == "es" and record.note_es:
        note = record.note_es
    elif lang == "es" and record.note:
        note_lang = "en"
    return Figure(record=record, place=place, place_name=place.name.get(lang), value=words.value_text(record.value, record.unit),
                  year=words.year_text(record.year, lang), note=note, note_lang=note_lang)


def _panel(c: Content, indicator: Indicator, records: list[IndicatorRecord], lang: str) -> Panel:
    local = []
    for series in sorted(trends.group_series(records), key=lambda s: (LOCAL_ROLES.index(role_of(c, s.place))
                                                                       if role_of(c, s.place) in LOCAL_ROLES else 9, s.place)):
        place = c.place(series.place)
        if place is None or place.role not in LOCAL_ROLES:
            continue
        status = trends.status_of(series, indicator.direction) if indicator.direction != "none" else ""
        latest = figure_of(c, series.latest, lang)
        previous = figure_of(c, series.previous, lang) if series.previous else None
        local.append(LocalFigure(latest=latest, previous=previous, status=status,
                                 sentence=series_sentence(c, latest, previous, lang)))
    comparisons = []
    # Rates compare across places; a program's counts do not, so counts get no comparison line.
    for role in COMPARISON_ROLES if indicator.unit in COMPARABLE_UNITS else ():
        for place in (p for p in c.places if p.role == role):
            mine = sorted((r for r in records if r.place == place.slug), key=lambda r: r.sort_year)
            comparisons.append(Comparison(place.name.get(lang), figure_of(c, mine[-1], lang) if mine else None))
    return Panel(indicator=indicator, label=indicator.label.get(lang), local=tuple(local), comparisons=tuple(comparisons))


def _when(c: Content, figure: Figure, lang: str) -> str:
    """Return 'in 2021–22' or 'for the class of 2023' (in the page's language)."""
    year = figure.record.year
    if year.startswith("class of "):
        return words.fill(c.text("in_class", lang), year=year[len("class of "):])
    return words.fill(c.text("in_year", lang), year=figure.year)


def series_sentence(c: Content, latest: Figure, previous: Figure | None, lang: str) -> str:
    if previous is None:
        return words.fill(c.text("sentence_one_year", lang), place=latest.place_name, value=latest.value,
                          when=_when(c, latest, lang))
    change = latest.record.value - previous.record.value
    key = "change_up" if change > 0 else "change_down" if change < 0 else "change_same"
    return words.fill(c.text("sentence_change", lang), place=latest.place_name, value=latest.value,
                      when=_when(c, latest, lang), change=c.text(key, lang), previous=previous.value,
                      previous_when=_when(c, previous, lang))


def _line_chart(c: Content, milestone: Milestone, indicator: Indicator, records: list[IndicatorRecord], lang: str) -> Chart:
    role_order = {role: n for n, role in enumerate(LOCAL_ROLES[::-1] + COMPARISON_ROLES)}
    series_list = sorted(trends.group_series(records),
                         key=lambda s: (role_order.get(role_of(c, s.place), 9), s.place))
    drawn: list[charts.LineSeries] = []
    sentences: list[str] = []
    rows: list[ChartRow] = []
    for series in series_list:
        figures = [figure_of(c, r, lang) for r in series.points]
        rows.extend(ChartRow.of(f) for f in figures)
        place = figures[-1].place
        drawn.append(charts.LineSeries(
            name=place.short.get(lang),
            points=tuple(charts.LinePoint(x=f.record.sort_year, x_label=f.year, y=float(f.record.value)) for f in figures),
            end_label=f"{figures[-1].value} ({figures[-1].year})",
        ))
        sentences.append(series_sentence(c, figures[-1], figures[-2] if len(figures) > 1 else None, lang))
    label = indicator.label.get(lang)
    summary = " ".join(sentences)
    svg = charts.line_chart(charts.LineChart(
        chart_id=f"{milestone.slug}-{indicator.slug}", title=label, description=summary, series=tuple(drawn),
        y_ticks=ticks(indicator.unit, max(float(r.value) for r in records))))
    return Chart(svg=svg, summary=summary, caption=label, rows=tuple(rows), indicator_column=False)


def _latest_bar_chart(c: Content, milestone: Milestone, unit: str, items: list[tuple[Indicator, Figure]], lang: str) -> Chart:
    bars, sentences = [], []
    for indicator, figure in items:
        label = indicator.label.get(lang)
        bars.append(charts.Bar(name=f"{label} ({figure.year})", value=float(figure.record.value), value_label=figure.value))
        sentences.append(words.fill(c.text("sentence_latest", lang), indicator=label, place=figure.place_name,
                                    value=figure.value, when=_when(c, figure, lang)))
    summary = " ".join(sentences) + " " + c.text("one_year_only", lang)
    caption = words.fill(c.text("latest_figures_of", lang), milestone=milestone.title.get(lang))
    svg = charts.bar_chart(charts.BarChart(chart_id=f"{milestone.slug}-latest-{unit}", title=caption, description=summary,
                                           bars=tuple(bars), x_ticks=ticks(unit, max(b.value or 0 for b in bars))))
    rows = tuple(ChartRow.of(f, indicator.label.get(lang)) for indicator, f in items)
    return Chart(svg=svg, summary=summary, caption=caption, rows=rows, indicator_column=True)


def _goal_chart(c: Content, milestone: Milestone, records: list[IndicatorRecord], lang: str) -> Chart:
    goal = milestone.goal
    assert goal is not None
    indicator = milestone.indicator(goal.indicator)
    assert indicator is not None
    mine = sorted((r for r in records if r.indicator == goal.indicator and role_of(c, r.place) in LOCAL_ROLES),
                  key=lambda r: r.sort_year)
    current = figure_of(c, mine[-1], lang) if mine else None
    goal_text = words.value_text(goal.value, indicator.unit)
    if current is None:
        summary = words.fill(c.text("goal_summary_missing", lang), goal=goal_text)
        latest_bar = charts.Bar(name=c.text("goal_latest", lang), value=None, value_label=c.text("not_available", lang))
    else:
        summary = words.fill(c.text("goal_summary", lang), goal=goal_text, value=current.value, year=current.year,
                             place=current.place_name)
        latest_bar = charts.Bar(name=f"{c.text('goal_latest', lang)} ({current.year})", value=float(current.record.value),
                                value_label=current.value)
    caption = goal.label.get(lang)
    bars = (charts.Bar(name=c.text("goal_bar", lang), value=float(goal.value), value_label=goal_text, goal=True), latest_bar)
    svg = charts.bar_chart(charts.BarChart(chart_id=f"{milestone.slug}-goal", title=caption, description=summary,
                                           bars=bars, x_ticks=charts.percent_ticks()))
    latest_label = c.text("goal_latest", lang)
    rows = (ChartRow(indicator=c.text("goal_bar", lang), group="—", year="—", value=goal_text, source=goal.source),
            ChartRow.of(current, latest_label) if current else
            ChartRow(indicator=latest_label, group="—", year="—", value=c.text("not_available", lang), source="—"))
    return Chart(svg=svg, summary=summary, caption=caption, rows=rows, indicator_column=True)


def role_of(c: Content, place_slug: str) -> str:
    place = c.place(place_slug)
    return place.role if place else ""
