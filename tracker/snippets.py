"""Search-result snippets: the passages of a description where the search words occur, marked.

Pure text work: the caller says which words match (search.highlight does, with the
index's own analysis), this picks the passages and writes escaped HTML.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

PASSAGE_CHARS = 180  # about two lines of a result card
CONTEXT_CHARS = 50  # words shown either side of a match
PASSAGES = 2
BETWEEN = " … "
_SPACE = re.compile(r"\s")


@dataclass
class Passage:
    start: int
    end: int
    matches: list[tuple[int, int]] = field(default_factory=list)


def mark_passages(text: str, tokens: re.Pattern[str], is_match: Callable[[str], bool]) -> str | None:
    """Return up to PASSAGES passages of ``text`` around matching tokens, as HTML; None if none match.

    ``tokens`` finds the words; ``is_match`` says whether one is a search word. The
    passages with the most matches are kept, shown in the order they come.
    """
    return mark_spans(text, [m.span() for m in tokens.finditer(text) if is_match(m.group())])


def mark_spans(text: str, matches: list[tuple[int, int]]) -> str | None:
    """Return up to PASSAGES passages of ``text`` around ``matches`` (sorted spans), as HTML; None if none."""
    if not matches:
        return None
    passages = _group(text, matches)
    best = sorted(passages, key=lambda p: len(p.matches), reverse=True)[:PASSAGES]
    return BETWEEN.join(_marked(text, p) for p in sorted(best, key=lambda p: p.start))


def _group(text: str, matches: list[tuple[int, int]]) -> list[Passage]:
    """Matches close enough to share a passage of PASSAGE_CHARS go together."""
    passages: list[Passage] = []
    for start, end in matches:
        current = passages[-1] if passages else None
        if current is not None and end - current.matches[0][0] <= PASSAGE_CHARS - 2 * CONTEXT_CHARS:
            current.matches.append((start, end))
            current.end = end
        else:
            passages.append(Passage(start, end, [(start, end)]))
    for passage in passages:
        passage.start = _word_start(text, max(0, passage.start - CONTEXT_CHARS), passage.start)
        passage.end = _word_end(text, min(len(text), passage.end + CONTEXT_CHARS), passage.end)
    return passages


def _word_start(text: str, start: int, limit: int) -> int:
    """Move ``start`` forward past a cut word, never beyond ``limit`` (the first match)."""
    if start == 0 or _SPACE.match(text[start - 1]):
        return start
    space = _SPACE.search(text, start, limit)
    return space.end() if space else limit


def _word_end(text: str, end: int, limit: int) -> int:
    """Move ``end`` back before a cut word, never before ``limit`` (the last match's end)."""
    if end == len(text) or _SPACE.match(text[end]):
        return end
    space = text.rfind(" ", limit, end)
    return space if space != -1 else limit


def _marked(text: str, passage: Passage) -> str:
    parts, position = [], passage.start
    for start, end in passage.matches:
        parts.append(html.escape(text[position:start], quote=False))
        parts.append(f"<mark>{html.escape(text[start:end], quote=False)}</mark>")
        position = end
    parts.append(html.escape(text[position:passage.end], quote=False))
    return "".join(parts).strip()
