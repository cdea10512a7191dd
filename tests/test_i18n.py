"""English and Spanish: the catalog is complete, the reader's language is chosen as promised,
and dates, numbers and money read as the reader writes them."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT
from tracker.query import ListingQuery

CATALOG = ROOT / "translations" / "es" / "LC_MESSAGES" / "messages.po"


def read_catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_the_spanish_catalog_is_complete() -> None:
    catalog = read_catalog(CATALOG)
    assert not catalog.fuzzy, "the catalog's header is marked fuzzy"
    untranslated, fuzzy = [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s and s.strip() for s in strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == [] and fuzzy == [], (untranslated, fuzzy)
    assert list(catalog.check()) == []  # placeholders match (python-format) in every entry


def test_each_message_is_in_the_catalog_once() -> None:
    """Two entries for one msgid compile without a word, and the last silently wins: after a
    union merge of the catalog a message can end up translated two ways."""
    import re
    from collections import Counter

    entries = Counter()
    current: list[str] | None = None
    for line in CATALOG.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgctxt ", "msgid ")):
            if line.startswith("msgctxt ") or current is None or not current[0].startswith("msgctxt "):
                current = [line]
            else:
                current.append(line)
        elif current is not None and line.startswith('"') and not current[-1].startswith("msgstr"):
            current.append(line)
        elif line.startswith(("msgstr", "msgid_plural")) and current is not None:
            key = "".join(re.sub(r'^(msgctxt|msgid) ', "", part) for part in current)
            if key != '""':
                entries[key] += 1
            current = None
    assert [key for key, count in entries.items() if count > 1] == []


def test_every_string_in_the_code_is_in_the_catalog(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_",
                    "--no-location", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    wanted = {m.id for m in read_catalog(pot) if m.id}
    have = {m.id for m in read_catalog(CATALOG) if m.id}
    assert wanted - have == set(), "run pybabel update (see translations/es/LC_MESSAGES/messages.po)"
    assert have - wanted == set(), "the catalog holds strings the code no longer uses"


def test_the_compiled_catalog_is_current() -> None:
    compiled = CATALOG.with_suffix(".mo")
    assert compiled.exists() and compiled.stat().st_mtime >= CATALOG.stat().st_mtime, \
        "compile the catalog: make translations"


def test_the_url_wins_and_is_remembered_in_one_cookie(client) -> None:
    response = client.get("/?lang=es")
    assert '<html lang="es">' in response.get_data(as_text=True)
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith("lang=es;")
    assert "SameSite=Lax" in cookies[0] and "HttpOnly" in cookies[0]
    # Whether the answer sets the cookie depends on the cookie; the URL named the language.
    assert "Cookie" in response.vary and "Accept-Language" not in response.vary
    # The cookie decides the next page; the URL decides over the cookie.
    assert '<html lang="es">' in client.get("/pathways").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/pathways?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/pathways").get_data(as_text=True)


def test_the_browser_language_is_the_default(app) -> None:
    client = app.test_client()
    assert '<html lang="es">' in client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "fr-FR,de;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in client.get("/?lang=xx").get_data(as_text=True)
    plain = client.get("/")
    assert plain.headers.get("Set-Cookie") is None  # no cookie unless a language is chosen
    assert {"Cookie", "Accept-Language"} <= set(plain.vary)


def test_every_page_links_to_itself_in_the_other_language(client) -> None:
    html = client.get("/search?kind=job&lang=es").get_data(as_text=True)
    assert '<a href="/search?kind=job&amp;lang=en" hreflang="en" lang="en">English</a>' in html
    assert '<link rel="alternate" hreflang="es" href="/search?kind=job&amp;lang=es">' in html
    english = client.get("/search?kind=job&lang=en").get_data(as_text=True)
    assert '<a href="/search?kind=job&amp;lang=es" hreflang="es" lang="es">Español</a>' in english
    missing = client.get("/nowhere?lang=es")
    assert missing.status_code == 404 and 'href="/nowhere?lang=en"' in missing.get_data(as_text=True)


def test_the_open_formats_answer_in_the_site_language(demo_client) -> None:
    response = demo_client.get("/api/v1/listings?kind=internship", headers={"Accept-Language": "es"})
    assert response.get_json()["description"].endswith("internships")
    assert response.headers.get("Set-Cookie") is None
    assert "Internships" in demo_client.get("/search.atom?kind=internship&lang=es").get_data(as_text=True)


def test_the_results_sentence_in_spanish(app) -> None:
    query = ListingQuery(kinds=("internship",), pay=("paid",), age=16, near="35203", miles=10)
    with app.test_request_context("/?lang=es"):
        assert query.describe(34) == "34 pasantías con pago para 16 años a menos de 10 millas de 35203 o a distancia"
        assert ListingQuery().describe(1) == "1 oportunidad"
        assert ListingQuery(kinds=("job", "internship")).describe(1234) == "1,234 empleos o pasantías"
        assert ListingQuery(min_hourly=15).describe(2) == "2 oportunidades con pago de al menos $15 la hora (o sin indicarlo)"
    with app.test_request_context("/"):
        assert query.describe(34) == "34 paid internships for age 16 within 10 miles of 35203 or remote"


def test_dates_numbers_and_money_in_the_readers_language(app) -> None:
    from tracker.filters import days_left, format_date, money

    day = date(2026, 12, 12)
    with app.test_request_context("/?lang=es"):
        assert format_date(day) == "12 dic 2026"
        assert money(Decimal("32000")) == "$32,000" and money(Decimal("13.5")) == "$13.50"
        assert days_left(date(2026, 12, 14), day) == "Cierra en 2 días"
        assert days_left(date(2026, 12, 13), day) == "Cierra mañana"
    with app.test_request_context("/"):
        assert format_date(day) == "Dec 12, 2026"
        assert days_left(date(2026, 12, 14), day) == "Closes in 2 days"


@pytest.mark.parametrize("path", ["/", "/search?kind=internship", "/pathways", "/pathways/healthcare", "/nowhere"])
def test_spanish_pages_carry_no_english_interface_words(demo_client, path: str) -> None:
    html = demo_client.get(path + ("&" if "?" in path else "?") + "lang=es").get_data(as_text=True)
    for english in ("Find opportunities", "Skip to main content", "Career pathways", "Search</button>",
                    "open opportunities", "Closes in", "Ages ", "Pay not stated", "Apply filters"):
        assert english not in html, f"{path}: {english!r} is not translated"


def test_kind_and_pathway_names_agree_with_the_milestone_content(app) -> None:
    """The milestone pages name kinds and pathways from their content file; the rest from the catalog."""
    from flask_babel import gettext

    from tracker import taxonomy

    content = app.extensions["milestones"]
    with app.test_request_context("/?lang=es"):
        for term in (*taxonomy.KINDS, *taxonomy.PATHWAYS):
            assert gettext(term.label) == content.spanish_terms[term.slug], term.slug


@pytest.mark.parametrize("lang", ["en", "es"])
def test_templates_translate_every_message_as_jinjas_own_gettext_does(app, lang: str) -> None:
    """The kept texts of strings without variables (tracker.i18n._template_gettext) match Jinja's newstyle gettext."""
    from flask import render_template_string
    from flask_babel import get_translations
    from jinja2 import Environment

    with (ROOT / "translations/es/LC_MESSAGES/messages.po").open("rb") as po:
        catalog = read_po(po)
    # Strings with placeholders are always given their variables (the catalog test checks the code).
    messages = [m.id for m in catalog if isinstance(m.id, str) and m.id and "%(" not in m.id]
    messages += ["100%% sure", "<b>bold</b> & more"]
    template = "{{ _(m) }}|{{ gettext(m) }}|{{ _(m) }}"

    def rendered(render, message: str) -> object:
        try:
            return render(m=message)
        except (ValueError, TypeError, KeyError) as error:  # a lone "%": both must refuse it alike
            return type(error)

    with app.test_request_context(f"/?lang={lang}"):
        translations = get_translations()
        reference = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
        reference.install_gettext_callables(translations.ugettext, translations.ungettext, newstyle=True)  # type: ignore[attr-defined]
        expected = [rendered(reference.from_string(template).render, m) for m in messages]
        ours = app.jinja_env.from_string(template)
        assert [rendered(lambda **kw: ours.render(**kw), m) for m in messages] == expected
        with_variables = "{{ _('Page %(page)s of %(pages)s', page=2, pages='<3>') }}"
        assert render_template_string(with_variables) == reference.from_string(with_variables).render()
        if lang == "es":
            assert "Página 2" in render_template_string(with_variables)
    assert len(messages) > 300
    assert any(isinstance(text, str) and "Tipo de oportunidad" in text for text in expected) == (lang == "es")
