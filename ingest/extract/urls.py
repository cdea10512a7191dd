"""Reduce a listing URL to one canonical spelling so duplicates compare equal."""
from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit, urlunsplit

# The deny list: query parameters that only say how someone arrived (ad clicks, mail
# campaigns) or through which channel (job boards' source tags, a search page's filters).
# Matched case-insensitively; every "utm_*" parameter counts as well. Anything else is
# kept: parameters that name the job ("gh_jid", "gni", "jobId", "id", "req") are part of
# its address, and a parameter not known to be tracking is never dropped.
TRACKING_PARAMS = frozenset({
    # ad and campaign clicks
    "gclid", "gbraid", "wbraid", "dclid", "fbclid", "msclkid", "yclid", "ttclid", "li_fat_id", "twclid",
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "igshid", "_ga", "_gl", "s_kwcid",
    "ref", "ref_src", "trk", "trackingid",
    # job boards' channel tags: Greenhouse, Lever, USAJOBS, Jobvite, iCIMS, SmartRecruiters, Workday
    "gh_src", "lever-source", "lever-source[]", "lever-origin", "lever-via", "postingchannelid",
    "__jvst", "__jvsd", "__jvsc", "iis", "iisn", "trid", "sr_source", "source_id",
    "location_country", "location_region_state_province", "locationcountry", "locationregionstateprovince",
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
