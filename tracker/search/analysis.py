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


# Whoosh's default tokenizer, and a pattern that finds exactly its tokens, faster.
_DEFAULT_TOKENIZER = r"[\w\*]+(\.?[\w\*]+)*"
_DEFAULT_TOKENIZER_FAST = r"[\w\*]+(\.[\w\*]+)*"


def _analyzer_parts() -> tuple[re.Pattern[str], frozenset[str], int, int | None, Any]:
    tokenizer, _lowercase, stop, stem = ANALYZER.items
    # findall (one C call) instead of a match object per word: the same pattern with its
    # one group made non-capturing, so findall returns whole matches.
    pattern = tokenizer.expression.pattern
    if pattern == _DEFAULT_TOKENIZER:
        # The same tokens: after a maximal run of word characters the optional dot of
        # "(\.?W+)*" can only ever match a dot, and without the option the engine does
        # not try the empty one at every word's end (a fifth less time).
        pattern = _DEFAULT_TOKENIZER_FAST
    whole_matches = re.compile(pattern.replace("(", "(?:"), tokenizer.expression.flags)
    return whole_matches, frozenset(stop.stops), stop.min, stop.max, stem.stemfn


_TOKENS, _STOP_WORDS, _MIN_SIZE, _MAX_SIZE, _STEM = _analyzer_parts()
# The tokenizer's own pattern, for marking words where they stand in a text (highlights).
TOKEN_SPANS: re.Pattern[str] = ANALYZER.items[0].expression
# The same, every group non-capturing: findall gives whole tokens.
WHOLE_TOKENS: re.Pattern[str] = _TOKENS
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


# What may stand beside a token without being part of it: the tokenizer takes a run of
# these characters, and one dot only when more of them follow ("e.g", "3.5").
_TOKEN_CHAR = re.compile(r"[\w\*]")


def token_spans(text: str, tokens: set[str]) -> list[tuple[int, int]]:
    """Return where each of ``tokens`` (as the tokenizer cut them from ``text``) stands in ``text``, in order.

    The same spans as running the tokenizer over the whole text and keeping these tokens,
    found with str.find: a description has a hundred words and a search marks two or three.
    """
    if TOKEN_SPANS.pattern != _DEFAULT_TOKENIZER:  # another analyzer: ask its own tokenizer
        return [m.span() for m in TOKEN_SPANS.finditer(text) if m.group() in tokens]
    spans = []
    for token in tokens:
        start = text.find(token)
        while start != -1:
            end = start + len(token)
            if _starts_token(text, start) and _ends_token(text, end):
                spans.append((start, end))
            start = text.find(token, start + 1)
    return sorted(spans)


def _is_token_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and _TOKEN_CHAR.match(text, index) is not None


def _starts_token(text: str, start: int) -> bool:
    return not (_is_token_char(text, start - 1) or (text[start - 1:start] == "." and _is_token_char(text, start - 2)))


def _ends_token(text: str, end: int) -> bool:
    return not (_is_token_char(text, end) or (text[end:end + 1] == "." and _is_token_char(text, end + 1)))


def plain_words(text: str) -> list[str]:
    """Return the terms of ``text`` in order, through Whoosh's own analyzer (for rare slow paths)."""
    return [token.text for token in ANALYZER(text)]
