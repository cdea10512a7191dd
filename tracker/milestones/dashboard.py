"""The milestone pages as values: cards, headline and live figures, in one language.

``milestones_page``, ``grades_page`` and ``grade_page`` gather what they need (stored
figures, live counts) and hand it to pure builders, which views render unchanged. A family that picks a grade sees that grade first: what is
expected, what to do at home, and the milestones for that age; the scoreboard comes after.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from flask import current_app

from tracker.listings import count_listings
from tracker.milestones import live, store, trends, words
from tracker.milestones.cards import Card, Link, card, figure_of, link_of, query_of, series_sentence
from tracker.milestones.content import Content, Grade, Milestone, TrackerLink
from tracker.milestones.indicators import IndicatorRecord


@dataclass(frozen=True)
class HeadlineItem:
    milestone_slug: str
    text: str


@dataclass(frozen=True)
class HeadlineView:
    sentence: str
    better: tuple[HeadlineItem, ...]
    worse: tuple[HeadlineItem, ...]
    same: tuple[HeadlineItem, ...]
    one_year: tuple[HeadlineItem, ...]
    without_figures: tuple[HeadlineItem, ...]


@dataclass(frozen=True)
class GradeView:
    grade: Grade
    milestone: Milestone
    link: Link | None


@dataclass(frozen=True)
class MilestonesPage:
    lang: str
    content: Content
    headline: HeadlineView
    focus: GradeView | None        # the grade the family picked, if any
    first: tuple[Card, ...]        # that grade's milestones (all of them when no grade is picked)
    others: tuple[Card, ...]       # the rest
    live: live.LiveFigures
    figure_count: int
    as_of: str
    unknown_grade: str | None = None  # a grade asked for that does not exist

    @property
    def cards(self) -> tuple[Card, ...]:
        return self.first + self.others


@dataclass(frozen=True)
class GradesPage:
    lang: str
    content: Content
    grades: tuple[GradeView, ...]


def content() -> Content:
    """Return the app's milestone content (read once when the app starts)."""
    return current_app.extensions["milestones"]


# --- gathering -------------------------------------------------------------------------

def milestones_page(lang: str, grade: str | None = None) -> MilestonesPage:
    """Build the milestones page from the stored figures and the tracker as it is now."""
    c = content()
    figures = live.live_figures()
    counts = {m.slug: _open_now(m.link) for m in c.milestones}
    from tracker import placements  # staff-entered placement figures: the 30% goal's share, per school year

    records = with_placements(store.all_records(), placements.indicator_records())
    focus = None
    if grade and (picked := c.grade(grade)) is not None:
        focus = _grade_view(c, picked, lang)
    page = build_milestones_page(c, records, lang, figures, counts, focus)
    if grade and focus is None:
        return MilestonesPage(**{**page.__dict__, "unknown_grade": grade[:20]})
    return page


def grades_page(lang: str) -> GradesPage:
    """Build the grade-by-grade guide, with what the tracker has open at each age."""
    c = content()
    return GradesPage(lang=lang, content=c, grades=tuple(_grade_view(c, g, lang) for g in c.grades))


def grade_page(slug: str, lang: str) -> GradeView | None:
    """Build one grade's page, or None when there is no such grade."""
    c = content()
    grade = c.grade(slug)
    return _grade_view(c, grade, lang) if grade else None


def _grade_view(c: Content, grade: Grade, lang: str) -> GradeView:
    milestone = c.milestone(grade.builds_toward)
    assert milestone is not None  # checked when the content was loaded
    link = None
    if grade.tracker is not None:
        link = link_of(grade.tracker, lang, _open_now(grade.tracker))
    return GradeView(grade=grade, milestone=milestone, link=link)


def _open_now(link: TrackerLink) -> int | None:
    query = query_of(link)
    return count_listings(query) if query is not None else None


# --- building (pure) -------------------------------------------------------------------

def with_placements(records: list[IndicatorRecord], placed: list[IndicatorRecord]) -> list[IndicatorRecord]:
    """Add the staff-entered shares; for the same indicator, place and year they replace the file's figure."""
    keys = {r.key for r in placed}
    return [r for r in records if r.key not in keys] + placed


def build_milestones_page(c: Content, records: list[IndicatorRecord], lang: str, figures: live.LiveFigures,
                          open_now: dict[str, int | None], focus: GradeView | None = None) -> MilestonesPage:
    """Assemble the page from figures already gathered; a picked grade's milestones come first."""
    by_milestone = {slug: list(items) for slug, items in groupby(
        sorted(records, key=lambda r: r.milestone), key=lambda r: r.milestone)}
    first, others = order_for_grade(c.milestones, focus.grade if focus else None)
    build = lambda m: card(c, m, by_milestone.get(m.slug, []), lang, open_now.get(m.slug))  # noqa: E731
    return MilestonesPage(lang=lang, content=c, headline=_headline(c, records, lang), focus=focus,
                          first=tuple(map(build, first)), others=tuple(map(build, others)), live=figures,
                          figure_count=len(records), as_of=words.date_text(figures.today, lang))


def order_for_grade(milestones: tuple[Milestone, ...], grade: Grade | None) -> tuple[list[Milestone], list[Milestone]]:
    """Split milestones into the grade's own (the one it builds toward first) and the rest, each in page order."""
    if grade is None:
        return list(milestones), []
    mine = sorted((m for m in milestones if m.speaks_to(grade.slug) or m.slug == grade.builds_toward),
                  key=lambda m: (m.slug != grade.builds_toward, m.order))
    return mine, [m for m in milestones if m not in mine]


def _headline(c: Content, records: list[IndicatorRecord], lang: str) -> HeadlineView:
    result = trends.headline(records, c)

    def items(found: tuple[trends.Trend, ...]) -> tuple[HeadlineItem, ...]:
        out = []
        for trend in found:
            series = trend.series
            milestone = c.milestone(series.milestone)
            assert milestone is not None
            indicator = milestone.indicator(series.indicator)
            assert indicator is not None
            latest = figure_of(c, series.latest, lang)
            previous = figure_of(c, series.previous, lang) if series.previous else None
            out.append(HeadlineItem(milestone.slug, f"{indicator.label.get(lang)}. {series_sentence(c, latest, previous, lang)}"))
        return tuple(out)

    total, right = result.with_trend, len(result.better)
    key = ("headline_none" if total == 0 else "headline_one" if total == 1
           else "headline_many_same" if result.same else "headline_many")
    without = tuple(HeadlineItem(slug, c.milestone(slug).title.get(lang)) for slug in result.without_figures)  # type: ignore[union-attr]
    return HeadlineView(sentence=words.fill(c.text(key, lang), right=right, total=total, worse=len(result.worse),
                                            same=len(result.same)),
                        better=items(result.better), worse=items(result.worse), same=items(result.same),
                        one_year=items(result.one_year), without_figures=without)
