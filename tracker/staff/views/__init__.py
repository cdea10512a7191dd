"""The staff blueprint (/staff/): one blueprint, its views split by area."""
from __future__ import annotations

from flask import Blueprint

from tracker.staff.access import deny_unmarked_views, no_store_never_framed
from tracker.staff.words import staff_context

bp = Blueprint("staff", __name__, url_prefix="/staff")
bp.before_request(deny_unmarked_views)
bp.after_request(no_store_never_framed)
bp.context_processor(staff_context)

# Each module adds its views to bp.
from tracker.staff.views import (  # noqa: E402,F401
    accounts, audit_log, auth, dashboard, invites, listings, moderation, placements, reports, sources)
