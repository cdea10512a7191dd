"""Fixtures: an app with a fresh temporary database and index per test."""
from __future__ import annotations

import os
import shutil
import socket
import uuid
from datetime import date, datetime, timezone
from pathlib import Path
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from contextlib import contextmanager
from typing import Any, Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from config import Config
from ingest.cli import register_commands
from ingest.pipeline import run_sources
from ingest.sources import load_sources
from tracker import create_app
from tracker.clock import site_today
from tracker.extensions import db

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_SOURCES = ROOT / "ingest" / "demo" / "sources.toml"


def make_config(tmp: Path, **overrides: object) -> type[Config]:
    """Return a config class whose database and index live under ``tmp``."""
    attrs = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'test.db'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "INDEX_DIR": str(tmp / "index"),
        "SOURCES_FILE": str(DEMO_SOURCES),
        "INDEX_WRITER_TIMEOUT": 2.0,
        # Tests that are not about rate limits are never throttled (tests/test_protection.py
        # sets small limits of its own); CSRF stays on: tests post forms with their token.
        "RATELIMIT_POSTS": "100000 per minute",
        "RATELIMIT_SEARCH": "100000 per minute",
        "PARTNER_SUBMIT_LIMIT": "100000 per minute",
        "RATELIMIT_REPORTS": "100000 per minute",
        # Argon2's cheapest parameters: the suite logs in hundreds of times (tests check the real ones).
        "PASSWORD_HASH_CHEAP": True,
    }
    attrs.update(overrides)
    return type("TestConfig", (Config,), attrs)


def build_app(config: type[Config], create_schema: bool = True) -> Flask:
    app = create_app(config)
    register_commands(app)
    if create_schema:
        with app.app_context():
            db.create_all()
    return app


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    """An app with an empty database and index."""
    app = build_app(make_config(tmp_path))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


def ingest_all(app: Flask) -> list:
    """Run every source in the app's sources file, as `flask ingest run` does."""
    with app.app_context():
        return run_sources(load_sources(app.config["SOURCES_FILE"]), site_today(), datetime.now(timezone.utc))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data ingested once; tests get their own copy of it."""
    folder = tmp_path_factory.mktemp("demo-template")
    app = build_app(make_config(folder))
    reports = ingest_all(app)
    failed = [r for r in reports if r.failed]
    assert not failed, failed
    verified = app.test_cli_runner().invoke(args=["index", "verify"])
    assert verified.exit_code == 0, verified.output
    with app.app_context():
        db.engine.dispose()
    return folder


def copy_of_demo(demo_template: Path, folder: Path, **overrides: object) -> Flask:
    """Return an app (config ``overrides`` applied) on its own copy, in ``folder``, of the ingested demo data and index."""
    shutil.copy(demo_template / "test.db", folder / "test.db")
    shutil.copytree(demo_template / "index", folder / "index", symlinks=True)
    return build_app(make_config(folder, **overrides), create_schema=False)


@pytest.fixture
def demo_app(demo_template: Path, tmp_path: Path) -> Iterator[Flask]:
    """An app holding the ingested demo data in its own copy of the database and index."""
    app = copy_of_demo(demo_template, tmp_path)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def demo_client(demo_app: Flask):
    return demo_app.test_client()


@contextmanager
def sql_statements(app: Flask) -> Iterator[list[str]]:
    """Collect the SQL statements ``app``'s engine sends while the block runs."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def require_postgres() -> str:
    """Return TEST_DATABASE_URL; without it skip on a laptop, and fail where every test must
    run (CI, or REQUIRE_BROWSER=1 as .ci/run sets), as the browser and nginx tests do."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        reason = "TEST_DATABASE_URL is not set: PostgreSQL tests need a server (.ci/run starts one)"
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return url


def in_schema(schema: str) -> dict[str, Any]:
    """Settings for an app on TEST_DATABASE_URL that reads and writes only ``schema``."""
    return {"SQLALCHEMY_DATABASE_URI": os.environ["TEST_DATABASE_URL"],
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={schema}"}}}


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose connections use a fresh schema, dropped afterwards.

    Skips only when TEST_DATABASE_URL is unset on a laptop; .ci/run sets it.
    """
    url = require_postgres()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture
def pg_app(pg_url: str, tmp_path: Path) -> Iterator[Flask]:
    """An app on PostgreSQL (in its own schema) with an empty database and index."""
    config = make_config(tmp_path, **in_schema(pg_url))
    app = build_app(config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


class Mailbox:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        class BoundController(Controller):
            """Serves on a socket already bound to a free port: no window for another process to take it."""

            def __init__(self, handler: Any, sock: socket.socket) -> None:
                super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1])
                self.sock = sock

            def _create_server(self) -> Any:
                return self.loop.create_server(self._factory_invoker, sock=self.sock)

        self.messages: list[EmailMessage] = []
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        self.port = int(listener.getsockname()[1])
        self.controller = BoundController(self, listener)
        self.controller.start()
        self.running = True

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=email_policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    @property
    def config(self) -> dict[str, object]:
        """The MAIL_* settings that send through this server."""
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_USE_TLS": False,
                "MAIL_FROM": "tracker@example.org"}

    def stop(self) -> None:
        if self.running:
            self.controller.stop()
            self.running = False


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    """An SMTP server on 127.0.0.1; pass ``mailbox.config`` to make_config to send mail to it."""
    box = Mailbox()
    yield box
    box.stop()


@pytest.fixture
def mail_app(tmp_path: Path, mailbox: Mailbox) -> Iterator[Flask]:
    """An app with an empty database whose mail goes to ``mailbox``."""
    app = build_app(make_config(tmp_path, **mailbox.config))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def today() -> date:
    return date.today()
