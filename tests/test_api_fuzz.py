"""Fuzz API v1 from its own OpenAPI document: no input may give a 5xx or break the schema.

Schemathesis generates requests for each operation in /api/v1/openapi.json: valid ones
(positive) and ones the document forbids (negative). Every response is checked: not a
server error, a documented status code, content type and headers, a body matching the
documented schema, and invalid input refused with a 4xx.

Schemathesis' own pytest integration (from_fixture) reads a node attribute pytest 9
removed, so its strategies run here under plain hypothesis @given instead.
"""
from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from werkzeug.datastructures import MultiDict

from tests.forms import csrf_token
from tracker.query import ListingQuery

# Per operation and mode. The suite runs a fixed, repeatable 50 (enough to reach every
# parameter, quick enough for CI); FUZZ_EXAMPLES=2000 runs a deeper, random search.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
REPEATABLE = "FUZZ_EXAMPLES" not in os.environ
OPERATIONS = ["GET /", "GET /listings", "GET /listings/{listing_id}", "GET /facets", "GET /pathways"]
# The negative phase needs something to get wrong: these take no input worth breaking.
NO_INPUT = {"GET /", "GET /pathways"}


@pytest.fixture
def api_schema(demo_app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", demo_app)


def test_every_operation_is_fuzzed(api_schema) -> None:
    labels = {f"{op.ok().method.upper()} {op.ok().path}" for op in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


RUNS = [(label, mode) for label in OPERATIONS for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if not (mode is GenerationMode.NEGATIVE and label in NO_INPUT)]


@pytest.mark.parametrize("label, mode", RUNS, ids=[f"{label}-{mode.value}" for label, mode in RUNS])
def test_api_never_fails_and_keeps_its_contract(api_schema, label: str, mode: GenerationMode) -> None:
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=REPEATABLE, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(case: schemathesis.Case) -> None:
        response = case.call()
        if response.status_code == 414:
            # A query string past MAX_QUERY_STRING gets the app's own documented 414:
            # a rejection too, though not one on schemathesis's list of 4xx codes.
            assert mode is GenerationMode.NEGATIVE and response.json()["error"]["status"] == 414
            return
        case.validate_response(response)

    fuzz()


# The other formats take the search page's arguments as leniently as the page does: any
# query string at all must give a page, a feed or a redirect, never a server error.
PARAM_NAMES = sorted(set(ListingQuery.PARAMS.values()) | {"limit", "title", "per_page", "x"})
QUERY_STRINGS = st.lists(
    st.tuples(st.sampled_from(PARAM_NAMES),
              st.one_of(st.text(max_size=30), st.integers(-10, 10**7).map(str),
                        st.sampled_from(["internship", "paid", "remote", "35203", "nearest", "7", "30", "1"]))),
    max_size=6)


@pytest.mark.parametrize("path", ["/search.atom", "/search.json", "/search.ics", "/embed", "/embed/builder", "/s"])
def test_feeds_embed_and_share_never_fail(demo_app, path: str) -> None:
    client = demo_app.test_client()
    token = [("csrf_token", csrf_token(client))] if path == "/s" else []

    @given(pairs=QUERY_STRINGS)
    @settings(max_examples=EXAMPLES // 2, deadline=None, derandomize=REPEATABLE, database=None,
              suppress_health_check=list(HealthCheck))
    def fuzz(pairs: list[tuple[str, str]]) -> None:
        data = MultiDict(pairs + token)
        response = client.post(path, data=data) if path == "/s" else client.get(path, query_string=data)
        assert response.status_code in (200, 303), (path, pairs, response.status_code)

    fuzz()
