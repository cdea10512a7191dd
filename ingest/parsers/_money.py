"""Write a structured pay range as the text the normalizer's pay reader understands."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

# Interval spellings of each board, folded to letters only, mapped to the words written.
# USAJOBS codes (PA, PH, …) and its 2016 wording ("Per Year"); schema.org unitText (HOUR,
# YEAR); Lever ("per-hour-wage", "per-year-salary"); Ashby ("1 HOUR", "1 YEAR").
_PERIODS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), words) for p, words in (
    (r"^(ph|h|hr|hour|hourly|perhour|perhourwage|1hour)$|hour", "per hour"),
    (r"^(bw|biweekly|everytwoweeks)$|biweek|fortnight", "every two weeks"),
    (r"^(pd|d|day|daily|perday|perdaywage|1day)$|day", "per day"),
    (r"^(pw|w|wk|week|weekly|perweek|perweeksalary|1week)$|week", "per week"),
    (r"^(pm|m|mo|month|monthly|permonth|permonthsalary|1month)$|month", "per month"),
    (r"^(sy|schoolyear)$", "per school year"),
    (r"^(pa|y|yr|year|yearly|annual|annually|annum|perannum|peryear|peryearsalary|1year)$|year|annu", "per year"),
    (r"^(onetime|total|lumpsum|flat|once|fb|feebasis)$", "total"),
))
UNPAID_INTERVALS = frozenset({"wc", "withoutcompensation", "unpaid", "volunteer"})
_SYMBOLS = {"USD": "$", "": "$"}


def period_words(interval: Any) -> str | None:
    """Return "per hour", "per year"… for a board's interval code, or None when unknown."""
    if interval is None:
        return None
    key = re.sub(r"[^a-z0-9]", "", str(interval).lower())
    if not key:
        return None
    return next((words for pattern, words in _PERIODS if pattern.search(key)), None)


def is_unpaid_interval(interval: Any) -> bool:
    """Tell whether an interval code means the work is unpaid ("WC": without compensation)."""
    return re.sub(r"[^a-z]", "", str(interval or "").lower()) in UNPAID_INTERVALS


def amount(value: Any) -> Decimal | None:
    """Return a positive amount from 15, "15.50" or "$1,200", else None."""
    if value is None or isinstance(value, bool):
        return None
    cleaned = re.sub(r"[^\d.]", "", str(value))
    try:
        number = Decimal(cleaned) if cleaned else None
    except InvalidOperation:
        return None
    return number if number is not None and number > 0 and number.is_finite() else None


def _written(number: Decimal, period: str | None) -> str:
    if period == "per hour" or number != number.to_integral_value():
        return f"{number:,.2f}"
    return f"{number:,.0f}"


def pay_text(minimum: Any, maximum: Any = None, interval: Any = None, currency: Any = None) -> str | None:
    """Return "$15.00–$20.00 per hour" style text for a range, or None when no amount is given."""
    low, high = amount(minimum), amount(maximum)
    if low is None and high is None:
        return None
    low, high = (low or high), (high or low)
    assert low is not None and high is not None
    low, high = min(low, high), max(low, high)
    period = period_words(interval)
    code = str(currency or "").strip().upper()
    if code in _SYMBOLS:
        value = f"${_written(low, period)}"
        if high != low:
            value += f"–${_written(high, period)}"
    else:
        # Other currencies keep their code and no "$", so they are never read as dollars.
        value = f"{code} {_written(low, period)}" + (f"–{_written(high, period)}" if high != low else "")
    return f"{value} {period}" if period else value
