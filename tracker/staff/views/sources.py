"""Sources in the browser: health at a glance, a page per source, add, edit, check now, fetch now."""
from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker import link_checks
from tracker.extensions import db
from tracker.i18n import gettext as _
from tracker.models import Source, utcnow
from tracker.partners.submissions import SOURCE_FORMAT as PARTNER_FORMAT
from tracker.staff import background, sources
from tracker.staff.access import role_required
from tracker.staff.forms import ActionForm
from tracker.staff.ingest_port import CheckResult, IngestPort, ingest_port
from tracker.staff.models import EDITOR, VIEWER
from tracker.staff.source_forms import MAX_UPLOAD_BYTES, SourceForm
from tracker.staff.views import bp


UPLOAD_ENDPOINTS = {"staff.source_new", "staff.source_edit"}


@bp.url_value_preprocessor
def allow_source_uploads(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """Let the source forms take a file up to ingest's own cap, past the site's MAX_CONTENT_LENGTH.

    Set here because URL value preprocessors run before every before_request function,
    and CSRFProtect's (an app-wide one) reads the form, which is when the limit applies.
    """
    if endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = MAX_UPLOAD_BYTES + 1024 * 1024  # the file, and the form around it


@bp.route("/sources")
@role_required(VIEWER)
def sources_list() -> ResponseReturnValue:
    """Every source's health, failing ones first."""
    return render_template("staff/sources.html", rows=sources.health(), now=utcnow(),
                           failing_links=link_checks.failing_counts())


@bp.route("/sources/<int:source_id>")
@role_required(VIEWER)
def source_detail(source_id: int) -> ResponseReturnValue:
    """One source: settings, actions, run history and current listings."""
    source = db.session.get(Source, source_id) or abort(404)
    return _detail_page(source)


def _detail_page(source: Source, result: CheckResult | None = None) -> ResponseReturnValue:
    return render_template("staff/source.html", source=source, runs=sources.history(source),
                           listings=sources.open_listings(source), result=result,
                           failing_links=link_checks.failing_links(source),
                           ingest_available=ingest_port() is not None, fetching=sources.fetch_pending(source, utcnow()))


def _port() -> IngestPort:
    port = ingest_port()
    if port is None:
        abort(503, description=_("Ingest is not available in this process: run the site with `flask --app wsgi`."))
    return port


@bp.route("/sources/new", methods=["GET", "POST"])
@role_required(EDITOR)
def source_new() -> ResponseReturnValue:
    """Add a source: check it first, then save it."""
    return _edit(None)


@bp.route("/sources/<int:source_id>/edit", methods=["GET", "POST"])
@role_required(EDITOR)
def source_edit(source_id: int) -> ResponseReturnValue:
    """Change a source's settings."""
    return _edit(db.session.get(Source, source_id) or abort(404))


def _initial(source: Source | None) -> dict[str, Any]:
    if source is None:
        return {}
    defaults = source.defaults or {}
    return {"name": source.name, "format": source.format, "enabled": source.enabled,
            "url": source.location if source.location.startswith(("http://", "https://")) else "",
            **{key: defaults.get(key) or ("" if key != "pathways" else []) for key in
               ("organisation", "kind", "pathways", "city", "state", "zip")}}


def _edit(source: Source | None) -> ResponseReturnValue:
    port = _port()
    form = SourceForm(port.formats(), current_location=source.location if source else None,
                      data=_initial(source) if request.method == "GET" else None)
    result = None
    if form.validate_on_submit():
        location = _location(form, source)
        if form.name.data and sources.name_taken(form.name.data, other_than=source):
            form.name.errors.append(_("Another source has this name."))
        elif location is not None:
            settings = sources.settings_of(form.name.data, form.format.data, location, form.enabled.data,
                                           form.defaults(source.defaults if source else None))
            if form.save.data:
                saved = sources.save(source, settings, current_user._get_current_object())
                db.session.commit()
                flash(_("The source “%(name)s” is saved.", name=saved.name), "success")
                return redirect(url_for("staff.source_detail", source_id=saved.id))
            result = port.check(settings)
    status = 400 if form.errors else 200
    return render_template("staff/source_form.html", form=form, source=source, result=result), status


def _location(form: SourceForm, source: Source | None) -> str | None:
    """Where the form says the source is; None (with an error on the form) when that is lost."""
    if form.upload.data and form.upload.data.filename:
        form.uploaded.data = sources.keep_upload(form.upload.data)
    if form.uploaded.data:
        path = sources.upload_path(form.uploaded.data)
        if path is None:
            form.upload.errors = [_("The uploaded file is no longer here: upload it again.")]
        return path
    if form.url.data:
        return str(form.url.data)
    return source.location if source else None


@bp.route("/sources/<int:source_id>/switch", methods=["POST"])
@role_required(EDITOR)
def source_switch(source_id: int) -> ResponseReturnValue:
    """Turn a source on or off."""
    source = db.session.get(Source, source_id) or abort(404)
    if source.format == PARTNER_FORMAT:
        # Partner listings come from the /submit form; no ingest run may fetch them.
        flash(_("Partner listings come from the partner form, not from a feed: this source stays off."), "info")
        return redirect(url_for("staff.source_detail", source_id=source.id))
    if ActionForm().validate_on_submit():
        enable = request.form.get("enabled") == "1"
        sources.switch(source, enable, current_user._get_current_object())
        db.session.commit()
        flash(_("The source is on: every ingest run fetches it.") if enable else
              _("The source is off: ingest runs skip it, and its listings stay as they are."), "success")
    return redirect(url_for("staff.source_detail", source_id=source.id))


@bp.route("/sources/<int:source_id>/check", methods=["POST"])
@role_required(EDITOR)
def source_check(source_id: int) -> ResponseReturnValue:
    """Dry-run a saved source and show what it would give."""
    source = db.session.get(Source, source_id) or abort(404)
    port = _port()
    if not ActionForm().validate_on_submit():
        return redirect(url_for("staff.source_detail", source_id=source.id))
    settings = sources.settings_of(source.name, source.format, source.location, source.enabled, source.defaults or {})
    return _detail_page(source, port.check(settings))


@bp.route("/sources/<int:source_id>/fetch", methods=["POST"])
@role_required(EDITOR)
def source_fetch(source_id: int) -> ResponseReturnValue:
    """Ingest a source now, in the background."""
    source = db.session.get(Source, source_id) or abort(404)
    port = _port()
    if ActionForm().validate_on_submit():
        if not source.enabled:
            flash(_("Turn the source on before fetching it."), "error")
        elif sources.fetch_pending(source, utcnow()):
            flash(_("A fetch of this source is already waiting or running."), "info")
        else:
            sources.request_fetch(source, current_user._get_current_object(), utcnow())
            db.session.commit()
            background.fetch_later(current_app._get_current_object(), port, source.id,  # type: ignore[attr-defined]
                                   float(current_app.config.get("STAFF_FETCH_WAIT_SECONDS", 600)))
            flash(_("Fetching now. Reload this page to see the result."), "success")
    return redirect(url_for("staff.source_detail", source_id=source.id))
