"""The milestone pages: /milestones, /milestones/grades and /milestones/grades/<grade>.

``?lang=es`` shows the Spanish content; anything else shows English.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request

from tracker import taxonomy
from tracker.milestones import dashboard, words

bp = Blueprint("milestones", __name__, url_prefix="/milestones")


@bp.get("")
def index() -> str:
    lang = words.language(request.args.get("lang"))
    return _render("milestones/index.html", lang, page=dashboard.milestones_page(lang))


@bp.get("/grades")
def grades() -> str:
    lang = words.language(request.args.get("lang"))
    return _render("milestones/grades.html", lang, page=dashboard.grades_page(lang))


@bp.get("/grades/<slug>")
def grade(slug: str) -> str:
    lang = words.language(request.args.get("lang"))
    view = dashboard.grade_page(slug, lang)
    if view is None:
        abort(404)
    return _render("milestones/grade.html", lang, view=view)


def _render(template: str, lang: str, **context: Any) -> str:
    content = dashboard.content()
    return render_template(
        template, lang=lang, page_lang=lang, content=content,
        lang_args={"lang": lang} if lang != "en" else {},
        t=lambda key: content.text(key, lang), fill=words.fill,
        pathway_name=lambda slug: content.term(taxonomy.PATHWAYS, slug, lang),
        grades=content.grades, **context,
    )
