"""One reader of whole numbers for every number a URL or form carries.

``str.isdigit()`` says yes to "²", "①" and Arabic-Indic digits, which int() then
refuses or reads (issue #11): only ASCII digits are a number here, and only a few of
them, so no parameter can make the site parse or compare a huge integer.
"""
from __future__ import annotations

# Nine digits: more than any page, age, limit or id the site takes, less than 2**31.
MAX_DIGITS = 9


def whole_number(raw: object, low: int = 0, high: int = 10**MAX_DIGITS - 1) -> int | None:
    """Return ``raw`` as an int when it is ASCII digits from ``low`` to ``high``, else None."""
    if not isinstance(raw, str) or not 0 < len(raw) <= MAX_DIGITS or not raw.isascii() or not raw.isdigit():
        return None
    value = int(raw)
    return value if low <= value <= high else None
