"""Retrieve: get a source's bytes from a local path or over http(s), politely.

Over http(s) this uses urllib, so ingest needs no HTTP library. What the limits mean:

- ``timeout`` is ``(connect, read)`` seconds, or one number for both. The connect timeout
  covers the TCP connect and the TLS handshake. The read timeout is how long any *single*
  wait for the server may last: a socket timeout applies per blocking call, so a server
  that drips a byte every few seconds never trips it. That is why there is also a
  ``deadline`` for the whole transfer, checked between reads (it can overrun by at most
  one read timeout). Neither covers the DNS look-up, which the system resolver times
  itself.
- ``max_bytes`` caps both the bytes received and the bytes unpacked from gzip or
  deflate, enforced while streaming; a Content-Length over the cap is refused before
  reading, but a smaller or missing one is not trusted.
- Conditional GET (as reader's ``_parser/http.py`` does it): the caller passes the ETag
  and Last-Modified it stored, a 304 comes back as ``content=None`` with those same
  values, and a 200 brings the new ones, which the caller saves only once it has stored
  the content.

Every failure leaves as a RetrieveError whose message is one line for people.
"""
from __future__ import annotations

import http.client
import os
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from ingest.errors import RetrieveError
from ingest.http_opener import MAX_REDIRECTS, opener
from ingest.http_opener import redact as _redact

USER_AGENT = "BirminghamCareerPathways/0.1 (+https://example.org/about; youth opportunity tracker)"
# The formats the parsers read, best first; HTML last among the named ones because a page
# is scraped only when a site has nothing better.
ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/json, "
          "text/calendar, text/csv, text/html, application/xml;q=0.9, */*;q=0.8")
MAX_BYTES = 20 * 1024 * 1024
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
TOTAL_TIMEOUT = 120.0
CHUNK_SIZE = 64 * 1024
# The sources table's column sizes: a longer validator would fail the store on PostgreSQL
# and so fail the source on every run; without one we merely fetch in full.
MAX_ETAG_LENGTH = 300
MAX_LAST_MODIFIED_LENGTH = 100

Timeout = float | tuple[float, float]


@dataclass(frozen=True)
class Retrieved:
    content: bytes | None  # None when the server said 304 Not Modified
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.content is None


def retrieve(location: str, etag: str | None = None, last_modified: str | None = None,
             timeout: Timeout = (CONNECT_TIMEOUT, READ_TIMEOUT), max_bytes: int = MAX_BYTES,
             *, deadline: float = TOTAL_TIMEOUT, public_only: bool = False) -> Retrieved:
    """Return the content at ``location`` (a path or an http(s) URL).

    ``public_only`` (for addresses staff typed): refuse, at every connection, a host that
    resolves into the server's own network (see ingest.http_opener).
    """
    try:
        if "://" in location:
            scheme = location.split("://", 1)[0].strip().lower()
            if scheme not in ("http", "https"):
                raise RetrieveError(f"unsupported address {_redact(location)!r}: use http(s) or a file path")
            return _fetch(location.strip(), etag, last_modified, timeout, max_bytes, deadline, public_only)
        return Retrieved(content=_read_file(Path(location), max_bytes))
    except RetrieveError:
        raise
    except Exception as exc:  # the promise to the pipeline: only RetrieveError leaves this module
        raise RetrieveError(f"could not retrieve {_redact(location)}: {type(exc).__name__}: {_one_line(exc)}") from exc


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > max_bytes:
                raise RetrieveError(f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit")
            # Read one byte past the cap: a device or a file still growing can hold more than stat said.
            content = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise RetrieveError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise RetrieveError(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise RetrieveError(f"no permission to read {path}") from None
    except OSError as exc:
        raise RetrieveError(f"could not read {path}: {exc.strerror or _one_line(exc)}") from exc
    except ValueError as exc:  # e.g. a NUL byte in the path
        raise RetrieveError(f"invalid file path {str(path)!r}: {_one_line(exc)}") from exc
    if len(content) > max_bytes:
        raise RetrieveError(f"{path} holds more than the {max_bytes:,}-byte limit")
    return content


def _fetch(url: str, etag: str | None, last_modified: str | None, timeout: Timeout,
           max_bytes: int, deadline: float, public_only: bool) -> Retrieved:
    connect_timeout, read_timeout = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    url = checked_url(url)
    shown = _redact(url)
    etag, last_modified = _header_value(etag), _header_value(last_modified)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    fetcher = opener(shown, read_timeout, public_only)
    started = time.monotonic()
    try:
        with fetcher.open(urllib.request.Request(url, headers=headers), timeout=connect_timeout) as response:
            content = _read_body(response, shown, max_bytes, started + deadline, deadline)
            return Retrieved(content=content,
                             etag=_validator(response.headers.get("ETag"), MAX_ETAG_LENGTH),
                             last_modified=_validator(response.headers.get("Last-Modified"), MAX_LAST_MODIFIED_LENGTH))
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the open response
        if exc.code == 304:
            if not (etag or last_modified):
                raise RetrieveError(f"{shown} answered 304 Not Modified to a request that was not conditional") from None
            return Retrieved(content=None, etag=etag, last_modified=last_modified)
        where = shown if exc.url in (url, None) else f"{shown} (redirected to {_redact(exc.url)})"
        raise RetrieveError(f"{where} answered HTTP {exc.code} {_reason(exc.code, exc.reason)}") from exc
    except urllib.error.URLError as exc:  # raised while connecting and sending the request
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise RetrieveError(f"{shown} did not answer within {connect_timeout:g}s") from exc
        if isinstance(reason, ssl.SSLError):
            raise RetrieveError(f"secure connection to {shown} failed: {_tls_reason(reason)}") from exc
        if isinstance(reason, OSError):
            raise RetrieveError(f"could not reach {shown}: {_os_reason(reason)}") from exc
        raise RetrieveError(f"could not reach {shown}: {_one_line(reason)}") from exc
    except TimeoutError as exc:  # waiting for the status line or the body
        raise RetrieveError(f"{shown} did not answer within {read_timeout:g}s") from exc
    except ssl.SSLError as exc:
        raise RetrieveError(f"secure connection to {shown} failed: {_tls_reason(exc)}") from exc
    except http.client.RemoteDisconnected as exc:
        raise RetrieveError(f"{shown} closed the connection without answering") from exc
    except http.client.IncompleteRead as exc:
        raise RetrieveError(f"{shown} closed the connection before sending all its content") from exc
    except http.client.HTTPException as exc:
        raise RetrieveError(f"{shown} sent a malformed HTTP response: {type(exc).__name__}: {_one_line(exc)}") from exc
    except OSError as exc:
        raise RetrieveError(f"could not read {shown}: {_os_reason(exc)}") from exc


def checked_url(url: str) -> str:
    """Return ``url`` ready for urllib, or raise RetrieveError saying what is wrong with it."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # reading it raises ValueError on a non-numeric or out-of-range port
    except ValueError as exc:
        raise RetrieveError(f"invalid URL {_redact(url)!r}: {_one_line(exc)}") from None
    if not parts.hostname:
        raise RetrieveError(f"invalid URL {_redact(url)!r}: it names no host")
    if parts.username is not None or parts.password is not None:
        # urllib would take "user:password@host" for a host with a bad port.
        raise RetrieveError(f"invalid URL {_redact(url)!r}: user names and passwords in URLs are not supported")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise RetrieveError(f"invalid URL {_redact(url)!r}: it contains spaces or control characters")
    # Feeds published by hand sometimes carry non-ASCII paths, which http.client cannot send.
    safe = "".join(chr(c) for c in range(33, 127))
    return urlunsplit((parts.scheme.lower(), parts.netloc, quote(parts.path, safe=safe),
                       quote(parts.query, safe=safe), parts.fragment))


def _read_body(response: http.client.HTTPResponse, shown: str, max_bytes: int,
               stop_at: float, deadline: float) -> bytes:
    """Read the body in chunks, unpacking gzip or deflate, within the size cap and the deadline."""
    if response.length is not None and response.length > max_bytes:
        raise RetrieveError(f"{shown} is {response.length:,} bytes, over the {max_bytes:,}-byte limit")
    unpacker = _unpacker(response.headers.get("Content-Encoding"), shown)
    parts: list[bytes] = []
    received = size = 0
    while True:
        if time.monotonic() > stop_at:
            raise RetrieveError(f"{shown} took more than {deadline:g}s to send its content")
        # read1 makes at most one system call, so the deadline is checked between waits
        # rather than after a read() that a dripping server could keep filling forever.
        chunk = response.read1(CHUNK_SIZE)
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes:
            raise RetrieveError(f"{shown} sent more than the {max_bytes:,}-byte limit")
        if unpacker is not None:
            chunk = unpacker.feed(chunk, max_bytes - size)
        size += len(chunk)
        if size > max_bytes:
            raise RetrieveError(f"{shown} unpacks to more than the {max_bytes:,}-byte limit")
        parts.append(chunk)
    if response.length:
        # read1() reports a connection closed early as an empty read; http.client still
        # counts the bytes Content-Length promised and we never got.
        raise RetrieveError(f"{shown} closed the connection before sending all its content")
    if unpacker is not None:
        unpacker.finish()
    return b"".join(parts)


def _unpacker(content_encoding: str | None, shown: str) -> _Unpacker | None:
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return None
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return _Unpacker(codings[0], shown)
    raise RetrieveError(f"{shown} sent content encoded as {', '.join(codings)!r}, which cannot be unpacked")


class _Unpacker:
    """Undo a gzip or deflate Content-Encoding without ever producing more than asked."""

    def __init__(self, coding: str, shown: str) -> None:
        self.coding, self.shown = coding, shown
        # 32 + MAX_WBITS reads a gzip or a zlib header, whichever comes: some servers
        # label one as the other.
        self.wbits = 32 + zlib.MAX_WBITS
        self.inflater = zlib.decompressobj(self.wbits)
        self.started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """Unpack ``data``; return at most ``room + 1`` bytes so the caller can see it overflow."""
        out: list[bytes] = []
        while data:
            if self.inflater.eof:
                # A second gzip member: concatenated gzip files are one valid gzip body.
                self.inflater = zlib.decompressobj(self.wbits)
            try:
                piece = self.inflater.decompress(data, room + 1)
            except zlib.error as exc:
                if self.coding == "deflate" and not self.started:
                    # "deflate" is meant to be zlib-wrapped, but old IIS sends it raw.
                    self.wbits = -zlib.MAX_WBITS
                    self.inflater = zlib.decompressobj(self.wbits)
                    self.started = True
                    continue
                raise RetrieveError(f"{self.shown} sent {self.coding} content that could not be unpacked: {exc}") from exc
            self.started = True
            out.append(piece)
            room -= len(piece)
            if room < 0:
                break
            # Input is left over only when a stream ended; the rest is the next member.
            data = self.inflater.unused_data if self.inflater.eof else b""
        return b"".join(out)

    def finish(self) -> None:
        """Raise if the body stopped in the middle of a compressed stream."""
        if self.started and not self.inflater.eof:
            raise RetrieveError(f"{self.shown} sent {self.coding} content that was cut short")


def _header_value(value: str | None) -> str | None:
    """Return a stored validator fit to send back, or None (http.client refuses line breaks)."""
    if not value or not value.strip() or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        return None
    return value.strip()


def _validator(value: str | None, limit: int) -> str | None:
    """Return a validator from a response if it is worth storing."""
    value = _header_value(value)
    return value if value and len(value) <= limit else None


def _reason(code: int, server_reason: object) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return _one_line(server_reason) or "(no reason given)"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return f"host name not found ({exc.strerror or _one_line(exc)})"
    return exc.strerror or _one_line(exc) or type(exc).__name__


def _tls_reason(exc: ssl.SSLError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError) and exc.verify_message:
        return f"certificate verify failed: {exc.verify_message}"
    return _one_line(exc.reason or exc)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
