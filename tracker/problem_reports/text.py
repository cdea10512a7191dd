"""The free text of a report, made safe to store and show: plain text, capped, no contact details.

Reports are anonymous by design, yet people type their own e-mail or phone number out
of habit ("call me at ..."). Those are replaced before storing, so no personal data
reaches the database however the form is filled.
"""
from __future__ import annotations

import html
import re
import unicodedata

import nh3

REMOVED = "[removed]"
_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+")
# North American numbers as people write them, (205) 555-0100, 205.555.0100, 1-205-555-0100,
# and any number written with a leading "+"; dates (2026-12-01) and reference numbers are not these shapes.
_PHONE = re.compile(r"(?<![\w+])(?:\+\d[\d\s().-]{6,}\d|(?:1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4})(?!\w)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_details(text: str | None) -> str | None:
    """Return the text as plain text without markup, control characters or contact details; None when empty."""
    if not text:
        return None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    # Markup is dropped, not shown: nh3 leaves the text between tags (escaped), which is unescaped back.
    text = html.unescape(nh3.clean(text, tags=set()))
    text = _CONTROL.sub("", text)
    text = _EMAIL.sub(REMOVED, text)
    text = _PHONE.sub(REMOVED, text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text or None
