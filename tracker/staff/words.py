"""Names the staff pages show for roles, statuses and menu entries (translated where shown)."""
from __future__ import annotations

from typing import Any

from flask import current_app

from tracker.i18n import gettext
from tracker.models import Listing
from tracker.staff.models import ADMIN, EDITOR, VIEWER
from tracker.taxonomy import N_

ROLE_NAMES = {ADMIN: N_("Admin"), EDITOR: N_("Editor"), VIEWER: N_("Viewer")}
STATUS_NAMES = {Listing.ACTIVE: N_("Active"), Listing.PENDING: N_("Pending"), Listing.EXPIRED: N_("Expired"),
                Listing.REMOVED: N_("Removed"), Listing.REJECTED: N_("Rejected")}
# The staff menu: endpoint, label, the role that sees it. Entries whose pages do not exist yet are left out.
MENU = (
    ("staff.sources", N_("Sources"), EDITOR),
    ("staff.listings", N_("Listings"), EDITOR),
    ("staff.accounts_list", N_("Accounts"), ADMIN),
    ("staff.audit_log", N_("Audit log"), ADMIN),
)


def role_name(role: str) -> str:
    return gettext(ROLE_NAMES.get(role, role))


def status_name(status: str) -> str:
    return gettext(STATUS_NAMES.get(status, status))


def staff_context() -> dict[str, Any]:
    """The template variables every staff page uses."""
    from tracker.staff.forms import ActionForm

    menu = [(endpoint, gettext(label), role) for endpoint, label, role in MENU
            if endpoint in current_app.view_functions]
    return {"staff_menu": menu, "role_name": role_name, "status_name": status_name, "action_form": ActionForm}
