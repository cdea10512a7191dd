"""What a person typed, as a Whoosh query: synonyms added, query syntax that could hurt taken away."""
from __future__ import annotations

from functools import lru_cache

from whoosh import query as wq
from whoosh.qparser import AndGroup, QueryParser, plugins

from tracker import synonyms
from tracker.search.analysis import plain_words
from tracker.search.schema import SCHEMA, TEXT_FIELDS


def _parser() -> QueryParser:
    parser = QueryParser("content", SCHEMA, group=AndGroup)
    # Students type words, not query syntax: no field names (they would reach hidden
    # fields), no wildcards, fuzzy terms or ranges (unbounded term expansion), no boosts.
    for plugin in (plugins.FieldsPlugin, plugins.WildcardPlugin, plugins.RangePlugin, plugins.BoostPlugin,
                   plugins.GtLtPlugin, plugins.FuzzyTermPlugin, plugins.RegexPlugin, plugins.PrefixPlugin):
        parser.remove_plugin_class(plugin)
    return parser


_PARSER = _parser()


@lru_cache(maxsize=512)
def text_query(text: str) -> wq.Query:
    """Parse what a person typed, with synonyms, into a query; never raises.

    Cached: the same words are parsed for the results, each facet and each snippet.
    Callers must not change the query object they get.
    """
    if not text.strip():
        return wq.Every()
    try:
        parsed = _PARSER.parse(synonyms.expand(text))
    except Exception:  # the parser is forgiving, but a syntax error must never reach a person
        parsed = wq.NullQuery
    if parsed is wq.NullQuery:
        # Operators alone ("AND OR") or a failed parse: fall back to the plain words.
        words = plain_words(text)
        if not words:
            return wq.Every()
        return wq.And([wq.Or([wq.Term(f, word) for f in TEXT_FIELDS]) for word in words])
    return parsed


@lru_cache(maxsize=512)
def typed_phrase(text: str) -> wq.Phrase | None:
    """Return two or more plain words typed without quotes, operators or synonyms as the phrase they make, else None.

    Listings holding that phrase rank first: someone typing customer service means the
    phrase more than the two words anywhere.
    """
    q = text_query(text)
    if (isinstance(q, wq.And) and len(q.subqueries) > 1 and synonyms.expand(text) == text
            and all(isinstance(sub, wq.Term) and sub.fieldname in TEXT_FIELDS for sub in q.subqueries)):
        return wq.Phrase(TEXT_FIELDS[0], [sub.text for sub in q.subqueries])
    return None


@lru_cache(maxsize=512)
def query_terms(text: str) -> frozenset[str]:
    """Return the terms of the text fields that ``text`` searches for (for highlights)."""
    terms = {t for field_name, t in text_query(text).iter_all_terms() if field_name in TEXT_FIELDS}
    return frozenset(t.decode("utf-8") if isinstance(t, bytes) else t for t in terms)
