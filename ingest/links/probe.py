"""Ask one apply link whether its page is there: HEAD first, GET when HEAD is refused.

The body is never read: the status line and headers say what we need. Connections go
through ingest's own opener (ingest/http_opener.py): http(s) only, bounded redirects, two
timeouts, and with ``public_only`` no connection into the server's own network.
Validators from the last answer make the request conditional; a 304 means the page is
there and unchanged.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass

from ingest.errors import PrivateAddressError, RetrieveError
from ingest.http_opener import opener, redact
from ingest.retrieve import MAX_ETAG_LENGTH, MAX_LAST_MODIFIED_LENGTH, USER_AGENT, checked_url
from tracker.link_checks import FAILED, INCONCLUSIVE, MOVED, OK

# The site refused the checker, not the page: robots walls, logins, rate limits.
REFUSALS = frozenset({401, 403, 429})
ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8"


@dataclass(frozen=True)
class Probe:
    outcome: str
    status_code: int | None = None
    error: str | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None


def probe(url: str, etag: str | None = None, last_modified: str | None = None, timeout: float = 10.0,
          public_only: bool = True) -> Probe:
    """Return what ``url`` answers now, as an outcome of tracker.link_checks."""
    try:
        url = checked_url(url)
    except RetrieveError as exc:
        return Probe(FAILED, error=str(exc))
    first = _ask(url, "HEAD", etag, last_modified, timeout, public_only)
    # Many servers answer HEAD wrongly (403, 404, 405, 500, or hang up) while GET works; a 429
    # asks us to slow down, so it is not asked again at once.
    refused = first.status_code is not None and first.status_code >= 400 and first.status_code != 429
    if refused or first.error == _HUNG_UP:
        return _ask(url, "GET", etag, last_modified, timeout, public_only)
    return first


_HUNG_UP = "the server closed the connection without answering"


def _ask(url: str, method: str, etag: str | None, last_modified: str | None, timeout: float,
         public_only: bool) -> Probe:
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers, method=method)
    try:
        with opener(redact(url), timeout, public_only).open(request, timeout=timeout) as response:
            final = response.geturl()
            return Probe(MOVED if final != url else OK, response.status, final_url=final if final != url else None,
                         etag=_validator(response.headers.get("ETag"), MAX_ETAG_LENGTH),
                         last_modified=_validator(response.headers.get("Last-Modified"), MAX_LAST_MODIFIED_LENGTH))
    except urllib.error.HTTPError as exc:
        exc.close()
        final = exc.url if exc.url and exc.url != url else None
        if exc.code == 304:
            return Probe(MOVED if final else OK, 304, final_url=final, etag=etag, last_modified=last_modified)
        outcome = INCONCLUSIVE if exc.code in REFUSALS else FAILED
        return Probe(outcome, exc.code, error=f"HTTP {exc.code} {_phrase(exc.code)}", final_url=final)
    except PrivateAddressError as exc:
        return Probe(INCONCLUSIVE, error=f"not checked: {exc}")
    except RetrieveError as exc:  # a redirect to a non-http(s) address, or too many redirects
        return Probe(FAILED, error=str(exc))
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, PrivateAddressError):
            return Probe(INCONCLUSIVE, error=f"not checked: {reason}")
        return Probe(FAILED, error=_why(reason, timeout))
    except (OSError, http.client.HTTPException) as exc:
        return Probe(FAILED, error=_why(exc, timeout))


def _why(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g}s"
    if isinstance(reason, socket.gaierror):
        return "no such host"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, http.client.RemoteDisconnected):
        return _HUNG_UP
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed: {reason.reason or reason}"
    return " ".join(f"{type(reason).__name__}: {reason}".split())[:300]


def _phrase(code: int) -> str:
    try:
        return http.HTTPStatus(code).phrase
    except ValueError:
        return ""


def _validator(value: str | None, limit: int) -> str | None:
    if not value or len(value) > limit or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return None
    return value.strip() or None
