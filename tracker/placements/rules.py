"""Small-cell suppression for placement figures, as FERPA-minded reporting does. Pure functions.

A count of fewer than 10 students is never shown: it reads "fewer than 10". A share is shown
only when both groups behind it (those who completed a placement and those who did not) are
10 or more, since a share and its total give away the smaller group. When per-school rows are
shown beside the district's, one hidden school could be worked out as the district's figure
minus the others, so the next-smallest school is hidden too (complementary suppression).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MIN_GROUP = 10
GOAL_PERCENT = 30


# What a suppressed cell says instead of its number.
FEWER = "fewer-than-10"   # the cell's own group has fewer than 10 students
HIDDEN = "hidden"         # the number is 10 or more, but with others it would give away a group under 10


@dataclass(frozen=True)
class Shown:
    """What may be published of one row: a number, or FEWER / HIDDEN in its place."""

    school: str
    juniors_seniors: int | str
    completed: int | str
    share: Decimal | str         # percent, one decimal

    @property
    def suppressed(self) -> bool:
        return isinstance(self.completed, str) or isinstance(self.juniors_seniors, str)


def share_of(completed: int, enrolled: int) -> Decimal:
    """Return completed / enrolled as a percentage with one decimal."""
    return (Decimal(completed) * 100 / Decimal(enrolled)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def shown(school: str, enrolled: int, completed: int) -> Shown:
    """Apply the small-cell rule to one row."""
    if enrolled < MIN_GROUP:
        return Shown(school, FEWER, FEWER, FEWER)
    if completed < MIN_GROUP:
        return Shown(school, enrolled, FEWER, HIDDEN)
    if enrolled - completed < MIN_GROUP:
        return Shown(school, enrolled, HIDDEN, HIDDEN)
    return Shown(school, enrolled, completed, share_of(completed, enrolled))


def year_rows(district: tuple[int, int] | None, schools: dict[str, tuple[int, int]]) -> tuple[Shown | None, list[Shown]]:
    """Apply the rule to a school year's district row and school rows, hiding one more school where needed.

    ``district`` and each school are (juniors and seniors enrolled, completed a placement).
    """
    top = shown("", *district) if district else None
    rows = [shown(name, *counts) for name, counts in sorted(schools.items())]
    if top is None:
        return top, rows
    # One school's enrolment hidden, the district's shown: hide the smallest other school whole.
    if isinstance(top.juniors_seniors, int) and sum(isinstance(r.juniors_seniors, str) for r in rows) == 1:
        rows = _hide_smallest(rows, lambda r: schools[r.school][0], whole=True, among=lambda r: isinstance(r.juniors_seniors, int))
    # One school's completions hidden, the district's shown: hide the smallest other school's too.
    if isinstance(top.completed, int) and sum(isinstance(r.completed, str) for r in rows) == 1:
        rows = _hide_smallest(rows, lambda r: schools[r.school][1], whole=False, among=lambda r: isinstance(r.completed, int))
    return top, rows


def _hide_smallest(rows: list[Shown], size, whole: bool, among) -> list[Shown]:  # type: ignore[no-untyped-def]
    candidates = sorted((r for r in rows if among(r)), key=lambda r: (size(r), r.school))
    if not candidates:
        return rows
    extra = candidates[0]
    return [Shown(r.school, HIDDEN if whole else r.juniors_seniors, HIDDEN, HIDDEN) if r is extra else r for r in rows]
