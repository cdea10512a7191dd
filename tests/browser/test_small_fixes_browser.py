"""Small things seen on a phone (issue #18), in Chromium: JS-only buttons stay hidden
without JavaScript, the demo banner stays inside the page, the Spanish placeholder fits."""
from __future__ import annotations

from typing import Any

from tests.browser.conftest import PHONE, Site


def test_copy_and_print_buttons_are_hidden_without_javascript_and_shown_with_it(site: Site, new_context: Any) -> None:
    path = site.paths["listing"]
    without = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    without.goto(site.url(path))
    copy = without.locator("button[data-copy-target]")
    assert copy.count() == 1 and not copy.is_visible()
    assert without.evaluate("() => getComputedStyle(document.querySelector('button[data-copy-target]')).display") == "none"
    share = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    share.goto(site.url(site.paths["share"]))
    printing = share.locator("button[data-print]")
    assert printing.count() == 1 and not printing.is_visible()

    with_js = new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"]).new_page()
    with_js.goto(site.url(site.paths["share"]))
    assert with_js.locator("button[data-print]").is_visible()


def test_the_demo_banner_wraps_inside_the_page_padding_on_a_phone(site: Site, new_context: Any) -> None:
    for lang in ("en", "es"):
        tab = new_context(viewport=PHONE).new_page()
        tab.goto(site.url("/", lang))
        text = tab.locator(".demo-notice .wrap").bounding_box()
        assert text is not None
        # The text keeps the page's 1rem (16px) side padding.
        assert text["x"] >= 0 and text["x"] + text["width"] <= PHONE["width"]
        left = tab.evaluate("""() => { const r = document.createRange();
            r.selectNodeContents(document.querySelector('.demo-notice .wrap'));
            const boxes = [...r.getClientRects()];
            return [Math.min(...boxes.map(b => b.left)), Math.max(...boxes.map(b => b.right))]; }""")
        assert left[0] >= 15 and left[1] <= PHONE["width"] - 15, (lang, left)


def test_the_spanish_search_placeholder_fits_its_box_on_a_phone(site: Site, new_context: Any) -> None:
    tab = new_context(viewport=PHONE).new_page()
    for path in ("/", "/search"):
        tab.goto(site.url(path, "es"))
        for field in tab.locator("input[type=search]").all():
            fits = field.evaluate("""(input) => {
                const style = getComputedStyle(input);
                const ctx = document.createElement('canvas').getContext('2d');
                ctx.font = style.font;
                const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                return ctx.measureText(input.placeholder).width <= room; }""")
            assert fits, f"{path}: the placeholder is cut off"
