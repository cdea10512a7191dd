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


# Tracking and channel parameters by the documented deny list; job ids kept.
@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.usajobs.gov:443/GetJob/ViewDetails/437787500?PostingChannelID=RESTAPI",
     "https://www.usajobs.gov/GetJob/ViewDetails/437787500"),
    ("https://boards.greenhouse.io/acme/jobs/5001?gh_src=9a8b7c1", "https://boards.greenhouse.io/acme/jobs/5001"),
    ("https://jobs.lever.co/acme/abc/apply?lever-source=LinkedIn&lever-origin=applied",
     "https://jobs.lever.co/acme/abc/apply"),
    ("https://apply.example/positions/11?__jvst=Job+Board&__jvsd=Website", "https://apply.example/positions/11"),
    ("https://x.wd1.myworkdayjobs.com/en-US/Site/job/P/J_1?Location_Country=bc33&Location_Region_State_Province=c7b2",
     "https://x.wd1.myworkdayjobs.com/en-US/Site/job/P/J_1"),
    ("https://www.capstoneco.com/careers/intern/?gh_jid=6784275002",
     "https://www.capstoneco.com/careers/intern/?gh_jid=6784275002"),
    ("https://marotta.com/job-openings/?gnk=job&gni=8a78&lang=en", "https://marotta.com/job-openings/?gnk=job&gni=8a78&lang=en"),
    ("https://jobs.example/CVH-501?utm_source=google_jobs_apply&utm_campaign=x", "https://jobs.example/CVH-501"),
])
def test_canonical_url_drops_tracking_and_channel_parameters(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
