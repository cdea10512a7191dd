"""Editors enter the 30% goal's figures: aggregate counts per school year, never a student."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from tracker.extensions import db
from tracker.i18n import gettext as _
from tracker.placements import rules, store
from tracker.placements.models import PlacementFigure
from tracker.staff import audit
from tracker.staff.access import role_required
from tracker.staff.forms import ActionForm
from tracker.staff.models import EDITOR
from tracker.staff.placement_forms import PlacementForm
from tracker.staff.views import bp


@bp.route("/placements", methods=["GET", "POST"])
@role_required(EDITOR)
def placements() -> ResponseReturnValue:
    """List the figures as stored and as published; add or replace one school year's."""
    editing = db.session.get(PlacementFigure, request.args.get("edit", type=int) or 0)
    form = PlacementForm(data=_values(editing) if editing else None)
    if form.validate_on_submit():
        try:
            saved = store.save(form.school_year.data, form.school.data or "", form.juniors_seniors.data,
                               form.completed.data, form.source.data, form.source_url.data or None)
        except store.PlacementError as exc:  # the form checks the same rules; this is the backstop
            db.session.rollback()
            for name, problem in exc.problems.items():
                form[name].errors.append(problem)
        else:
            after = {name: getattr(saved.figure, name) for name in store.FIELDS}
            audit.record(current_user._get_current_object(), "placements.set", saved.figure, saved.before, after)
            db.session.commit()
            flash(_("The figures for %(what)s are saved; the milestones page and the report show them now.",
                    what=str(saved.figure)), "success")
            return redirect(url_for("staff.placements"))
    published = {(year.school_year, row.school): row for year in store.by_year()
                 for row in ((year.district,) if year.district else ()) + year.schools}
    return render_template("staff/placements.html", form=form, editing=editing, figures=store.all_figures(),
                           published=published, goal=rules.GOAL_PERCENT, min_group=rules.MIN_GROUP,
                           fewer=rules.FEWER, remove_form=ActionForm()), 400 if form.errors else 200


def _values(figure: PlacementFigure) -> dict[str, object]:
    """The form's fields filled from a stored row (its year written as 2024-25)."""
    return {"school_year": figure.school_year_label.replace("–", "-"), "school": figure.school,
            **{name: getattr(figure, name) for name in store.FIELDS}}


@bp.route("/placements/<int:figure_id>/remove", methods=["POST"])
@role_required(EDITOR)
def placement_remove(figure_id: int) -> ResponseReturnValue:
    """Remove one row entered by mistake."""
    figure = db.session.get(PlacementFigure, figure_id) or abort(404)
    if ActionForm().validate_on_submit():
        before = {name: getattr(figure, name) for name in store.FIELDS}
        audit.record(current_user._get_current_object(), "placements.remove", figure, before, None)
        db.session.delete(figure)
        db.session.commit()
        flash(_("The figures for %(what)s are removed.", what=str(figure)), "success")
    return redirect(url_for("staff.placements"))
