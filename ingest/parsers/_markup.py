"""Build description HTML from the plain-text parts some formats give."""
from __future__ import annotations

from html import escape


def plain_html(*paragraphs: str | None) -> str:
    """Return plain-text paragraphs as escaped HTML paragraphs."""
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)


def section_html(heading: str, body_html: str | None) -> str:
    """Return a titled block of description HTML, or "" when the body is empty."""
    return f"<h3>{escape(heading)}</h3>{body_html}" if body_html and body_html.strip() else ""


def bullets(items: tuple[str, ...] | list[str]) -> str:
    """Return plain-text items as an escaped HTML list, or "" when there are none."""
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>" if items else ""
