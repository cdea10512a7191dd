"""The staff home page: what needs attention."""
from __future__ import annotations

import sqlalchemy as sa
from flask import render_template

from tracker import alerts, link_checks
from tracker.extensions import db
from tracker.models import Listing, Source
from tracker.staff import listings, report_queue
from tracker.staff.access import role_required
from tracker.staff.models import VIEWER
from tracker.staff.views import bp


@bp.route("/")
@role_required(VIEWER)
def dashboard() -> str:
    """Show counts of sources and listings, and the sources that are failing."""
    failing = list(db.session.scalars(sa.select(Source).where(Source.consecutive_failures > 0)
                                      .order_by(Source.consecutive_failures.desc(), Source.name)))
    counts = dict(db.session.execute(sa.select(Listing.status, sa.func.count()).group_by(Listing.status)).all())
    sources = db.session.scalar(sa.select(sa.func.count()).select_from(Source)) or 0
    return render_template("staff/dashboard.html", failing=failing, counts=counts, source_count=sources,
                           to_review=len(listings.with_feed_changes()), reports_waiting=report_queue.waiting(),
                           alert_counts=alerts.counts(), failing_links=sum(link_checks.failing_counts().values()))
