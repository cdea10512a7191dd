"""The urllib opener ingest fetches with: http(s) only, two timeouts, bounded redirects, and
(for addresses staff typed) no connection into the server's own network.

Why the address is checked when connecting and not only when the form is sent: a name
that resolved to a public address when staff saved it can resolve to 127.0.0.1 an hour
later (DNS rebinding), and a public server can redirect to http://10.0.0.5/. So with
``public_only`` every connection, the first and each redirect's, resolves the host once,
refuses it if any address is not public, and connects to exactly the address it checked.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.request
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from ingest.errors import PrivateAddressError, RetrieveError

MAX_REDIRECTS = 5


def opener(shown: str, read_timeout: float, public_only: bool = False) -> urllib.request.OpenerDirector:
    """Build an opener that speaks only http(s), with our timeouts and redirect rules."""
    built = urllib.request.OpenerDirector()
    # Not build_opener(): it would add the ftp:, file: and data: handlers, which a
    # redirect must never reach. No proxy when only public addresses may be reached: a
    # proxy resolves names itself, past our check.
    handlers: list[urllib.request.BaseHandler] = [] if public_only else [urllib.request.ProxyHandler()]
    handlers += [urllib.request.UnknownHandler(), _HTTPHandler(read_timeout, public_only),
                 _HTTPSHandler(read_timeout, public_only), urllib.request.HTTPDefaultErrorHandler(),
                 _RedirectHandler(shown), urllib.request.HTTPErrorProcessor()]
    for handler in handlers:
        built.add_handler(handler)
    return built


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Say whether ``address`` is on the public internet (not loopback, private, link-local, ...)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address.is_global


def connect_to_public_address(address: tuple[str, int], timeout: float | None = None,
                              source_address: tuple[str, int] | None = None) -> socket.socket:
    """socket.create_connection, refusing a host with any address inside this network."""
    host, port = address
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as exc:
        raise socket.gaierror(f"bad host name {host!r}") from exc
    addresses = [info[4][0] for info in found]
    # Every address is checked, not only the first: which one is tried is up to the resolver.
    for ip in addresses:
        if not is_public_address(ipaddress.ip_address(str(ip).split("%")[0])):
            raise PrivateAddressError(f"{host} is inside the server's own network ({ip}); only public addresses "
                                "can be fetched")
    last_error: OSError | None = None
    for family, kind, proto, _, sockaddr in found:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not None:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)  # the checked address itself: no second look-up to rebind
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
    raise last_error or OSError(f"{host} has no address")


class _HTTPConnection(http.client.HTTPConnection):
    """An HTTP connection that connects under one timeout and reads under another."""

    def __init__(self, host: str, *, read_timeout: float, public_only: bool = False, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.read_timeout = read_timeout
        if public_only:
            self._create_connection = connect_to_public_address

    def connect(self) -> None:
        super().connect()  # under self.timeout, which urllib sets to the connect timeout
        self.sock.settimeout(self.read_timeout)


class _HTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection that connects and shakes hands under one timeout, reads under another."""

    def __init__(self, host: str, *, read_timeout: float, public_only: bool = False, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.read_timeout = read_timeout
        if public_only:  # TLS still checks the certificate against the host's name
            self._create_connection = connect_to_public_address

    def connect(self) -> None:
        super().connect()  # TCP connect and TLS handshake, both under the connect timeout
        self.sock.settimeout(self.read_timeout)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout: float, public_only: bool) -> None:
        super().__init__()
        self.read_timeout, self.public_only = read_timeout, public_only

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req, read_timeout=self.read_timeout,  # type: ignore[arg-type]
                            public_only=self.public_only)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, read_timeout: float, public_only: bool) -> None:
        self.context = _tls_context()
        super().__init__(context=self.context)
        self.read_timeout, self.public_only = read_timeout, public_only

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req, context=self.context,  # type: ignore[arg-type]
                            read_timeout=self.read_timeout, public_only=self.public_only)


@cache
def _tls_context() -> ssl.SSLContext:
    """Return the shared TLS context: certificates and host names verified."""
    # Built once: loading the system's CA store costs tens of milliseconds per call.
    return ssl.create_default_context()


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, and only to http(s) addresses."""

    # urllib's own loop check stays as a backstop; ours counts every hop and says so in one line.
    max_repeats = max_redirections = MAX_REDIRECTS + 1

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.hops = 0

    def http_error_302(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                       headers: Any) -> Any:
        target = headers.get("Location") or headers.get("URI")
        if target:
            try:
                target = urljoin(req.full_url, target.strip())
                scheme = urlsplit(target).scheme.lower()
            except ValueError:
                scheme = ""
            if scheme not in ("http", "https"):
                fp.close()
                # urllib would follow ftp: too, and the target might be file:///etc/passwd.
                raise RetrieveError(f"{self.shown} redirected to {redact(target)!r}, which is not an http(s) address")
            self.hops += 1
            if self.hops > MAX_REDIRECTS:
                fp.close()
                raise RetrieveError(f"{self.shown} redirected more than {MAX_REDIRECTS} times")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"  # the link checker's HEAD stays a HEAD (Python 3.11 turns it into a GET)
        return new


def redact(url: str) -> str:
    """Drop a password from a URL before it goes into a message that people read."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))
    except ValueError:
        return url
