"""The search page's filter panel, worked out in Python and handed to the template ready to print.

Every filter is declared once (tracker/filter_registry.py); this turns the declarations,
the query and the result counts into fieldsets of choices. The panel is about sixty
inputs on every results page, and printing them through the template's loop (seven
escapes and lookups per input) cost about a tenth of a page's time under load, so
panel_html() writes them with one format per input and the template prints its result.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

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


def panel_html(groups: Iterable[Group]) -> Markup:
    """Return the HTML of the panel's ``groups``: a labelled select, or a fieldset of inputs, each."""
    return Markup("\n").join(_select_html(g) if g.widget == "select" else _fieldset_html(g) for g in groups)


def _select_html(group: Group) -> Markup:
    param = escape(group.param)
    options = "".join(f'<option value="{escape(c.value)}"{" selected" if c.chosen else ""}>{escape(c.words)}</option>'
                      for c in group.choices)
    return Markup(f'<div class="field">\n<label for="f-{param}">{escape(group.legend)}</label>\n'
                  f'<select id="f-{param}" name="{param}">{options}</select>\n</div>')


def _fieldset_html(group: Group) -> Markup:
    widget, param = escape(group.widget), escape(group.param)
    inputs = "".join(f'<div class="check"><input type="{widget}" id="{escape(c.input_id)}" name="{param}" '
                     f'value="{escape(c.value)}"{" checked" if c.chosen else ""}>'
                     f'<label for="{escape(c.input_id)}">{escape(c.words)}{_count_html(c.count)}</label></div>\n'
                     for c in group.choices)
    hint = f'<p class="hint">{escape(group.hint)}</p>\n' if group.hint else ""
    return Markup(f'<fieldset class="filter-group">\n<legend>{escape(group.legend)}</legend>\n{inputs}{hint}</fieldset>')


def _count_html(count: str | None) -> str:
    return "" if count is None else f' <span class="count">({escape(count)})</span>'
