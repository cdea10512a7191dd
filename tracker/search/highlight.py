"""Snippets: the passages of a description that hold the search words, marked."""
from __future__ import annotations

from collections.abc import Callable
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
    # of a results page cost more than its search did); each distinct word judged once.
    is_match = _token_matcher(words)
    wanted = {token for token in set(WHOLE_TOKENS.findall(text)) if is_match(token)}
    return snippets.mark_spans(text, token_spans(text, wanted)) if wanted else None


@lru_cache(maxsize=64)
def _token_matcher(words: frozenset[str]) -> Callable[[str], bool]:
    """Say whether a token is one of ``words`` once analysed; remembered per token, as words repeat."""
    seen: dict[str, bool] = {}

    def is_match(token: str) -> bool:
        found = seen.get(token)
        if found is None:
            found = term_of(token) in words
            if len(seen) < STEM_CACHE_SIZE:
                seen[token] = found
        return found

    return is_match
