"""Which way each indicator is moving, and the headline that counts them. Pure functions.

An indicator series is one indicator for one place (Birmingham City Schools' graduation
rate, say). It moves the right way when its latest figure is better than the one before
it: higher, or lower for indicators where less is better (chronic absence). No change is
"holding steady", not progress. State and national series are comparisons, and counts
kept only as context (direction "none"), so neither is counted in the headline.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Iterable

from tracker.milestones.content import Content
from tracker.milestones.indicators import IndicatorRecord

BETTER, WORSE, SAME, ONE_YEAR = "better", "worse", "same", "one-year"
HEADLINE_ROLES = ("local", "program")


@dataclass(frozen=True)
class Series:
    milestone: str
    indicator: str
    place: str
    points: tuple[IndicatorRecord, ...]  # oldest first

    @property
    def latest(self) -> IndicatorRecord:
        return self.points[-1]

    @property
    def previous(self) -> IndicatorRecord | None:
        return self.points[-2] if len(self.points) > 1 else None


@dataclass(frozen=True)
class Trend:
    series: Series
    status: str


@dataclass(frozen=True)
class Headline:
    better: tuple[Trend, ...]
    worse: tuple[Trend, ...]
    same: tuple[Trend, ...]
    one_year: tuple[Trend, ...]
    # Milestones with no local or program figure at all.
    without_figures: tuple[str, ...]

    @property
    def with_trend(self) -> int:
        return len(self.better) + len(self.worse) + len(self.same)


def group_series(records: Iterable[IndicatorRecord]) -> list[Series]:
    """Group figures into series (milestone, indicator, place), each ordered by year."""
    def key(r: IndicatorRecord) -> tuple[str, str, str]:
        return (r.milestone, r.indicator, r.place)

    ordered = sorted(records, key=lambda r: (key(r), r.sort_year))
    return [Series(*k, points=tuple(points)) for k, points in groupby(ordered, key=key)]


def status_of(series: Series, direction: str) -> str:
    """Say whether the latest figure is better, worse or the same as the previous one."""
    previous = series.previous
    if previous is None:
        return ONE_YEAR
    change = series.latest.value - previous.value
    if change == 0 or direction not in ("higher", "lower"):
        return SAME
    return BETTER if (change > 0) == (direction == "higher") else WORSE


def headline(records: Iterable[IndicatorRecord], content: Content) -> Headline:
    """Count the local and program series moving the right way, the wrong way, or not yet known."""
    groups: dict[str, list[Trend]] = {BETTER: [], WORSE: [], SAME: [], ONE_YEAR: []}
    with_figures = set()
    for series in group_series(records):
        milestone = content.milestone(series.milestone)
        indicator = milestone.indicator(series.indicator) if milestone else None
        place = content.place(series.place)
        if indicator is None or place is None or place.role not in HEADLINE_ROLES:
            continue
        with_figures.add(series.milestone)
        if indicator.direction == "none":
            continue
        status = status_of(series, indicator.direction)
        groups[status].append(Trend(series, status))
    # Page order: milestones in order, each milestone's indicators as the content lists them.
    order = {(m.slug, i.slug): (m.order, n) for m in content.milestones for n, i in enumerate(m.indicators)}

    def ordered(trends: list[Trend]) -> tuple[Trend, ...]:
        return tuple(sorted(trends, key=lambda t: (order[(t.series.milestone, t.series.indicator)], t.series.place)))

    return Headline(
        better=ordered(groups[BETTER]), worse=ordered(groups[WORSE]), same=ordered(groups[SAME]),
        one_year=ordered(groups[ONE_YEAR]),
        without_figures=tuple(m.slug for m in content.milestones if m.slug not in with_figures),
    )
