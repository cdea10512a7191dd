"""Names the staff pages show for roles, statuses and menu entries (translated where shown)."""
from __future__ import annotations

from typing import Any

from datetime import datetime, timezone

from babel.dates import format_datetime
from flask import current_app

from tracker.i18n import FORMAT_LOCALES, current_language, gettext
from tracker.models import IngestRun, Listing
from tracker.staff.models import ADMIN, EDITOR, VIEWER
from tracker.taxonomy import N_

ROLE_NAMES = {ADMIN: N_("Admin"), EDITOR: N_("Editor"), VIEWER: N_("Viewer")}
STATUS_NAMES = {Listing.ACTIVE: N_("Active"), Listing.PENDING: N_("Pending"), Listing.EXPIRED: N_("Expired"),
                Listing.REMOVED: N_("Removed"), Listing.REJECTED: N_("Rejected")}
OUTCOME_NAMES = {IngestRun.OK: N_("Worked"), IngestRun.NOT_MODIFIED: N_("Worked, nothing new"),
                 IngestRun.FAILED: N_("Failed"), IngestRun.BUSY: N_("Skipped: another run was going")}
# The staff menu: endpoint, label, the role that sees it. Entries whose pages do not exist yet are left out.
MENU = (
    ("staff.sources_list", N_("Sources"), VIEWER),
    ("staff.listings", N_("Listings"), EDITOR),
    ("staff.accounts_list", N_("Accounts"), ADMIN),
    ("staff.audit_log", N_("Audit log"), ADMIN),
)


def role_name(role: str) -> str:
    return gettext(ROLE_NAMES.get(role, role))


def status_name(status: str) -> str:
    return gettext(STATUS_NAMES.get(status, status))


def outcome_name(outcome: str) -> str:
    return gettext(OUTCOME_NAMES.get(outcome, outcome))


def when(value: datetime | None) -> str:
    """Return a moment as staff read it: date and time, in UTC, in the reader's language."""
    if value is None:
        return ""
    text = format_datetime(value.astimezone(timezone.utc), "medium", tzinfo=timezone.utc,
                           locale=FORMAT_LOCALES.get(current_language(), "en_US"))
    return f"{text} UTC"


def staff_context() -> dict[str, Any]:
    """The template variables every staff page uses."""
    from tracker.staff.forms import ActionForm

    menu = [(endpoint, gettext(label), role) for endpoint, label, role in MENU
            if endpoint in current_app.view_functions]
    return {"staff_menu": menu, "role_name": role_name, "status_name": status_name, "action_form": ActionForm,
            "outcome_name": outcome_name, "when": when,
            "staff_endpoints": {name for name in current_app.view_functions if name.startswith("staff.")}}
