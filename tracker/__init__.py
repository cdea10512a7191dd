"""Birmingham Career Pathways: the Flask application."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from config import DEV_SECRET_KEY, Config, config_from_env
from tracker import secret_key

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type[Config] | None = None) -> Flask:
    """Build the application with ``config`` (default: the class APP_ENV names)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config or config_from_env())
    _refuse_weak_secret_key(app)
    Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)

    from tracker import (alerts, cli, errors, filters, getting_there, http_cache, i18n, link_checks, listing_cache,
                         milestones, open_data, partners, placements, problem_reports, protection, replica, reports,
                         request_memo, request_size, search, security, snapshots, staff)
    from tracker.extensions import db, migrate
    from tracker.views import pages

    db.init_app(app)
    replica.init_app(app)  # before anything reads: read-only requests use the replica
    # First, so its after-request policy runs last and sees every cookie the others set.
    http_cache.init_app(app, data_stamp=open_data.data_version, index_version=search.index_version)
    # Batch mode lets later migrations alter columns on SQLite too.
    # The PostgreSQL search column and its indexes are not in the models (tracker/search/pg_schema.py).
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     include_object=search.include_in_migrations)
    search.init_app(app)
    listing_cache.init_app(app)  # a worker's recently shown listings, while the data stays as it was
    security.init_app(app)
    protection.init_app(app)  # CSRF tokens and rate limits (issue #11)
    request_size.init_app(app)
    request_memo.init_app(app)  # what a request works out once (language, catalog, link paths)
    i18n.init_app(app)  # the reader's language (issue #6)
    errors.init_app(app)
    filters.init_app(app)
    getting_there.init_app(app)  # transport and buses on cards and listings (issue #18)
    cli.init_app(app)
    app.register_blueprint(pages.bp)
    milestones.init_app(app)  # the cradle-to-career dashboard (issue #5): pages and command
    snapshots.init_app(app)  # the daily history of aggregate counts (issue #16)
    reports.init_app(app)  # the public report and its open data (issue #16)
    placements.init_app(app)  # the 30% goal's placement figures (issue #16)
    _register_open_data(app)
    staff.init_app(app)  # the staff area (issue #14): accounts, sources, corrections
    alerts.init_app(app)  # e-mail alerts of new listings, without an account (issue #18)
    problem_reports.init_app(app)  # "report a problem" on every listing (issue #15)
    partners.init_app(app)  # partner submissions, moderation and freshness (issue #15)
    link_checks.init_app(app)  # when each apply link was last checked (issue #15)
    return app


def _register_open_data(app: Flask) -> None:
    """Serve every search as API, feeds, embed and short link (issue #7), and sitemap/robots."""
    from tracker import open_data, shortlinks, structured_data  # noqa: F401  (shortlinks: its table)
    from tracker.views import api, api_reference, crawlers, embed, feed_page, feeds, saved, share

    open_data.init_app(app)
    structured_data.init_app(app)
    api.init_app(app)  # after errors.init_app: it answers errors under /api/ in JSON
    for blueprint in (feeds.bp, embed.bp, share.bp, crawlers.bp, saved.bp, api_reference.bp, feed_page.bp):
        app.register_blueprint(blueprint)


def _refuse_weak_secret_key(app: Flask) -> None:
    if not app.config.get("REQUIRE_REAL_SECRET_KEY"):
        return
    key = app.config.get("SECRET_KEY") or ""
    if key == DEV_SECRET_KEY:
        raise RuntimeError("Refusing to start: SECRET_KEY must be set to a random value in production "
                           f"(APP_ENV=production). Generate one with: {secret_key.HOW_TO_MAKE_ONE}")
    secret_key.refuse_weak(key)
