"""The milestone pages on the demo data: every card, both languages, charts with text
equivalents, and live figures that match the database."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from tests.test_milestones_content import GRADES, MILESTONES
from tests.test_milestones_load import SEED, csv_bytes, HEADER
from tracker.clock import site_today
from tracker.extensions import db
from tracker.listings import find_listings
from tracker.milestones.content import load_content
from tracker.milestones.indicators import parse_indicator_csv
from tracker.models import Listing
from tracker.query import ListingQuery


@pytest.fixture
def loaded_app(demo_app):
    result = demo_app.test_cli_runner().invoke(args=["milestones", "load", str(SEED)])
    assert result.exit_code == 0, result.output
    return demo_app


@pytest.fixture
def loaded_client(loaded_app):
    return loaded_app.test_client()


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


class Outline(HTMLParser):
    """Collect heading levels, svg blocks and tables, the way a screen reader's outline sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.style_attributes = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if any(name == "style" for name, _ in attrs):
            self.style_attributes += 1


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def assert_accessible_structure(html: str) -> None:
    found = outline(html)
    assert found.headings.count(1) == 1 and found.headings[0] == 1
    for before, after in zip(found.headings, found.headings[1:]):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"
    assert found.style_attributes == 0  # the Content-Security-Policy would block them


def text_outside_charts(html: str) -> str:
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("lang, html_lang, title", [("", "en", "Cradle-to-career milestones"),
                                                    ("?lang=es", "es", "Etapas clave, de la cuna a la carrera"),
                                                    ("?lang=fr", "en", "Cradle-to-career milestones")])
def test_milestones_page_shows_every_card(loaded_client, lang, html_lang, title) -> None:
    html = page(loaded_client, f"/milestones{lang}")
    assert f'<html lang="{html_lang}">' in html
    assert f"<h1>{title}</h1>" in html
    for slug in MILESTONES:
        assert f'<article class="milestone-card" id="{slug}"' in html
    assert html.count('<ul class="at-home">') == len(MILESTONES)
    assert_accessible_structure(html)


def test_headline_counts_local_figures_that_got_better_in_words_a_parent_reads(loaded_client) -> None:
    english = page(loaded_client, "/milestones")
    assert "We can compare 8 local figures with an earlier year: 5 got better, 3 got worse." in english
    assert "Getting worse (3)" in english and "Only one year so far (4)" in english
    assert "No local figure yet (2)" in english
    assert "Breakthrough Birmingham scholars: 76% for the class of 2023, down from 80% for the class of 2020." in english
    assert "Birmingham City Schools: 14% in 2024–25, down from 23.35% in 2022–23." in english
    spanish = page(loaded_client, "/milestones?lang=es")
    assert "Podemos comparar 8 cifras locales con un año anterior: 5 mejoraron y 3 empeoraron." in spanish
    assert "Becarios de Breakthrough Birmingham: 76% en la generación 2023, menos que el 80% en la generación 2020." in spanish
    # The scoreboard follows what a family can do: it is not the first thing on the page.
    assert english.index('class="grade-picker"') < english.index('id="headline-title"')


def test_cards_give_value_year_source_and_state_comparison(loaded_client) -> None:
    html = page(loaded_client, "/milestones")
    card = re.search(r'id="high-school-graduation".*?</article>', html, re.S).group(0)
    assert '<span class="figure-value">81%</span>' in card and "Birmingham City Schools, class of 2024" in card
    assert "BirminghamWatch, 2025-06-13, from PARCA" in card
    assert "Alabama: <strong>92%</strong> (class of 2024); United States: <strong>85.8%</strong> (class of 2019)." in card
    college = re.search(r'id="postsecondary-enrollment".*?</article>', html, re.S).group(0)
    assert "Alabama: <strong>55%</strong> (class of 2021); United States: <strong>67%</strong> (class of 2020)." in college
    kindergarten = re.search(r'id="kindergarten-readiness".*?</article>', html, re.S).group(0)
    assert "No figure yet for: Kindergartners assessed ready at entry." in kindergarten
    assert 'href="/milestones/grades/prek"' in kindergarten
    wbl = re.search(r'id="work-based-learning".*?</article>', html, re.S).group(0)
    assert "internships for at least 30% of juniors and seniors" in wbl and "not available" in wbl


def test_a_card_shows_the_short_part_first_and_the_rest_behind_a_disclosure(loaded_client) -> None:
    html = page(loaded_client, "/milestones")
    for slug in MILESTONES:
        card = re.search(rf'id="{slug}".*?</article>', html, re.S).group(0)
        short, _, more = card.partition('<details class="card-more">')
        assert more, slug
        assert '<ul class="at-home">' in short and 'class="card-link"' in short
        assert "<svg" not in short and "Why it matters" not in short
        assert "Why it matters" in more
    reading = re.search(r'id="early-grade-reading".*?</article>', html, re.S).group(0).split("<details", 1)[0]
    assert '<span class="figure-value">81%</span>' in reading and '<span class="status status-better">Getting better</span>' in reading


@pytest.mark.parametrize("lang", ["en", "es"])
def test_picking_a_grade_puts_what_to_do_and_that_ages_milestones_first(loaded_client, lang) -> None:
    html = page(loaded_client, f"/milestones?grade=11&lang={lang}")
    content = load_content()
    grade = content.grade("11")
    focus = html.index('id="for-your-child"')
    assert html.index('class="grade-picker"') < focus < html.index('id="headline-title"')
    assert grade.expected.get(lang) in html[focus:html.index('id="headline-title"')]
    assert '<option value="11" selected>' in html
    order = re.findall(r'<article class="milestone-card" id="([a-z-]+)"', html)
    assert sorted(order) == sorted(MILESTONES)
    mine = [m.slug for m in content.milestones if "11" in m.grades]
    assert order[0] == grade.builds_toward == "work-based-learning"
    assert set(order[:len(mine)]) == set(mine)
    assert html.index('id="others-title"') > html.index(f'id="{order[len(mine) - 1]}"')
    # Without a grade, the cards keep their cradle-to-career order.
    assert re.findall(r'<article class="milestone-card" id="([a-z-]+)"', page(loaded_client, "/milestones")) == list(MILESTONES)


def test_an_unknown_grade_says_so_and_shows_the_whole_page(loaded_client) -> None:
    html = page(loaded_client, "/milestones?grade=13%3Cb%3E")
    assert "There is no grade “13&lt;b&gt;”: choose one from the list." in html
    assert 'id="for-your-child"' not in html and html.count('<article class="milestone-card"') == len(MILESTONES)


def test_every_figure_on_the_page_comes_from_the_indicator_file(loaded_client) -> None:
    records = parse_indicator_csv(SEED.read_bytes(), load_content()).records
    allowed = {f"{r.value.normalize():f}" for r in records} | {"30"}  # 30: the district goal, from the content file
    # Notes in the same file name the figures other sources give.
    allowed |= {n for r in records for n in re.findall(r"(\d+(?:\.\d+)?)%", f"{r.note} {r.note_es}")}
    for url in ("/milestones", "/milestones?lang=es"):
        shown = set(re.findall(r"(\d+(?:\.\d+)?)\s?%", text_outside_charts(page(loaded_client, url))))
        assert shown <= allowed, shown - allowed


def test_every_chart_has_a_text_equivalent(loaded_client) -> None:
    for url in ("/milestones", "/milestones?lang=es"):
        html = page(loaded_client, url)
        figures = re.findall(r'<figure class="chart">(.*?)</figure>', html, re.S)
        assert len(figures) >= 14
        for figure in figures:
            svg = re.search(r"<svg.*?</svg>", figure, re.S).group(0)
            root = ET.fromstring(svg)
            assert root.get("role") == "img" and root.get("aria-labelledby")
            assert root.find("{http://www.w3.org/2000/svg}desc").text.strip()
            assert re.search(r"<figcaption><strong>.+?</strong> .+?</figcaption>", figure, re.S)
            assert "<table" in figure and '<th scope="col">' in figure and '<th scope="row">' in figure
            assert "<caption>" in figure


def test_the_trend_chart_table_lists_every_figure(loaded_client) -> None:
    html = page(loaded_client, "/milestones")
    figure = re.search(r'<figure class="chart">\s*<figcaption>(?:(?!</figure>).)*?<svg[^>]*chart-postsecondary-enrollment-immediate-college-going.*?</figure>',
                       html, re.S).group(0)
    table = figure.split("<table", 1)[1]
    for value in ("64%", "80%", "76%", "54%", "65%", "58%", "55%", "67%"):
        assert f'<td class="num">{value}</td>' in table


def test_most_cards_show_a_local_trend_beside_a_state_comparison(loaded_client) -> None:
    html = page(loaded_client, "/milestones")
    with_both = [slug for slug in MILESTONES
                 if re.search(rf'id="{slug}".*?</article>', html, re.S).group(0).count("<polyline") >= 2]
    assert len(with_both) > len(MILESTONES) / 2, with_both


def open_to_juniors_and_seniors(listing: Listing) -> bool | None:
    """Independent statement of the rule: True, False, or None when nothing is stated."""
    if all(v is None for v in (listing.min_age, listing.max_age, listing.min_grade, listing.max_grade)):
        return None
    ages = range(listing.min_age or 0, (listing.max_age if listing.max_age is not None else 150) + 1)
    grades = range(listing.min_grade or 0, (listing.max_grade if listing.max_grade is not None else 20) + 1)
    by_age = (listing.min_age, listing.max_age) != (None, None) and any(a in ages for a in (16, 17, 18))
    by_grade = (listing.min_grade, listing.max_grade) != (None, None) and any(g in grades for g in (11, 12))
    return by_age or by_grade


def number_in(html: str, pattern: str) -> int:
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return int(match.group(1))


def test_live_figures_match_the_database(loaded_app, loaded_client) -> None:
    html = page(loaded_client, "/milestones")
    with loaded_app.test_request_context():
        today = site_today()
        listings = [l for l in db.session.scalars(sa.select(Listing))
                    if l.is_open(today) and l.duplicate_of_id is None]
        teens = [l for l in listings if open_to_juniors_and_seniors(l)]
        unstated = [l for l in listings if open_to_juniors_and_seniors(l) is None]
        interns = [l for l in listings if l.kind == "internship"]
        by_age = {age: find_listings(ListingQuery(age=age), page_length=1).total for age in (16, 17, 18)}
    assert teens and interns
    assert number_in(html, r'id="live-teens">(\d+)<') == len(teens)
    assert f"Another {len(unstated)} open listings state no age or grade" in html
    for age, total in by_age.items():
        assert number_in(html, rf'data-age="{age}">(\d+)<') == total
        assert f'href="/search?age={age}"' in html
    total_row = re.search(r'<tr data-pathway="all">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r">(\d+)<", total_row) == [
        str(len(interns)), str(sum(1 for l in interns if open_to_juniors_and_seniors(l))),
        str(sum(1 for l in interns if open_to_juniors_and_seniors(l) is None))]
    pathways = {slug for l in interns for slug in l.pathways}
    for slug in pathways:
        mine = [l for l in interns if slug in l.pathways]
        row = re.search(rf'<tr data-pathway="{slug}">(.*?)</tr>', html, re.S).group(1)
        assert re.findall(r'class="num">(\d+)<', row) == [
            str(len(mine)), str(sum(1 for l in mine if open_to_juniors_and_seniors(l))),
            str(sum(1 for l in mine if open_to_juniors_and_seniors(l) is None))], slug
    assert len(re.findall(r'<tr data-pathway="(?!all)', html)) == len(pathways)


def test_links_into_the_tracker_give_the_count_the_search_gives(loaded_app, loaded_client) -> None:
    html = page(loaded_client, "/milestones")
    with loaded_app.test_request_context():
        expected = find_listings(ListingQuery(kinds=("internship",), age=17), page_length=1).total
    assert f'<a href="/search?kind=internship&amp;age=17">Internships open to age 17</a> <span class="count">({expected} open now)' in html


def test_a_closed_listing_leaves_the_live_figures(loaded_app, loaded_client) -> None:
    before = number_in(page(loaded_client, "/milestones"), r'id="live-teens">(\d+)<')
    with loaded_app.app_context():
        listing = next(l for l in db.session.scalars(sa.select(Listing).where(Listing.visible(site_today())))
                       if open_to_juniors_and_seniors(l))
        listing.deadline = date(2000, 1, 1)
        db.session.commit()
    assert number_in(page(loaded_client, "/milestones"), r'id="live-teens">(\d+)<') == before - 1


def test_the_page_works_before_any_figures_are_loaded(client) -> None:
    html = page(client, "/milestones")
    assert "No local figure has two years yet, so we cannot yet say whether things are getting better." in html
    assert "No figures have been loaded yet." in html and "No internships are open right now." in html
    assert html.count("No figure yet for") == len(MILESTONES)


def test_the_goal_chart_shows_the_current_share_when_staff_add_it(app, client, tmp_path) -> None:
    path = tmp_path / "with-share.csv"
    path.write_bytes(csv_bytes(HEADER, "work-based-learning,juniors-seniors-with-internship,birmingham-city-schools,"
                                       "2025–26,18,percent,District report,https://example.org/report"))
    assert app.test_cli_runner().invoke(args=["milestones", "load", str(path)]).exit_code == 0
    html = page(client, "/milestones")
    assert "The latest share is 18% (Birmingham City Schools, 2025–26)." in html
    assert '<a href="https://example.org/report" rel="noopener">District report</a>' in html


def test_grade_by_grade_view_is_complete(loaded_client) -> None:
    for lang, html_lang in (("", "en"), ("?lang=es", "es")):
        html = page(loaded_client, f"/milestones/grades{lang}")
        assert f'<html lang="{html_lang}">' in html
        sections = re.findall(r'<section class="grade-section" id="grade-([a-z0-9]+)"', html)
        assert tuple(sections) == GRADES
        assert html.count("<h3>") == 4 * len(GRADES)  # expected, at home, builds toward, opportunities
        assert_accessible_structure(html)
    english = page(loaded_client, "/milestones/grades?lang=en")
    assert "Usually age 16" in english and 'href="/milestones#work-based-learning"' in english
    assert 'href="/search?kind=job-shadowing&amp;kind=summer-program&amp;age=15"' in english
    spanish = page(loaded_client, "/milestones/grades?lang=es")
    # Links need no ?lang=es: the language chosen is remembered (tracker/i18n.py).
    assert "Por lo general, 16 años" in spanish and 'href="/milestones#work-based-learning"' in spanish
    assert "Por lo general, 16 años" in page(loaded_client, "/milestones/grades")


@pytest.mark.parametrize("slug", GRADES)
def test_each_grade_has_its_own_page(loaded_client, slug) -> None:
    html = page(loaded_client, f"/milestones/grades/{slug}?lang=es")
    assert '<html lang="es">' in html and html.count("<h2>") == 4
    assert_accessible_structure(html)
    assert ('rel="prev"' in html) == (slug != "prek") and ('rel="next"' in html) == (slug != "after")


def test_an_unknown_grade_is_not_found(client) -> None:
    assert client.get("/milestones/grades/13").status_code == 404


def test_the_language_switch_and_nav(loaded_app) -> None:
    client = loaded_app.test_client()
    english = page(client, "/milestones")
    assert '<a href="/milestones?lang=es" hreflang="es" lang="es">Español</a>' in english
    assert '<a href="/milestones" aria-current="page">Milestones</a>' in english
    spanish = page(client, "/milestones/grades/3?lang=es")
    assert '<a href="/milestones/grades/3?lang=en" hreflang="en" lang="en">English</a>' in spanish
    assert '<a href="/milestones" aria-current="page">Etapas clave</a>' in spanish
    # Source names stay in their own language inside a Spanish page.
    assert '<cite lang="en">' in page(client, "/milestones?lang=es")
    assert '<html lang="en">' in page(loaded_app.test_client(), "/")
