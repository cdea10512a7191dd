"""Find what a listing says about pay: paid or not, how much, and per what."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ingest.extract._prefilter import Prefiltered
from tracker.taxonomy import PAID, PAY_UNKNOWN, UNPAID


@dataclass(frozen=True)
class Pay:
    status: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    period: str | None = None  # one of taxonomy.PAY_PERIODS
    source_text: str | None = None


UNKNOWN = Pay(PAY_UNKNOWN)

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d{1,7}"
# "CA$", "A$", "NZ$": dollars of another country are not read as US dollars.
_MONEY = re.compile(
    rf"(?<![A-Za-z])\$\s?(?P<a>{_NUMBER})(?:\.(?P<ac>\d{{1,2}}))?(?:\s*(?P<ak>[kK])(?![a-zA-Z]))?(?![\d,]*\d)"
    rf"(?:(?:\s*(?:-|\u2013|\u2014|to)\s*\$?|\s+and\s+\$)\s?(?P<b>{_NUMBER})(?:\.(?P<bc>\d{{1,2}}))?"
    rf"(?:\s*(?P<bk>[kK])(?![a-zA-Z]))?(?![\d,]*\d))?"
    r"(?P<per>\s*(?:/\s*|per\s+|an?\s+|each\s+)(?:hour|hr|h|week|wk|month|mo|year|yr|annum)\b"
    r"|\s*(?:hourly|weekly|monthly|annually|annual|yearly|stipend|total|lump[- ]sum"
    r"|for\s+the\s+(?:summer|program|session|season)|upon\s+completion)\b)?",
    re.IGNORECASE)
_PERIOD_WORDS = (
    ("hour", "hour"), ("hr", "hour"), ("h", "hour"), ("week", "week"), ("wk", "week"),
    ("month", "month"), ("mo", "month"), ("year", "year"), ("yr", "year"), ("annum", "year"),
    ("annual", "year"),
)
# "$25 fee", "Cost: $40", "$5 million grant": money the participant pays, or not a wage at all.
_COST_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:fees?|deposit|tuition|registration|costs?|charge|million|billion"
    r"|to\s+(?:attend|register|enroll|participate))\b", re.IGNORECASE)
_COST_BEFORE = re.compile(
    r"\b(?:fees?|costs?|tuition|price|charge|deposit|registration)(?:\s+(?:is|of))?\s*:?\s*$", re.IGNORECASE)
_PAY_BEFORE = re.compile(
    r"\b(?:pay|pays|paid|wages?|salary|stipend|compensation|earn|earns|earning|rate|starting\s+at"
    r"|hourly|income)\b", re.IGNORECASE)
_PAY_AFTER = re.compile(r"^\s*(?:salary|wage|pay)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
# "Up to $75,000": the one figure is a maximum.
_UP_TO = re.compile(r"\b(?:up\s+to|as\s+much\s+as|maximum(?:\s+of)?|max\.?|not\s+to\s+exceed)\s*:?\s*$", re.IGNORECASE)
# Pay in another currency is kept as written, never converted: "€45,000", "CAD 102,800",
# "CA$102.8K", "45.000 EUR".
_CODES = r"CAD|EUR|GBP|AUD|NZD|INR|JPY|CHF|SEK|NOK|DKK|PLN|MXN|BRL|ZAR|SGD|HKD|CNY|AED"
_FOREIGN = re.compile(
    rf"(?:[€£¥₹]|\b(?:CA|C|A|AU|NZ|HK|S|MX|R)\$|\b(?:{_CODES})\s?)\s?\d[\d.,\s]*[kK]?"
    rf"(?:\s*(?:-|–|—|to)\s*(?:[€£¥₹]|\b(?:CA|C|A|AU|NZ|HK|S|MX|R)\$|\b(?:{_CODES})\s?)?\s?\d[\d.,]*[kK]?)?"
    rf"|\b\d[\d.,]*[kK]?\s?(?:€|£|\b(?:{_CODES})\b)")
_PERIOD_BEFORE = re.compile(r"\b(hourly|annual|yearly|weekly|monthly)\s+(?:rate|wage|pay|salary|stipend)"
                            r"(?:\s+(?:is|of))?\s*:?\s*$", re.IGNORECASE)
_PERIOD_AFTER = re.compile(r"^\s*(?:/\s*|per\s+|an?\s+|each\s+)?(?P<per>hour|hr|week|month|year|yr|annum|annually|annual"
                           r"|yearly|monthly|weekly|hourly)\b", re.IGNORECASE)

# _UNPAID and _PAID are Prefiltered: tried only where one of their words starts (see
# _prefilter); the matches are the patterns' own.
_UNPAID = Prefiltered(re.compile(
    r"\bunpaid\b|\b(?:not|non)[- ]?(?:a\s+)?paid\b|\bno\s+(?:pay|compensation|wages?|stipends?)\b"
    r"|\bwithout\s+(?:pay|compensation)\b|\bvolunteer\s+(?:position|opportunity|role|basis|only)\b"
    r"|\bthis\s+is\s+a\s+volunteer\b"
    # "free" means the participant is not paid, and only in these phrasings: "free
    # parking" or "free lunch" say nothing about pay.
    r"|\bfree\s+(?:workshops?|to\s+attend|of\s+charge)\b"
    r"|\b(?:at\s+)?no\s+cost(?:\s+to\s+(?:attend|participants?|you|families|students))?\b",
    re.IGNORECASE))
_PAID = Prefiltered(re.compile(
    r"\bpaid\s+(?:internships?|positions?|apprenticeships?|opportunit(?:y|ies)|training|summer|work"
    r"|experience|jobs?|roles?)\b"
    r"|\b(?:(?:receive|earn)s?\s+a\s+)?stipends?(?:\s+(?:is\s+)?(?:provided|available|included|offered))?\b"
    r"|\bcompensated\b|\bcompetitive\s+(?:pay|wages?|salary)\b|\bearn\s+while\s+you\s+learn\b"
    r"|\bpaid\s+(?:onboarding|according\s+to)\b|\bbase\s+salary\b|\b(?:compensation|salary)\s+package\b",
    re.IGNORECASE))


def _amount(digits: str, cents: str | None, thousands: str | None) -> Decimal:
    """Return the Decimal for "$32,000", "$15.25" or "$40K"."""
    value = Decimal(digits.replace(",", "") + ("." + cents if cents else ""))
    return value * 1000 if thousands else value


def _period(per: str | None) -> str | None:
    """Return the PAY_PERIODS value a written period means."""
    if not per:
        return None
    word = re.sub(r"^[\s/]*(?:per\s+|an?\s+|each\s+)?", "", per.lower())
    if word.startswith(("stipend", "total", "lump", "for the", "upon")):
        return "total"
    for prefix, period in _PERIOD_WORDS:
        if word == prefix or word.startswith(prefix) and len(prefix) > 2:
            return period
    return None


def _sentence_before(text: str, start: int) -> str:
    """Return up to 40 characters before start, cut at the previous sentence end."""
    before = text[max(0, start - 40):start]
    ends = list(_SENTENCE_END.finditer(before))
    return before[ends[-1].end():] if ends else before


def _pay_from_money(text: str, m: re.Match[str], stated: bool = False) -> Pay | None:
    """Return the Pay a money match states, or None when it is a cost or not pay.

    ``stated``: the text is a pay field, so an amount in it is pay without a pay word.
    """
    before = _sentence_before(text, m.start())
    if _COST_BEFORE.search(before) or _COST_AFTER.match(text[m.end():m.end() + 40]):
        return None
    period = _period(m.group("per"))
    if period is None and not stated and not _PAY_BEFORE.search(before) and not _PAY_AFTER.match(text[m.end():]):
        return None  # "$500 in prizes": money, but nothing says it is pay
    low = _amount(m.group("a"), m.group("ac"), m.group("ak"))
    high = low
    if m.group("b"):
        high = _amount(m.group("b"), m.group("bc"), m.group("bk"))
        if m.group("bk") and not m.group("ak") and low < 1000:
            low *= 1000  # "$32-40K": the K belongs to both ends
        low, high = min(low, high), max(low, high)
    # A period the text does not write stays unstated, whatever the size of the figure; a
    # stipend is paid once. "The hourly rate is $15.50" writes it before the figure.
    if period is None and (ahead := _PERIOD_BEFORE.search(before)):
        period = _period(ahead.group(1))
    if period is None and re.search(r"\bstipend\b", before, re.IGNORECASE):
        period = "total"
    if not m.group("b") and _UP_TO.search(before):
        return Pay(PAID, None, high, period, m.group(0).strip())
    return Pay(PAID, low, high, period, m.group(0).strip())


def _foreign_pay(text: str) -> Pay | None:
    """Return pay written in another currency: paid, its period, no dollar figures."""
    for m in _FOREIGN.finditer(text):
        before = _sentence_before(text, m.start())
        if _COST_BEFORE.search(before) or _COST_AFTER.match(text[m.end():m.end() + 40]):
            continue
        after = _PERIOD_AFTER.match(text[m.end():])
        period = _period(after.group("per")) if after else None
        return Pay(PAID, None, None, period, (m.group(0) + (after.group(0) if after else "")).strip())
    return None


def find_pay(text: str, stated: bool = False) -> Pay:
    """Return what text says about pay; status PAY_UNKNOWN when it says nothing.

    ``stated``: text is a pay field ("salary": "$38,000"), where an amount is pay by itself.
    """
    if not isinstance(text, str) or not text:
        return UNKNOWN
    for m in _MONEY.finditer(text):
        found = _pay_from_money(text, m, stated)
        if found is not None:
            return found
    if (stated or _PAY_BEFORE.search(text)) and (foreign := _foreign_pay(text)):
        return foreign
    unpaid = list(_UNPAID.finditer(text))
    # "non-paid internship" and "no stipend" contain a paid phrase; the negation wins.
    paid = [p for p in _PAID.finditer(text)
            if not any(p.start() < u.end() and u.start() < p.end() for u in unpaid)]
    if paid:
        return Pay(PAID, source_text=paid[0].group(0))
    if unpaid:
        return Pay(UNPAID, source_text=unpaid[0].group(0))
    return UNKNOWN
