"""Tests for ingest.extract.pay: paid or unpaid, amounts and periods."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.pay import Pay, find_pay
from tracker.taxonomy import PAID, PAY_PERIODS, PAY_STATUS_SLUGS, PAY_UNKNOWN, UNPAID

FUZZ = settings(database=None, deadline=None, max_examples=200)
D = Decimal
PAY_WORDS = st.lists(st.sampled_from([
    "$", "$15", "$15.25", "$32,000", "$40K", "k", "-", "–", "to", "and", "/hour", "per", "an hour", "a year",
    "/yr", "stipend", "fee", "Cost:", "paid", "unpaid", "not", "no", "volunteer position", "free", "workshop",
    "no cost", "Pay:", "earn", "salary", ".", ",", "\n", "1,2345", "9999999",
]), max_size=15).map(" ".join)


@pytest.mark.parametrize(("text", "expected"), [
    ("$15/hour", Pay(PAID, D("15"), D("15"), "hour", "$15/hour")),
    ("Pays $15.25 per hour", Pay(PAID, D("15.25"), D("15.25"), "hour", "$15.25 per hour")),
    ("$15–$18/hr", Pay(PAID, D("15"), D("18"), "hour", "$15–$18/hr")),
    ("$32,000–$40,000 a year", Pay(PAID, D("32000"), D("40000"), "year", "$32,000–$40,000 a year")),
    ("$32K-40K/yr", Pay(PAID, D("32000"), D("40000"), "year", "$32K-40K/yr")),
    ("$32-40K per year", Pay(PAID, D("32000"), D("40000"), "year", "$32-40K per year")),
    ("Pay: $13.50/hour.", Pay(PAID, D("13.50"), D("13.50"), "hour", "$13.50/hour")),
    ("between $15 and $18 an hour", Pay(PAID, D("15"), D("18"), "hour", "$15 and $18 an hour")),
    ("Interns receive a $500 stipend", Pay(PAID, D("500"), D("500"), "total", "$500 stipend")),
    ("$500 weekly stipend", Pay(PAID, D("500"), D("500"), "week", "$500 weekly")),
    ("Stipend of $1,500", Pay(PAID, D("1500"), D("1500"), "total", "$1,500")),
    # No period written: none is guessed from the figure's size.
    ("Starting at $15", Pay(PAID, D("15"), D("15"), None, "$15")),
    ("Salary: $32,000", Pay(PAID, D("32000"), D("32000"), None, "$32,000")),
    ("Wage: $2,000", Pay(PAID, D("2000"), D("2000"), None, "$2,000")),
    ("Cost: $40. Earn $12/hr", Pay(PAID, D("12"), D("12"), "hour", "$12/hr")),
    ("A stipend is provided.", Pay(PAID, source_text="stipend is provided")),
    ("stipend provided", Pay(PAID, source_text="stipend provided")),
    ("This is a paid internship", Pay(PAID, source_text="paid internship")),
    ("This is an unpaid internship", Pay(UNPAID, source_text="unpaid")),
    ("Non-paid internship", Pay(UNPAID, source_text="Non-paid")),
    ("There is no stipend.", Pay(UNPAID, source_text="no stipend")),
    ("Volunteer position", Pay(UNPAID, source_text="Volunteer position")),
    ("Free workshop for teens", Pay(UNPAID, source_text="Free workshop")),
    ("No cost to attend", Pay(UNPAID, source_text="No cost to attend")),
    ("A $25 fee applies", Pay(PAY_UNKNOWN)),
    ("Registration fee: $25", Pay(PAY_UNKNOWN)),
    ("Win $500 in prizes", Pay(PAY_UNKNOWN)),
    ("Free lunch and free parking", Pay(PAY_UNKNOWN)),
    ("We received a $5 million grant", Pay(PAY_UNKNOWN)),
    ("", Pay(PAY_UNKNOWN)),
])
def test_find_pay(text: str, expected: Pay) -> None:
    assert find_pay(text) == expected


@FUZZ
@given(st.text() | PAY_WORDS)
def test_find_pay_stays_in_bounds(text: str) -> None:
    pay = find_pay(text)
    assert pay.status in PAY_STATUS_SLUGS
    assert pay.period is None or pay.period in PAY_PERIODS
    if pay.status != PAID:
        assert pay.minimum is None and pay.maximum is None and pay.period is None
    if pay.minimum is not None:  # a minimum always has its maximum; "up to $X" is a maximum alone
        assert pay.maximum is not None and 0 <= pay.minimum <= pay.maximum
    if pay.source_text is not None:
        assert pay.source_text in text


@FUZZ
@given(st.decimals(min_value=1, max_value=199, places=2), st.sampled_from(["/hour", " per hour", "/hr", " an hour"]))
def test_hourly_wages_are_read_back(amount: Decimal, unit: str) -> None:
    pay = find_pay(f"Pay: ${amount}{unit}.")
    assert (pay.status, pay.minimum, pay.period) == (PAID, amount, "hour")


@FUZZ
@given(st.integers(1, 10**6))
def test_fees_are_never_pay(amount: int) -> None:
    assert find_pay(f"A ${amount:,} registration fee is due.") == Pay(PAY_UNKNOWN)


# "Up to", pay fields, other currencies, periods never guessed.
@pytest.mark.parametrize(("text", "stated", "expected"), [
    ("Up to $75,000 a year", False, Pay(PAID, None, D("75000"), "year", "$75,000 a year")),
    ("Salary up to $20 per hour", False, Pay(PAID, None, D("20"), "hour", "$20 per hour")),
    ("$38,000", True, Pay(PAID, D("38000"), D("38000"), None, "$38,000")),
    ("$38,000", False, Pay(PAY_UNKNOWN)),  # money in prose with nothing saying it is pay
    ("Salary: $52,000 - $61,000.", False, Pay(PAID, D("52000"), D("61000"), None, "$52,000 - $61,000")),
    ("€45,000 - €52,000 per year", True, Pay(PAID, None, None, "year", "€45,000 - €52,000 per year")),
    ("CAD 102,800–137,000 per year", True, Pay(PAID, None, None, "year", "CAD 102,800–137,000 per year")),
    ("Salary: CA$102.8K - CA$137K", False, Pay(PAID, None, None, None, "CA$102.8K - CA$137K")),
    ("£28,000 per annum salary", False, Pay(PAID, None, None, "year", "£28,000 per annum")),
    ("$11.00 - $13.00 Hourly", True, Pay(PAID, D("11.00"), D("13.00"), "hour", "$11.00 - $13.00 Hourly")),
    ("Depends on Qualifications", True, Pay(PAY_UNKNOWN)),
    ("Tuition: €450 per course", False, Pay(PAY_UNKNOWN)),
])
def test_find_pay_reads_maxima_fields_and_currencies(text: str, stated: bool, expected: Pay) -> None:
    assert find_pay(text, stated=stated) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The hourly rate is $15.50.", Pay(PAID, D("15.50"), D("15.50"), "hour", "$15.50")),
    ("Annual salary: $41,000", Pay(PAID, D("41000"), D("41000"), "year", "$41,000")),
    ("Paid onboarding. Uniform provided.", Pay(PAID, source_text="Paid onboarding")),
    ("Total compensation package with base salary.", Pay(PAID, source_text="compensation package")),
    ("Paid according to the legal apprentice scale.", Pay(PAID, source_text="Paid according to")),
])
def test_find_pay_reads_periods_written_first_and_paid_phrases(text: str, expected: Pay) -> None:
    assert find_pay(text) == expected
