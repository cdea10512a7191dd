"""The public report: /reports (and /reports/print) for a period, each chart's CSV, and the
whole period's listings as CSV, JSON and HSDS-style JSON."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, render_template, request, stream_with_context

from tracker.clock import site_today
from tracker.reports import export
from tracker.reports.build import build_report
from tracker.reports.period import parse_period

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.get("")
def index() -> str:
    return _page(printable=False)


@bp.get("/print")
def printable() -> str:
    return _page(printable=True)


@bp.get("/<slug>.csv")
def chart_csv(slug: str) -> Response:
    period, _ = parse_period(request.args, site_today())
    chart = build_report(period).chart(slug)
    if chart is None:
        abort(404)
    return _download(chart.table.csv_text(), f"{slug}-{period.start}-{period.end}.csv", "text/csv")


@bp.get("/data/listings.csv")
def listings_csv() -> Response:
    period, _ = parse_period(request.args, site_today())
    body = stream_with_context(export.listings_csv(period))
    return _download(body, f"listings-{period.start}-{period.end}.csv", "text/csv")


@bp.get("/data/listings.json")
def listings_json() -> Response:
    period, _ = parse_period(request.args, site_today())
    response = jsonify(export.listings_json(period))
    response.headers["Content-Disposition"] = f'inline; filename="listings-{period.start}-{period.end}.json"'
    return response


@bp.get("/data/programs.hsds.json")
def programs_hsds() -> Response:
    period, _ = parse_period(request.args, site_today())
    return jsonify(export.programs_hsds(period))


@bp.get("/report.zip")
def bundle() -> Response:
    """The whole report for a period as one file to hand on: every chart's CSV, the listings, a README."""
    period, problems = parse_period(request.args, site_today())
    data = export.bundle(build_report(period, problems), period)
    return _download(data, f"report-{period.start}-{period.end}.zip", "application/zip")


def _page(printable: bool) -> str:
    period, problems = parse_period(request.args, site_today())
    report = build_report(period, problems)
    return render_template("reports/index.html", report=report, period=period, printable=printable,
                           csv_columns=export.CSV_COLUMNS, license=export.LICENSE)


def _download(body: Any, filename: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
