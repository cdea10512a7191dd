"""The staff area in Chromium: every staff page passes axe (EN and ES), and an editor's
whole day works with JavaScript off: created by CLI, invited, sources, corrections, hides."""
from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from bench.page_weight import LANGUAGES
from tests.browser.conftest import DESKTOP, PHONE, REFLOW, LiveServer, past_the_edge, screenshot
from tests.conftest import FIXTURES, copy_of_demo
from tests.staff_helpers import PASSWORD, FeedServer
from tests.staff_pages import ADMIN_EMAIL, EXPECTED_STATUS, PUBLIC_PAGES, staff_page_paths
from tracker.extensions import db
from tracker.staff import background

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STAFF_PAGES = ("login", "invite-accept", "invite-invalid", "dashboard", "account", "accounts", "account-edit",
               "sources", "source", "source-new", "source-edit", "listings", "listing", "listing-hidden", "audit",
               "placements", "reports", "report", "submissions", "submission")


class StaffSite:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.paths = staff_page_paths(app)
        self.live = LiveServer(app)
        self.origin = self.live.origin

    def url(self, path: str, lang: str | None = None) -> str:
        return self.origin + path + (f"{'&' if '?' in path else '?'}lang={lang}" if lang else "")


@pytest.fixture(scope="module")
def staff_site(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaffSite]:
    app = copy_of_demo(demo_template, tmp_path_factory.mktemp("staff-site"))
    site = StaffSite(app)
    yield site
    site.live.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def log_in(tab: Any, origin: str, email: str, password: str = PASSWORD) -> None:
    tab.goto(origin + "/staff/login")
    tab.get_by_label("E-mail address").fill(email)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(re.compile(r"/staff/$"))


def test_that_every_staff_page_is_in_the_list(staff_site: StaffSite) -> None:
    assert set(STAFF_PAGES) == set(staff_site.paths)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_accessibility_violations_on_staff_pages(staff_site: StaffSite, new_context: Any, axe: Any,
                                                    lang: str) -> None:
    # axe is injected as a script, which the pages' CSP (rightly) refuses; let it in here.
    anonymous = new_context(viewport=DESKTOP, bypass_csp=True).new_page()
    admin = new_context(viewport=DESKTOP, bypass_csp=True).new_page()
    log_in(admin, staff_site.origin, ADMIN_EMAIL)
    found = {}
    for name in STAFF_PAGES:
        tab = anonymous if name in PUBLIC_PAGES else admin
        response = tab.goto(staff_site.url(staff_site.paths[name], lang))
        assert response.status == EXPECTED_STATUS.get(name, 200), name
        assert tab.locator("html").get_attribute("lang") == lang
        results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in results.response["violations"]]
        if violations:
            found[name] = violations
        screenshot(tab, f"staff-{name}-{lang}")
    assert found == {}


def test_staff_pages_fit_a_phone(staff_site: StaffSite, new_context: Any) -> None:
    tab = new_context(viewport=REFLOW).new_page()
    log_in(tab, staff_site.origin, ADMIN_EMAIL)
    for name in STAFF_PAGES:
        if name in PUBLIC_PAGES:
            continue
        tab.goto(staff_site.url(staff_site.paths[name]))
        found = past_the_edge(tab)
        assert found["overflow"] <= 0, f"{name} is {found['overflow']}px wider than 320px: {found['innermost']}"


def test_a_password_can_be_shown_with_javascript_and_is_masked_without(staff_site: StaffSite,
                                                                        new_context: Any) -> None:
    """ASVS 2.1.12: one may look at the password one typed; the field is masked again on sending."""
    tab = new_context(viewport=PHONE).new_page()
    tab.goto(staff_site.origin + "/staff/login")
    field, toggle = tab.get_by_label("Password"), tab.get_by_role("button", name="Show password")
    field.fill("what I typed")
    assert field.get_attribute("type") == "password" and toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert field.get_attribute("type") == "text" and toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert field.get_attribute("type") == "password"
    toggle.click()
    tab.get_by_label("E-mail address").fill(ADMIN_EMAIL)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(re.compile(r"/staff/login$"))
    assert tab.get_by_label("Password").get_attribute("type") == "password"
    no_script = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    no_script.goto(staff_site.origin + "/staff/login")
    assert no_script.locator("button.show-password").is_hidden()


def fetch_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback server
        return json.loads(response.read())


def fetch_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback server
        return response.read().decode("utf-8")


def test_an_editors_day_without_javascript(demo_template: Path, tmp_path: Path, new_context: Any) -> None:
    from playwright.sync_api import expect

    app = copy_of_demo(demo_template, tmp_path, SOURCES_ALLOW_PRIVATE_HOSTS=True, STAFF_FETCH_WAIT_SECONDS=30)
    feeds = FeedServer()
    live = LiveServer(app)
    try:
        origin = live.origin
        # The first admin is made on the command line.
        created = app.test_cli_runner().invoke(args=["staff", "create-admin", "lead@example.org", "--name", "Lea Lead",
                                                     "--password-stdin"], input="lighthouse keeper by the bay\n")
        assert created.exit_code == 0, created.output
        admin = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
        log_in(admin, origin, "lead@example.org", "lighthouse keeper by the bay")

        # The admin invites an editor; the link is on the screen (no mail server here).
        admin.get_by_role("link", name="Accounts").click()
        admin.get_by_label("Their e-mail address").fill("ed@example.org")
        admin.get_by_label("Role").select_option("editor")
        admin.get_by_role("button", name="Create the invitation").click()
        link = admin.get_by_label("Invitation link").input_value()
        screenshot(admin, "staff-journey-1-invited")

        editor = new_context(viewport=PHONE, java_script_enabled=False).new_page()
        editor.goto(link)
        editor.get_by_label("Your name").fill("Ed Itor")
        editor.get_by_label("New password", exact=True).fill("short")
        editor.get_by_label("New password again").fill("short")
        editor.get_by_role("button", name="Create the account").click()
        expect(editor.locator("#new_password-error")).to_contain_text("at least 12")
        expect(editor.get_by_label("Your name")).to_have_value("Ed Itor")
        editor.get_by_label("New password", exact=True).fill("copper kettle on the stove")
        editor.get_by_label("New password again").fill("copper kettle on the stove")
        editor.get_by_role("button", name="Create the account").click()
        expect(editor.locator(".flashes")).to_contain_text("Welcome, Ed Itor.")

        # A source with a failing address: the check says why, and nothing is saved.
        feeds.pages["/jobs.rss"] = (200, (FIXTURES / "two_jobs.rss").read_bytes())
        editor.get_by_role("link", name="Sources").click()
        editor.get_by_role("link", name="Add a source").click()
        editor.get_by_label("Name").fill("Library jobs")
        editor.get_by_label("Address (URL)").fill(feeds.url("/jobs.xml"))
        editor.get_by_role("button", name="Check now").click()
        expect(editor.locator(".check-result")).to_contain_text("It does not work:")
        expect(editor.locator(".check-result")).to_contain_text("404")
        screenshot(editor, "staff-journey-2-failing-source")
        editor.get_by_label("Address (URL)").fill(feeds.url("/jobs.rss"))
        editor.get_by_role("button", name="Check now").click()
        expect(editor.locator(".check-result")).to_contain_text("It would give 2 listings")
        editor.get_by_role("button", name="Save").click()
        expect(editor.locator("h1")).to_have_text("Library jobs")

        editor.get_by_role("button", name="Fetch now").click()
        expect(editor.locator(".flashes")).to_contain_text("Fetching now")
        assert background.wait_until_idle(60)
        editor.reload()
        expect(editor.locator(".facts-table")).to_contain_text("Working")
        expect(editor.get_by_role("heading", name="Open listings (2)")).to_be_visible()
        screenshot(editor, "staff-journey-3-fetched")

        # Correct a listing, and see the public page change.
        editor.get_by_role("link", name="IT Help Desk Intern").click()
        editor.get_by_label("Kind").select_option("apprenticeship")
        editor.get_by_label("Oldest age").fill("15")
        editor.get_by_label("Youngest age").fill("16")
        editor.get_by_role("button", name="Save the corrections").click()
        expect(editor.locator("#max_age-error")).to_contain_text("must not be below")
        expect(editor.get_by_label("Youngest age")).to_have_value("16")
        editor.get_by_label("Oldest age").fill("19")
        editor.get_by_role("button", name="Save the corrections").click()
        expect(editor.locator(".flashes")).to_contain_text("The listing is corrected.")
        listing_id = editor.url.rsplit("/", 1)[1]
        visitor = new_context(viewport=PHONE, java_script_enabled=False).new_page()
        visitor.goto(f"{origin}/listings/{listing_id}")
        expect(visitor.locator("main")).to_contain_text("Apprenticeship")
        expect(visitor.locator("main")).to_contain_text("16")
        assert fetch_json(f"{origin}/api/v1/listings/{listing_id}")["kind"] == "apprenticeship"

        # Hide the other one: it leaves search, the API and the feeds.
        title = "Library Page (Part-Time)"
        assert title in fetch_text(f"{origin}/search?q=library")
        editor.goto(f"{origin}/staff/listings?q=library")
        editor.get_by_role("link", name=title).click()
        editor.get_by_label("Why hide it?").fill("The post is filled.")
        editor.get_by_role("button", name="Hide it").click()
        expect(editor.locator(".flashes")).to_contain_text("The listing is hidden")
        screenshot(editor, "staff-journey-4-hidden")
        assert title not in fetch_text(f"{origin}/search?q=library")
        assert title not in [item["title"] for item in fetch_json(f"{origin}/api/v1/listings?q=library")["listings"]]
        assert title not in fetch_text(f"{origin}/search.atom?q=library")

        # The admin sees all of it in the audit log.
        admin.goto(f"{origin}/staff/audit")
        log = admin.locator("main").inner_text()
        for words in ("hid a listing", "corrected a listing", "fetched a source now", "added a source",
                      "accepted an invitation", "invited someone", "created an admin account"):
            assert words in log, words
        screenshot(admin, "staff-journey-5-audit")
    finally:
        assert background.wait_until_idle(60)
        live.stop()
        feeds.stop()
        with app.app_context():
            db.engine.dispose()
