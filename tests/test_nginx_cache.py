"""deploy/nginx.conf in front of gunicorn: repeated pages come from the cache, new data within max-age, private pages never."""
from __future__ import annotations

import os
import shutil
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from bench import stack
from tests.conftest import build_app, ingest_all, make_config

MAX_AGE = 3
NEW_PARTNER_CSV = """id,title,organization,opportunity_type,career_pathways,description,city,state,zip,apply_url
ZEB-1,Zebrafish lab internship,Southside Science Center,Internship,Healthcare,"Care for the zebrafish in a research lab.",Birmingham,AL,35203,https://example.org/zebrafish
"""
NEW_SOURCE = """[[source]]
name = "New partner"
format = "csv"
location = "new.csv"
"""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Stack:
    url: str
    folder: Path

    def get(self, path: str, **headers: str) -> Reply:
        request = urllib.request.Request(self.url + path, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return Reply(answer.status, dict(answer.headers.items()), answer.read().decode())


def require_nginx() -> None:
    if stack.nginx_binary() is None:
        message = "nginx is not installed (apt-get install --no-install-recommends nginx)"
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def served(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    require_nginx()
    folder = tmp_path_factory.mktemp("nginx-stack")
    shutil.copy(demo_template / "test.db", folder / "test.db")
    shutil.copytree(demo_template / "index", folder / "index", symlinks=True)
    env = {"DATABASE_URL": f"sqlite:///{folder / 'test.db'}", "INDEX_DIR": str(folder / "index"),
           "INSTANCE_DIR": str(folder), "CACHE_MAX_AGE": str(MAX_AGE), "CACHE_STALE_WHILE_REVALIDATE": "30",
           "SECRET_KEY": "test-secret-key-not-for-production"}
    with stack.gunicorn(folder, env, app="tests.nginx_app:app", workers=1) as app_port:
        with stack.nginx(app_port) as proxy:
            yield Stack(f"http://127.0.0.1:{proxy.port}", folder)


def test_a_repeated_page_is_served_from_the_cache(served: Stack) -> None:
    first = served.get("/search?kind=internship")
    again = served.get("/search?kind=internship")
    assert first.headers["X-Cache-Status"] == "MISS" and again.headers["X-Cache-Status"] == "HIT"
    assert again.body == first.body and "public" in again.headers["Cache-Control"]
    # Another language is another copy; each is then served from the cache.
    spanish = served.get("/search?kind=internship", **{"Accept-Language": "es"})
    assert '<html lang="es">' in spanish.body
    assert served.get("/search?kind=internship", **{"Accept-Language": "es"}).headers["X-Cache-Status"] == "HIT"
    assert '<html lang="en">' in served.get("/search?kind=internship").body


def test_an_expired_copy_is_revalidated_with_a_304_from_the_app(served: Stack) -> None:
    path = "/api/v1/listings?kind=job"
    served.get(path)
    log = served.folder / "gunicorn-access.log"
    deadline = time.monotonic() + 30  # the background request waits its turn on a busy machine
    # Once expired, the next request is answered stale while nginx asks the app in the background.
    while f'"GET {path} HTTP/1.1" 304' not in log.read_text():
        assert time.monotonic() < deadline, f"nginx never revalidated with a conditional request:\n{log.read_text()[-3000:]}"
        served.get(path)
        time.sleep(0.5)
    assert served.get(path).headers["X-Cache-Status"] == "HIT"


def test_a_new_ingest_shows_within_the_max_age(served: Stack) -> None:
    path = "/search?q=zebrafish"
    assert "Zebrafish lab internship" not in served.get(path).body
    assert served.get(path).headers["X-Cache-Status"] == "HIT"
    (served.folder / "new.csv").write_text(NEW_PARTNER_CSV)
    (served.folder / "sources.toml").write_text(NEW_SOURCE)
    app = build_app(make_config(served.folder, SOURCES_FILE=str(served.folder / "sources.toml")), create_schema=False)
    assert not [report for report in ingest_all(app) if report.failed]
    ingested = time.monotonic()
    seen: list[tuple[float, str, bool]] = []  # (sent, cache status, shows the new listing)
    while not (seen and seen[-1][2]):
        assert time.monotonic() - ingested < 60, f"the new listing never showed: {seen}"
        sent = time.monotonic() - ingested
        reply = served.get(path)
        seen.append((sent, reply.headers["X-Cache-Status"], "Zebrafish lab internship" in reply.body))
        time.sleep(0.2)
    # Once the max-age is over, the old page is never served as fresh: only while the
    # cache is fetching the new one (stale-while-revalidate).
    # (nginx keeps time in whole seconds, so a copy may stay fresh up to a second longer.)
    late_old = [status for sent, status, new in seen if sent > MAX_AGE + 1 and not new]
    assert set(late_old) <= {"STALE", "UPDATING"}, "\n".join(map(str, seen))


def test_a_no_store_page_is_never_cached(served: Stack) -> None:
    first, again = served.get("/staff-like"), served.get("/staff-like")
    assert first.body != again.body
    assert again.headers["X-Cache-Status"] == "MISS" and again.headers["Cache-Control"] == "no-store"


def test_a_request_with_a_session_bypasses_the_cache(served: Stack) -> None:
    served.get("/search?kind=job")
    served.get("/search?kind=job")
    signed_in = served.get("/search?kind=job", Cookie="session=someone")
    assert signed_in.headers["X-Cache-Status"] == "BYPASS"
    assert served.get("/search?kind=job").headers["X-Cache-Status"] == "HIT"


@pytest.mark.parametrize("length", [3_500, 6_000, 12_000])
def test_an_overlong_api_query_gets_the_documented_json_414_at_every_layer(served: Stack, length: int) -> None:
    """Past MAX_QUERY_STRING the app answers (3,500; 6,000 would be gunicorn's HTML 400 at its
    default limit); past nginx's 8 KB buffer nginx answers (12,000), in the same JSON shape."""
    import json
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as refused:
        served.get("/api/v1/listings?q=" + "a" * length)
    answer = refused.value
    assert answer.code == 414
    assert answer.headers["Content-Type"].startswith("application/json")
    body = json.loads(answer.read())
    assert body["error"]["status"] == 414 and "longer than" in body["error"]["message"]
