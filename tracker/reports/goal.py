"""The report's chart of the 30% goal: the district's share of juniors and seniors who
completed an internship or work-based-learning placement, per school year, against 30%.

Every school year entered up to the period's end is shown, so the trend is visible whatever
the period. Counts of fewer than 10 students read "fewer than 10"; a share that would give
away such a group reads "not shown".
"""
from __future__ import annotations

from decimal import Decimal

from tracker.i18n import gettext
from tracker.placements import rules
from tracker.placements.store import YearFigures
from tracker.reports.period import Period
from tracker.reports.tables import Column, ReportChart, Table, line, number


def goal_chart(years: list[YearFigures], period: Period) -> ReportChart | None:
    """Build the goal's chart and table, or None when no figures have been entered."""
    years = [y for y in years if y.school_year <= period.end.year]
    if not years:
        return None
    words = {rules.FEWER: gettext("fewer than 10"), rules.HIDDEN: gettext("not shown (a group under 10)")}

    def cell(value: int | Decimal | str) -> str:
        return words[value] if isinstance(value, str) else number(value)

    rows: list[tuple[str, ...]] = []
    for year in years:
        for row in ((year.district,) if year.district else ()) + year.schools:
            rows.append((year.label, row.school or gettext("All schools"), cell(row.juniors_seniors), cell(row.completed),
                         cell(row.share), str(rules.GOAL_PERCENT), year.source))
    shown = [(y, y.district.share) for y in years if y.district is not None and isinstance(y.district.share, Decimal)]
    title = gettext("Juniors and seniors who completed an internship or work-based learning, against the %(goal)s%% goal",
                    goal=rules.GOAL_PERCENT)
    if shown:
        latest, latest_share = shown[-1]
        summary = gettext("In %(year)s, %(share)s%% of the district's juniors and seniors completed an internship or work-based-learning placement; the goal is %(goal)s%%.",
                          year=latest.label, share=number(latest_share), goal=rules.GOAL_PERCENT)
        if len(shown) > 1:
            summary += " " + gettext("In %(year)s it was %(share)s%%.", year=shown[-2][0].label, share=number(shown[-2][1]))
    else:
        summary = gettext("No district share can be shown yet: groups under 10 students are not published.")
    points = [(y.school_year, y.label, Decimal(s)) for y, s in shown]
    svg = line("report-internship-goal", title, summary,
               [(gettext("District share (%)"), points), (gettext("Goal: %(goal)s%%", goal=rules.GOAL_PERCENT),
                                                          [(p[0], p[1], Decimal(rules.GOAL_PERCENT)) for p in points])],
               percent=True)
    table = Table("internship-goal", title, summary, (
        Column("school_year", gettext("School year"), gettext("The school year, such as 2024–25.")),
        Column("school", gettext("School"), gettext("All schools (the district), or one school.")),
        Column("juniors_seniors_enrolled", gettext("Juniors and seniors"), gettext("Juniors and seniors enrolled; “fewer than 10” where the group is that small."), numeric=True),
        Column("completed_placement", gettext("Completed a placement"), gettext("Of them, how many completed an internship or work-based-learning placement; suppressed where a group under 10 would show."), numeric=True),
        Column("share_percent", gettext("Share (%)"), gettext("Completed as a percent of enrolled, one decimal; suppressed where a group under 10 would show."), numeric=True),
        Column("goal_percent", gettext("Goal (%)"), gettext("The district's goal: internships for at least %(goal)s%% of juniors and seniors.", goal=rules.GOAL_PERCENT), numeric=True),
        Column("source", gettext("Source"), gettext("Where staff took the figures from."))), tuple(rows),
        notes=(gettext("Groups of fewer than 10 students are not shown, and neither is any figure that would reveal one."),))
    return ReportChart(table, svg)
