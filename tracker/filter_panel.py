"""The search page's filter panel, worked out in Python and handed to the template ready to print.

Every filter is declared once (tracker/filter_registry.py); this turns the declarations,
the query and the result counts into fieldsets of choices. The panel is about sixty
inputs on every results page, and Jinja macros and filters per input cost more than the
search itself did, so the template only prints what is here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.filter_registry import PANEL_FILTERS, Filter
from tracker.i18n import gettext, number
from tracker.query import ListingQuery


@dataclass(frozen=True)
class Choice:
    """One input of the panel: a checkbox, a radio button or an option of a select."""

    input_id: str
    value: Any
    words: str
    count: str | None  # as the reader writes numbers; None: not counted ("any")
    chosen: bool


@dataclass(frozen=True)
class Group:
    """One filter on the panel: a fieldset of checkboxes or radio buttons, or a select."""

    widget: str  # the input type: "checkbox", "radio" or "select"
    param: str
    legend: str
    choices: tuple[Choice, ...]
    hint: str = ""


def filter_panel(query: ListingQuery, facets: dict[str, dict[Any, int]]) -> list[Group]:
    """Return the panel's groups for ``query``, with the counts of ``facets`` (results.facets)."""
    groups = []
    for f in PANEL_FILTERS:
        counts = facets.get(f.facet or "") or {}
        group = _group(f, query, counts)
        if group is not None:
            groups.append(group)
    return groups


def _group(f: Filter, query: ListingQuery, counts: dict[Any, int]) -> Group | None:
    chosen = getattr(query, f.field)
    legend = gettext(f.legend)
    hint = gettext(f.hint) if f.hint else ""
    if f.widget == "checkboxes":
        choices = tuple(
            _choice(f.param, value, words, counts.get(value, 0), value in chosen) for value, words in f.choices()
            # A choice no listing has is left out, unless it is chosen (so it can be unchosen).
            if not f.is_choice or counts.get(value, 0) or value in chosen)
        return Group("checkbox", f.param, legend, choices)
    if f.widget == "radios":
        anything = Choice(f"f-{f.param}-any", "", gettext(f.any_words), None, chosen is None)
        return Group("radio", f.param, legend, (anything, *(
            _choice(f.param, value, words, counts.get(value, 0), chosen == value) for value, words in f.choices())),
            hint)
    if f.widget == "select":
        anything = Choice(f"f-{f.param}", "", gettext(f.any_words), None, False)
        return Group("select", f.param, legend, (anything, *(
            Choice("", value, words, None, chosen == value) for value, words in f.choices())))
    if f.widget == "distance" and chosen:
        return Group("radio", "miles", gettext("Distance from %(zip)s", zip=chosen), tuple(
            _choice("miles", miles, words, counts.get(miles, 0), query.miles == miles)
            for miles, words in f.choices()), hint)
    return None


def _choice(param: str, value: Any, words: str, count: int, chosen: bool) -> Choice:
    return Choice(f"f-{param}-{value}", value, words, number(count), chosen)
