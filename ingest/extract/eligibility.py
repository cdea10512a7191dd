"""Find who may apply: age and school-grade limits written in listing text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.extract._prefilter import Prefiltered, digit_offsets

MIN_AGE_BOUNDS = (12, 30)
MAX_AGE_BOUNDS = (12, 99)
GRADE_BOUNDS = (1, 12)


@dataclass(frozen=True)
class AgeRange:
    min_age: int | None
    max_age: int | None
    source_text: str


@dataclass(frozen=True)
class GradeRange:
    min_grade: int | None
    max_grade: int | None
    source_text: str


# A number is an age only when nothing marks it as money, time or a count:
# "$16/hour", "16 hours a week", "under 50 lbs", "18+ years of experience".
_NOT_AGE_AFTER = (
    r"(?!\s*(?:%|\$|/|-?\s*(?:hours?|hrs?|h|per|dollars?|weeks?|days?|months?|minutes?|mins?|am|pm"
    r"|a\.m|p\.m|miles?|mi|credits?|lbs?|pounds?|words?|characters?|pages?|employees?|people"
    r"|students?|participants?|spots?|slots?|seats?|openings?|positions?|members?|percent|k"
    r"|st|nd|rd|th)\b|years?\s+(?:of\s+)?(?:experience|work|service)))"
)
# "GS-12" and "ZP-4" are pay grades: a number right after letters and a hyphen is no age.
_A = r"(?<![\d$.,/#])(?<![A-Za-z]-)(?P<a>\d{1,2})(?!\d)" + _NOT_AGE_AFTER
_B = r"(?<![\d$.,/#])(?<![A-Za-z]-)(?P<b>\d{1,2})(?!\d)" + _NOT_AGE_AFTER
_SEP = r"\s*(?:-|\u2013|\u2014|to|through|thru)\s*"
_YEARS = r"[\s-]*years?(?:[\s-]+(?:olds?|of\s+age))?"
_WHO = (r"(?:ages?|aged|youth|young\s+(?:adults?|people)|teens?|teenagers|students|participants"
        r"|individuals|people|persons|applicants)")
# Comparisons count only with an age cue around them, so "under 25" in "be under 25"
# is an age but "under 40 in the lab" is not: a person word before, or "age"/"years" next.
_CUE = r"(?:\b(?:be|are|is|aged?|ages|youth|people|adults|applicants|participants|individuals|those|anyone|persons)\s+)"

# (pattern, kind, adjustment): kind is range/min/max; adjustment turns "under 25" into 24.
# Prefiltered: a rule is tried only where its words (or, for rules that open with the
# number, a digit) occur; see _prefilter. The matches are the pattern's own.
_AGE_RULES: tuple[tuple[Prefiltered, str, int], ...] = tuple(
    (Prefiltered(re.compile(pattern, re.IGNORECASE)), kind, adjust) for pattern, kind, adjust in (
        (rf"\bbetween\s+(?:the\s+)?(?:ages?\s+(?:of\s+)?)?{_A}\s+and\s+{_B}(?:{_YEARS})?", "range", 0),
        (rf"\b{_WHO}(?:\s+(?:ages?|aged))?\s*:?\s*{_A}{_SEP}{_B}(?:{_YEARS})?", "range", 0),
        (rf"{_A}{_SEP}{_B}{_YEARS}", "range", 0),
        (rf"{_A}(?:{_YEARS})?\s+(?:or|and)\s+(?:older|over|up|above)\b", "min", 0),
        (rf"{_A}\s*\+(?!\s*years?\s+(?:of\s+)?(?:experience|work|service))"
         r"(?=\s*(?:$|[.,;:)\]!]|only\b|years?\b|yrs?\b|and\b|or\b|to\b))", "min", 0),
        (rf"\b(?:be|aged?|ages?)\s+at\s+least\s+(?:age\s+)?{_A}", "min", 0),
        # "Must be 18.", "Applicants must be 16 years of age", "Be 18 years of age at the time of
        # appointment": a required age is a minimum.
        (rf"\b(?:must|should|need\s+to|applicants?\s+(?:are\s+to|should|must))\s+be\s+{_A}"
         r"(?:\s+years?(?:\s+(?:of\s+age|old))?)?(?=\s*(?:$|[.,;:)!]|by\b|at\b|on\b|to\b|when\b|as\s+of\b))",
         "min", 0),
        (rf"\bbe\s+{_A}\s+years?\s+(?:of\s+age|old)\b", "min", 0),
        (rf"\bat\s+least\s+(?:age\s+)?{_A}\s+years?(?:\s+(?:old|of\s+age))?", "min", 0),
        (rf"\bminimum\s+age(?:\s+(?:of|is|requirement(?:\s+is)?))?\s*:?\s*{_A}", "min", 0),
        # Listings say "must be over 18" for 18-and-up, so "over" keeps the number.
        (rf"(?:{_CUE}over\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?|\bover\s+(?:the\s+)?age\s+(?:of\s+)?){_A}", "min", 0),
        (rf"(?<!\bno )(?<!\bnot )\bolder\s+than\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?{_A}", "min", 1),
        (rf"\b(?:under|below|younger\s+than)\s+(?:the\s+)?(?:age\s+(?:of\s+)?)?{_A}", "max", -1),
        (rf"\bup\s+to\s+(?:the\s+)?age\s+(?:of\s+)?{_A}", "max", 0),
        (rf"\bup\s+to\s+{_A}\s+years?\s+(?:old|of\s+age)", "max", 0),
        (rf"{_A}(?:{_YEARS})?\s+(?:or|and)\s+(?:younger|under|below)\b", "max", 0),
        (rf"\b(?:no|not)\s+older\s+than\s+{_A}", "max", 0),
        (rf"\bmaximum\s+age(?:\s+(?:of|is))?\s*:?\s*{_A}", "max", 0),
    )
)


def _has_short_number(text: str) -> bool:
    """Return whether text has a run of one or two digits, as every age rule's _A needs."""
    run, previous = 0, -2
    for at in digit_offsets(text):
        if at != previous + 1:
            if 0 < run <= 2:
                return True
            run = 0
        run, previous = run + 1, at
    return 0 < run <= 2


def _within(value: int | None, bounds: tuple[int, int]) -> bool:
    """Return whether value is inside the inclusive bounds."""
    return value is not None and bounds[0] <= value <= bounds[1]


def _joined(text: str, spans: list[tuple[int, int]]) -> str:
    """Return the source text covering spans: one slice when close, else joined by '; '."""
    spans = sorted(spans)
    if len(spans) == 2 and spans[1][0] - spans[0][1] > 40:
        return "; ".join(text[s:e].strip() for s, e in spans)
    return text[spans[0][0]:spans[-1][1]].strip()


def find_ages(text: str) -> AgeRange | None:
    """Return the age limits a listing states, or None when it states none."""
    if not isinstance(text, str) or not text:
        return None
    if not _has_short_number(text):
        return None
    ranges: list[tuple[int, int, int, int]] = []  # (start, end, min, max)
    mins: list[tuple[int, int, int]] = []
    maxes: list[tuple[int, int, int]] = []
    for pattern, kind, adjust in _AGE_RULES:
        for m in pattern.finditer(text):
            first = int(m.group("a")) + adjust
            if kind == "range":
                second = int(m.group("b"))
                if _within(first, MIN_AGE_BOUNDS) and _within(second, MAX_AGE_BOUNDS) and first <= second:
                    ranges.append((m.start(), m.end(), first, second))
            elif kind == "min" and _within(first, MIN_AGE_BOUNDS):
                mins.append((m.start(), m.end(), first))
            elif kind == "max" and _within(first, MAX_AGE_BOUNDS):
                maxes.append((m.start(), m.end(), first))
    if ranges:
        start, end, low, high = min(ranges)
        return AgeRange(low, high, text[start:end].strip())
    low_hit, high_hit = min(mins, default=None), min(maxes, default=None)
    if low_hit and high_hit and low_hit[2] > high_hit[2]:
        high_hit = None  # contradictory limits: keep the minimum, the safer rule
    hits = [hit for hit in (low_hit, high_hit) if hit]
    if not hits:
        return None
    return AgeRange(low_hit[2] if low_hit else None, high_hit[2] if high_hit else None,
                    _joined(text, [(hit[0], hit[1]) for hit in hits]))


_GRADE_WORDS = {"fre": 9, "sop": 10, "jun": 11, "sen": 12}
_WORD = r"(?:freshm[ae]n|sophomores?|juniors?|seniors?)\b"
_LIST_SEP = r"\s*(?:,|and|or|&|through|thru|to|-|\u2013|\u2014|/)\s*(?:and\s+|or\s+)?"
_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_NUMERIC_GRADES = Prefiltered(re.compile(
    rf"\bgrades?\s*:?\s*(?P<list>{_NUMBER}(?:{_LIST_SEP}{_NUMBER})*)"
    rf"|(?<![\d$])(?P<ords>\d{{1,2}}(?:st|nd|rd|th)(?:{_LIST_SEP}\d{{1,2}}(?:st|nd|rd|th))*)[\s-]*grade(?:s|rs)?\b",
    re.IGNORECASE))
_WORD_GRADES = Prefiltered(re.compile(
    rf"(?:\b(?P<college>college|university|undergraduate|graduate|grad)\s+)?"
    rf"(?:\b(?P<cue>rising|current|incoming|graduating|high[- ]school|hs)\s+(?:high[- ]school\s+)?)?"
    rf"\b(?P<words>{_WORD}(?:{_LIST_SEP}(?:rising\s+)?{_WORD})*)",
    re.IGNORECASE))
_SCHOOL_LEVEL = Prefiltered(re.compile(
    r"\b(?:current(?:ly)?\s+)?(?P<level>high|middle)[- ]school(?:\s+(?:students?|youth|aged?))\b"
    r"|\b(?P<level2>high|middle)[- ]schoolers\b"
    r"|\b(?:enrolled|currently|attending)\s+(?:in\s+)?(?P<level3>high|middle)\s+school\b",
    re.IGNORECASE))


# Civil-service and pay grades ("Grade 12: $77,490", "Candidates for grade 7 must possess",
# "GS grade 9 level") and college years ("sophomore, junior and senior undergraduate
# students") are not school grades.
_PAY_GRADE_AFTER = re.compile(r"\s*(?::\s*\$|level\b|equivalent\b|and\s+above\b|must\s+(?:possess|have)\b"
                              r"|in\s+the\s+normal\s+line\b)", re.IGNORECASE)
_PAY_GRADE_BEFORE = re.compile(r"\b(?:GS|pay|salary|federal)\s*-?\s*$", re.IGNORECASE)
_COLLEGE_AFTER = re.compile(r"[\w\s,]{0,12}?\b(?:undergraduates?|college|university|graduate\s+students?|law\s+students?)\b",
                            re.IGNORECASE)


def _grade_candidates(text: str) -> list[tuple[int, int, int, int, int]]:
    """Return (priority, start, min, max, end) for every grade mention in text."""
    found: list[tuple[int, int, int, int, int]] = []
    for m in _NUMERIC_GRADES.finditer(text):
        if _PAY_GRADE_AFTER.match(text, m.end()) or _PAY_GRADE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue
        numbers = [int(n) for n in re.findall(r"\d+", m.group("list") or m.group("ords"))]
        if all(_within(n, GRADE_BOUNDS) for n in numbers):
            found.append((0, m.start(), min(numbers), max(numbers), m.end()))
    for m in _WORD_GRADES.finditer(text):
        words = re.findall(_WORD, m.group("words"), re.IGNORECASE)
        # "Senior Developer", "Junior Achievement" and "help seniors" are not students:
        # a lone word counts only as a plural student word, and "seniors" needs a cue.
        lone_ok = words[0].lower() in ("freshmen", "sophomores", "juniors")
        if m.group("college") or (len(words) == 1 and not m.group("cue") and not lone_ok):
            continue
        if _COLLEGE_AFTER.match(text, m.end()):
            continue
        grades = [_GRADE_WORDS[w[:3].lower()] for w in words]
        found.append((1, m.start(), min(grades), max(grades), m.end()))
    for m in _SCHOOL_LEVEL.finditer(text):
        level = (m.group("level") or m.group("level2") or m.group("level3")).lower()
        low, high = (9, 12) if level == "high" else (6, 8)
        found.append((2, m.start(), low, high, m.end()))
    return found


def find_grades(text: str) -> GradeRange | None:
    """Return the school grades a listing is open to, or None when it names none."""
    if not isinstance(text, str) or not text:
        return None
    candidates = _grade_candidates(text)
    if not candidates:
        return None
    _, start, low, high, end = min(candidates)
    return GradeRange(low, high, text[start:end].strip())


def grade_to_typical_age(grade: int) -> int:
    """Return the age a US student usually is during a grade (grade 11 is 16)."""
    return grade + 5
