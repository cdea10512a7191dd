"""Every /staff/ route, walked as anonymous, viewer, editor and admin (issue 14).

The routes come from the app's URL map, so a new staff page cannot be left out: a route
missing from REQUIRED_ROLE, or with an argument no sample value fills, fails the walk.
"""
from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from tests.conftest import FIXTURES
from tests.staff_helpers import csrf_token, log_in, make_staff
from tracker.extensions import db
from tracker.models import Listing, Source, utcnow
from tracker.placements import PlacementFigure
from tracker.partners import PartnerSubmission
from tracker.staff import background
from tracker.staff.models import ADMIN, EDITOR, ROLES, VIEWER, Invite

ANONYMOUS = "anonymous"
PUBLIC = None
# Who may use each staff endpoint: PUBLIC, or the weakest role allowed.
REQUIRED_ROLE: dict[str, str | None] = {
    "staff.login": PUBLIC,
    "staff.accept_invite": PUBLIC,
    "staff.dashboard": VIEWER,
    "staff.account": VIEWER,
    "staff.logout": VIEWER,
    "staff.logout_everywhere": VIEWER,
    "staff.accounts_list": ADMIN,
    "staff.invite": ADMIN,
    "staff.revoke_invite": ADMIN,
    "staff.account_edit": ADMIN,
    "staff.sources_list": VIEWER,
    "staff.source_detail": VIEWER,
    "staff.source_new": EDITOR,
    "staff.source_edit": EDITOR,
    "staff.source_switch": EDITOR,
    "staff.source_check": EDITOR,
    "staff.source_fetch": EDITOR,
    "staff.listings_list": EDITOR,
    "staff.listing_edit": EDITOR,
    "staff.listing_hide": EDITOR,
    "staff.listing_restore": EDITOR,
    "staff.listing_feed_change": EDITOR,
    "staff.audit_log": ADMIN,
    "staff.placements": EDITOR,
    "staff.placement_remove": EDITOR,
    "staff.reports_list": EDITOR,
    "staff.report_detail": EDITOR,
    "staff.report_dismiss": EDITOR,
    "staff.report_hide": EDITOR,
    "staff.report_corrected": EDITOR,
    "staff.moderation_queue": EDITOR,
    "staff.submission_review": EDITOR,
    "staff.submission_approve": EDITOR,
    "staff.submission_reject": EDITOR,
}


def staff_routes(app: Flask) -> list[tuple[str, str, str]]:
    """Return (endpoint, rule, method) for every staff route and method."""
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("staff."):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                routes.append((rule.endpoint, rule.rule, method))
    return routes


@pytest.fixture
def walk_app(app: Flask) -> Flask:
    """An app with one account of each role and a sample of everything a staff URL can name."""
    for role in ROLES:
        make_staff(app, f"{role}@example.org", role, name=f"The {role}")
    with app.app_context():
        # Two invitations: walking "withdraw" must not spoil the link the accept page opens.
        to_withdraw, _ = Invite.issue("someone@example.org", VIEWER, None, 7, utcnow())
        to_open, token = Invite.issue("someone.else@example.org", VIEWER, None, 7, utcnow())
        db.session.add_all([to_withdraw, to_open])
        db.session.commit()
        # A source on a local file: "check now" and "fetch now" work without a network.
        source = Source(name="Sample", format="rss", location=str(FIXTURES / "two_jobs.rss"), defaults={})
        listing = Listing(source=source, external_id="walk-1", title="Walk listing", organisation="Org",
                          kind="job", pathways=[])
        figure = PlacementFigure(school_year=2024, school="", juniors_seniors=2500, completed=650, source="BCS")
        # A partner's listing: the moderation pages open only those.
        submission = PartnerSubmission(listing=listing, contact_email="partner@example.org", supervisor="Sam",
                                       policy={})
        db.session.add_all([source, listing, figure, submission])
        db.session.commit()
        app.config["WALK_SAMPLES"] = {"invite_id": to_withdraw.id, "user_id": 1, "token": token,
                                      "source_id": source.id, "listing_id": listing.id, "figure_id": figure.id}
    return app


def sample_url(app: Flask, rule: str) -> str:
    samples: dict[str, Any] = app.config["WALK_SAMPLES"]

    def fill(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[-1]
        assert name in samples, f"add a sample value for <{name}> in {rule} to the role walk"
        return str(samples[name])
    return re.sub(r"<([^>]+)>", fill, rule)


def test_every_staff_route_is_in_the_table(app: Flask) -> None:
    endpoints = {endpoint for endpoint, _, _ in staff_routes(app)}
    assert endpoints == set(REQUIRED_ROLE), "give each new staff route its role in REQUIRED_ROLE"
    for endpoint in endpoints:
        declared = getattr(app.view_functions[endpoint], "required_role", "missing")
        assert declared == REQUIRED_ROLE[endpoint], endpoint


@pytest.mark.parametrize("who", [ANONYMOUS, *ROLES])
def test_walk_every_staff_route(walk_app: Flask, who: str) -> None:
    for endpoint, rule, method in staff_routes(walk_app):
        client = walk_app.test_client()
        if who != ANONYMOUS:
            assert log_in(client, f"{who}@example.org").status_code == 302
        # A real CSRF token of this session: the answer must come from the role check, not a CSRF refusal.
        token = csrf_token(client.get("/staff/login" if who == ANONYMOUS else "/staff/account").get_data(as_text=True))
        url = sample_url(walk_app, rule)
        response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
        required = REQUIRED_ROLE[endpoint]
        where = f"{method} {url} as {who}"
        if required is PUBLIC:
            # Open to all: shown, or a form that says what is missing, or (logged in) sent on.
            assert response.status_code in ((200, 302) if method == "GET" else (200, 302, 400, 401)), where
        elif who == ANONYMOUS:
            assert response.status_code == 302, where
            assert response.headers["Location"].startswith("/staff/login?next="), where
        elif ROLES.index(who) > ROLES.index(required):
            assert response.status_code == 403, where
        elif method == "GET":
            assert response.status_code == 200, where
        else:
            # Allowed: the action ran, or said what was missing from the empty form.
            assert response.status_code in (200, 302, 400), where
            if response.status_code == 302:
                assert not response.headers["Location"].startswith("/staff/login?next="), where
    assert background.wait_until_idle(30)


def test_a_view_without_a_role_is_refused_to_everyone(app: Flask) -> None:
    from tracker.staff.views import bp

    @app.route("/staff/forgotten", endpoint="staff.forgotten")
    def forgotten() -> str:
        return "should never show"

    make_staff(app, "admin@example.org", ADMIN)
    client = app.test_client()
    assert client.get("/staff/forgotten").status_code == 403
    log_in(client, "admin@example.org")
    assert client.get("/staff/forgotten").status_code == 403
    assert bp.name == "staff"
