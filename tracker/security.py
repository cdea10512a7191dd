"""Security headers on every response."""
from __future__ import annotations

from flask import Flask, Response, current_app
from werkzeug.middleware.proxy_fix import ProxyFix


def content_security_policy(frame_ancestors: str = "'self'") -> str:
    """Return the policy: everything from this app, no inline script, framed by ``frame_ancestors``."""
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


# Everything comes from this app: no inline script, no other hosts.
CONTENT_SECURITY_POLICY = content_security_policy()


def allow_framing(response: Response, frame_ancestors: str) -> Response:
    """Let the origins in ``frame_ancestors`` frame this one response (the embed pages)."""
    response.headers["Content-Security-Policy"] = content_security_policy(frame_ancestors)
    # X-Frame-Options cannot name other origins, so a framable response goes without it.
    response.framable = True  # type: ignore[attr-defined]
    return response


def add_security_headers(response: Response) -> Response:
    """Set the headers that every page must carry."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if not getattr(response, "framable", False):
        headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()")
    return response


def add_strict_transport_security(response: Response) -> Response:
    """Tell browsers to use only https here (production, behind a TLS proxy)."""
    seconds = current_app.config.get("HSTS_SECONDS", 0)
    if seconds:
        response.headers.setdefault("Strict-Transport-Security", f"max-age={seconds}")
    return response


def init_app(app: Flask) -> None:
    """Attach the headers to every response; read the client's address and scheme from trusted proxies."""
    app.after_request(add_security_headers)
    app.after_request(add_strict_transport_security)
    proxies = int(app.config.get("TRUSTED_PROXIES", 0))
    if proxies:
        # The rate limiter's key (request.remote_addr) is then the client's address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
