"""Tell whether a listing is remote, hybrid or on-site from its wording."""
from __future__ import annotations

import re

from ingest.extract._prefilter import Prefiltered
from tracker.taxonomy import HYBRID, ONSITE, REMOTE

_FORMATS = (r"(?:programs?|internships?|courses?|class(?:es)?|workshops?|training|sessions?|events?|camps?"
            r"|jobs?|positions?|roles?|opportunit(?:y|ies)|learning|format|work)")

# (pattern, mode): word-level rules, matched case-insensitively. Prefiltered: a rule is
# tried only where its words occur (see _prefilter); the answer is the pattern's own.
_RULES: tuple[tuple[Prefiltered, str], ...] = tuple(
    (Prefiltered(re.compile(pattern, re.IGNORECASE)), mode) for pattern, mode in (
        (r"\bhybrid\b", HYBRID),
        (r"\b(?:one|two|three|four|[1-4])\s+days?\s+(?:a|per|each)\s+week\s+(?:in|at)\s+(?:the\s+|our\s+)?office\b",
         HYBRID),
        (r"\b(?:partially|partly)\s+remote\b", HYBRID),
        # "not remote" is a statement about on-site work, not remote work.
        (r"\b(?:not|no|non)[- ]?(?:a\s+)?remote\b", ONSITE),
        # "remote control" and "remote areas" are not about where the work happens.
        (r"(?<!\bnot )(?<!\bnot a )(?<!\bno )(?<!\bnon-)(?<!\bnon )\bremote(?:ly)?\b"
         r"(?!\s+(?:controls?|areas?|communit(?:y|ies)|regions?|locations?))", REMOTE),
        (r"\bwork(?:ing)?[- ]from[- ]home\b|\bWFH\b|\btele(?:work|commut)\w*\b", REMOTE),
        # "Apply online" is how to apply, not where the work happens: online and virtual
        # count only when they describe the program or how it is held.
        (rf"\b(?:online|virtual)\s+{_FORMATS}\b", REMOTE),
        (r"\b(?:held|hosted|offered|conducted|delivered|meets?|takes\s+place|fully|100%|entirely|completely)\s+"
         r"(?:online|virtual(?:ly)?)\b", REMOTE),
        (r"^\s*(?:online|virtual(?:ly)?)\s*$", REMOTE),
        (r"\bon[- ]?site\b|\bin[- ]person\b|\bin[- ]office\b", ONSITE),
    )
)


def find_work_mode(text: str) -> str | None:
    """Return REMOTE, HYBRID or ONSITE when text says where the work happens, else None."""
    if not isinstance(text, str) or not text:
        return None
    modes = {mode for pattern, mode in _RULES if pattern.search(text)}
    # Hybrid wins outright; a listing that names both remote and on-site work is hybrid too.
    if HYBRID in modes or {REMOTE, ONSITE} <= modes:
        return HYBRID
    return next(iter(modes), None)
