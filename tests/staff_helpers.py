"""Staff accounts for tests: make one, log a test client in with a real form and CSRF token."""
from __future__ import annotations

import re
from typing import Any

from flask import Flask

from tracker.extensions import db
from tracker.staff import passwords
from tracker.staff.models import StaffUser

PASSWORD = "a long passphrase nobody guesses"
_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def make_staff(app: Flask, email: str, role: str, password: str = PASSWORD, name: str = "Sam Staff",
               active: bool = True) -> int:
    """Create a staff account and return its id."""
    with app.app_context():
        user = StaffUser(name=name, email=email, role=role, password_hash=passwords.hash_password(password),
                         active=active)
        db.session.add(user)
        db.session.commit()
        return user.id


def csrf_token(html: str) -> str:
    """Return the CSRF token of the first form in ``html``."""
    match = _CSRF.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1) or match.group(2)


def post_form(client: Any, path: str, data: dict[str, Any], page: str | None = None, **kwargs: Any) -> Any:
    """Open ``page`` (default ``path``), take its CSRF token, and post ``data`` to ``path``."""
    token = csrf_token(client.get(page or path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data}, **kwargs)


def log_in(client: Any, email: str, password: str = PASSWORD) -> Any:
    """Log ``client`` in through the login form; return the response."""
    return post_form(client, "/staff/login", {"email": email, "password": password})


class FeedServer:
    """An HTTP server on 127.0.0.1 answering paths a test sets: {path: (status, body)}."""

    def __init__(self) -> None:
        import threading

        from werkzeug.serving import make_server

        self.pages: dict[str, tuple[int, bytes]] = {}
        self.server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _app(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        status, body = self.pages.get(environ["PATH_INFO"], (404, b"not here"))
        start_response(f"{status} {'OK' if status == 200 else 'Error'}",
                       [("Content-Type", "application/rss+xml"), ("Content-Length", str(len(body)))])
        return [body]

    def url(self, path: str) -> str:
        return self.origin + path

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
