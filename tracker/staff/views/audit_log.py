"""The audit log, for admins: who changed what, when, from what to what."""
from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue

from tracker.staff import audit
from tracker.staff.access import role_required
from tracker.staff.models import ADMIN
from tracker.staff.views import bp

PER_PAGE = 50


@bp.route("/audit")
@role_required(ADMIN)
def audit_log() -> ResponseReturnValue:
    """Every change by staff and commands, newest first."""
    page = max(1, min(request.args.get("page", 1, type=int), 100_000))
    entries, total = audit.entries(page=page, per_page=PER_PAGE)
    return render_template("staff/audit.html", entries=entries, total=total, page=page,
                           pages=max(1, -(-total // PER_PAGE)))
