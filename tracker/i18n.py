"""The reader's language: which one a request gets, and dates, numbers and money in it.

A visitor reads English or Spanish (SUPPORTED_LANGUAGES). ``?lang=es`` in the URL wins
and is remembered in one cookie, ``lang`` (nothing else is stored, nothing tracks);
without it the cookie decides, then the browser's Accept-Language, then English.
Interface strings are translated with Flask-Babel from ``translations/``; the words of
the milestone and pathway content live in their TOML files, in both languages.

The open formats (API, feeds, calendars, sitemap) answer in SITE_LANGUAGE whatever the
caller's browser says, so their bodies and ETags never depend on who asked.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable
from urllib.parse import urlencode

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal
from flask import (
    Flask,
    Response,
    current_app,
    g,
    has_app_context,
    has_request_context,
    request,
    url_for,
)
from flask_babel import Babel, get_locale, get_translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from tracker import ROOT
from tracker.request_memo import once_per_request

babel = Babel()

COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Blueprints whose answers are data, in one language for everyone.
DATA_BLUEPRINTS = frozenset({"api", "feeds", "crawlers"})
# How each language writes dates and numbers here: US Spanish ("12 dic 2026", "$1,234.50").
FORMAT_LOCALES = {"en": "en_US", "es": "es_US"}
# The name of each language in itself, for the switch.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def supported() -> tuple[str, ...]:
    return tuple(current_app.config["SUPPORTED_LANGUAGES"])


def select_locale() -> str:
    """Return the language of this request: URL, then cookie, then browser, then the default."""
    default = current_app.config.get("SITE_LANGUAGE") or "en"
    if not has_request_context() or request.blueprint in DATA_BLUEPRINTS:
        return default
    languages = supported()
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in languages:
        return remembered
    return request.accept_languages.best_match(languages) or default


# A page asks for a hundred strings and formats dozens of numbers. Flask-Babel finds the
# request's locale and catalog again for each (a dozen context lookups); these find them
# once per request.

def current_language() -> str:
    """Return the two-letter code of the language being read ('en' outside a request)."""
    return once_per_request("_language", lambda: _language_of(get_locale()))


def _language_of(locale: Locale | None) -> str:
    return locale.language if locale is not None else "en"


def _catalog() -> Any:
    return once_per_request("_catalog", get_translations)


def gettext(string: str, **variables: Any) -> str:
    """Flask-Babel's gettext, with the catalog looked up once per request."""
    text = _catalog().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    """Flask-Babel's ngettext (``num`` is also a variable), with the catalog looked up once per request."""
    variables.setdefault("num", num)
    return _catalog().ungettext(singular, plural, num) % variables


def remember_language(response: Response) -> Response:
    """Keep a language chosen in the URL in the ``lang`` cookie; say what else a page varies by."""
    if request.blueprint in DATA_BLUEPRINTS:
        return response
    asked = request.args.get("lang")
    if asked in supported() and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
                            secure=request.is_secure or bool(current_app.config.get("SESSION_COOKIE_SECURE")))
    if response.mimetype == "text/html":
        # The cookie decides whether this answer sets it; the browser's languages matter
        # only when the URL names none.
        response.vary.add("Cookie")
        if asked not in supported():
            response.vary.add("Accept-Language")
    return response


def _format_locale() -> str:
    return FORMAT_LOCALES.get(current_language(), "en_US")


def format_date(value: date | datetime | None, style: str = "medium") -> str:
    """Return a date as the reader writes it: 'Dec 12, 2026' or '12 dic 2026'."""
    if value is None:
        return ""
    return _format_date(value.date() if isinstance(value, datetime) else value, style, _format_locale())


@lru_cache(maxsize=4096)
def _format_date(value: date, style: str, locale: str) -> str:
    # A feed writes fifty deadlines, a results page twenty, mostly the same few weeks'
    # dates; Babel parses the locale's pattern on every call.
    return babel_format_date(value, style, locale=locale)


def number(value: float | Decimal) -> str:
    """Return 1,234 or 1,234.5 as the reader writes numbers."""
    return _format_number(value, _format_locale())


@lru_cache(maxsize=4096)
def _format_number(value: float | Decimal, locale: str) -> str:
    # A results page writes a hundred counts, mostly small ones again and again; Babel
    # parses the locale's pattern on every call.
    return format_decimal(value, locale=locale)


def money(value: Decimal | float | None, currency: str | None = None) -> str:
    """Return '$13.50' or '$32,000' (no cents on whole amounts) in the reader's notation."""
    if value is None:
        return ""
    if currency is None:
        currency = (current_app.config.get("SITE_CURRENCY") if has_app_context() else None) or "USD"
    return _format_money(Decimal(str(value)), currency, _format_locale())


@lru_cache(maxsize=4096)
def _format_money(amount: Decimal, currency: str, locale: str) -> str:
    # Pay figures repeat across listings; Babel parses patterns on every call.
    if amount == amount.to_integral_value():
        # The locale's own pattern less its decimals: "$32,000", not "$32,000.00".
        pattern = Locale.parse(locale).currency_formats["standard"].pattern
        whole = re.sub(r"\.0+", "", pattern)
        return format_currency(amount, currency, format=whole, locale=locale, currency_digits=False)
    return format_currency(amount, currency, locale=locale)


def or_list(items: list[str]) -> str:
    """Return 'a, b, or c' / 'a, b o c'."""
    return format_list(items, style="or", locale=_format_locale()) if items else ""


def and_list(items: list[str]) -> str:
    """Join ``items`` as the reader writes a list: "1, 3 and 44", "1, 3 y 44"."""
    return format_list(items, locale=_format_locale()) if items else ""


def language_url(lang: str) -> str:
    """Return this page's URL in ``lang`` (every query argument kept, ``lang`` set)."""
    args: dict[str, Any] = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    if request.endpoint and request.url_rule is not None:
        return url_for(request.endpoint, **(request.view_args or {}), **args)
    # An error page has no endpoint: rebuild its path by hand.
    return request.path + "?" + urlencode(args, doseq=True)


def language_context() -> dict[str, Any]:
    """The template variables every page needs to speak and switch language."""
    lang = current_language()
    # Listings arrive in the sources' language (SITE_LANGUAGE); on a page in another language
    # their words are marked so screen readers say them right (WCAG 3.1.2, language of parts).
    source_lang = current_app.config.get("SITE_LANGUAGE") or "en"
    return {
        "page_lang": lang,
        "listing_lang_attr": Markup(f' lang="{source_lang}"') if source_lang != lang else "",
        "other_languages": [(code, LANGUAGE_NAMES.get(code, code)) for code in supported() if code != lang],
        "language_url": language_url,
    }


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with the locale selector and the helpers templates use."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config.get("SITE_LANGUAGE") or "en")
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(remember_language)
    app.context_processor(language_context)
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    # Added to the environment by Jinja's i18n extension, which Flask-Babel loads.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda string: _catalog().ugettext(string),
        ngettext=lambda singular, plural, num: _catalog().ungettext(singular, plural, num),
        pgettext=lambda context, string: _catalog().upgettext(context, string),
        npgettext=lambda context, singular, plural, num: _catalog().unpgettext(context, singular, plural, num),
        newstyle=True)
    app.jinja_env.globals["gettext"] = _template_gettext(app.jinja_env.globals["gettext"])  # type: ignore[arg-type]


def _template_gettext(newstyle: Callable[..., str]) -> Callable[..., str]:
    """Jinja's gettext, with the text of a string that takes no variables kept once per language.

    A page asks for fifty or so such strings; Jinja's own translates, wraps and formats
    each on every call (about 8 us each). Strings with variables, and templates that do
    not escape (mail), still go through Jinja's.
    """
    @pass_context
    def gettext(context: Context, string: str, **variables: Any) -> str:
        if variables or not context.eval_ctx.autoescape:
            return newstyle(context, string, **variables)
        return _constant_text(_catalog(), string)
    return gettext


@lru_cache(maxsize=4096)
def _constant_text(catalog: Any, string: str) -> Markup:
    return Markup(catalog.ugettext(string)) % {}  # what Jinja's newstyle gettext returns: a format string
