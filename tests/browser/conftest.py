"""Real-browser fixtures: Debian's Chromium driven by Playwright, and live servers.

The tracker is served on 127.0.0.1 on a free port; host pages that paste the embed
snippet are served from other ports, which browsers treat as other origins.

Without Chromium (or Playwright) these tests skip on a laptop; with REQUIRE_BROWSER=1,
as CI sets, they fail instead, so a green CI run always includes them.
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from tests.conftest import copy_of_demo

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def unavailable(reason: str) -> None:
    """Skip, or fail when REQUIRE_BROWSER=1 says browser tests must run."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1, but {reason}", pytrace=False)
    pytest.skip(reason)


def _closing(app: Callable[..., Any]) -> Callable[..., Any]:
    """Read each answer whole and close it before the server sends it.

    Werkzeug's development server does not close an answer whose client hung up mid-way
    (a browser dropping a favicon request as it navigates): the open static file is left
    to the garbage collector, whose ResourceWarning then fails whichever test is running.
    """
    def closing(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        answer = app(environ, start_response)
        try:
            return [b"".join(answer)]
        finally:
            if hasattr(answer, "close"):
                answer.close()
    return closing


class LiveServer:
    """A WSGI app served on 127.0.0.1 on a free port, in a daemon thread."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.server: BaseWSGIServer = make_server("127.0.0.1", 0, _closing(app), threaded=True)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


class HostSite:
    """Another organisation's website: one page, whose HTML a test sets."""

    def __init__(self) -> None:
        self.html = "<!doctype html><title>empty</title>"
        self.live = LiveServer(self)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        body = self.html.encode("utf-8")
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]

    @property
    def origin(self) -> str:
        return self.live.origin


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium, launched once for the browser tests."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[test]')")
    if not os.path.exists(CHROMIUM):
        unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install --no-install-recommends chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def city_site() -> Iterator[HostSite]:
    """The City's website, which the tracker lets frame its embed."""
    site = HostSite()
    yield site
    site.live.stop()


@pytest.fixture(scope="module")
def other_site() -> Iterator[HostSite]:
    """A website the tracker does not list in EMBED_FRAME_ANCESTORS."""
    site = HostSite()
    yield site
    site.live.stop()


@pytest.fixture(scope="module")
def tracker(demo_template: Path, tmp_path_factory: pytest.TempPathFactory, city_site: HostSite) -> Iterator[LiveServer]:
    """The tracker on the demo data, allowing only the City's site to frame its embed."""
    folder = tmp_path_factory.mktemp("browser-app")
    app = copy_of_demo(demo_template, folder, EMBED_FRAME_ANCESTORS=city_site.origin)
    live = LiveServer(app)
    yield live
    live.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser tab that enforces every page's Content-Security-Policy."""
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    tab = context.new_page()
    yield tab
    context.close()


# ---- The whole site in a browser (issue #6): every page template, both languages, two widths.

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}

# WCAG 1.4.10 (reflow): content fits 320 CSS pixels without scrolling sideways.
REFLOW = {"width": 320, "height": 640}
PAST_THE_EDGE = """() => {
  const limit = window.innerWidth; let innermost = null;
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.table-scroll')) continue;  // wide tables scroll inside their own box
    const right = Math.max(el.getBoundingClientRect().right, el.getBoundingClientRect().left + el.scrollWidth);
    // document order: the last one past the edge is the innermost, the one to fix
    if (right > limit + 0.5) innermost = [el.outerHTML.slice(0, 120), Math.round(right)];
  }
  return {overflow: document.documentElement.scrollWidth - limit, innermost};
}"""


def past_the_edge(tab: Any) -> dict[str, Any]:
    """How far the page is wider than its viewport, and the innermost element at fault."""
    found: dict[str, Any] = tab.evaluate(PAST_THE_EDGE)
    return found



class Site:
    """The tracker on the demo data (milestone figures loaded, one listing closed), served live."""

    def __init__(self, app: Any) -> None:
        from bench.page_weight import page_paths

        self.app = app
        self.live = LiveServer(app)
        self.origin = self.live.origin
        self.paths = page_paths(app)

    def url(self, path: str, lang: str | None = None) -> str:
        if lang is None:
            return self.origin + path
        return f"{self.origin}{path}{'&' if '?' in path else '?'}lang={lang}"


@pytest.fixture(scope="session")
def site(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from bench.page_weight import prepare_site

    folder = tmp_path_factory.mktemp("browser-site")
    app = copy_of_demo(demo_template, folder)
    prepare_site(app)
    served = Site(app)
    yield served
    served.live.stop()


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """Open browser contexts (closed after the test): new_context(viewport=PHONE, ...)."""
    opened: list[Any] = []

    def make(**options: Any) -> Any:
        context = browser.new_context(**options)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def screenshot(tab: Any, name: str) -> None:
    """Save a full-page screenshot under test-artifacts/pages/."""
    folder = ARTIFACTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(folder / f"{name}.png"), full_page=True)
