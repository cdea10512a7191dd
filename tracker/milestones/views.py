"""The milestone pages: /milestones, /milestones/grades and /milestones/grades/<grade>.

They speak the reader's language, chosen as on every page (tracker/i18n.py); the words
come from the content file, in English and Spanish side by side.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request

from tracker import taxonomy
from tracker.i18n import current_language
from tracker.milestones import dashboard, words

bp = Blueprint("milestones", __name__, url_prefix="/milestones")


@bp.get("")
def index() -> str:
    lang = words.language(current_language())
    # ?grade=11 (a GET form, so it works without JavaScript) puts that grade first.
    grade = request.args.get("grade", "").strip() or None
    return _render("milestones/index.html", lang, page=dashboard.milestones_page(lang, grade))


@bp.get("/grades")
def grades() -> str:
    lang = words.language(current_language())
    return _render("milestones/grades.html", lang, page=dashboard.grades_page(lang))


@bp.get("/grades/<slug>")
def grade(slug: str) -> str:
    lang = words.language(current_language())
    view = dashboard.grade_page(slug, lang)
    if view is None:
        abort(404)
    return _render("milestones/grade.html", lang, view=view)


def _render(template: str, lang: str, **context: Any) -> str:
    content = dashboard.content()
    return render_template(
        template, lang=lang, content=content,
        t=lambda key: content.text(key, lang), fill=words.fill,
        pathway_name=lambda slug: content.term(taxonomy.PATHWAYS, slug, lang),
        grades=content.grades, **context,
    )
