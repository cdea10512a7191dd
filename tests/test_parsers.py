"""Each parser against fixture files, with the expected output kept beside each input."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ingest.errors import ParseError
from ingest.parsers import PARSERS, detect_format, parse
from ingest.parsers._money import pay_text
from tests.conftest import FIXTURES

FEEDS = FIXTURES / "feeds"
EXPECTED_SUFFIX = ".expected.json"
NOT_INPUTS = {"SOURCE.txt", ".gitattributes"}
EXPECTATIONS = sorted(FEEDS.glob(f"*/*{EXPECTED_SUFFIX}"))


def _input_for(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(EXPECTED_SUFFIX))


@pytest.mark.parametrize("expected_path", EXPECTATIONS,
                         ids=lambda p: f"{p.parent.name}/{p.name.removesuffix(EXPECTED_SUFFIX)}")
def test_parser_gives_the_expected_entries(expected_path: Path) -> None:
    expected: dict[str, Any] = json.loads(expected_path.read_text(encoding="utf-8"))
    content = _input_for(expected_path).read_bytes()

    assert detect_format(content) == expected["format"]
    if "error" in expected:
        with pytest.raises(ParseError) as caught:
            parse(content, "auto")
        message = str(caught.value)
        assert expected["error"] in message
        assert "\n" not in message, "a parse error is one line"
        return

    result = parse(content, "auto")
    assert len(result.entries) == expected["entries"]
    assert list(result.warnings) == expected["warnings"]
    if "first" in expected:
        first = result.entries[0]
        wanted = dict(expected["first"])
        fields = wanted.pop("fields", {})
        categories = wanted.pop("categories", None)
        assert {key: getattr(first, key) for key in wanted} == wanted
        if categories is not None:
            assert list(first.categories) == categories
        assert {key: first.fields.get(key) for key in fields} == fields


def test_every_fixture_input_has_an_expectation() -> None:
    inputs = {p for p in FEEDS.glob("*/*") if p.is_file() and p.name not in NOT_INPUTS
              and not p.name.endswith(EXPECTED_SUFFIX)}
    assert inputs == {_input_for(p) for p in EXPECTATIONS}


def test_every_format_has_a_fixture() -> None:
    covered = {json.loads(p.read_text(encoding="utf-8"))["format"] for p in EXPECTATIONS}
    # "rss" and "atom" are names for the one feedparser-backed parser, "feed".
    assert set(PARSERS) - {"rss", "atom"} <= covered


def test_each_format_can_be_forced_and_refuses_the_wrong_content() -> None:
    html_page = (FEEDS / "jsonld" / "null_ld_mock.html").read_bytes()
    for fmt in PARSERS:
        if fmt in ("jsonld",):
            continue
        with pytest.raises(ParseError) as caught:
            parse(html_page, fmt)
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize("low, high, interval, currency, text", [
    (15, 20, "PH", None, "$15.00–$20.00 per hour"),
    ("77490", "141555", "Per Year", None, "$77,490–$141,555 per year"),
    (17.5, None, "HOUR", "USD", "$17.50 per hour"),
    (102800, 137000, "1 YEAR", "CAD", "CAD 102,800–137,000 per year"),
    (500, 500, "one-time", "USD", "$500 total"),
    ("0.0", "0.0", "WC", None, None),
])
def test_pay_text(low: object, high: object, interval: str, currency: str | None, text: str | None) -> None:
    assert pay_text(low, high, interval, currency) == text


@pytest.mark.parametrize("fmt, wrap, posting, warning", [
    ("greenhouse", lambda jobs: {"jobs": jobs}, {"title": {"not": "text"}}, "job 1 has no title; skipped"),
    ("ashby", lambda jobs: {"jobs": jobs}, {"title": "Aide", "isListed": False}, "job 1 is unlisted on the board; skipped"),
    ("lever", lambda postings: postings, {"text": ""}, "posting 1 has no title ('text'); skipped"),
    ("smartrecruiters", lambda postings: {"content": postings}, {"name": None}, "posting 1 has no name; skipped"),
])
def test_job_boards_skip_unusable_postings_and_say_when_there_are_none(fmt, wrap, posting, warning) -> None:
    skipped = parse(json.dumps(wrap([posting])).encode(), fmt)
    assert (skipped.entries, skipped.warnings) == ((), (warning,))
    empty = parse(json.dumps(wrap([])).encode(), fmt)
    assert (empty.entries, empty.warnings) == ((), ("the response lists no postings",))
