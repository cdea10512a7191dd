"""Tests for ingest.extract._prefilter: prefiltering may make a rule faster, never different."""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ingest.extract import classify, dates, eligibility, pay, workmode
from ingest.extract._prefilter import (
    ASCII_TWINS,
    Prefiltered,
    digit_offsets,
    fold,
    plain,
)

FUZZ = settings(database=None, deadline=None, max_examples=200, suppress_health_check=list(HealthCheck))


def _rules() -> list[Prefiltered]:
    found: list[Prefiltered] = []
    for module in (classify, dates, eligibility, pay, workmode):
        for value in vars(module).values():
            if isinstance(value, Prefiltered):
                found.append(value)
            elif isinstance(value, (tuple, dict)):
                rows = value.values() if isinstance(value, dict) else value
                found += [row[0] for row in rows if isinstance(row, tuple) and row and isinstance(row[0], Prefiltered)]
    return found


RULES = _rules()
# Words the rules look for, in several cases, with the characters that fold() treats specially.
_RULE_WORDS = sorted({s for rule in RULES for s in rule.prefixes} | {s for rule in RULES for alt in rule.need
                                                                      for clause in alt for s in clause})
WORDS = st.sampled_from(_RULE_WORDS).flatmap(lambda w: st.sampled_from([w, w.upper(), w.title(), w + "s"]))
PIECES = WORDS | st.sampled_from([
    " ", "  ", "\n", "\t", "-", "\u2013", ", ", ".", ":", "$", "+", "/", "16", "18", "9", "2026", "35203", "12/01/26",
    "June", "Dec", "\u0130", "\u0131", "\u017f", "\u212a", "\u00e9", "\u0663", "camp ", "not ", "no ", "at least ",
]) | st.text(max_size=3)
LISTING_TEXT = st.lists(PIECES, max_size=30).map("".join)


def _same_matches(rule: Prefiltered, text: str) -> None:
    expected = [(m.span(), m.groups()) for m in rule.pattern.finditer(text)]
    assert [(m.span(), m.groups()) for m in rule.finditer(text)] == expected, (rule, text)
    first = rule.search(text)
    assert (first.span() if first else None) == (expected[0][0] if expected else None)
    assert rule.may_match(text) or not expected


def test_every_rule_table_is_prefiltered() -> None:
    # 38 pathway, 11 kind, 18 age, 3 grade, 17 work-mode, 2 date and 2 pay rules.
    assert len(RULES) == 91
    # Nearly every rule gets a filter; a rule without one just scans as before.
    assert sum(bool(rule.prefixes or rule.digit_start or rule.need) for rule in RULES) == len(RULES)


@pytest.mark.parametrize(("pattern", "prefixes", "digit_start"), [
    (r"(?i)\bnurs(?:e|es|ing)\b|\bmedical\b", ("medical", "nurse", "nursing"), False),
    (r"(?i)\bteach(?:er|ers|ing)\b|\btutor(?:s|ing)?\b", ("teacher", "teaching", "tutor"), False),
    (r"\b(?:CNA|EMT)s?\b", ("CNA", "EMT"), False),  # case kept: looked for in plain(text)
    (r"(?i)(?:\bfrom\s+)?\d{1,2} years", ("from",), True),
    (r"(?:a|)b", ("ab", "b"), False),
    (r"\\d", ("\\d",), False),  # a backslash and a "d", not a digit
    (r"a*", (), False),  # can match nothing, anywhere: no prefix to go by
    (r"(?i)\w+ing", (), False),
])
def test_prefixes(pattern: str, prefixes: tuple[str, ...], digit_start: bool) -> None:
    rule = Prefiltered(re.compile(pattern))
    assert (rule.prefixes, rule.digit_start) == (prefixes, digit_start)


def test_needs() -> None:
    rule = Prefiltered(re.compile(r"(?i)\bcommunity\s+outreach\b|\bcase\s+manag\w+\b"))
    # Each alternative needs both of its words, not just one.
    assert not rule.may_match("community garden, case study")
    assert rule.may_match("Community Outreach")
    assert rule.may_match("case management")


@pytest.mark.parametrize(("pattern", "text"), [
    (r"(?i)\bkit\b", "\u212aIT"),  # Kelvin sign: re.IGNORECASE matches it with "k"
    (r"(?i)\bis\b", "I\u017f"),  # long s
    (r"(?i)\bit\b", "\u0130T and \u0131t"),  # dotted and dotless i
    (r"\bIT\b", "it IT \u00e9IT"),
    (r"\\d", "1 \\d"),
    (r"(?<![\d$])\d{1,2}(?!\d)", "\u0663\u0664 and 12 and $5 and 123"),  # Arabic-Indic digits are \d too
    (r"(?i)caf\u00e9", "CAF\u00c9 caf\u00e9"),  # a non-ASCII literal: no needle taken from it
    (r"(?i)^\s*online\s*$", "  Online "),
    # Optional and repeated pieces: a match may start with what follows them.
    (r"(?:ab)*b", "b ab abb"),
    (r"^b*a", "aa"),
    (r"x?y", "y xy"),
    (r"(?:\bfrom\s+)?\d+", "from 12 to 3"),
    (r"a{0,2}b", "b aab"),
    (r"(?:a+|b)c", "c aac bc"),
    (r"(?=a)\w+", "ab"),
    (r"(?<=a)b|c", "ab c"),
    (r"(a)?\1b", "b aab"),
])
def test_unusual_patterns_and_characters_match_as_before(pattern: str, text: str) -> None:
    _same_matches(Prefiltered(re.compile(pattern)), text)


@given(st.text())
@FUZZ
def test_haystacks_keep_offsets(text: str) -> None:
    for hay in (plain(text), fold(text)):
        assert len(hay) == len(text) and hay.isascii()
    assert plain(text) == "".join(c if c.isascii() else "?" for c in text)
    assert list(digit_offsets(text)) == [m.start() for m in re.finditer(r"\d", text)]


def test_ascii_twins_and_digits_against_every_code_point() -> None:
    # fold() is right only if ASCII_TWINS lists every non-ASCII character that
    # re.IGNORECASE matches with an ASCII one; digit_offsets() only if \d is isdecimal().
    ascii_like, digit = re.compile(r"[\x00-\x7f]", re.IGNORECASE), re.compile(r"\d")
    twins, mismatched_digits = {}, []
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if ascii_like.match(char):
            twins[char] = next(chr(a).lower() for a in range(128) if re.fullmatch(re.escape(chr(a)), char, re.IGNORECASE))
        if bool(digit.match(char)) != char.isdecimal():
            mismatched_digits.append(char)
    assert twins == ASCII_TWINS
    assert mismatched_digits == []


@given(LISTING_TEXT)
@FUZZ
def test_rules_match_as_before_on_listing_like_text(text: str) -> None:
    for rule in RULES:
        _same_matches(rule, text)


@given(st.text())
@FUZZ
def test_rules_match_as_before_on_any_text(text: str) -> None:
    for rule in RULES:
        _same_matches(rule, text)


# Small random regexes, checked on text drawn partly from the regex itself, so that
# matches are common: this keeps the analysis honest beyond the rules of today.
_LITERALS = st.sampled_from(["a", "b", "ab", "A", "1", " ", "-", r"\d", r"\w", r"\s", ".", "[ab]", "[a-c]", "[^a]",
                             "k", "s", "i", r"\$", "\u00e9", r"\\d"])
_QUANT = st.sampled_from(["", "", "", "?", "*", "+", "{2}", "{1,2}", "??", "*?"])
_BEFORE = st.sampled_from(["", "", "", r"\b", "(?<=a)", "(?<!b)", r"(?<![\d$])", "^", "(?=a)", "(?!b)"])
_AFTER = st.sampled_from(["", "", "", r"\b", "$", r"(?!\d)", "(?=b)"])
_SEQUENCE = st.deferred(lambda: st.lists(_ATOM, min_size=1, max_size=4).map("".join))
_ALTERNATION = st.deferred(lambda: st.lists(_SEQUENCE, min_size=1, max_size=3).map("|".join))
_GROUP = st.tuples(_ALTERNATION, st.sampled_from(["(?:%s)", "(?:%s)", "(%s)", "(?i:%s)", "(?-i:%s)"])).map(
    lambda t: t[1] % t[0])
_ATOM = st.tuples(_BEFORE, _LITERALS | _GROUP, _QUANT, _AFTER).map(
    lambda t: t[0] + (t[1] if not t[2] or len(t[1]) == 1 or t[1].startswith("(") else f"(?:{t[1]})") + t[2] + t[3])
_ALPHABET = st.text(alphabet="abAB1 -\u0130\u0131\u017fk\u212a\u00e9\u0663", max_size=20)


@given(_ALTERNATION, st.sampled_from([0, re.IGNORECASE]), _ALPHABET, st.data())
@settings(database=None, deadline=None, max_examples=100, suppress_health_check=list(HealthCheck))
def test_random_patterns_match_as_before(source: str, flags: int, text: str, data: st.DataObject) -> None:
    try:
        pattern = re.compile(source, flags)
    except re.error:
        assume(False)
    # Text made of the pattern's own literal pieces, so that matches are common.
    pieces = re.findall(r"[A-Za-z0-9 \-\u00e9]+", source.replace("\\", " ")) or ["a"]
    texts = [text, data.draw(st.lists(st.sampled_from(pieces) | _ALPHABET, max_size=6).map("".join))]
    rule = Prefiltered(pattern)
    for candidate in texts:
        _same_matches(rule, candidate)
