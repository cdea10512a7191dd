"""Template helpers: how dates, pay, ages and vocabulary read on a page."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Flask, request, url_for

from tracker import taxonomy
from tracker.models import Listing
from tracker.query import SEASONS, ListingQuery

PERIOD_WORDS = {"hour": "an hour", "week": "a week", "month": "a month", "year": "a year", "total": "in all"}


def format_date(value: date | datetime | None) -> str:
    """Return e.g. 'Dec 12, 2026'."""
    if value is None:
        return ""
    return f"{value:%b} {value.day}, {value.year}"


def iso_date(value: date | datetime | None) -> str:
    """Return an ISO 8601 date for <time datetime=...>."""
    if value is None:
        return ""
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def money(value: Decimal | None) -> str:
    """Return '$13.50' or '$32,000' (no cents on whole amounts)."""
    if value is None:
        return ""
    return f"${value:,.0f}" if value == value.to_integral_value() else f"${value:,.2f}"


def cents(value: int | None) -> str:
    """Return '$15.25' for 1525 cents."""
    return "" if value is None else money(Decimal(value) / 100)


def pay_summary(listing: Listing) -> str:
    """Say what a listing pays, in a few words."""
    if listing.pay_status == taxonomy.UNPAID:
        return "Unpaid"
    if listing.pay_status != taxonomy.PAID:
        return "Pay not stated"
    amount = money(listing.pay_min)
    if listing.pay_max is not None and listing.pay_max != listing.pay_min:
        amount = f"{amount}–{money(listing.pay_max)}" if amount else f"up to {money(listing.pay_max)}"
    if not amount:
        return "Paid"
    if listing.pay_period == "total":
        return f"{amount} stipend"
    return f"{amount} {PERIOD_WORDS.get(listing.pay_period or '', '')}".strip()


def age_summary(listing: Listing) -> str:
    """Say who can apply by age or grade."""
    parts = []
    if listing.min_age is not None and listing.max_age is not None:
        parts.append(f"Ages {listing.min_age}–{listing.max_age}")
    elif listing.min_age is not None:
        parts.append(f"Ages {listing.min_age}+")
    elif listing.max_age is not None:
        parts.append(f"Up to age {listing.max_age}")
    if listing.min_grade is not None:
        if listing.max_grade is not None and listing.max_grade != listing.min_grade:
            parts.append(f"grades {listing.min_grade}–{listing.max_grade}")
        else:
            parts.append(f"grade {listing.min_grade}")
    if not parts:
        return "Age not stated"
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def days_left(deadline: date | None, today: date) -> str:
    """Say how long is left to apply."""
    if deadline is None:
        return "No deadline stated"
    days = (deadline - today).days
    if days < 0:
        return "Closed"
    if days == 0:
        return "Closes today"
    if days == 1:
        return "Closes tomorrow"
    return f"Closes in {days} days"


def url_with(endpoint: str, args: dict[str, Any]) -> str:
    """Build a URL for ``endpoint`` with query arguments that may hold lists."""
    return url_for(endpoint, **args)


def init_app(app: Flask) -> None:
    """Register the filters and globals."""
    app.jinja_env.filters.update(
        date=format_date, isodate=iso_date, money=money, cents=cents,
        pay=pay_summary, ages=age_summary,
        kind_label=lambda slug: taxonomy.label(taxonomy.KINDS, slug),
        pathway_label=lambda slug: taxonomy.label(taxonomy.PATHWAYS, slug),
        pay_label=lambda slug: taxonomy.label(taxonomy.PAY_STATUSES, slug),
        mode_label=lambda slug: taxonomy.label(taxonomy.WORK_MODES, slug),
    )
    app.jinja_env.globals.update(taxonomy=taxonomy, days_left=days_left, url_with=url_with,
                                 filter_chips=filter_chips, seasons=SEASONS, ListingQuery=ListingQuery)

    @app.context_processor
    def site() -> dict[str, Any]:
        return {"site_name": app.config["SITE_NAME"], "site_area": app.config["SITE_AREA"],
                "demo_notice": app.config["DEMO_NOTICE"], "current_path": request.path}


def filter_chips(query: ListingQuery) -> list[tuple[str, dict[str, Any]]]:
    """Return (label, URL arguments without it) for each filter in force, for 'Remove …' links."""
    chips: list[tuple[str, dict[str, Any]]] = []
    if query.text:
        chips.append((f"“{query.text}”", query.to_args(text="", page=1)))
    vocabularies = {"kinds": taxonomy.KINDS, "pathways": taxonomy.PATHWAYS, "pay": taxonomy.PAY_STATUSES,
                    "work_modes": taxonomy.WORK_MODES, "seasons": SEASONS}
    for name in query.active_filters:
        if name in vocabularies:
            for slug in getattr(query, name):
                chips.append((taxonomy.label(vocabularies[name], slug), query.toggled(name, slug)))
        else:
            chips.append((FILTER_WORDS[name](query), _args(query.without(name))))
    return chips


FILTER_WORDS = {
    "age": lambda q: f"age {q.age}",
    "grade": lambda q: f"grade {q.grade}",
    "min_hourly": lambda q: f"at least ${q.min_hourly} an hour",
    "max_hours": lambda q: f"up to {q.max_hours} hours a week",
    "deadline_within": lambda q: "closing this week" if q.deadline_within == 7 else "closing within 30 days",
    "posted_within": lambda q: f"posted in the last {q.posted_within} days",
    "near": lambda q: f"within {q.miles} miles of {q.near}",
}


def _args(query: ListingQuery) -> dict[str, Any]:
    return query.to_args()
