"""The alerts' pages: subscribe to a search, confirm, change how often, unsubscribe.

A link from a mail only shows a page; what changes anything is a button (a POST), so a
mail scanner that opens every link confirms or cancels nothing. The unsubscribe address
also takes RFC 8058's one-click POST from mail clients, which carries no form token: the
link's own token is what allows it.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from tracker import clock
from tracker.alerts import subscriptions
from tracker.alerts.forms import ActionForm, ScheduleForm, SubscribeForm
from tracker.alerts.subscriptions import Outcome
from tracker.extensions import csrf, db, limiter
from tracker.i18n import current_language
from tracker.i18n import gettext as _
from tracker.open_data import search_title
from tracker.query import ListingQuery

bp = Blueprint("alerts", __name__, url_prefix="/alerts")


def _subscribe_limit() -> str:
    return str(current_app.config["RATELIMIT_ALERTS"])


def _read_search(args: object) -> ListingQuery:
    query, _problems = ListingQuery.from_args(args, current_app.config["MAX_QUERY_LENGTH"])
    return query


@bp.route("/new", methods=["GET", "POST"])
@limiter.limit(_subscribe_limit, methods=["POST"])
def new() -> ResponseReturnValue:
    """Ask for an address and a schedule for the search in the URL (or the form's hidden fields)."""
    query = _read_search(request.form if request.method == "POST" else request.args)
    form = SubscribeForm()
    if form.validate_on_submit():
        if form.website.data:
            return redirect(url_for("alerts.sent"), code=303)  # a robot: store and send nothing
        outcome = subscriptions.subscribe(form.email.data, query, form.schedule.data, current_language(),
                                          clock.utc_now())
        if outcome in (Outcome.SENT, Outcome.ALREADY):
            return redirect(url_for("alerts.sent"), code=303)
        minutes = int(current_app.config["ALERTS_CONFIRM_INTERVAL_MINUTES"])
        form.email.errors = [
            _("We sent a confirmation to this address less than %(minutes)s minutes ago. Open that mail, "
              "or try again in %(minutes)s minutes.", minutes=minutes) if outcome == Outcome.TOO_SOON
            else _("We could not send the mail just now. Please try again later.")]
    status = 400 if form.errors else 200
    return render_template("alerts/new.html", form=form, query=query, title=search_title(query),
                           search_args=query.to_args(sort="relevance", page=1)), status


@bp.get("/sent")
def sent() -> str:
    return render_template("alerts/sent.html", hours=int(current_app.config["ALERTS_CONFIRM_HOURS"]))


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str) -> ResponseReturnValue:
    """Show a button that confirms the alert (mail scanners open links; they do not press buttons)."""
    alert = subscriptions.by_confirm_token(token)
    now = clock.utc_now()
    if alert is None:
        return _no_alert()
    if alert.confirmation_expired(now):
        return render_template("alerts/expired.html", search_args=alert.query().to_args(page=1),
                               hours=int(current_app.config["ALERTS_CONFIRM_HOURS"])), 410
    form = ActionForm()
    if form.validate_on_submit():
        alert.confirm(now, clock.site_today())
        db.session.commit()
        flash(_("Your alert is on. We will e-mail you when there are new listings."), "success")
        return redirect(url_for("alerts.manage", token=alert.manage_token()), code=303)
    return _private(render_template("alerts/confirm.html", alert=alert, form=form, title=search_title(alert.query())))


@bp.route("/manage/<token>", methods=["GET", "POST"])
def manage(token: str) -> ResponseReturnValue:
    """Show an alert's search and schedule; change how often it comes."""
    alert = subscriptions.by_manage_token(token)
    if alert is None:
        return _no_alert()
    form = ScheduleForm(obj=alert)
    if form.validate_on_submit():
        alert.schedule = form.schedule.data
        db.session.commit()
        flash(_("Saved: how often this alert comes."), "success")
        return redirect(url_for("alerts.manage", token=token), code=303)
    return _private(render_template("alerts/manage.html", alert=alert, form=form, token=token,
                                    unsubscribe_form=ActionForm(), title=search_title(alert.query()),
                                    search_args=alert.query().to_args(page=1)), 400 if form.errors else 200)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058 one-click: the mail client's POST has the link's token, no form's
def unsubscribe(token: str) -> ResponseReturnValue:
    """Delete the alert and its address (POST); a GET shows the manage page, whose button posts here."""
    alert = subscriptions.by_manage_token(token)
    if request.method == "GET":
        if alert is None:
            return _no_alert()
        return redirect(url_for("alerts.manage", token=token), code=303)
    if alert is None:
        # Cancelled already (a second click, or the mail client first): nothing left to do.
        return _private(render_template("alerts/unsubscribed.html", search_args=None))
    search_args = alert.query().to_args(page=1)
    subscriptions.cancel(alert)
    return _private(render_template("alerts/unsubscribed.html", search_args=search_args))


def _no_alert() -> ResponseReturnValue:
    return _private(render_template("alerts/invalid.html"), 404)


def _private(body: str, status: int = 200) -> Response:
    """A page reached by a private link: never cached, and its address never sent on as a referrer."""
    response = current_app.make_response((body, status))
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
