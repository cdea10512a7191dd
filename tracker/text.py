"""Sanitize listing HTML and turn HTML or messy strings into clean text. Pure: ingest and the partner form share it."""
from __future__ import annotations

import re
import unicodedata
from html import unescape

import nh3

ALLOWED_TAGS = frozenset({
    "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "a", "h3", "h4", "h5", "blockquote",
})
BLOCK_TAGS = frozenset({"p", "ul", "ol", "li", "h3", "h4", "h5", "blockquote"})
# Tags that end a line when HTML becomes text; wider than ALLOWED_TAGS because raw
# feeds use div/table layouts.
_TEXT_BREAK_TAGS = frozenset({
    "p", "br", "div", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "tr", "table", "section", "article", "header", "footer", "pre", "hr", "dl", "dt", "dd",
})

# A Cleaner holds only configuration, so sharing one is safe and avoids rebuilding it.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}},
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener",
    # Relative links would point at our own site, not the publisher's.
    url_relative="deny",
)
_TEXT_CLEANER = nh3.Cleaner(
    tags=set(_TEXT_BREAK_TAGS), clean_content_tags={"script", "style"}, attributes={}, link_rel=None,
)

# Zero-width characters break word matching ("Intern\u200bship"); C0 controls break XML.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_REAL_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ESCAPED_TAG = re.compile(r"&lt;/?[A-Za-z][^<>]*?&gt;", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_SPACES = re.compile(r"\s+")
_ANY_TAG = re.compile(r"<[^>]*>")
_BLOCK_ALT = "|".join(sorted(BLOCK_TAGS))
_BLOCK_EDGE = re.compile(r"\s*(</?(?:%s)>|<br>)\s*" % _BLOCK_ALT)
_EMPTY_BLOCK = re.compile(r"<(%s)>(?:<br>)*</\1>" % _BLOCK_ALT)
_BR_AT_BLOCK = re.compile(r"(?:<br>)+(</?(?:%s)>)|(</?(?:%s)>)(?:<br>)+" % (_BLOCK_ALT, _BLOCK_ALT))
_TEXT_BREAK = re.compile(r"<(?:br|/?(?:%s))\b[^>]*>" % "|".join(sorted(_TEXT_BREAK_TAGS)))
# Layout tags we strip still separate text: "<div>a</div><div>b</div>" must not read "ab".
_LINE_END = re.compile(
    r"</(?:div|section|article|header|footer|main|aside|nav|table|tr|dl|dd|dt|pre|address|figure)\s*>"
    r"|<hr\b[^>]*>", re.IGNORECASE)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
# The page around a description owns h1/h2; a listing's own headings start at h3.
_BIG_HEADING = re.compile(r"<(/?)h[12]\b", re.IGNORECASE)
_SMALL_HEADING = re.compile(r"<(/?)h6\b", re.IGNORECASE)
_BR_RUN = re.compile(r"(?:<br>){3,}")


def _squeeze(s: str) -> str:
    """Return _SPACES.sub(" ", s): every run of whitespace as one space, edges included."""
    # Whitespace other than " " is unprintable, so a printable text without "  " has
    # only single spaces and the substitution would rebuild it unchanged.
    if "  " not in s and s.isprintable():
        return s
    # str.split() splits on exactly the characters \s matches (str.isspace()).
    words = s.split()
    if not words:
        return " " if s else ""
    squeezed = " ".join(words)
    if s[0].isspace():
        squeezed = " " + squeezed
    if s[-1].isspace():
        squeezed += " "
    return squeezed


def _tidy_blocks(s: str) -> str:
    """Return s with whitespace and stray <br> around block tags removed.

    s comes squeezed, so " " is its only whitespace. Each substitution is skipped when
    what it matches is absent: then it could only replace a tag with itself.
    """
    if " <" in s or "> " in s:
        s = _BLOCK_EDGE.sub(r"\1", s)
    s = s.strip()
    if "<br>" in s:
        s = _BR_RUN.sub("<br><br>", _BR_AT_BLOCK.sub(r"\1\2", s))
    return s


def remove_invisible(s: str) -> str:
    """Remove zero-width and control characters."""
    if s.isprintable():  # every character _INVISIBLE matches is unprintable (Cc or Cf)
        return s
    return _INVISIBLE.sub("", s)


def _undo_double_escape(s: str) -> str:
    """Unescape once when the markup itself arrived entity-escaped."""
    # Greenhouse sends "&lt;p&gt;Hi&lt;/p&gt;": escaped tags and no real ones.
    if _ESCAPED_TAG.search(s) and not _REAL_TAG.search(s):
        return unescape(s)
    return s


def _paragraphs(text: str) -> str:
    """Wrap plain text in <p> paragraphs, with <br> for single newlines."""
    out = []
    for block in _BLANK_LINE.split(text):
        # "<" in plain text is a character, never a tag; "&amp;" stays an entity.
        lines = [_squeeze(line).strip().replace("<", "&lt;") for line in block.split("\n")]
        if any(lines):
            out.append("<p>" + "<br>".join(line for line in lines if line) + "</p>")
    return "".join(out)


def _clean_once(raw: str) -> str:
    """Run one sanitizing pass."""
    s = _undo_double_escape(remove_invisible(raw).replace("\r\n", "\n").replace("\r", "\n"))
    if _REAL_TAG.search(s):
        s = _LINE_END.sub("<br>", _CELL_END.sub(" ", s))
        s = _SMALL_HEADING.sub(r"<\1h5", _BIG_HEADING.sub(r"<\1h3", _squeeze(s)))
    else:
        s = _paragraphs(s)
    s = _tidy_blocks(_squeeze(_CLEANER.clean(s)))
    s = _EMPTY_BLOCK.sub("", s).removeprefix("<br>").removesuffix("<br>")
    if s and "<" not in s:
        # Every tag was stripped; wrap the text so a second pass cannot read
        # the remaining "&lt;b&gt;" as double-escaped markup.
        s = "<p>" + s + "</p>"
    return s


def sanitize_html(html: str) -> str:
    """Return allow-listed, tidy HTML for a listing description."""
    if not isinstance(html, str) or not html.strip():
        return ""
    # Re-cleaning until stable makes the result idempotent even when stripping a
    # tag (say, a table cell) lets the parser regroup what is left.
    s = _clean_once(html)
    if s == html:  # already clean: a second pass would see the same input again
        return s
    for _ in range(3):
        again = _clean_once(s)
        if again == s:
            break
        s = again
    return s


def html_to_text(html: str) -> str:
    """Return the visible text of HTML, one line per block, entities decoded."""
    if not isinstance(html, str) or not html.strip():
        return ""
    s = _undo_double_escape(remove_invisible(html).replace("\r\n", "\n").replace("\r", "\n"))
    if not _REAL_TAG.search(s):
        s = s.replace("<", "&lt;")  # plain text: "a<b" is not the start of a tag
    # nh3 drops script/style content and escapes stray "<", so regex tag removal is safe after it.
    s = _TEXT_BREAK.sub("\n", _TEXT_CLEANER.clean(_CELL_END.sub(" ", s)))
    s = unescape(_ANY_TAG.sub("", s))
    lines = (_squeeze(line).strip() for line in remove_invisible(s).split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_text_once(s: str) -> str:
    """Run one pass of the one-line cleanup."""
    previous = None
    # Unescape until stable: "&amp;amp;" is "&" escaped twice. Each change shortens s.
    while previous != s:
        previous, s = s, unescape(s)
    s = _REAL_TAG.sub(" ", s)
    s = unicodedata.normalize("NFC", remove_invisible(s))
    return _squeeze(s).strip()


def clean_text(s: str | None) -> str:
    """Return a single tidy line for a title or organisation name."""
    if not isinstance(s, str):
        return ""
    # Stripping a tag can join "&am" and "p;" into a new entity, so repeat until stable.
    for _ in range(5):
        cleaned = _clean_text_once(s)
        if cleaned == s:
            break
        s = cleaned
    return s
