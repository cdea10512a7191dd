"""Partner listings in Chromium with JavaScript off: a partner submits (fixing a field on the way), confirms
by the mail the local SMTP server received, an editor approves, and the listing is in search, API, feeds and
embed; a rejected one never appears. axe on every new page, EN and ES, phone and desktop; 320 px reflow."""
from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.browser.conftest import DESKTOP, PHONE, REFLOW, LiveServer, past_the_edge, screenshot
from tests.conftest import Mailbox, copy_of_demo
from tests.partner_helpers import LINK
from tests.staff_helpers import PASSWORD, make_staff
from tracker.extensions import db

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EDITOR_EMAIL = "moderator@example.org"


class PartnerSite:
    def __init__(self, app: Any, mailbox: Mailbox) -> None:
        self.app, self.mailbox = app, mailbox
        self.live = LiveServer(app)
        self.origin = self.live.origin

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.origin + path, timeout=30) as answer:  # noqa: S310 (loopback)
            return str(answer.read().decode("utf-8"))

    def link(self, kind: str) -> str:
        """The path of the newest ``kind`` link any mail carried."""
        for message in reversed(self.mailbox.messages):
            for match in LINK.finditer(message.get_content()):
                if match.group(1) == kind:
                    return f"/submit/{kind}/{match.group(2)}"
        raise AssertionError(f"no {kind} link in {len(self.mailbox.messages)} mails")


@pytest.fixture(scope="module")
def partner_site(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PartnerSite]:
    mailbox = Mailbox()
    app = copy_of_demo(demo_template, tmp_path_factory.mktemp("partner-site"), **mailbox.config)
    make_staff(app, EDITOR_EMAIL, "editor", name="Mo Derator")
    site = PartnerSite(app, mailbox)
    yield site
    site.live.stop()
    mailbox.stop()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def audited(axe: Any, tab: Any, name: str, found: dict[str, Any]) -> None:
    """Run axe on the page the tab shows (a tab with JavaScript on; None: no audit); note violations under ``name``."""
    if axe is None:
        return
    results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in results.response["violations"]]
    if violations:
        found[name] = violations
    screenshot(tab, f"partner-{name}")


def fill_form(tab: Any, title: str, apply_url: str) -> None:
    """Fill the partner form by field names (the same in every language)."""
    for name, value in (("organisation", "Vulcan Print Shop"), ("contact_email", "jobs@vulcanprint.example.org"),
                        ("supervisor", "Rita Moss"), ("title", title),
                        ("description", "Run the presses with our team.\n\nYou learn colour and layout."),
                        ("min_age", "16"), ("pay_amount", "11.00"), ("hours_per_week", "15"),
                        ("address", "200 Main St"), ("zip", "35203"), ("nearest_bus", "Route 3"),
                        ("apply_url", apply_url)):
        tab.locator(f"form [name={name}]").fill(value)
    tab.locator("[name=kind]").select_option("job")
    tab.locator("[name=pay_period]").select_option("hour")
    for checked in ("[name=pathways][value=arts-media]", "[name=pay_type][value=paid]", "[name=work_mode][value=onsite]",
                    "[name=no_fees]", "[name=minimum_wage]", "[name=suitable_duties]", "[name=named_supervisor]",
                    "[name=child_labor][value=have]"):
        tab.locator(checked).check()


def editor_tab(new_context: Any, origin: str, lang: str, viewport: dict[str, int], script: bool = False) -> Any:
    tab = new_context(viewport=viewport, java_script_enabled=script, bypass_csp=True).new_page()
    tab.goto(f"{origin}/staff/login?lang={lang}")
    tab.locator("[name=email]").fill(EDITOR_EMAIL)
    tab.locator("[name=password]").fill(PASSWORD)
    tab.locator("form button[type=submit]").last.click()
    tab.wait_for_url(re.compile(r"/staff/$"))
    return tab


def submit_and_confirm(site: PartnerSite, tab: Any, axe: Any, found: dict[str, Any], title: str, lang: str,
                       tag: str) -> None:
    """The partner's part, in the browser: a field error fixed, the preview, the mail, the confirmation."""
    tab.goto(f"{site.origin}/submit?lang={lang}")
    fill_form(tab, title, apply_url="ftp://vulcanprint.example.org/jobs")
    tab.locator("button[value=preview]").click()
    error = tab.locator("#apply_url-error")
    assert error.is_visible() and "http" in error.inner_text()
    assert tab.locator("[name=title]").input_value() == title  # everything typed is kept
    assert tab.locator("[name=no_fees]").is_checked() and tab.locator("form [name=description]").input_value()
    assert tab.locator("#apply_url").get_attribute("aria-describedby").endswith("apply_url-error")
    audited(axe, tab, f"form-errors-{tag}", found)
    tab.locator("[name=apply_url]").fill("https://vulcanprint.example.org/jobs")
    tab.locator("button[value=preview]").click()
    assert tab.locator("h2#preview-heading").inner_text() == title
    audited(axe, tab, f"preview-{tag}", found)
    sent = len(site.mailbox.messages)
    tab.locator("form[action$='/submit/send'] button:not([value])").click()
    tab.wait_for_url(re.compile(r"/submit/sent$"))
    audited(axe, tab, f"sent-{tag}", found)
    assert len(site.mailbox.messages) == sent + 1
    tab.goto(site.origin + site.link("confirm"))
    audited(axe, tab, f"confirm-{tag}", found)
    tab.locator("main form button").click()
    assert tab.locator("a.url").inner_text().startswith(site.origin + "/submit/manage/")
    audited(axe, tab, f"confirmed-{tag}", found)


def listing_id_of(site: PartnerSite, title: str) -> int:
    from tracker.models import Listing
    with site.app.app_context():
        found: int = db.session.query(Listing.id).filter(Listing.title == title).scalar()
        return found


def everywhere(site: PartnerSite, word: str, listing_id: int) -> dict[str, bool]:
    """Whether the listing is in search, the API, the Atom and JSON feeds and the embed."""
    api = json.loads(site.get(f"/api/v1/listings?q={word}"))
    return {
        "search": f"/listings/{listing_id}" in site.get(f"/search?q={word}"),
        "api": listing_id in [item["id"] for item in api["listings"]] if "listings" in api else False,
        "atom": f"/listings/{listing_id}" in site.get(f"/search.atom?q={word}"),
        "json-feed": f"/listings/{listing_id}" in site.get(f"/search.json?q={word}"),
        "embed": f"/listings/{listing_id}" in site.get(f"/embed?q={word}"),
    }


def test_a_partner_submits_an_editor_approves_and_it_is_everywhere(partner_site: PartnerSite,
                                                                   new_context: Any) -> None:
    word, found = "letterpress", {}
    title = f"Print shop {word} apprentice"
    partner = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    submit_and_confirm(partner_site, partner, None, found, title, "en", "journey")
    listing_id = listing_id_of(partner_site, title)
    assert not any(everywhere(partner_site, word, listing_id).values())  # nothing before an editor approves

    editor = editor_tab(new_context, partner_site.origin, "en", PHONE)
    editor.goto(f"{partner_site.origin}/staff/submissions")
    editor.locator(f"a[href$='/staff/submissions/{listing_id}']").click()
    assert "jobs@vulcanprint.example.org" in editor.content() and "Rita Moss" in editor.content()
    editor.locator(f"form[action$='/submissions/{listing_id}/approve'] button").click()
    editor.wait_for_url(re.compile(r"/staff/submissions$"))

    assert everywhere(partner_site, word, listing_id) == {
        "search": True, "api": True, "atom": True, "json-feed": True, "embed": True}
    partner.goto(f"{partner_site.origin}/listings/{listing_id}")
    assert partner.locator("h1").inner_text() == title
    assert "last confirmed" in partner.locator(".facts-table").inner_text()


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_new_pages_pass_axe(partner_site: PartnerSite, new_context: Any, axe: Any, lang: str, width: str) -> None:
    # axe is a script, which the pages' CSP refuses: these tabs let it in (the journeys above run without JavaScript).
    viewport, found = (PHONE if width == "phone" else DESKTOP), {}
    title = f"Print shop woodcut{lang}{width} helper"
    partner = new_context(viewport=viewport, bypass_csp=True).new_page()
    submit_and_confirm(partner_site, partner, axe, found, title, lang, f"{lang}-{width}")
    listing_id = listing_id_of(partner_site, title)
    partner.goto(f"{partner_site.origin}{partner_site.link('confirm')}?lang={lang}")  # used: says so
    audited(axe, partner, f"link-gone-{lang}-{width}", found)
    manage = partner_site.link("manage")
    for name, path in (("manage", manage), ("edit", f"{manage}/edit")):
        partner.goto(f"{partner_site.origin}{path}?lang={lang}")
        audited(axe, partner, f"{name}-{lang}-{width}", found)
    editor = editor_tab(new_context, partner_site.origin, lang, viewport, script=True)
    for name, path in (("queue", "/staff/submissions"), ("review", f"/staff/submissions/{listing_id}")):
        editor.goto(f"{partner_site.origin}{path}?lang={lang}")
        audited(axe, editor, f"{name}-{lang}-{width}", found)
    editor.locator(f"form[action$='/submissions/{listing_id}/reject'] button").click()  # no reason: an error
    audited(axe, editor, f"reject-error-{lang}-{width}", found)
    # Approved, then the reminder's "still open?" page and its answer.
    editor.goto(f"{partner_site.origin}/staff/submissions/{listing_id}?lang={lang}")
    editor.locator(f"form[action$='/submissions/{listing_id}/approve'] button").click()
    editor.wait_for_url(re.compile(r"/staff/submissions$"))
    with partner_site.app.app_context():
        from tracker.models import Listing
        token = db.session.get(Listing, listing_id).partner.issue_still_open_link()
        db.session.commit()
    partner.goto(f"{partner_site.origin}/submit/still-open/{token}?lang={lang}")
    audited(axe, partner, f"still-open-{lang}-{width}", found)
    partner.locator("main form button").click()
    assert partner.locator("p[role=status]").is_visible()
    audited(axe, partner, f"still-open-done-{lang}-{width}", found)
    assert found == {}


def test_a_rejected_listing_never_appears(partner_site: PartnerSite, new_context: Any) -> None:
    found: dict[str, Any] = {}
    title = "Print shop mezzotint helper"
    partner = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    submit_and_confirm(partner_site, partner, None, found, title, "en", "rejected")
    listing_id = listing_id_of(partner_site, title)
    editor = editor_tab(new_context, partner_site.origin, "en", DESKTOP)
    editor.goto(f"{partner_site.origin}/staff/submissions/{listing_id}")
    editor.locator(f"form[action$='/submissions/{listing_id}/reject'] button").click()  # no reason yet
    assert editor.locator("#reason-error").is_visible()
    editor.locator("[name=reason]").fill("Please give the hourly pay for under-18s separately.")
    editor.locator(f"form[action$='/submissions/{listing_id}/reject'] button").click()
    editor.wait_for_url(re.compile(r"/staff/submissions$"))
    assert "Please give the hourly pay" in partner_site.mailbox.messages[-1].get_content()
    assert not any(everywhere(partner_site, "mezzotint", listing_id).values())
    response = partner.goto(f"{partner_site.origin}/listings/{listing_id}")
    assert response.status == 404
    assert f"/listings/{listing_id}<" not in partner_site.get("/sitemap.xml")
    assert found == {}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_partner_pages_fit_320_pixels(partner_site: PartnerSite, new_context: Any, lang: str) -> None:
    tab = new_context(viewport=REFLOW, java_script_enabled=False).new_page()
    tab.goto(f"{partner_site.origin}/submit?lang={lang}")
    for step in ("form", "errors", "preview"):
        if step == "errors":
            tab.locator("button[value=preview]").click()  # an empty form: every error shown
        elif step == "preview":
            fill_form(tab, "Print shop reflow apprentice with a rather long title to wrap", "https://example.org/a")
            tab.locator("button[value=preview]").click()
        found = past_the_edge(tab)
        assert found["overflow"] <= 0, f"{step} ({lang}) is {found['overflow']}px too wide: {found['innermost']}"
