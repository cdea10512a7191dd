"""Tests for ingest.extract.workmode: remote, hybrid or on-site."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.workmode import find_work_mode
from tracker.taxonomy import HYBRID, ONSITE, REMOTE, WORK_MODE_SLUGS

FUZZ = settings(database=None, deadline=None, max_examples=200)
MODE_WORDS = st.lists(st.sampled_from([
    "remote", "Remote", "control", "hybrid", "on-site", "onsite", "in person", "in-person", "online",
    "virtual", "program", "apply", "not", "a", "work from home", "two days a week in office", "job", ".",
]), max_size=12).map(" ".join)


@pytest.mark.parametrize(("text", "expected"), [
    ("Remote", REMOTE),
    ("This is a remote position.", REMOTE),
    ("Work from home", REMOTE),
    ("Virtual internship", REMOTE),
    ("Online", REMOTE),
    ("The workshop is held online.", REMOTE),
    ("Hybrid", HYBRID),
    ("Two days a week in office, the rest from home", HYBRID),
    ("Remote with 2 days a week in the office", HYBRID),
    ("Hybrid: remote and on-site days", HYBRID),
    ("Remote or in-person options", HYBRID),
    ("On-site", ONSITE),
    ("onsite at our Hoover plant", ONSITE),
    ("Meet in person every Saturday", ONSITE),
    ("In-person workshop", ONSITE),
    ("This is not a remote job.", ONSITE),
    ("Remote control car repair", None),
    ("Apply online today", None),
    ("Help desk intern", None),
    ("", None),
])
def test_find_work_mode(text: str, expected: str | None) -> None:
    assert find_work_mode(text) == expected


@FUZZ
@given(st.text() | MODE_WORDS)
def test_find_work_mode_returns_a_known_mode(text: str) -> None:
    assert find_work_mode(text) in WORK_MODE_SLUGS | {None}


@FUZZ
@given(st.text() | MODE_WORDS)
def test_hybrid_wins_whenever_it_appears(text: str) -> None:
    assert find_work_mode(text + " Hybrid schedule.") == HYBRID


# Telework, duties and places: where the work happens, not what the job involves.
@pytest.mark.parametrize(("text", "expected"), [
    ("The duties of this position are suitable for telework with supervisor approval.", HYBRID),
    ("This position is ELIGIBLE for telework.", HYBRID),
    ("Depending on a variety of circumstances, telework may be available.", HYBRID),
    ("Fellows are eligible for telework up to two days a week.", HYBRID),
    ("Telework only in an emergency; staff report to our Five Points South office.", ONSITE),
    ("This position is not eligible for telework.", ONSITE),
    ("Full-time telework from anywhere in Alabama.", REMOTE),
    ("Telecommute from anywhere in USA!", REMOTE),
    ("Conducts on-site inspections of residential construction.", None),
    ("Skill to verify, by material checks and onsite surveillance, that requirements are met.", None),
    ("Required training is provided on-site at no cost to the employee.", None),
    ("Must complete in-person DoD advocate training.", None),
    ("Work is on-site at job sites across Jefferson County.", ONSITE),
    ("Classes meet in person on Tuesday evenings.", ONSITE),
    ("Staff report to the downtown office daily.", ONSITE),
])
def test_telework_duties_and_training_are_read_as_a_class(text: str, expected: str | None) -> None:
    assert find_work_mode(text) == expected
