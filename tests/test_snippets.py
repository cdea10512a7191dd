"""Snippets: passages around the search words, marked, escaped, never cutting a word."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tracker import search, snippets

WORDS = re.compile(r"\w+")


def mark(text: str, *wanted: str) -> str | None:
    return snippets.mark_passages(text, WORDS, lambda token: token.lower() in wanted)


def test_marks_every_match_in_a_short_text() -> None:
    assert mark("Learn welding and more Welding", "welding") == "Learn <mark>welding</mark> and more <mark>Welding</mark>"


def test_no_match_gives_no_snippet() -> None:
    assert mark("Nothing to see", "welding") is None


def test_escapes_the_text_around_and_inside_marks() -> None:
    assert mark("a <b>&amp; welding", "welding") == "a &lt;b&gt;&amp;amp; <mark>welding</mark>"


def test_keeps_the_two_passages_with_most_matches_in_reading_order() -> None:
    filler = " ".join(["filler"] * 40)
    text = f"alpha start. {filler} beta beta gamma. {filler} delta. {filler} gamma gamma gamma end."
    marked = mark(text, "beta", "gamma", "alpha", "delta")
    passages = marked.split(snippets.BETWEEN)
    assert len(passages) == 2
    assert "<mark>beta</mark> <mark>beta</mark> <mark>gamma</mark>" in passages[0]
    assert "<mark>gamma</mark> <mark>gamma</mark> <mark>gamma</mark>" in passages[1]
    assert "alpha" not in marked and "delta" not in marked


@given(st.lists(st.sampled_from(["nurse", "aide", "help", "patients", "a", "lab", "x" * 12]), min_size=1, max_size=200))
def test_passages_are_bounded_and_never_cut_a_word(words) -> None:
    text = " ".join(words)
    marked = mark(text, "nurse")
    if "nurse" not in words:
        assert marked is None
        return
    for passage in marked.split(snippets.BETWEEN):
        plain = passage.replace("<mark>", "").replace("</mark>", "")
        assert len(plain) <= snippets.PASSAGE_CHARS + 2 * len("x" * 12)
        assert all(word in words for word in plain.split())  # whole words only
        assert "<mark>nurse</mark>" in passage


def test_search_highlight_matches_stems_and_synonyms_but_not_stop_words() -> None:
    marked = search.highlight("The nurses and the nursing aides. A CNA helps.", "nursing")
    assert "<mark>nurses</mark>" in marked and "<mark>nursing</mark>" in marked and "<mark>CNA</mark>" in marked
    assert "<mark>The</mark>" not in marked
    assert search.highlight("", "nursing") is None and search.highlight("text", "") is None


# Text the tokenizer cuts in odd places: dotted words ("e.g", "3.5"), stars, underscores,
# accents, punctuation runs.
ODD_TEXT = st.lists(st.sampled_from(["nurse", "Nurse", "nurses", "e", "g", "3", "5", ".", "..", "*", "_", "é",
                                     "ñu", " ", "  ", ",", "-", "nurse.aide", "(", "'"]), max_size=40).map("".join)


@given(ODD_TEXT, st.sets(st.sampled_from(["nurse", "Nurse", "nurses", "e", "g", "3", "5", "_", "é", "ñu",
                                          "nurse.aide", "e.g"]), max_size=4))
def test_token_spans_are_where_the_tokenizer_cuts_those_tokens(text: str, tokens: set[str]) -> None:
    from tracker.search.analysis import TOKEN_SPANS, token_spans

    expected = [m.span() for m in TOKEN_SPANS.finditer(text) if m.group() in tokens]
    assert token_spans(text, tokens) == expected


@given(ODD_TEXT)
def test_the_whole_token_pattern_finds_the_tokenizers_tokens(text: str) -> None:
    from tracker.search.analysis import TOKEN_SPANS, WHOLE_TOKENS

    assert [m.span() for m in WHOLE_TOKENS.finditer(text)] == [m.span() for m in TOKEN_SPANS.finditer(text)]
    assert WHOLE_TOKENS.findall(text) == [m.group() for m in TOKEN_SPANS.finditer(text)]
