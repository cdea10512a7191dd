"""Tests for tracker.text: sanitizing HTML and cleaning text."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.text import ALLOWED_TAGS, clean_text, html_to_text, sanitize_html

FUZZ = settings(database=None, deadline=None, max_examples=150)
FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<br>", "<ul>", "<li>", "</li>", "</ul>", "<a href='https://x.org'>", "</a>",
    "<a href='javascript:alert(1)'>", "<script>", "</script>", "<style>", "</style>", "<div>", "</div>",
    "<table><tr><td>", "</td></tr></table>", "<b>", "</b>", "&lt;p&gt;", "&lt;/p&gt;", "&amp;", "&amp;amp;",
    "&nbsp;", "\u200b", "\ufeff", "\n", "\n\n", " ", "<", ">", "&", "<h1>", "</h1>", "<img src=x onerror=y>",
    "<!-- c -->", "<![foo[x]]>", "Intern", "Apply now", "\r\n", "\x00",
])
HTMLISH = st.lists(FRAGMENTS | st.text(max_size=8), max_size=25).map("".join)


@pytest.mark.parametrize(("raw", "expected"), [
    ("<p>Hello <strong>world</strong></p>", "<p>Hello <strong>world</strong></p>"),
    # Greenhouse double-escapes its markup.
    ("&lt;p&gt;Hi &amp;amp; welcome&lt;/p&gt;", "<p>Hi &amp; welcome</p>"),
    ("<p>Hi</p><script>alert('x')</script><style>p {color: red}</style>", "<p>Hi</p>"),
    ('<a href="https://example.org/apply" onclick="x()" class="btn">Apply</a>',
     '<a href="https://example.org/apply" rel="nofollow noopener">Apply</a>'),
    ('<a href="javascript:alert(1)">x</a>', '<a rel="nofollow noopener">x</a>'),
    ('<a href="mailto:jobs@example.org">Email</a>',
     '<a href="mailto:jobs@example.org" rel="nofollow noopener">Email</a>'),
    ("First line\nsecond line\n\nNew   paragraph", "<p>First line<br>second line</p><p>New paragraph</p>"),
    ("Intern\u200bship\ufeff \u2060pay", "<p>Internship pay</p>"),
    ("<p>  lots   of\n\n  space </p>", "<p>lots of space</p>"),
    ("<h1>Title</h1><div>One</div><div>Two</div>", "<h3>Title</h3>One<br>Two"),
    ("<ul>\n  <li>A</li>\n  <li>B</li>\n</ul>", "<ul><li>A</li><li>B</li></ul>"),
    ("a < b & c", "<p>a &lt; b &amp; c</p>"),
    ("<p></p><ul><li> </li></ul>", ""),
    ("", ""),
    ("   \n ", ""),
])
def test_sanitize_html(raw: str, expected: str) -> None:
    assert sanitize_html(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("<p>Hello <b>there</b></p><p>Second</p>", "Hello there\nSecond"),
    ("<ul><li>One</li><li>Two</li></ul>", "One\nTwo"),
    ("A&amp;B &nbsp; &eacute;t&eacute;", "A&B été"),
    ("&lt;p&gt;Escaped&lt;/p&gt;&lt;p&gt;twice&lt;/p&gt;", "Escaped\ntwice"),
    ("<div>x<script>var a = '<p>';</script></div><style>.a{}</style>y", "x\ny"),
    ("line one<br>line   two", "line one\nline two"),
    ("Plain a<b text\n\n\nnext", "Plain a<b text\nnext"),
    ("<table><tr><td>Pay</td><td>$15</td></tr></table>", "Pay $15"),
    ("Zero\u200bwidth", "Zerowidth"),
    ("", ""),
])
def test_html_to_text(raw: str, expected: str) -> None:
    assert html_to_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("  Summer   Intern \n", "Summer Intern"),
    ("AT&amp;T", "AT&T"),
    ("Boys &amp;amp; Girls Club", "Boys & Girls Club"),
    ("<b>Lifeguard</b> (Seasonal)", "Lifeguard (Seasonal)"),
    ("&lt;em&gt;Teacher&lt;/em&gt; Aide", "Teacher Aide"),
    ("Caf\u0065\u0301 Worker", "Caf\u00e9 Worker"),
    ("Intern\u200bship\ufeff", "Internship"),
    ("Line\r\nbreak\ttab", "Line break tab"),
    ("x < y > z", "x < y > z"),
    (None, ""),
    ("", ""),
])
def test_clean_text(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")


@FUZZ
@given(HTMLISH | st.text())
def test_sanitize_html_is_safe_and_idempotent(raw: str) -> None:
    out = sanitize_html(raw)
    assert set(TAG_NAME.findall(out)) <= ALLOWED_TAGS
    assert "<script" not in out.lower() and "<style" not in out.lower()
    assert not re.search(r"\son\w+=", out)
    assert not re.search("[\u200b\u200c\u200d\u2060\ufeff]", out)
    assert sanitize_html(out) == out


@FUZZ
@given(HTMLISH | st.text())
def test_html_to_text_lines_are_tidy(raw: str) -> None:
    out = html_to_text(raw)
    for line in out.split("\n") if out else []:
        assert line and line == line.strip() and "  " not in line


@FUZZ
@given(HTMLISH | st.text())
def test_clean_text_is_one_tidy_line_and_idempotent(raw: str) -> None:
    out = clean_text(raw)
    assert out == out.strip() and "\n" not in out and "  " not in out
    assert clean_text(out) == out
