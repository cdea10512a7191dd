"""Reading and writing placement figures, checked before anything is stored."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from tracker.extensions import db
from tracker.milestones.indicators import IndicatorRecord, parse_year
from tracker.placements import rules
from tracker.placements.models import DISTRICT, PlacementFigure, year_label

# The milestone card and place the district's share is shown as.
MILESTONE, INDICATOR, PLACE = "work-based-learning", "juniors-seniors-with-internship", "birmingham-city-schools"
FIELDS = ("juniors_seniors", "completed", "source", "source_url")


class PlacementError(ValueError):
    """Figures that cannot be stored; ``problems`` says what to fix, field by field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class Saved:
    figure: PlacementFigure
    before: dict[str, Any] | None   # the values replaced, or None for a new row


def school_year_start(text: str) -> int | None:
    """Return 2024 for '2024-25', '2024–25' or '2024-2025'; None for anything else."""
    parsed = parse_year(text)
    if parsed is None or not re.fullmatch(r"\d{4}–\d{2}", parsed[0]):
        return None
    return parsed[1]


def check(year: str, enrolled: int | None, completed: int | None, source: str, source_url: str | None) -> dict[str, str]:
    """Return what is wrong with these figures, by field (empty when they can be stored)."""
    problems: dict[str, str] = {}
    if school_year_start(year) is None:
        problems["school_year"] = "Write the school year as 2024-25."
    if enrolled is None or enrolled < 0:
        problems["juniors_seniors"] = "Give the number of juniors and seniors enrolled (a whole number, 0 or more)."
    if completed is None or completed < 0:
        problems["completed"] = "Give how many completed an internship or work-based-learning placement (a whole number, 0 or more)."
    elif enrolled is not None and enrolled >= 0 and completed > enrolled:
        problems["completed"] = f"More completed a placement ({completed}) than were enrolled ({enrolled}): check both numbers."
    if not source.strip():
        problems["source"] = "Say where the figures come from (a report, a data request…)."
    elif len(source) > 300:
        problems["source"] = "Keep the source under 300 characters."
    if source_url and not re.match(r"https?://\S+$", source_url):
        problems["source_url"] = "Give a web address starting with http:// or https://, or leave it empty."
    return problems


def save(year: str, school: str, enrolled: int | None, completed: int | None, source: str,
         source_url: str | None = None) -> Saved:
    """Add or replace one school year's figures (the district's when ``school`` is empty); the caller commits."""
    problems = check(year, enrolled, completed, source, source_url)
    school = " ".join(school.split())[:120]
    if problems:
        raise PlacementError(problems)
    start = school_year_start(year)
    assert start is not None and enrolled is not None and completed is not None
    figure = db.session.scalar(sa.select(PlacementFigure).where(PlacementFigure.school_year == start,
                                                                 PlacementFigure.school == school))
    before = {name: getattr(figure, name) for name in FIELDS} if figure is not None else None
    if figure is None:
        figure = PlacementFigure(school_year=start, school=school)
        db.session.add(figure)
    figure.juniors_seniors, figure.completed = enrolled, completed
    figure.source, figure.source_url = source.strip(), (source_url or None)
    db.session.flush()
    return Saved(figure, before)


def all_figures() -> list[PlacementFigure]:
    """Return every row, by school year then district first then school."""
    return list(db.session.scalars(sa.select(PlacementFigure).order_by(
        PlacementFigure.school_year, PlacementFigure.school != DISTRICT, PlacementFigure.school)))


@dataclass(frozen=True)
class YearFigures:
    school_year: int
    label: str
    source: str
    source_url: str | None
    district: rules.Shown | None
    schools: tuple[rules.Shown, ...]


def by_year(figures: list[PlacementFigure] | None = None) -> list[YearFigures]:
    """Return each school year's figures as they may be published (small groups suppressed)."""
    figures = all_figures() if figures is None else figures
    years: dict[int, list[PlacementFigure]] = {}
    for figure in figures:
        years.setdefault(figure.school_year, []).append(figure)
    out = []
    for start, rows in sorted(years.items()):
        district = next((r for r in rows if r.school == DISTRICT), None)
        top, schools = rules.year_rows(
            (district.juniors_seniors, district.completed) if district else None,
            {r.school: (r.juniors_seniors, r.completed) for r in rows if r.school != DISTRICT})
        cited = district or rows[0]
        out.append(YearFigures(start, year_label(start), cited.source, cited.source_url, top, tuple(schools)))
    return out


def indicator_records() -> list[IndicatorRecord]:
    """Return the district's published share per school year, as milestone figures (suppressed years left out)."""
    records = []
    for year in by_year():
        if year.district is None or not isinstance(year.district.share, Decimal):
            continue
        records.append(IndicatorRecord(
            milestone=MILESTONE, indicator=INDICATOR, place=PLACE, year=year.label, sort_year=year.school_year,
            value=Decimal(year.district.share), unit="percent", source=year.source, source_url=year.source_url))
    return records
