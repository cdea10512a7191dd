"""The staff area (/staff/): accounts and roles, sources and their health, listing corrections.

Public surface for the rest of the app:

- ``audit.record(actor, action, target, before, after)``: add to the audit log.
- ``role_required(role)``, ``public``: who may use a staff view.
- the roles ``ADMIN``, ``EDITOR``, ``VIEWER`` and the models ``StaffUser``, ``AuditEntry``.
"""
from __future__ import annotations

from flask import Flask

from tracker.staff import audit
from tracker.staff.access import login_manager, public, role_required
from tracker.staff.models import ADMIN, EDITOR, ROLES, VIEWER, AuditEntry, Invite, StaffSession, StaffUser

__all__ = ["ADMIN", "EDITOR", "ROLES", "VIEWER", "AuditEntry", "Invite", "StaffSession", "StaffUser",
           "audit", "init_app", "public", "role_required"]


def init_app(app: Flask) -> None:
    """Register the staff pages, the login manager and the ``flask staff`` commands."""
    from tracker.staff.cli import staff_cli
    from tracker.staff.views import bp

    login_manager.init_app(app)
    # Flask-Login reads the session after every response to refresh a "remember me" cookie,
    # which this site never sets; that read would mark every public answer as varying by
    # Cookie and private (tracker/http_cache.py). Staff sessions are loaded only on staff pages.
    app.after_request_funcs[None].remove(login_manager._update_remember_cookie)
    app.register_blueprint(bp)
    app.cli.add_command(staff_cli)
