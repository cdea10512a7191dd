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
        # Telework that is allowed is hybrid: a federal post "eligible for telework" still has a
        # duty station. Telework "only in an emergency" is on-site; full-time telework is remote.
        (r"\b(?:full[- ]time|100%|fully|remote)\s+tele(?:work|commut)\w*|\btele(?:work|commut)\w*\s+from\s+anywhere\b"
         r"|\bwork\s+from\s+anywhere\b", REMOTE),
        (r"\btele(?:work|commut)\w*\s+(?:is\s+|may\s+be\s+|will\s+be\s+)?(?:available|eligible|allowed|permitted"
         r"|possible|options?|approved)\b|\b(?:eligible|suitable|approved|allowed)\s+(?:for\s+|to\s+)?"
         r"tele(?:work|commut)\w*", HYBRID),
        (r"\btele(?:work|commut)\w*\s+(?:is\s+)?(?:permitted\s+|allowed\s+)?only\s+(?:in|during|for)\s+(?:an?\s+|the\s+)?"
         r"emergenc\w*|\b(?:no|not\s+eligible\s+for|ineligible\s+for)\s+tele(?:work|commut)\w*"
         r"|\btele(?:work|commut)\w*\s+(?:is\s+)?not\s+(?:available|permitted|allowed|an\s+option)", ONSITE),
        # "not remote" is a statement about on-site work, not remote work.
        (r"\b(?:not|no|non)[- ]?(?:a\s+)?remote\b", ONSITE),
        # "remote control" and "remote areas" are not about where the work happens.
        (r"(?<!\bnot )(?<!\bnot a )(?<!\bno )(?<!\bnon-)(?<!\bnon )\bremote(?:ly)?\b"
         r"(?!\s+(?:controls?|areas?|communit(?:y|ies)|regions?|locations?|sensing))", REMOTE),
        (r"\bwork(?:ing)?[- ]from[- ]home\b|\bWFH\b", REMOTE),
        # "Apply online" is how to apply, not where the work happens: online and virtual
        # count only when they describe the program or how it is held.
        (rf"\b(?:online|virtual)\s+{_FORMATS}\b", REMOTE),
        (r"\b(?:held|hosted|offered|conducted|delivered|meets?|takes\s+place|fully|100%|entirely|completely)\s+"
         r"(?:online|virtual(?:ly)?)\b", REMOTE),
        (r"^\s*(?:online|virtual(?:ly)?)\s*$", REMOTE),
        # On-site counts when it says where the work is done. A duty ("conducts on-site
        # inspections", "onsite surveillance") or a training ("in-person training is
        # required") says nothing about it.
        (r"^\s*(?:on[- ]?site|in[- ]person|in[- ]office)\s*\.?\s*$", ONSITE),
        (r"\b(?:work|works|job|position|role|internship|program|is|are|be|based|meets?|met|held|report(?:s|ing)?)\s+"
         r"(?:is\s+|are\s+)?(?:fully\s+|100%\s+|entirely\s+|always\s+)?(?:on[- ]?site|in[- ]person|in[- ]office)\b", ONSITE),
        (rf"\b(?:on[- ]?site|in[- ]person|in[- ]office)\s+(?:{_FORMATS}|only|options?|attendance|requirement)\b", ONSITE),
        (r"\b(?:on[- ]?site|in[- ]person)\s+at\s+(?:our|the)\b", ONSITE),
        (r"\breport(?:s|ing)?\s+(?:daily\s+|in\s+person\s+)?to\s+(?:the|our|an?)\s+(?:[\w-]+\s+){0,4}office\b", ONSITE),
    )
)


_TELEWORK_ALLOWED = 4  # the rule above for telework that is allowed
_TELEWORK_LIMITS = re.compile(r"\btele(?:work|commut)\w*\s+(?:is\s+)?(?:permitted\s+|allowed\s+)?only\s+(?:in|during|for)"
                              r"|\bnot\s+eligible\s+for\s+tele", re.IGNORECASE)


def find_work_mode(text: str) -> str | None:
    """Return REMOTE, HYBRID or ONSITE when text says where the work happens, else None."""
    if not isinstance(text, str) or not text:
        return None
    hits = [(number, mode) for number, (pattern, mode) in enumerate(_RULES) if pattern.search(text)]
    modes = {mode for _, mode in hits}
    if [n for n, mode in hits if mode == HYBRID] == [_TELEWORK_ALLOWED] and _TELEWORK_LIMITS.search(text):
        modes.discard(HYBRID)  # "not eligible for telework" holds "eligible for telework"
    # Hybrid wins outright; a listing that names both remote and on-site work is hybrid too.
    if HYBRID in modes or {REMOTE, ONSITE} <= modes:
        return HYBRID
    return next(iter(modes), None)
