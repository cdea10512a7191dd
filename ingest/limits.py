"""Caps on stored text, at sizes no real listing reaches. Pure.

A 5 MB description was stored whole, made an 11 MB page and slowed every search that
matched it from ~20 ms to over a second. The longest description in the demo and the
shared feed fixtures (505 entries, 13 formats) is 9,579 characters of sanitized HTML,
a USAJOBS posting; the longest title 214 characters. The caps sit well above both.
"""
from __future__ import annotations

from tracker.text import sanitize_html
from tracker.models import Listing

DESCRIPTION_LIMIT = Listing.DESCRIPTION_LIMIT
TITLE_LIMIT = Listing.TITLE_LIMIT
# Markup read at most: ten times the cap, so sanitizing never drops text a real listing keeps.
RAW_DESCRIPTION_LIMIT = 10 * DESCRIPTION_LIMIT
ELLIPSIS = "…"
# A cut this close to the limit may move back to the last space, so no word is split.
_WORD_SLACK = 100


def cap_text(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters at a word, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[:limit - len(ELLIPSIS)]
    space = head.rfind(" ", len(head) - _WORD_SLACK)
    return (head[:space] if space > 0 else head).rstrip() + ELLIPSIS


def cap_html(html: str, limit: int) -> str:
    """Return sanitized HTML cut to at most ``limit`` characters, its open tags closed."""
    if len(html) <= limit:
        return html
    keep = limit - len(ELLIPSIS)
    while True:
        head = html[:keep]
        # Never split a tag or an entity: sanitized HTML escapes every other "<" and "&".
        for opening, closing in (("<", ">"), ("&", ";")):
            start = head.rfind(opening)
            if start > head.rfind(closing):
                head = head[:start]
        space = head.rfind(" ", len(head) - _WORD_SLACK)
        if space > 0 and head.rfind(">") < space:
            head = head[:space]
        result = sanitize_html(head.rstrip() + ELLIPSIS)  # closes the elements left open
        for _ in range(3):  # a cut can leave an element empty, which the next pass drops
            again = sanitize_html(result)
            if again == result:
                break
            result = again
        if len(result) <= limit:
            return result
        keep -= len(result) - limit + _WORD_SLACK  # the closing tags took the room


def capped_title(title: str, notes: list[str] | None) -> str:
    """Cap a cleaned title; when it was cut, add a note saying so to ``notes``."""
    if len(title) <= TITLE_LIMIT:
        return title
    if notes is not None:
        notes.append(f"title cut to {TITLE_LIMIT:,} characters (it had {len(title):,})")
    return cap_text(title, TITLE_LIMIT)


def capped_description(raw_html: str, notes: list[str] | None) -> str:
    """Sanitize and cap a description; when it was cut, add a note saying so to ``notes``."""
    # Sanitizing costs about a second a megabyte: markup past what could survive the cap
    # is not read. Real descriptions come nowhere near (see the module's docstring).
    description = sanitize_html(raw_html[:RAW_DESCRIPTION_LIMIT])
    if len(description) <= DESCRIPTION_LIMIT and len(raw_html) <= RAW_DESCRIPTION_LIMIT:
        return description
    if notes is not None:
        notes.append(f"description cut to {DESCRIPTION_LIMIT:,} characters (it had {len(raw_html):,} with markup)")
    return cap_html(description, DESCRIPTION_LIMIT)
