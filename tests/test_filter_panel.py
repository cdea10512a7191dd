"""The filter panel: which inputs the search form offers, chosen, counted and in the reader's words."""
from __future__ import annotations

import pytest

from tracker.filter_panel import filter_panel
from tracker.query import ListingQuery


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield app


def by_param(query: ListingQuery, facets: dict) -> dict:
    return {group.param: group for group in filter_panel(query, facets)}


def test_a_choice_no_listing_has_is_left_out_unless_it_is_chosen(ctx) -> None:
    query, _ = ListingQuery.from_args({"kind": "workshop"})
    kinds = by_param(query, {"kinds": {"job": 1234}})["kind"]
    offered = {c.value: c for c in kinds.choices}
    assert set(offered) == {"job", "workshop"}
    assert offered["job"].count == "1,234" and not offered["job"].chosen
    assert offered["workshop"].count == "0" and offered["workshop"].chosen
    assert kinds.widget == "checkbox" and offered["job"].input_id == "f-kind-job"


def test_a_radio_filter_offers_any_chosen_when_nothing_is(ctx) -> None:
    hours = by_param(ListingQuery(), {"max_hours": {10: 3, 20: 5}})["hours"]
    assert hours.widget == "radio"
    anything, *options = hours.choices
    assert anything.value == "" and anything.chosen and anything.count is None
    assert [(c.value, c.count, c.chosen) for c in options] == [(10, "3", False), (20, "5", False), (30, "0", False)]
    assert hours.hint == "Listings that don't state hours stay in."
    chosen = by_param(ListingQuery(max_hours=20), {})["hours"]
    assert [c.value for c in chosen.choices if c.chosen] == [20]


def test_distance_is_offered_only_once_a_zip_code_is_given(ctx) -> None:
    assert "miles" not in by_param(ListingQuery(), {})
    query, _ = ListingQuery.from_args({"near": "35203", "miles": "25"})
    distance = by_param(query, {"miles": {5: 1, 25: 9}})["miles"]
    assert distance.legend == "Distance from 35203"
    assert [(c.input_id, c.count, c.chosen) for c in distance.choices] == [
        ("f-miles-5", "1", False), ("f-miles-10", "0", False), ("f-miles-25", "9", True), ("f-miles-50", "0", False)]


def test_the_panel_speaks_the_readers_language(app) -> None:
    with app.test_request_context("/search?lang=es"):
        groups = by_param(ListingQuery(), {"kinds": {"internship": 2}})
    assert groups["kind"].legend == "Tipo de oportunidad"
    assert [c.words for c in groups["kind"].choices] == ["Pasantía"]


# The template loop panel_html() replaced, kept as the reference for what the panel prints.
TEMPLATE_LOOP = """{% for group in groups %}
{% if group.widget == 'select' %}
<div class="field"><label for="f-{{ group.param }}">{{ group.legend }}</label>
<select id="f-{{ group.param }}" name="{{ group.param }}">
{% for c in group.choices %}<option value="{{ c.value }}" {% if c.chosen %}selected{% endif %}>{{ c.words }}</option>{% endfor %}
</select></div>
{% else %}
<fieldset class="filter-group"><legend>{{ group.legend }}</legend>
{% for c in group.choices %}
<div class="check">
<input type="{{ group.widget }}" id="{{ c.input_id }}" name="{{ group.param }}" value="{{ c.value }}" {% if c.chosen %}checked{% endif %}>
<label for="{{ c.input_id }}">{{ c.words }}{% if c.count is not none %} <span class="count">({{ c.count }})</span>{% endif %}</label>
</div>
{% endfor %}
{% if group.hint %}<p class="hint">{{ group.hint }}</p>{% endif %}
</fieldset>
{% endif %}
{% endfor %}"""


def elements(html: str) -> list[tuple]:
    """The elements, attributes and text of ``html``, whitespace between tags ignored."""
    from html.parser import HTMLParser

    found: list[tuple] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append(("<", tag, sorted(attrs)))

        def handle_endtag(self, tag):
            found.append((">", tag))

        def handle_data(self, data):
            if data.strip():
                found.append(("text", data))

    Collect(convert_charrefs=True).feed(html)
    return found


@pytest.mark.parametrize("args, lang", [
    ({}, "en"),
    ({"kind": ["internship", "workshop"], "pay": "paid", "hours": "20"}, "en"),
    ({"near": "35203", "miles": "10", "grade": "11", "q": "nurse"}, "es"),
    ({"age": "17", "unstated": "1", "deadline": "30", "sort": "deadline"}, "es"),
])
def test_panel_html_prints_what_the_template_loop_printed(app, args, lang) -> None:
    from flask import render_template_string

    from tracker.filter_panel import panel_html
    facets = {"kinds": {"internship": 1200, "job": 3, "workshop": 0}, "pathways": {"health-science": 7},
              "max_hours": {10: 3, 20: 5, 30: 8}, "miles": {5: 1, 10: 2, 25: 9, 50: 10}, "grades": {9: 1, 11: 4, 12: 2}}
    with app.test_request_context(f"/search?lang={lang}"):
        query, _ = ListingQuery.from_args(args)
        groups = filter_panel(query, facets)
        expected = render_template_string(TEMPLATE_LOOP, groups=groups)
        printed = str(panel_html(groups))
    assert len(groups) >= 5
    assert elements(printed) == elements(expected)
    assert "<script" not in printed


def test_panel_html_escapes_what_it_prints(app) -> None:
    from tracker.filter_panel import Choice, Group, panel_html
    with app.test_request_context():
        group = Group("checkbox", "kind", "<b>Kind</b>", (Choice("f-kind-x", '"x"', "<i>&</i>", "1", True),), "a<b")
        printed = str(panel_html([group]))
    assert "<b>" not in printed and "<i>" not in printed
    assert 'value="&#34;x&#34;"' in printed and "&lt;i&gt;&amp;&lt;/i&gt;" in printed and "a&lt;b" in printed
