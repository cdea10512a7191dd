"""Tests for ingest.extract.urls: canonical URLs."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.urls import canonical_url

FUZZ = settings(database=None, deadline=None, max_examples=200)
PARAMS = st.sampled_from(["id=5", "utm_source=x", "UTM_Medium=y", "gclid=1", "fbclid=2", "ref=li", "page=2",
                          "q=a%20b", "q=a+b", "trackingId=9", "flag", "", "x=%26"])
URLS = st.builds(
    lambda scheme, host, port, path, query, fragment: f"{scheme}://{host}{port}{path}{query}{fragment}",
    st.sampled_from(["http", "https", "HTTP", "Https", "ftp"]),
    st.sampled_from(["example.com", "WWW.Example.ORG", "jobs.example.com", "[2001:DB8::1]", "", "a b.com"]),
    st.sampled_from(["", ":80", ":443", ":8080", ":99999", ":x"]),
    st.sampled_from(["", "/", "/Jobs/1", "/a%20b/", "//x"]),
    st.lists(PARAMS, max_size=5).map(lambda ps: "?" + "&".join(ps) if ps else ""),
    st.sampled_from(["", "#apply", "#/jobs/1", "#!x"]),
)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/jobs/1", "https://example.com/jobs/1"),
    ("  HTTPS://Example.COM:443/Jobs/1?id=5#apply ", "https://example.com/Jobs/1?id=5"),
    ("http://www.example.com:80", "http://www.example.com/"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("https://x.org/p?utm_source=news&id=5&utm_campaign=fall&b=%20&gclid=abc",
     "https://x.org/p?id=5&b=%20"),
    ("https://x.org/p?fbclid=1&msclkid=2&mc_cid=3&mc_eid=4&_hsenc=5&_hsmi=6&igshid=7&keep=1",
     "https://x.org/p?keep=1"),
    ("https://x.org/p?ref=li&ref_src=tw&trk=a&trackingId=b&UTM_Medium=c&z=9", "https://x.org/p?z=9"),
    ("https://x.org/p?b=2&a=1", "https://x.org/p?b=2&a=1"),
    ("https://x.org/p?&&a=1&", "https://x.org/p?a=1"),
    ("https://jobs.example.com/#/req/123", "https://jobs.example.com/#/req/123"),  # hash route kept
    ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
    ("ftp://example.com/file", None),
    ("mailto:jobs@example.com", None),
    ("javascript:alert(1)", None),
    ("/relative/path", None),
    ("example.com/jobs", None),
    ("http://", None),
    ("http://[::1", None),
    ("http://example.com:99999/", None),
    ("", None),
    (None, None),
])
def test_canonical_url(url: str | None, expected: str | None) -> None:
    assert canonical_url(url) == expected


@FUZZ
@given(URLS | st.text())
def test_canonical_url_is_idempotent_and_clean(url: str) -> None:
    found = canonical_url(url)
    if found is not None:
        assert found.startswith(("http://", "https://"))
        assert "utm_" not in found.lower() and "gclid" not in found
        assert not found.startswith("http://") or ":80/" not in found
        assert not found.startswith("https://") or ":443/" not in found
        assert canonical_url(found) == found
