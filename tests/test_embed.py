"""The embeddable list and its builder, as served (the real-browser test is in tests/browser/)."""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from tests.conftest import build_app, copy_of_demo, make_config
from tracker.open_data import frame_ancestors

LINK = re.compile(r'href="http://localhost/listings/(\d+)"')


def csp_frame_ancestors(response) -> str:
    policy = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    return policy["frame-ancestors"]


@pytest.fixture
def city_app(demo_template: Path, tmp_path: Path):
    return copy_of_demo(demo_template, tmp_path,
                        EMBED_FRAME_ANCESTORS="https://www.birminghamal.example https://*.bplonline.example")


def test_by_default_only_the_site_itself_may_frame_the_embed(demo_client) -> None:
    response = demo_client.get("/embed?kind=internship")
    assert response.status_code == 200
    assert csp_frame_ancestors(response) == "'self'"
    assert "X-Frame-Options" not in response.headers


def test_configured_origins_may_frame_the_embed_and_nothing_else(city_app) -> None:
    client = city_app.test_client()
    embed = client.get("/embed?kind=internship")
    assert csp_frame_ancestors(embed) == "'self' https://www.birminghamal.example https://*.bplonline.example"
    assert "X-Frame-Options" not in embed.headers
    for path in ("/", "/search?kind=internship", "/listings/1", "/embed/builder", "/api/v1/listings", "/nope"):
        other = client.get(path)
        assert csp_frame_ancestors(other) == "'self'", path
        assert other.headers["X-Frame-Options"] == "SAMEORIGIN", path


def test_the_setting_comes_from_the_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("EMBED_FRAME_ANCESTORS", "https://city.example")
    app = build_app(make_config(tmp_path))
    assert app.config["EMBED_FRAME_ANCESTORS"] == "'self' https://city.example"


@pytest.mark.parametrize("value, expected", [
    ("", "'self'"), ("'self'", "'self'"), ("https://a.example/", "'self' https://a.example"),
    ("https://a.example  http://127.0.0.1:8001 https://*.b.example", "'self' https://a.example http://127.0.0.1:8001 https://*.b.example"),
])
def test_frame_ancestors_reads_origins(value, expected) -> None:
    assert frame_ancestors(value) == expected


@pytest.mark.parametrize("value", ["https://a.example; script-src *", "https://a.example/path",
                                   "'none'", "a.example", "https://a.example,https://b.example"])
def test_frame_ancestors_refuses_what_is_not_an_origin(value) -> None:
    with pytest.raises(RuntimeError, match="EMBED_FRAME_ANCESTORS: .* is not an origin"):
        frame_ancestors(value)


@pytest.mark.parametrize("value", ["https:", "http:", "*", "https://*", "http://*:*", "https://*.org", "data:",
                                   "javascript:", "wss:", "https://a.example https:"])
def test_frame_ancestors_refuses_what_would_let_any_site_frame_the_embed(value, tmp_path) -> None:
    with pytest.raises(RuntimeError, match="would let any website frame the embed pages"):
        frame_ancestors(value)
    # At start-up, with the reason.
    with pytest.raises(RuntimeError, match="List each website's origin instead"):
        build_app(make_config(tmp_path, EMBED_FRAME_ANCESTORS=value))


def test_the_embed_shows_the_search_without_the_site_around_it(demo_client) -> None:
    html = demo_client.get("/embed?kind=internship&pay=paid&limit=5").get_data(as_text=True)
    assert 'class="site-header"' not in html and "<nav aria-label=\"Main\"" not in html
    assert '<html lang="en"' in html and "<title>Paid internships" in html and "<h1" in html
    ids = [int(i) for i in LINK.findall(html)]
    api = demo_client.get("/api/v1/listings?kind=internship&pay=paid&per_page=5").get_json()
    assert ids == [item["id"] for item in api["listings"]] and len(ids) == 5
    assert 'src="/static/js/embed-frame.js?v=' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html) and "style=" not in html


def test_every_link_in_the_embed_opens_a_new_tab_and_says_so(demo_client) -> None:
    html = demo_client.get("/embed?kind=internship&limit=5").get_data(as_text=True)
    links = re.findall(r"<a\b[^>]*>.*?</a>", html, re.S)
    outward = [a for a in links if "/embed?" not in a]  # pages of the embed stay in the frame
    assert len(outward) >= 7
    for link in outward:
        assert 'target="_blank"' in link and 'rel="noopener"' in link, link
        assert '<span class="visually-hidden"> (opens in a new tab)</span>' in link, link


def test_the_embed_pages_within_its_frame(demo_client) -> None:
    first = demo_client.get("/embed?pathway=healthcare&limit=5").get_data(as_text=True)
    assert 'rel="next" href="/embed?pathway=healthcare&amp;page=2&amp;limit=5"' in first
    second = demo_client.get("/embed?pathway=healthcare&limit=5&page=2").get_data(as_text=True)
    assert set(LINK.findall(first)).isdisjoint(LINK.findall(second))


def test_an_empty_embed_says_so(demo_client) -> None:
    html = demo_client.get("/embed?q=zzzzqqqxxy").get_data(as_text=True)
    assert "No open opportunities match" in html


def test_the_builder_gives_a_snippet_for_the_current_filters(demo_client) -> None:
    html = demo_client.get("/embed/builder?kind=internship&pay=paid&age=16&limit=5&title=Summer+%3Cjobs%3E").get_data(as_text=True)
    snippet = html_lib.unescape(re.search(r'<textarea id="embed-snippet"[^>]*>(.*?)</textarea>', html, re.S).group(1))
    assert 'data-bcp-embed="http://localhost/embed?kind=internship&amp;age=16&amp;pay=paid&amp;limit=5"' in snippet
    assert 'data-bcp-title="Summer &lt;jobs&gt;"' in snippet
    assert '<a href="http://localhost/search?kind=internship&amp;age=16&amp;pay=paid">Summer &lt;jobs&gt;</a>' in snippet
    assert snippet.endswith('<script src="http://localhost/static/js/embed.js" async></script>')
    # The page previews the snippet with the same script a host page loads.
    assert 'data-bcp-embed="/embed?kind=internship&amp;age=16&amp;pay=paid&amp;limit=5"' in html
    assert 'src="/static/js/embed.js?v=' in html


def test_the_builder_uses_the_public_address_when_one_is_set(demo_app) -> None:
    demo_app.config["SITE_URL"] = "https://careers.example.gov"
    html = demo_app.test_client().get("/embed/builder?kind=job").get_data(as_text=True)
    assert "https://careers.example.gov/embed?kind=job" in html_lib.unescape(html)
    assert "https://careers.example.gov/static/js/embed.js" in html_lib.unescape(html)


def test_the_search_page_offers_to_embed_the_search(demo_client) -> None:
    html = demo_client.get("/search?kind=internship&pay=paid&page=2").get_data(as_text=True)
    assert '<a href="/embed/builder?kind=internship&amp;pay=paid">Embed this search</a>' in html


def test_the_embed_scripts_check_where_messages_come_from() -> None:
    root = Path(__file__).resolve().parent.parent / "static" / "js"
    host, frame = (root / "embed.js").read_text(), (root / "embed-frame.js").read_text()
    assert "event.origin !== origin" in host and "contentWindow === event.source" in host
    assert "event.source !== window.parent" in frame and "postMessage({ type: HEIGHT, height: now }, parentOrigin)" in frame
