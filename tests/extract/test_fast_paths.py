"""Tests that the shortcuts in text.py and dates.py give what the long way gives."""
from __future__ import annotations

import re
import sys
from datetime import datetime, timedelta, timezone

from dateutil import parser as dateutil_parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract import dates
from tracker import text

FUZZ = settings(database=None, deadline=None, max_examples=300, suppress_health_check=list(HealthCheck))
SPACEY = st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2003\u2028\u3000ab<>p/\u200b", max_size=40)
HTMLISH = st.lists(st.sampled_from(["<p>", "</p>", "<br>", "<ul>", "<li>", "</li>", "</ul>", " ", "  ", "\n", "\t",
                                    "a", "b c", "<h3>", "</h3>", "\xa0", "&amp;", "<div>", "</div>"]), max_size=20).map("".join)


def test_whitespace_and_invisible_facts_against_every_code_point() -> None:
    # _squeeze() relies on \s being str.isspace() and on every other whitespace character
    # than " " being unprintable; remove_invisible() on _INVISIBLE only matching unprintables.
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(space.match(char)) == char.isspace(), hex(code)
        if char.isspace() and char != " ":
            assert not char.isprintable(), hex(code)
        if text._INVISIBLE.match(char):
            assert not char.isprintable(), hex(code)


@given(SPACEY | st.text())
@FUZZ
def test_squeeze_is_the_whitespace_substitution(s: str) -> None:
    assert text._squeeze(s) == text._SPACES.sub(" ", s)
    assert text.remove_invisible(s) == text._INVISIBLE.sub("", s)


@given(HTMLISH)
@FUZZ
def test_tidy_blocks_is_the_three_substitutions(html: str) -> None:
    s = text._SPACES.sub(" ", html)
    expected = text._BLOCK_EDGE.sub(r"\1", s).strip()
    expected = text._BR_RUN.sub("<br><br>", text._BR_AT_BLOCK.sub(r"\1\2", expected))
    assert text._tidy_blocks(s) == expected


def _sanitize_the_long_way(html: str) -> str:
    if not isinstance(html, str) or not html.strip():
        return ""
    s = text._clean_once(html)
    for _ in range(3):
        again = text._clean_once(s)
        if again == s:
            break
        s = again
    return s


@given(HTMLISH | st.text(max_size=60))
@FUZZ
def test_sanitize_html_skips_only_a_pass_that_would_change_nothing(html: str) -> None:
    assert text.sanitize_html(html) == _sanitize_the_long_way(html)


_TWO = st.integers(0, 99).map("{:02d}".format)
_ZONE = st.sampled_from(["", "Z", "+00:00", "-00:00", "+0000", "-0500", "+05:30", "-05:00", "+23:59", "+24:00"])
ISO = st.tuples(
    st.sampled_from(["2026", "1989", "1990", "2100", "2101", "0001", "0000"]), _TWO, _TWO,
    st.one_of(st.just(""), st.tuples(st.sampled_from(["T", " "]), _TWO, _TWO,
                                     st.sampled_from(["", ":00", ":59", ":60"]),
                                     st.sampled_from(["", ".5", ".123456", ".000001"]), _ZONE).map(
        lambda t: f"{t[0]}{t[1]}:{t[2]}{t[3]}{t[4]}{t[5]}")),
).map(lambda t: f"{t[0]}-{t[1]}-{t[2]}{t[3]}")
RFC = st.tuples(
    st.sampled_from(["", "Mon, ", "Tue, ", "Sun, "]), st.sampled_from(["1", "01", "29", "30", "31", "32", "0"]),
    st.sampled_from(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]),
    st.sampled_from(["2026", "1989", "2101"]), _TWO, _TWO, st.sampled_from(["", ":00", ":59", ":61"]),
    st.sampled_from(["+0000", "-0000", "GMT", "UT", "UTC", "-0500", "+0530", "+2400"]),
).map(lambda t: f"{t[0]}{t[1]} {t[2]} {t[3]} {t[4]}:{t[5]}{t[6]} {t[7]}")


def _dateutil(value: str) -> datetime | None:
    try:
        return dateutil_parser.parse(value, default=datetime(1, 1, 1), tzinfos=dates._tzinfos)
    except Exception:  # noqa: BLE001 - as dates._parse_written: any failure means "no date"
        return None


@given(ISO | RFC)
@FUZZ
def test_timestamp_fast_path_agrees_with_dateutil(value: str) -> None:
    fast = dates._parse_stamp(value)
    if fast is not None:  # None hands the value to dateutil, which is always right
        slow = _dateutil(value)
        assert slow is not None
        assert (fast, fast.utcoffset()) == (slow, slow.utcoffset())


def test_timestamp_fast_path_takes_common_feed_shapes() -> None:
    moment = datetime(2026, 11, 27, 18, 1, 58, 123456, tzinfo=timezone(timedelta(hours=-6)))
    for value in (moment.isoformat(), moment.date().isoformat(), "Fri, 27 Nov 2026 18:01:58 +0000",
                  "2026-11-27T18:01:58Z", "27 Nov 2026 18:01 GMT"):
        assert dates._parse_stamp(value) is not None, value
    for value in ("2026-11-27T18:01:58 EST", "Nov 27, 2026", "2026-02-30", "2026-11-27t18:01"):
        assert dates._parse_stamp(value) is None, value
