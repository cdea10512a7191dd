"""How numbers, years and dates read in English and Spanish on the milestone pages."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date

from tracker.i18n import FORMAT_LOCALES
from tracker.milestones.content import DEFAULT_LANGUAGE, LANGUAGES



def language(requested: str | None) -> str:
    """Return a language the content speaks: the one asked for, else English."""
    return requested if requested in LANGUAGES else DEFAULT_LANGUAGE


def number(value: Decimal | int | float) -> str:
    """Return 1,234 or 90.5: thousands with commas and no trailing zeros (as in Mexico and Central America)."""
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def value_text(value: Decimal | int | float, unit: str) -> str:
    """Return '44%' for a percentage, '260' for a count and '77' for a score."""
    return f"{number(value)}%" if unit == "percent" else number(value)


def year_text(year: str, lang: str) -> str:
    """Return the year as written, with 'class of 2023' in Spanish as 'generación 2023'."""
    if lang == "es" and year.startswith("class of "):
        return "generación " + year[len("class of "):]
    return year


def date_text(day: date, lang: str) -> str:
    """Return 'Dec 12, 2026' or '12 de diciembre de 2026' (the month in full reads better to families)."""
    return format_date(day, "long" if lang == "es" else "medium", locale=FORMAT_LOCALES.get(lang, "en_US"))


def fill(template: str, **values: Any) -> str:
    """Fill ``{name}`` slots in a content sentence; a slot the sentence lacks is simply unused."""
    return template.format_map(values)
