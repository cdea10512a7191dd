"""Words students use for the same thing, so a search for one finds the others.

Each group lists what a student may type (matched as whole words, case-insensitively
unless the key is marked case-sensitive) and the query text it expands to. Kept as data:
add a group, add its test.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SynonymGroup:
    typed: tuple[str, ...]
    expands_to: str
    case_sensitive: bool = False


GROUPS: tuple[SynonymGroup, ...] = (
    # "IT" is only the field when written in capitals; "it" is a stop word.
    SynonymGroup(("IT",), '("information technology" OR computer OR computers OR "help desk" OR network OR tech OR software)', case_sensitive=True),
    SynonymGroup(("cna",), '(cna OR "certified nursing assistant" OR "nursing assistant" OR "nurse aide")'),
    SynonymGroup(("hvac",), '(hvac OR heating OR "air conditioning" OR refrigeration)'),
    SynonymGroup(("summer job", "summer jobs"), '(summer AND (job OR jobs OR program OR camp OR internship OR work))'),
    SynonymGroup(("nursing", "nurse", "nurses"), '(nursing OR nurse OR cna OR "patient care")'),
    SynonymGroup(("coding", "coder", "programming", "programmer"), '(coding OR programming OR software OR developer OR "web design" OR "computer science")'),
    SynonymGroup(("emt", "ems", "paramedic"), '(emt OR ems OR paramedic OR "emergency medical")'),
    SynonymGroup(("cdl",), '(cdl OR "commercial driver" OR "commercial driving")'),
    SynonymGroup(("childcare", "child care", "daycare", "day care"), '(childcare OR "child care" OR daycare OR "early childhood")'),
    SynonymGroup(("teacher", "teaching", "teach"), '(teacher OR teaching OR tutor OR classroom)'),
    SynonymGroup(("mechanic", "auto tech"), '(mechanic OR automotive OR "auto technician")'),
    SynonymGroup(("welder", "welding"), '(welder OR welding OR fabrication)'),
    SynonymGroup(("resume", "résumé", "cv"), '(resume OR résumé OR "cover letter" OR interview)'),
    # No filter says "weekends" (schedules are free text), so the word finds the days too (issue #18).
    SynonymGroup(("weekend", "weekends", "fin de semana", "fines de semana"),
                 '(weekend OR weekends OR saturday OR saturdays OR sunday OR sundays)'),
)

def _alternatives(group: SynonymGroup) -> str:
    words = "|".join(re.escape(t) for t in sorted(group.typed, key=len, reverse=True))
    return f"(?:{words})" if group.case_sensitive else f"(?i:{words})"


# One pass over the text, so an expansion is never expanded again.
def _as_words(expansion: str) -> str:
    # Several words of a synonym must all appear, in any order rather than as an exact
    # phrase: a phrase also reads every word's positions (the smaller positions cache),
    # and people write "assistant, nursing" as often as "nursing assistant".
    return re.sub(r'"([^"]+)"', lambda m: "(" + " AND ".join(m.group(1).split()) + ")", expansion)


_PATTERN = re.compile(
    r"(?<![\w\"])(?:" + "|".join(f"(?P<g{n}>{_alternatives(g)})" for n, g in enumerate(GROUPS)) + r")(?![\w\"])"
)


_EXPANSIONS = [_as_words(group.expands_to) for group in GROUPS]


def expand(text: str) -> str:
    """Return ``text`` with each synonym group's words replaced by its expansion, outside quotes."""
    def replace(match: re.Match[str]) -> str:
        number = int(next(name for name, value in match.groupdict().items() if value is not None)[1:])
        return _EXPANSIONS[number]

    # Words in quotes mean exactly those words (the page quotes a word it was asked not to read).
    parts = re.split(r'("[^"]*"?)', text)
    return "".join(part if part.startswith('"') else _PATTERN.sub(replace, part) for part in parts)
