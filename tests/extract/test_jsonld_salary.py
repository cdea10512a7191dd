"""schema.org pay on a JobPosting in every shape pages use; an Occupation's estimate is never the posting's pay."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from ingest.normalize import normalize
from ingest.parsers.jsonld import parse_jsonld
from ingest.records import SourceDefaults


def _pay(**posting: Any) -> tuple[str, D | None, D | None, str | None]:
    node = {"@context": "https://schema.org", "@type": "JobPosting", "title": "Teller", **posting}
    entry = parse_jsonld(json.dumps(node).encode()).entries[0]
    listing = normalize(entry, SourceDefaults(), date(2026, 12, 6))
    return listing.pay_status, listing.pay_min, listing.pay_max, listing.pay_period


@pytest.mark.parametrize(("posting", "expected"), [
    ({"baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                     "value": {"@type": "QuantitativeValue", "minValue": 15, "maxValue": 17.5, "unitText": "HOUR"}}},
     ("paid", D("15"), D("17.5"), "hour")),
    ({"baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "minValue": 36000, "maxValue": 41000,
                     "unitText": "YEAR"}}, ("paid", D("36000"), D("41000"), "year")),
    ({"baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                     "value": {"@type": "QuantitativeValue", "value": 18.0, "unitText": "HOUR"}}},
     ("paid", D("18.00"), D("18.00"), "hour")),
    ({"baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                     "value": {"@type": "QuantitativeValue", "minValue": "16.00", "maxValue": "19.00",
                               "unitText": "HOUR"}}}, ("paid", D("16.00"), D("19.00"), "hour")),
    ({"baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": 20, "unitText": "HOUR"}},
     ("paid", D("20.00"), D("20.00"), "hour")),
    ({"baseSalary": [{"@type": "MonetaryAmount", "currency": "USD",
                      "value": {"@type": "QuantitativeValue", "minValue": 40000, "unitText": "YEAR"}}]},
     ("paid", D("40000"), D("40000"), "year")),
    ({"baseSalary": 38000, "salaryCurrency": "USD"}, ("paid", D("38000"), D("38000"), None)),  # no period stated
    ({"baseSalary": {"@type": "MonetaryAmount", "currency": "EUR",
                     "value": {"@type": "QuantitativeValue", "minValue": 45000, "unitText": "YEAR"}}},
     ("paid", None, None, "year")),  # another currency: kept as text, no dollar figures
    ({"baseSalary": "Competitive salary", "description": "Starting pay is $18.50 per hour."},
     ("paid", D("18.50"), D("18.50"), "hour")),
    # An Occupation's estimate describes the occupation, not this posting.
    ({"relevantOccupation": {"@type": "Occupation", "name": "Tellers",
                             "estimatedSalary": {"@type": "MonetaryAmountDistribution", "currency": "USD",
                                                 "median": 39000, "duration": "P1Y"}}},
     ("unknown", None, None, None)),
])
def test_base_salary_shapes(posting: dict[str, Any], expected: tuple[str, D | None, D | None, str | None]) -> None:
    assert _pay(**posting) == expected
