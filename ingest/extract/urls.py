"""Reduce a listing URL to one canonical spelling so duplicates compare equal."""
from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit, urlunsplit

# Query parameters that only say how someone arrived. Matched case-insensitively;
# every "utm_*" parameter counts as well.
TRACKING_PARAMS = frozenset({
    "gclid", "fbclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid",
    "ref", "ref_src", "trk", "trackingid",
})
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    """Return whether a query parameter name is a tracking parameter."""
    key = unquote_plus(name).strip().lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS


def canonical_url(url: str | None) -> str | None:
    """Return the canonical http(s) form of url, or None when it is not an http(s) URL."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = parts.hostname  # already lower-cased, brackets removed
        port = parts.port
    except ValueError:  # "http://[::1", "http://host:99999"
        return None
    if scheme not in DEFAULT_PORTS or not host or any(c.isspace() for c in parts.netloc):
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rpartition("@")[0] + "@" + netloc
    # Split by hand rather than parse_qsl/urlencode so kept parameters keep their exact
    # encoding and order ("a=%20" must not turn into "a=+").
    query = "&".join(
        pair for pair in parts.query.split("&")
        if pair and not is_tracking_param(pair.split("=", 1)[0])
    )
    # Hash routes ("#/jobs/123") name different pages of a single-page app; other
    # fragments only scroll the page.
    fragment = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return urlunsplit((scheme, netloc, parts.path or "/", query, fragment))
