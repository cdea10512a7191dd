"""Who may see a staff page: Flask-Login sessions, roles, and deny-by-default.

Every view of the staff blueprint must say who may use it, with ``role_required`` or
``public``; a view that says neither answers 403 to everyone (tests/test_staff_roles.py
walks every route).
"""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable, TypeVar

from flask import Response, abort, current_app, request
from flask_babel import lazy_gettext as _
from flask_login import LoginManager, current_user

from tracker.security import content_security_policy
from tracker.staff.models import ROLES, StaffUser
from tracker.staff.sessions import session_user

login_manager = LoginManager()
login_manager.login_view = "staff.login"
login_manager.login_message = _("Please log in to see that page.")
login_manager.login_message_category = "info"
# A session moved to another address or browser is dropped.
login_manager.session_protection = "strong"

View = TypeVar("View", bound=Callable[..., Any])


@login_manager.user_loader
def load_user(session_id: str) -> StaffUser | None:
    """Return the account of a session, if the account is active and the session not ended."""
    return session_user(session_id)


def role_required(role: str) -> Callable[[View], View]:
    """Let only signed-in staff with ``role`` (or a stronger one) use the view."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.can(role):
                abort(403)
            return view(*args, **kwargs)
        checked.required_role = role  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]
    return decorate


def public(view: View) -> View:
    """Mark a staff view anyone may use (the login page, an invitation link)."""
    view.required_role = None  # type: ignore[attr-defined]
    return view


def deny_unmarked_views() -> None:
    """Refuse a staff view that names no role: forgetting the check must not open a page."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or not hasattr(view, "required_role"):
        abort(403)


def no_store_never_framed(response: Response) -> Response:
    """Keep staff pages out of caches and out of frames."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    response.headers["X-Frame-Options"] = "DENY"
    # The site's policy, with frame-ancestors 'none' (tracker.security sets the rest).
    response.headers["Content-Security-Policy"] = content_security_policy("'none'")
    return response
