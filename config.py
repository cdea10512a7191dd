"""Configuration read from the environment, with safe defaults for a laptop.

Pick a class with APP_ENV (development, production); tests pass their own subclass.
"""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR", BASE_DIR / "instance"))
DEV_SECRET_KEY = "dev-only-not-secret"


def database_url(raw: str | None) -> str:
    """Return a SQLAlchemy URL: DATABASE_URL when set, else a SQLite file under instance/."""
    if not raw:
        return f"sqlite:///{INSTANCE_DIR / 'tracker.db'}"
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a dialect+driver name.
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix):]
    return raw


class Config:
    SITE_NAME = os.environ.get("SITE_NAME", "Birmingham Career Pathways")
    SITE_AREA = os.environ.get("SITE_AREA", "Greater Birmingham, Alabama")
    # Local time of the area served: deadlines are calendar days there.
    # Places (as the ZIP file names them) whose ZIP codes the report lists even with no listing.
    REPORT_AREA_PLACES = os.environ.get("REPORT_AREA_PLACES", "Birmingham")
    SITE_TIMEZONE = os.environ.get("SITE_TIMEZONE", "America/Chicago")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL"))
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # A read replica of DATABASE_URL for read-only pages (tracker/replica.py); unset, none.
    DATABASE_REPLICA_URI = database_url(os.environ["DATABASE_REPLICA_URL"]) if os.environ.get("DATABASE_REPLICA_URL") else ""
    # Where searches run: "whoosh" (an index under INDEX_DIR, one machine) or "postgres"
    # (the listings' own full-text column in DATABASE_URL, which must be PostgreSQL: any
    # number of web nodes, no index of their own).
    SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh")
    INDEX_DIR = os.environ.get("INDEX_DIR", str(INSTANCE_DIR / "index"))
    # Where the SQLite database and the search index live by default.
    INSTANCE_DIR = str(INSTANCE_DIR)
    # Seconds an index writer waits for another writer before giving up.
    INDEX_WRITER_TIMEOUT = float(os.environ.get("INDEX_WRITER_TIMEOUT", "30"))
    # Read Whoosh's storage directly (tracker/search/_whoosh_private.py); 0 forces its public
    # API, which the start-up probe also falls back to when a Whoosh release reads otherwise.
    SEARCH_FAST_PATHS = os.environ.get("SEARCH_FAST_PATHS", "1") == "1"
    # Listings each worker keeps from recent pages of results while the data stays as it
    # was (tracker/listing_cache.py): about 5 KB each. 0 turns the cache off.
    LISTING_CACHE_SIZE = int(os.environ.get("LISTING_CACHE_SIZE", "4096"))
    SOURCES_FILE = os.environ.get("SOURCES_FILE", str(BASE_DIR / "ingest" / "demo" / "sources.toml"))
    # Sources staff add are fetched only from public addresses (no server-side request
    # forgery into this network), checked at every connection and redirect. Set to 1 only
    # where a source really lives on the private network.
    SOURCES_ALLOW_PRIVATE_HOSTS = os.environ.get("SOURCES_ALLOW_PRIVATE_HOSTS", "0") == "1"
    # Show the "demo data" notice while the bundled sample sources are in use.
    DEMO_NOTICE = os.environ.get("DEMO_NOTICE", "1") == "1"
    # The operator's GTFS feed (an http(s) URL of the zip, or a local zip or folder). Unset:
    # nothing about buses is shown. TRANSIT_WALK_MINUTES: how far a walk to a stop may be.
    GTFS_URL = os.environ.get("GTFS_URL", "")
    TRANSIT_WALK_MINUTES = int(os.environ.get("TRANSIT_WALK_MINUTES", "10"))
    RESULTS_PER_PAGE = 20
    MAX_QUERY_LENGTH = 200
    SEND_FILE_MAX_AGE_DEFAULT = 3600
    # Languages the interface speaks (translations/<code>/LC_MESSAGES); the first is the default.
    SUPPORTED_LANGUAGES = tuple(os.environ.get("SUPPORTED_LANGUAGES", "en es").split())
    # Production refuses to start with the development key (see tracker.create_app).
    REQUIRE_REAL_SECRET_KEY = False
    # What one request may send (a 413 page says so): the body, a form's bytes, its fields.
    # The site's forms are a few kilobytes; these leave room for long descriptions.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024)))
    MAX_FORM_MEMORY_SIZE = int(os.environ.get("MAX_FORM_MEMORY_SIZE", "500000"))
    MAX_FORM_PARTS = int(os.environ.get("MAX_FORM_PARTS", "1000"))
    # The longest query string (bytes) the app answers; longer is a 414 (JSON under /api/).
    # Below gunicorn's 4,094-byte request line, so the app, not the server, says so.
    MAX_QUERY_STRING = int(os.environ.get("MAX_QUERY_STRING", "3000"))
    # Behind a reverse proxy: how many proxies in front of the app set X-Forwarded-For and
    # X-Forwarded-Proto (werkzeug's ProxyFix). 0 trusts no such header: a client could forge them.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    # Strict-Transport-Security max-age; 0 sends none (production sends a year).
    HSTS_SECONDS = 0
    # Every form carries a CSRF token (Flask-WTF), valid as long as the browser session:
    # a search page left open all day can still be shared.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_SAMESITE = "Lax"
    # Rate limits per client address (Flask-Limiter; "N per minute; M per hour"). Generous:
    # a school computer lab shares one address. In-memory counters serve one machine; when
    # several serve, point RATELIMIT_STORAGE_URI at Redis (redis://host:6379/0) to share them.
    RATELIMIT_ENABLED = os.environ.get("RATELIMIT_ENABLED", "1") == "1"
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Every POST on the site, together (the share form, and later staff and partner forms).
    RATELIMIT_POSTS = os.environ.get("RATELIMIT_POSTS", "60 per minute; 600 per hour")
    # Searches: the search page, pathways, API, feeds and embeds, together.
    RATELIMIT_SEARCH = os.environ.get("RATELIMIT_SEARCH", "600 per minute")
    # Outgoing mail (tracker/mail.py): with MAIL_SERVER unset, mails are written to the log.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_FROM = os.environ.get("MAIL_FROM", "no-reply@localhost")
    # E-mail alerts (tracker/alerts): how long a confirmation link works (an alert not
    # confirmed by then is deleted); at most one confirmation to an address in this many
    # minutes; listings shown in one mail (it links to the rest); subscriptions allowed
    # per client address, besides every POST's RATELIMIT_POSTS.
    ALERTS_CONFIRM_HOURS = int(os.environ.get("ALERTS_CONFIRM_HOURS", "48"))
    ALERTS_CONFIRM_INTERVAL_MINUTES = int(os.environ.get("ALERTS_CONFIRM_INTERVAL_MINUTES", "10"))
    ALERTS_PER_MAIL = int(os.environ.get("ALERTS_PER_MAIL", "20"))
    RATELIMIT_ALERTS = os.environ.get("RATELIMIT_ALERTS", "5 per minute; 20 per hour")
    # Staff sessions (tracker/staff) end after this long without use, and after
    # STAFF_SESSION_MAX_HOURS however busy.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=float(os.environ.get("STAFF_SESSION_IDLE_HOURS", "2")))
    STAFF_SESSION_MAX_HOURS = float(os.environ.get("STAFF_SESSION_MAX_HOURS", "12"))
    # How long an invitation link to a staff account stays valid.
    STAFF_INVITE_DAYS = int(os.environ.get("STAFF_INVITE_DAYS", "7"))
    # Failed staff logins allowed per account and per address (then a clear "try later").
    STAFF_LOGIN_LIMIT_PER_ACCOUNT = os.environ.get("STAFF_LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes")
    STAFF_LOGIN_LIMIT_PER_ADDRESS = os.environ.get("STAFF_LOGIN_LIMIT_PER_ADDRESS", "20 per 15 minutes")


class DevelopmentConfig(Config):
    pass


class ProductionConfig(Config):
    DEMO_NOTICE = os.environ.get("DEMO_NOTICE", "0") == "1"
    # Production is served over https (through a TLS proxy): browsers must never use http,
    # and cookies (the session and the language) are only sent over https.
    HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
    SESSION_COOKIE_SECURE = True
    REQUIRE_REAL_SECRET_KEY = True


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig}


def config_from_env() -> type[Config]:
    """Return the config class named by APP_ENV (default development)."""
    name = os.environ.get("APP_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"APP_ENV={name!r} is not one of {sorted(CONFIGS)}") from None
