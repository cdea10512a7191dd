"""How text becomes index terms: Whoosh's StemmingAnalyzer, run as plain lists in one pass.

Indexing time is mostly analysis: Whoosh makes a Token object per word and passes it
through four generators. term_of() and stemmed_positions() give the very same terms and
positions (tests compare them on random text), several times faster. The parts are read
off ANALYZER, so the two cannot drift apart.
"""
from __future__ import annotations

import re
from typing import Any

from whoosh.analysis import StemmingAnalyzer

ANALYZER = StemmingAnalyzer()
# Pure memo of word -> stem (not state that changes what anyone sees), bounded.
STEM_CACHE_SIZE = 100_000


def _analyzer_parts() -> tuple[re.Pattern[str], frozenset[str], int, int | None, Any]:
    tokenizer, _lowercase, stop, stem = ANALYZER.items
    # findall (one C call) instead of a match object per word: the same pattern with its
    # one group made non-capturing, so findall returns whole matches.
    whole_matches = re.compile(tokenizer.expression.pattern.replace("(", "(?:"), tokenizer.expression.flags)
    return whole_matches, frozenset(stop.stops), stop.min, stop.max, stem.stemfn


_TOKENS, _STOP_WORDS, _MIN_SIZE, _MAX_SIZE, _STEM = _analyzer_parts()
# The tokenizer's own pattern, for marking words where they stand in a text (highlights).
TOKEN_SPANS: re.Pattern[str] = ANALYZER.items[0].expression
_STEMS: dict[str, str] = {}


def term_of(token: str) -> str | None:
    """Return the term ANALYZER makes of one token, or None when it stops it."""
    word = token.lower()
    if len(word) < _MIN_SIZE or (_MAX_SIZE is not None and len(word) > _MAX_SIZE) or word in _STOP_WORDS:
        return None
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) >= STEM_CACHE_SIZE:
            _STEMS.clear()  # a bound, for text that never repeats a word
        found = _STEMS[word] = _STEM(word)
    return found


def stemmed_positions(text: str) -> dict[str, list[int]]:
    """Each term ANALYZER makes of ``text`` with its positions (stop words renumbered away)."""
    found: dict[str, list[int]] = {}
    first = None
    kept = 0
    for index, token in enumerate(_TOKENS.findall(text)):
        term = term_of(token)
        if term is None:
            continue
        if first is None:
            first = index
        found.setdefault(term, []).append(first + kept)
        kept += 1
    return found


def plain_words(text: str) -> list[str]:
    """Return the terms of ``text`` in order, through Whoosh's own analyzer (for rare slow paths)."""
    return [token.text for token in ANALYZER(text)]
