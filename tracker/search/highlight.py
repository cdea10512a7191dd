"""Snippets: the passages of a description that hold the search words, marked."""
from __future__ import annotations

from functools import lru_cache

from tracker import snippets
from tracker.search.analysis import STEM_CACHE_SIZE, WHOLE_TOKENS, term_of, token_spans
from tracker.search.parsing import query_terms


def highlight(text: str, query_text: str) -> str | None:
    """Return HTML with the words matching ``query_text`` marked, in up to two short passages."""
    words = query_terms(query_text)
    if not words or not text:
        return None
    # The index's own tokens and stems, without Whoosh's per-token objects (the snippets
    # of a results page cost more than its search did).
    wanted = _judge(words).matching(set(WHOLE_TOKENS.findall(text)))
    return snippets.mark_spans(text, token_spans(text, wanted)) if wanted else None


class _TokenJudge:
    """Say which tokens are search words once analysed, remembering each token's answer.

    A description's hundred distinct words are mostly words already judged for this
    search, so they are sorted with set operations, and only new ones are analysed.
    """

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.matches: set[str] = set()
        self.others: set[str] = set()

    def matching(self, tokens: set[str]) -> set[str]:
        for token in tokens - self.matches - self.others:
            if len(self.matches) + len(self.others) >= STEM_CACHE_SIZE:
                return {t for t in tokens if term_of(t) in self.words}  # full: judge without remembering
            (self.matches if term_of(token) in self.words else self.others).add(token)
        return tokens & self.matches


@lru_cache(maxsize=64)
def _judge(words: frozenset[str]) -> _TokenJudge:
    return _TokenJudge(words)
