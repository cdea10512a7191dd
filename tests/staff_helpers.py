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
