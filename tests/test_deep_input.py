"""Input nested deeper than Python's stack is a one-line parse error in every JSON reader."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.parsers import parse
from tests.test_ingest_pipeline import ingest, write_sources

JSON_FORMATS = ("auto", "greenhouse", "jsonfeed", "lever", "ashby", "usajobs", "smartrecruiters", "workable",
                "internship_list", "jsonld")
DEEP = 100_000
PAYLOADS = {
    "bare": b"[" * DEEP,
    "closed": b"[" * DEEP + b"]" * DEEP,
    "in a board": b'{"jobs": [{"title": "Aide", "content": ' + b"[" * DEEP + b"]" * DEEP + b"}]}",
    "in a page": b'<html><script type="application/ld+json">' + b'{"a":' * DEEP + b"1" + b"}" * DEEP + b"</script></html>",
}


@pytest.mark.parametrize("payload", PAYLOADS, ids=str)
@pytest.mark.parametrize("fmt", JSON_FORMATS)
def test_deep_nesting_is_a_one_line_parse_error(fmt: str, payload: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(PAYLOADS[payload], fmt)
    assert "\n" not in str(caught.value)


def test_a_deeply_nested_source_fails_with_its_reason_and_no_traceback(app, tmp_path: Path, caplog) -> None:
    (tmp_path / "deep.json").write_bytes(PAYLOADS["in a board"])
    with caplog.at_level(logging.ERROR):
        [report] = ingest(app, write_sources(tmp_path, ("Deep", "greenhouse", "deep.json")))
    assert report.failed
    assert report.error is not None and "nested too deeply" in report.error
    assert "unexpected error" not in report.error
    assert not [r for r in caplog.records if r.exc_info], "a bad source is a value, not a traceback"
