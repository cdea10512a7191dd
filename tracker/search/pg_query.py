"""What a person typed, as a PostgreSQL tsquery.

The words are parsed once, as for Whoosh (parsing.text_query: synonyms, AND/OR/NOT,
quoted phrases, syntax that could hurt taken away), so both backends read a search the
same way. Whoosh's terms are its own stems, so each word is taken back from the text it
came from and PostgreSQL normalises it with the column's configuration: the query's
lexemes are then exactly the column's.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Union, cast

import numpy as np
from whoosh import query as wq

from tracker import synonyms
from tracker.search.parsing import text_query as whoosh_query
from tracker.search.parsing import typed_phrase
from tracker.search.protocols import Mask

# ("word" | "phrase", the words as typed): what PostgreSQL is asked to normalise.
Leaf = tuple[str, str]
Normalise = Callable[[Sequence[Leaf]], list[str]]
# Words and phrases whose rarity ranks the results; 16 typed words with synonyms make more.
MAX_RANKED = 24
# A query as a small tree: ("leaf", n), ("not", tree), ("and" | "or", (tree, ...)).
Tree = Union[tuple[str, int], tuple[str, "Tree"], tuple[str, tuple["Tree", ...]]]


@dataclass(frozen=True)
class Parsed:
    """The words and phrases of a search, and how they join."""

    leaves: tuple[Leaf, ...]
    tree: Tree | None  # None: no words to match (every listing does)
    ranked: tuple[int, ...]  # the leaves that count for relevance (not those under NOT)
    phrase: str  # plain words typed without quotes, operators or synonyms (parsing.typed_phrase), else ''


@dataclass(frozen=True)
class TextQuery:
    """A search's words as a tsquery ('' when none are left: every listing matches) and its parts, for ranking."""

    tsquery: str
    leaves: tuple[str, ...] = ()
    # Plain words typed without quotes, as a phrase (parsing.typed_phrase): listings holding it rank first.
    phrase: str = ""
    tree: Tree | None = None  # how the words join, over ``normalised`` (see holding())
    normalised: tuple[str, ...] = ()  # each word or phrase of the tree as a tsquery ('' for a stop word)


class _Unknown(Exception):
    """A query node the translation does not know: the plain words are used instead."""


@lru_cache(maxsize=512)
def parse(text: str) -> Parsed:
    """Parse ``text`` as the Whoosh backend does, keeping each word as it was typed."""
    expanded = synonyms.expand(text)
    leaves: list[Leaf] = []
    ranked: list[int] = []

    def leaf(kind: str, words: str, negated: bool) -> Tree:
        leaves.append((kind, words))
        if not negated:
            ranked.append(len(leaves) - 1)
        return ("leaf", len(leaves) - 1)

    def tree(node: wq.Query, negated: bool = False) -> Tree | None:
        if isinstance(node, wq.Term):
            start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
            word = expanded[start:end] if start is not None and end is not None else str(node.text)
            return leaf("word", word, negated)
        if isinstance(node, wq.Phrase):
            ranges = getattr(node, "char_ranges", None)
            words = [expanded[a:b] for a, b in ranges] if ranges else list(node.words)
            return leaf("phrase", " ".join(words), negated)
        if isinstance(node, wq.Every) or node is wq.NullQuery:
            return None
        if isinstance(node, wq.Not):
            inner = tree(node.query, not negated)
            return None if inner is None else ("not", inner)
        if isinstance(node, wq.AndNot):
            return _joined("and", [tree(node.a, negated), _not(tree(node.b, not negated))])
        if isinstance(node, wq.AndMaybe):
            return tree(node.a, negated)  # the optional part only ranks, in Whoosh
        if isinstance(node, (wq.And, wq.Or)):
            return _joined("and" if isinstance(node, wq.And) else "or", [tree(sub, negated) for sub in node.subqueries])
        raise _Unknown(type(node).__name__)

    parsed = whoosh_query(text)
    try:
        found = tree(parsed)
    except _Unknown:  # never met with the parser's plugins as configured; plain words then
        leaves.clear()
        ranked.clear()
        words = " ".join(w.strip('"()') for w in text.split())
        found = leaf("word", words, False) if words.strip() else None
    phrase = " ".join(words for _kind, words in leaves) if typed_phrase(text) is not None else ""
    return Parsed(tuple(leaves), found, tuple(ranked), phrase)


def _not(inner: Tree | None) -> Tree | None:
    return None if inner is None else ("not", inner)


def _joined(operator: str, parts: list[Tree | None]) -> Tree | None:
    kept = tuple(p for p in parts if p is not None)
    return None if not kept else kept[0] if len(kept) == 1 else (operator, kept)


def to_tsquery(text: str, normalise: Normalise) -> TextQuery:
    """Return ``text`` as a tsquery, its words normalised by PostgreSQL through ``normalise``."""
    parsed = parse(text)
    if parsed.tree is None:
        return TextQuery("")
    asked = list(parsed.leaves) + ([("phrase", parsed.phrase)] if parsed.phrase else [])
    normalised = normalise(asked)
    tsquery = _render(parsed.tree, normalised)
    if not tsquery:
        return TextQuery("")  # stop words only: PostgreSQL's list is longer than Whoosh's
    phrase = normalised[-1] if parsed.phrase and "<->" in normalised[-1] else ""
    # Each part ranked once (synonyms repeat words), and a bound on how many: each costs a count.
    ranked = tuple(dict.fromkeys(normalised[n] for n in parsed.ranked if normalised[n]))[:MAX_RANKED]
    return TextQuery(tsquery, ranked, phrase, parsed.tree, tuple(normalised))


def holding(text: TextQuery, holds: Callable[[str], Mask]) -> Mask | None:
    """Return where ``text``'s tsquery matches, from where each of its parts does (``holds``); None: everywhere.

    The same tree _render writes, so the same listings as ``column @@ tsquery``.
    """
    return _holding(text.tree, text.normalised, holds) if text.tsquery and text.tree is not None else None


def _holding(tree: Tree, normalised: tuple[str, ...], holds: Callable[[str], Mask]) -> Mask | None:
    operator, body = tree
    if operator == "leaf":
        assert isinstance(body, int)
        return holds(normalised[body]) if normalised[body] else None
    if operator == "not":
        inner = _holding(cast(Tree, body), normalised, holds)
        return None if inner is None else ~inner
    parts = [p for p in (_holding(sub, normalised, holds) for sub in cast(tuple[Tree, ...], body)) if p is not None]
    if not parts:
        return None
    joined: Mask = np.logical_and.reduce(parts) if operator == "and" else np.logical_or.reduce(parts)
    return joined


def _render(tree: Tree, normalised: list[str]) -> str:
    """Write ``tree`` as tsquery text; a part that normalised to nothing (a stop word) drops out."""
    operator, body = tree
    if operator == "leaf":
        assert isinstance(body, int)
        return f"({normalised[body]})" if normalised[body] else ""
    if operator == "not":
        inner = _render(cast(Tree, body), normalised)
        return f"!{inner}" if inner else ""
    parts = [p for p in (_render(sub, normalised) for sub in cast(tuple[Tree, ...], body)) if p]
    joiner = " & " if operator == "and" else " | "
    return f"({joiner.join(parts)})" if parts else ""
