"""Editors enter the 30% goal's figures on a staff page: checked, kept when wrong, audited."""
from __future__ import annotations

import re

import sqlalchemy as sa

from tests.staff_helpers import log_in, make_staff, post_form
from tracker.extensions import db
from tracker.placements import PlacementFigure
from tracker.staff.models import EDITOR, AuditEntry

FORM = "/staff/placements"


def figures(app) -> list[tuple[int, str, int, int]]:
    with app.app_context():
        return [(f.school_year, f.school, f.juniors_seniors, f.completed)
                for f in db.session.scalars(sa.select(PlacementFigure).order_by(PlacementFigure.id))]


def editor(app):
    make_staff(app, "e@example.org", EDITOR, name="Eve Editor")
    client = app.test_client()
    log_in(client, "e@example.org")
    return client


def test_wrong_figures_are_named_beside_their_fields_and_kept(app) -> None:
    client = editor(app)
    bad = post_form(client, FORM, {"school_year": "2024", "school": "Tiny Academy", "juniors_seniors": "100",
                                   "completed": "120", "source": "", "source_url": "ftp://x"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400
    for message in ("Write the school year as 2024-25.", "More completed a placement (120) than were enrolled (100)",
                    "Say where the figures come from", "starting with http:// or https://"):
        assert message in html
    for typed in ('value="2024"', 'value="Tiny Academy"', 'value="100"', 'value="120"', 'value="ftp://x"'):
        assert typed in html
    assert 'aria-invalid="true"' in html and figures(app) == []


def test_saving_reaches_the_milestones_card_and_is_audited_with_the_old_values(app) -> None:
    client = editor(app)
    ok = post_form(client, FORM, {"school_year": "2024-25", "juniors_seniors": "2500", "completed": "650",
                                  "source": "BCS CTE office", "source_url": "https://example.org/report"})
    assert ok.status_code == 302
    page = client.get(FORM).get_data(as_text=True)
    assert "The figures for 2024–25 district are saved" in page and "26.0%" in page
    card = re.search(r'id="work-based-learning".*?</article>', app.test_client().get("/milestones").get_data(as_text=True),
                     re.S).group(0)
    assert "26%" in card
    again = post_form(client, FORM, {"school_year": "2024–2025", "juniors_seniors": "2500", "completed": "700",
                                     "source": "BCS CTE office"})
    assert again.status_code == 302 and figures(app) == [(2024, "", 2500, 700)]
    with app.app_context():
        entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "placements.set")
                                     .order_by(AuditEntry.id)).all()
        assert len(entries) == 2 and all("Eve Editor" in e.actor_label for e in entries)
        assert entries[0].before is None and entries[1].before["completed"] == 650
        assert entries[1].after["completed"] == 700


def test_a_small_school_is_entered_but_never_published(app) -> None:
    client = editor(app)
    post_form(client, FORM, {"school_year": "2024-25", "juniors_seniors": "2500", "completed": "650",
                             "source": "BCS"})
    post_form(client, FORM, {"school_year": "2024-25", "school": "Tiny Academy", "juniors_seniors": "40",
                             "completed": "4", "source": "BCS"})
    staff_page = client.get(FORM).get_data(as_text=True)
    assert "not shown (fewer than 10)" in staff_page  # staff see why
    report = app.test_client().get("/reports").get_data(as_text=True)
    tiny = re.search(r"<tr>(?:(?!</tr>).)*Tiny Academy.*?</tr>", report, re.S).group(0)
    assert "fewer than 10" in tiny and not re.search(r">\s*4\s*<", tiny)


def test_a_row_can_be_changed_from_its_link_and_removed(app) -> None:
    client = editor(app)
    post_form(client, FORM, {"school_year": "2023-24", "juniors_seniors": "2400", "completed": "480",
                             "source": "BCS"})
    with app.app_context():
        figure_id = db.session.scalar(sa.select(PlacementFigure.id))
    prefilled = client.get(f"{FORM}?edit={figure_id}").get_data(as_text=True)
    assert 'value="2023-24"' in prefilled and 'value="2400"' in prefilled and "Change 2023–24 district" in prefilled
    removed = post_form(client, f"{FORM}/{figure_id}/remove", {}, page=FORM)
    assert removed.status_code == 302 and figures(app) == []
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "placements.remove"))
        assert entry.before["completed"] == 480 and entry.after is None
