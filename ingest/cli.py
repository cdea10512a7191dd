"""``flask ingest …`` commands: run the pipeline, show source health, dry-run a source."""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup

from ingest.errors import IngestError
from ingest.links import cli as links_cli
from ingest.parsers import FORMATS
from ingest.pipeline import SourceReport, check, run_sources
from ingest.records import SourceDefaults
from ingest.retrieve import retrieve
from ingest.service import IngestService
from ingest.sources import SourceConfig, config_from_row, import_sources, managed_in_database
from ingest.transit import TransitReport, forget_transit, refresh_transit
from tracker import locks, snapshots
from tracker.clock import site_today
from tracker.extensions import db
from tracker.models import Listing, Source, utcnow
from tracker.staff import ingest_port

ingest_cli = AppGroup("ingest", help="Fill the database and search index from sources.")


@ingest_cli.command("run")
@click.option("--source", "only", metavar="NAME", help="Ingest only the source with this name.")
@click.option("--wait", "wait_seconds", type=float, default=0, metavar="SECONDS",
              help="Wait this long for another ingest or reindex to finish.")
def run_command(only: str | None, wait_seconds: float) -> None:
    """Ingest every enabled source in the sources table."""
    if not managed_in_database():
        # Until sources are managed in the database (a fresh install, or one from before),
        # the sources file fills the table first: `make run` works as it always has.
        try:
            added, updated = import_sources(current_app.config["SOURCES_FILE"])
        except IngestError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Sources imported from {current_app.config['SOURCES_FILE']}: {added} added, {updated} updated.",
                   err=True)
    configs = [config_from_row(row) for row in db.session.scalars(sa.select(Source).order_by(Source.name))]
    if only:
        configs = [c for c in configs if c.name == only]
        if not configs:
            raise click.ClickException(f"no source named {only!r}; `flask ingest sources` lists them")
    enabled = [c for c in configs if c.enabled]
    try:
        with locks.writer(wait_seconds):
            reports = _run_with_progress(enabled)
            # New listings need their bus access; the feed is fetched only when it changed.
            transit = _refresh_transit() if current_app.config["GTFS_URL"] else None
            if transit is None:
                forget_transit(site_today())  # a feed no longer configured must not leave answers behind
    except locks.Busy as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(_summary_table(reports))
    # Today's history: counted after every run, whatever failed (what is stored is what the public sees).
    taken = snapshots.take(method=snapshots.Snapshot.INGEST)
    click.echo(f"Snapshot of {taken.day}: {taken.counts} counts{' (replacing an earlier one today)' if taken.replaced else ''}.")
    failed = [r for r in reports if r.failed]
    for report in failed:
        click.echo(f"FAILED {report.name}: {report.error}", err=True)
    if failed or (transit is not None and transit.failed):
        sys.exit(1)


@ingest_cli.command("transit")
@click.option("--wait", "wait_seconds", type=float, default=0, metavar="SECONDS",
              help="Wait this long for another ingest or reindex to finish.")
def transit_command(wait_seconds: float) -> None:
    """Refresh the GTFS feed (GTFS_URL) and which listings are a walk from a bus stop."""
    if not current_app.config["GTFS_URL"]:
        raise click.ClickException("GTFS_URL is not set: no transit feed to read (see README, 'Getting there')")
    try:
        with locks.writer(wait_seconds):
            report = _refresh_transit()
    except locks.Busy as exc:
        raise click.ClickException(str(exc)) from None
    if report.failed:
        sys.exit(1)


def _refresh_transit() -> TransitReport:
    config = current_app.config
    report = refresh_transit(config["GTFS_URL"], Path(config["INSTANCE_DIR"]), site_today(), utcnow(),
                             config["TRANSIT_WALK_MINUTES"])
    if report.failed:
        click.echo(f"FAILED transit feed: {report.error} (earlier stops kept)", err=True)
        return report
    click.echo(f"transit feed {report.outcome}: {report.stops} stops with service; {report.reachable} of "
               f"{report.checked} listings with an exact place are within a {config['TRANSIT_WALK_MINUTES']}-minute "
               f"walk of one ({report.changed} changed)")
    for warning in report.warnings:
        click.echo(f"  transit feed: {warning}")
    return report


@ingest_cli.command("import-sources")
@click.argument("path", type=click.Path(dir_okay=False))
def import_sources_command(path: str) -> None:
    """Add the sources of a TOML file to the sources table, or update those of the same name."""
    try:
        added, updated = import_sources(path)
    except IngestError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{added} sources added, {updated} updated from {path}.")


@ingest_cli.command("sources")
def sources_command() -> None:
    """Show each source's health."""
    counts = dict(db.session.execute(
        sa.select(Listing.source_id, sa.func.count()).where(Listing.status == Listing.ACTIVE).group_by(Listing.source_id)
    ).all())
    rows = [("source", "format", "last success", "failures", "open listings", "last error")]
    for source in db.session.scalars(sa.select(Source).order_by(Source.name)):
        rows.append((
            source.name, source.format,
            f"{source.last_success_at:%Y-%m-%d %H:%M}" if source.last_success_at else "never",
            str(source.consecutive_failures), str(counts.get(source.id, 0)), (source.last_error or "")[:80],
        ))
    click.echo(_table(rows))


@ingest_cli.command("check")
@click.argument("location")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="auto", show_default=True)
@click.option("--kind", default=None, metavar="KIND",
              help='The source\'s default kind, as in the sources file ("workshop" for a source of events).')
def check_command(location: str, fmt: str, kind: str | None) -> None:
    """Dry-run a file or URL: print the listings it would give, store nothing."""
    if "://" not in location:
        location = str(Path(location).resolve())
    try:
        retrieved = retrieve(location)
        parsed, listings, problems = check(retrieved.content or b"", fmt, SourceDefaults(kind=kind), site_today())
    except IngestError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # a dry run answers in one line, whatever the input
        click.echo(f"error: could not read {location}: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
    for listing in listings:
        ages = f"{listing.min_age or ''}-{listing.max_age or ''}" if (listing.min_age or listing.max_age) else "-"
        click.echo(f"- {listing.title} | {listing.organisation} | {listing.kind} | "
                   f"{','.join(listing.pathways) or '-'} | ages {ages} | pay {listing.pay_status} | "
                   f"deadline {listing.deadline or '-'} | {listing.apply_url or 'no link'}")
        if listing.merged_ids:
            click.echo(f"  also posted as {', '.join(listing.merged_ids)}"
                       + (f" at {', '.join(listing.alternate_urls)}" if listing.alternate_urls else ""))
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"{len(listings)} listings from {len(parsed.entries)} entries.")
    if not listings:
        click.echo("error: no listings found", err=True)
        sys.exit(1)


def _run_with_progress(configs: list[SourceConfig]) -> list[SourceReport]:
    if not sys.stderr.isatty():
        return run_sources(configs, site_today(), utcnow())
    with click.progressbar(length=len(configs), label="Ingesting", file=sys.stderr,
                           item_show_func=lambda name: name) as bar:
        return run_sources(configs, site_today(), utcnow(), progress=lambda name: bar.update(1, name))


def _summary_table(reports: list[SourceReport]) -> str:
    rows = [("source", "outcome", "new", "updated", "unchanged", "closed", "skipped")]
    for r in reports:
        rows.append((r.name, r.outcome, str(r.new), str(r.updated), str(r.unchanged), str(r.closed), str(r.skipped)))
    lines = [_table(rows)]
    for r in reports:
        lines.extend(f"  {r.name}: {w}" for w in r.warnings[:5])
        if len(r.warnings) > 5:
            lines.append(f"  {r.name}: … and {len(r.warnings) - 5} more warnings")
    return "\n".join(lines)


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def register_commands(app: Flask) -> None:
    """Attach the ingest commands to ``app``, and ingest itself to the staff pages."""
    app.cli.add_command(ingest_cli)
    links_cli.register(app)
    ingest_port.register(app, IngestService())
