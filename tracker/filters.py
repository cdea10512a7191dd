"""Template helpers: how dates, pay, ages and vocabulary read on a page."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask, Response, current_app, request, url_for
from werkzeug.datastructures import iter_multi_items

from tracker import i18n, taxonomy
from tracker.i18n import and_list, gettext, ngettext
from tracker.models import Listing
from tracker.filter_panel import filter_panel, panel_html
from tracker.open_data import listing_path
from tracker.filter_registry import BY_FIELD, PANEL_FILTERS
from tracker.grades import ages_admit_grade, usual_ages
from tracker.query import SEASONS, ListingQuery
from tracker.request_memo import once_per_request

# What a rate is per: "$15 an hour", "$500 a month".
PERIOD_WORDS: dict[str, Callable[[str], str]] = {
    "hour": lambda amount: gettext("%(amount)s an hour", amount=amount),
    "week": lambda amount: gettext("%(amount)s a week", amount=amount),
    "month": lambda amount: gettext("%(amount)s a month", amount=amount),
    "year": lambda amount: gettext("%(amount)s a year", amount=amount),
    "total": lambda amount: gettext("%(amount)s in all", amount=amount),
}


def format_date(value: date | datetime | None) -> str:
    """Return e.g. 'Dec 12, 2026' (English) or '12 dic 2026' (Spanish)."""
    return i18n.format_date(value)


def iso_date(value: date | datetime | None) -> str:
    """Return an ISO 8601 date for <time datetime=...>."""
    if value is None:
        return ""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def money(value: Decimal | None) -> str:
    """Return '$13.50' or '$32,000' (no cents on whole amounts)."""
    return i18n.money(value)


def cents(value: int | None) -> str:
    """Return '$15.25' for 1525 cents."""
    return "" if value is None else money(Decimal(value) / 100)


def pay_summary(listing: Listing) -> str:
    """Say what a listing pays, in a few words."""
    if listing.pay_status == taxonomy.UNPAID:
        return gettext("Unpaid")
    if listing.pay_status != taxonomy.PAID:
        return gettext("Pay not stated")
    amount = money(listing.pay_min)
    if listing.pay_max is not None and listing.pay_max != listing.pay_min:
        amount = (gettext("%(low)s–%(high)s", low=amount, high=money(listing.pay_max)) if amount
                  else gettext("up to %(amount)s", amount=money(listing.pay_max)))
    if not amount:
        return gettext("Paid")
    if listing.pay_period == "total":
        return gettext("%(amount)s stipend", amount=amount)
    words = PERIOD_WORDS.get(listing.pay_period or "")
    return words(amount) if words else amount


def age_summary(listing: Listing) -> str:
    """Say who can apply by age or grade."""
    parts = []
    if listing.min_age is not None and listing.max_age is not None:
        parts.append(gettext("Ages %(low)s–%(high)s", low=listing.min_age, high=listing.max_age))
    elif listing.min_age is not None:
        parts.append(gettext("Ages %(age)s+", age=listing.min_age))
    elif listing.max_age is not None:
        parts.append(gettext("Up to age %(age)s", age=listing.max_age))
    if listing.min_grade is not None:
        if listing.max_grade is not None and listing.max_grade != listing.min_grade:
            parts.append(gettext("grades %(low)s–%(high)s", low=listing.min_grade, high=listing.max_grade))
        else:
            parts.append(gettext("grade %(grade)s", grade=listing.min_grade))
    if not parts:
        return gettext("Age not stated")
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def grade_reason(listing: Listing, query: ListingQuery) -> str:
    """Say why a listing that states ages but no grade is shown for the grades asked (tracker/grades.py)."""
    if not query.grades or listing.min_grade is not None or listing.max_grade is not None:
        return ""
    if listing.min_age is None and listing.max_age is None:
        return ""
    # Name only the grades asked whose students' ages the listing takes: the reason it matched.
    grades = [g for g in query.grades if ages_admit_grade(listing.min_age, listing.max_age, g)]
    if not grades:
        return ""  # shown for the age asked, not for a grade
    if len(grades) == 1:
        low, high = usual_ages(grades[0])
        return gettext("Shown for grade %(grade)s: it says “%(ages)s”, and a student in grade %(grade)s is usually "
                       "%(low)s or %(high)s (in Alabama, children start kindergarten at 5 by September 1).",
                       grade=grades[0], ages=age_summary(listing), low=low, high=high)
    return gettext("Shown for grades %(grades)s: it says “%(ages)s”, and students in those grades are usually "
                   "%(low)s to %(high)s (in Alabama, children start kindergarten at 5 by September 1).",
                   grades=and_list([str(g) for g in grades]), ages=age_summary(listing),
                   low=usual_ages(grades[0])[0], high=usual_ages(grades[-1])[1])


def days_left(deadline: date | None, today: date) -> str:
    """Say how long is left to apply."""
    if deadline is None:
        return gettext("No deadline stated")
    days = (deadline - today).days
    if days < 0:
        return gettext("Closed")
    if days == 0:
        return gettext("Closes today")
    if days == 1:
        return gettext("Closes tomorrow")
    return ngettext("Closes in %(num)s day", "Closes in %(num)s days", days)


def season_label(value: str | None) -> str:
    """Name a listing's season ('summer', 'school year') in the reader's language."""
    slug = (value or "").replace(" ", "-")
    for term in SEASONS:
        if term.slug == slug:
            return gettext(term.label)
    return (value or "").capitalize()


# A versioned asset URL (?v=<hash of the file>) never names other bytes: browsers may keep it a year.
VERSIONED_MAX_AGE = 365 * 24 * 3600


@lru_cache(maxsize=128)
def _file_version(path: str, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def static_url(filename: str) -> str:
    """Return the URL of a static file with its content's hash, so a changed file is fetched anew."""
    path = Path(current_app.static_folder or "", filename)
    try:
        version = _file_version(str(path), path.stat().st_mtime_ns)
    except OSError:
        return url_for("static", filename=filename)
    return url_for("static", filename=filename, v=version)


def cache_versioned_assets(response: Response) -> Response:
    """Let browsers keep a versioned static file for a year without asking again."""
    if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = VERSIONED_MAX_AGE
        response.cache_control.immutable = True
    return response


def url_with(endpoint: str, args: dict[str, Any]) -> str:
    """Build a URL for ``endpoint`` with query arguments that may hold lists.

    A results page links to itself some fifty times (sorts, pages, chips): an endpoint
    with one rule and no path arguments has its path built once per request, and only the
    query string, written as Werkzeug writes it, is added each time.
    """
    if not _plain_endpoint(endpoint):
        return url_for(endpoint, **args)
    path = once_per_request("url:" + endpoint, lambda: url_for(endpoint))
    query = urlencode([item for item in iter_multi_items(args) if item[1] is not None], safe=QUERY_SAFE)
    return f"{path}?{query}" if query else path


# The characters Werkzeug leaves unescaped in a query string (werkzeug.urls._urlencode).
QUERY_SAFE = "!$'()*,/:;?@"


def _plain_endpoint(endpoint: str) -> bool:
    """Say whether ``endpoint`` has one rule with no path arguments or defaults (so query args are all it takes)."""
    known: dict[str, bool] = current_app.extensions.setdefault("filters.plain_endpoints", {})
    plain = known.get(endpoint)
    if plain is None:
        rules = list(current_app.url_map.iter_rules(endpoint)) if endpoint in current_app.view_functions else []
        plain = known[endpoint] = (len(rules) == 1 and not rules[0].arguments and not rules[0].defaults
                                   and not any(current_app.url_default_functions.values()))
    return plain


def init_app(app: Flask) -> None:
    """Register the filters and globals."""
    app.jinja_env.filters.update(
        date=format_date, isodate=iso_date, money=money, cents=cents,
        pay=pay_summary, ages=age_summary,
        kind_label=lambda slug: gettext(taxonomy.label(taxonomy.KINDS, slug)),
        pathway_label=lambda slug: gettext(taxonomy.label(taxonomy.PATHWAYS, slug)),
        pay_label=lambda slug: gettext(taxonomy.label(taxonomy.PAY_STATUSES, slug)),
        mode_label=lambda slug: gettext(taxonomy.label(taxonomy.WORK_MODES, slug)),
        # A label marked with N_() where it is defined, translated now: {{ term.label|tr }}.
        tr=lambda text: gettext(text) if text else "",
        number=i18n.number,
    )
    app.jinja_env.globals.update(taxonomy=taxonomy, days_left=days_left, url_with=url_with, grade_reason=grade_reason,
                                 filter_chips=filter_chips, reading_notes=reading_notes, filter_panel=filter_panel,
                                 panel_html=panel_html, listing_path=listing_path,
                                 panel_hidden_args=panel_hidden_args, ListingQuery=ListingQuery,
                                 season_label=season_label, static_url=static_url)

    app.after_request(cache_versioned_assets)

    @app.context_processor
    def site() -> dict[str, Any]:
        return {"site_name": app.config["SITE_NAME"], "site_area": app.config["SITE_AREA"],
                "demo_notice": app.config["DEMO_NOTICE"], "current_path": request.path}


def filter_chips(query: ListingQuery) -> list[tuple[str, dict[str, Any]]]:
    """Return (label, URL arguments without it) for each filter in force, for 'Remove …' links."""
    chips: list[tuple[str, dict[str, Any]]] = []
    if query.text:
        chips.append((gettext("“%(text)s”", text=query.text), query.to_args(text="", page=1)))
    for name in query.active_filters:
        f = BY_FIELD[name]
        if f.is_choice:
            for slug in getattr(query, name):
                chips.append((gettext(taxonomy.label(f.terms, slug)), query.toggled(name, slug)))
        elif f.repeatable:
            for value in getattr(query, name):
                words = f.option_words(value) if f.option_words else str(value)
                chips.append((words, query.toggled(name, value)))
        else:
            chips.append((f.words(query), query.without(name).to_args()))
    return chips


def reading_notes(query: ListingQuery) -> list[tuple[str, str, dict[str, Any]]]:
    """Return (what was read, the undo link's words, its URL arguments) for each reading of the search's words."""
    notes = []
    for reading in query.readings:
        if reading.field is None:
            said = gettext("Ignoring “%(words)s”: enter a ZIP code to find what is near", words=reading.words)
        elif BY_FIELD[reading.field].is_choice:
            f = BY_FIELD[reading.field]
            said = gettext("Reading “%(words)s” as the %(filter)s filter", words=reading.words,
                           filter=gettext(taxonomy.label(f.terms, reading.value)))
        else:  # a number: "age 16", "grade 11", "within 10 miles of 35203"
            f = BY_FIELD[reading.field]
            alone = replace(query, grades=(reading.value,)) if f.repeatable else query
            said = gettext("Reading “%(words)s” as %(filter)s", words=reading.words, filter=f.words(alone))
        link = gettext("search the word instead") if len(reading.words.split()) == 1 else gettext("search the words instead")
        notes.append((said, link, query.unread(reading)))
    return notes


def panel_hidden_args(query: ListingQuery) -> dict[str, Any]:
    """Return the URL arguments the filter panel's form carries hidden: all but the filters it offers."""
    blanks: dict[str, Any] = {f.field: () if f.is_choice else None for f in PANEL_FILTERS if f.field != "near"}
    return query.to_args(**blanks, miles=None, page=1)
