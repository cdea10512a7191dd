"""Charts are well-formed SVG with a title and description, escape their text, and use
no inline styles; their colours have enough contrast."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tracker import charts

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'Scores <script>alert("x")</script> & “more”'


def line(series_count: int = 3, title: str = "College-going", name: str = "Group") -> charts.LineChart:
    series = tuple(
        charts.LineSeries(name=f"{name} {n}", end_label=f"{60 + n}% (2023)", points=(
            charts.LinePoint(2019, "2019", 50 + n), charts.LinePoint(2020, "2020", 55 + n), charts.LinePoint(2023, "2023", 60 + n)))
        for n in range(series_count))
    return charts.LineChart(chart_id="test line", title=title, description="A sentence.", series=series,
                            y_ticks=charts.percent_ticks())


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def check_accessible(root: ET.Element, title: str, description: str) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox") or "")
    assert root.get("width") is None and root.get("height") is None  # sized by CSS: scales to a phone
    title_el, desc_el = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title_el is not None and desc_el is not None
    assert title_el.text == title and desc_el.text == description
    assert root.get("aria-labelledby") == f"{title_el.get('id')} {desc_el.get('id')}"
    assert all(el.get("style") is None for el in root.iter())  # the CSP forbids inline styles
    assert root.find(f".//{SVG}style") is None


def test_line_chart_is_well_formed_and_named() -> None:
    svg = str(charts.line_chart(line()))
    root = parse(svg)
    check_accessible(root, "College-going", "A sentence.")
    assert len(root.findall(f".//{SVG}polyline")) == 3
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for n in range(3):
        assert f"{60 + n}% (2023)" in texts  # each line labelled directly
    assert {"2019", "2020", "2023", "0%", "100%"} <= set(texts)


def test_series_differ_by_more_than_colour() -> None:
    root = parse(str(charts.line_chart(line(4))))
    dashes = [p.get("stroke-dasharray") for p in root.findall(f".//{SVG}polyline")]
    assert len(set(dashes)) == 4
    marker_kinds = {el.tag for el in root.iter() if el.tag in (f"{SVG}circle", f"{SVG}rect", f"{SVG}polygon")
                    and el.get("stroke") == charts.BACKGROUND}
    assert marker_kinds == {f"{SVG}circle", f"{SVG}rect", f"{SVG}polygon"}


def test_every_text_is_escaped() -> None:
    svg = str(charts.line_chart(line(1, title=NASTY, name=NASTY)))
    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == NASTY
    assert any(NASTY[:10] in (t.text or "") for t in root.iter(f"{SVG}text"))
    bars = charts.bar_chart(charts.BarChart("b", NASTY, NASTY, (charts.Bar(NASTY, 5, NASTY),), charts.percent_ticks()))
    assert "<script>" not in str(bars)
    assert parse(str(bars)).find(f"{SVG}desc").text == NASTY


def test_a_chart_id_becomes_a_safe_id() -> None:
    root = parse(str(charts.line_chart(charts.LineChart('a" onload="x', "t", "d", (), charts.percent_ticks()))))
    assert root.get("onload") is None
    assert re.fullmatch(r"chart-[a-z0-9-]+-title", root.find(f"{SVG}title").get("id"))


def test_a_single_year_and_single_points_still_draw() -> None:
    chart = charts.LineChart("one", "t", "d", (charts.LineSeries("Alabama", (charts.LinePoint(2020, "2020", 62),), "62% (2020)"),),
                             charts.percent_ticks())
    root = parse(str(charts.line_chart(chart)))
    assert root.find(f".//{SVG}polyline") is None and root.find(f".//{SVG}circle") is not None


def test_many_labels_never_overlap_and_stay_inside() -> None:
    chart = line(5)
    root = parse(str(charts.line_chart(chart)))
    height = float(root.get("viewBox").split()[3])
    label_ys = sorted(float(t.get("y")) for t in root.iter(f"{SVG}text") if t.get("x") == "261.0")
    assert all(b - a >= charts.LINE_HEIGHT - 0.01 for a, b in zip(label_ys, label_ys[1:]))
    assert label_ys[-1] < height


def test_bar_chart_shows_a_missing_value_as_not_available() -> None:
    chart = charts.BarChart("goal", "Goal", "The goal is 30%; the latest share is not available.", (
        charts.Bar("Goal", 30, "30%", goal=True), charts.Bar("Latest share", None, "not available")), charts.percent_ticks())
    root = parse(str(charts.bar_chart(chart)))
    check_accessible(root, "Goal", "The goal is 30%; the latest share is not available.")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "30%" in texts and "not available" in texts
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("stroke-dasharray")]
    assert len(rects) == 1


@pytest.mark.parametrize("largest, top, step", [(0, 1, 1), (7, 8, 2), (50, 50, 10), (260, 300, 100), (1234, 1500, 500)])
def test_count_axis_uses_round_steps(largest, top, step) -> None:
    ticks = charts.count_ticks(largest)
    assert ticks[0][0] == 0 and ticks[-1][0] == top and ticks[1][0] - ticks[0][0] == step


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_have_enough_contrast() -> None:
    for style in charts.STYLES:
        assert contrast(style.colour, charts.BACKGROUND) >= 3  # lines, markers, bars (WCAG 1.4.11)
    for text_colour in (charts.INK, charts.MUTED):
        assert contrast(text_colour, charts.BACKGROUND) >= 4.5  # text (WCAG 1.4.3)
