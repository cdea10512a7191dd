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
                Listing.REMOVED: N_("Removed"), Listing.REJECTED: N_("Rejected"),
                Listing.DRAFT: N_("Draft: e-mail not confirmed")}
OUTCOME_NAMES = {IngestRun.OK: N_("Worked"), IngestRun.NOT_MODIFIED: N_("Worked, nothing new"),
                 IngestRun.FAILED: N_("Failed"), IngestRun.BUSY: N_("Skipped: another run was going")}
FIELD_NAMES = {"kind": N_("Kind"), "pathways": N_("Career pathways"), "min_age": N_("Youngest age"),
               "max_age": N_("Oldest age"), "min_grade": N_("Lowest grade"), "max_grade": N_("Highest grade"),
               "pay_status": N_("Pay"), "pay_min": N_("Pay from ($)"), "pay_max": N_("Pay up to ($)"),
               "pay_period": N_("Paid per"), "address": N_("Street address"), "city": N_("City"),
               "state": N_("State"), "zip": N_("ZIP code"), "deadline": N_("Application deadline"),
               "work_mode": N_("Where the work is done"), "apply_url": N_("Apply link"),
               "juniors_seniors": N_("Juniors and seniors enrolled"), "completed": N_("Completed a placement"),
               "source": N_("Source"), "source_url": N_("Web address of the source")}
ACTION_NAMES = {
    "account.create_admin": N_("created an admin account"), "account.update": N_("changed an account"),
    "account.logout_everywhere": N_("logged out everywhere"), "account.password_changed": N_("changed their password"),
    "invite.create": N_("invited someone"), "invite.accept": N_("accepted an invitation"),
    "invite.revoke": N_("withdrew an invitation"), "source.create": N_("added a source"),
    "source.update": N_("changed a source"), "source.import": N_("imported a source"),
    "source.enable": N_("turned a source on"), "source.disable": N_("turned a source off"),
    "source.fetch_now": N_("fetched a source now"), "listing.correct": N_("corrected a listing"),
    "listing.hide": N_("hid a listing"), "listing.restore": N_("put a listing back"),
    "listing.keep_correction": N_("kept a correction over the feed"),
    "listing.take_feed_value": N_("took the feed's value"),
    "placements.set": N_("entered placement figures"), "placements.remove": N_("removed placement figures"),
    "report.dismiss": N_("dismissed problem reports"), "report.hide": N_("hid a reported listing"),
    "report.corrected": N_("resolved problem reports as corrected"),
    "partner.submit": N_("sent a partner listing"), "partner.confirm_email": N_("confirmed a partner's e-mail"),
    "partner.edit": N_("edited a partner listing"), "partner.close": N_("closed a partner listing"),
    "partner.still_open": N_("said a partner listing is still open"), "partner.approve": N_("approved a partner listing"),
    "partner.reject": N_("rejected a partner listing"), "partner.remind": N_("asked whether a listing is still open"),
    "partner.lapse": N_("took down an unconfirmed partner listing"),
    "listing.link_gone": N_("closed a listing whose apply page is gone"),
    "listing.link_back": N_("reopened a listing whose apply link answers again"),
}
REASON_NAMES = {"closed": N_("Closed or filled"), "wrong-details": N_("Wrong details"),
                "broken-link": N_("Broken link"), "unsuitable": N_("Not suitable for young people"),
                "scam": N_("Looks like a scam")}
RESOLUTION_NAMES = {"dismissed": N_("Dismissed"), "hidden": N_("Listing hidden"), "corrected": N_("Corrected")}
# The staff menu: endpoint, label, the role that sees it. Entries whose pages do not exist yet are left out.
MENU = (
    ("staff.sources_list", N_("Sources"), VIEWER),
    ("staff.listings_list", N_("Listings"), EDITOR),
    ("staff.placements", N_("Placement figures"), EDITOR),
    ("staff.reports_list", N_("Problem reports"), EDITOR),
    ("staff.moderation_queue", N_("Partner listings"), EDITOR),
    ("staff.accounts_list", N_("Accounts"), ADMIN),
    ("staff.audit_log", N_("Audit log"), ADMIN),
)


def role_name(role: str) -> str:
    return gettext(ROLE_NAMES.get(role, role))


def status_name(status: str) -> str:
    return gettext(STATUS_NAMES.get(status, status))


def field_label(field: str) -> str:
    return gettext(FIELD_NAMES.get(field, field))


def action_name(action: str) -> str:
    """What an audit entry's action means, in words (unknown actions as their code)."""
    return gettext(ACTION_NAMES[action]) if action in ACTION_NAMES else action


def show_value(value: Any) -> str:
    """A stored value as staff read it; nothing is "not stated"."""
    if value is None or value == "" or value == []:
        return gettext("not stated")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return str(value)


def reason_name(reason: str) -> str:
    return gettext(REASON_NAMES.get(reason, reason))


def resolution_name(resolution: str | None) -> str:
    return gettext(RESOLUTION_NAMES.get(resolution or "", resolution or ""))


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
            "outcome_name": outcome_name, "when": when, "field_label": field_label, "action_name": action_name,
            "show_value": show_value, "reason_name": reason_name, "resolution_name": resolution_name,
            "staff_endpoints": {name for name in current_app.view_functions if name.startswith("staff.")}}
