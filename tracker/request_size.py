"""Bounds on what one request may send: its size, and how many form fields it holds.

Flask stops a body over MAX_CONTENT_LENGTH (413) and bounds multipart forms with
MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS, but werkzeug parses a URL-encoded form whole
with neither: 2 million fields in one POST to /s took 4.6 s (issue #11). This request
class applies both bounds to URL-encoded forms too. A query string over MAX_QUERY_STRING
bytes is a 414 answered by the app (the API documents it), not by the server in front.
"""
from __future__ import annotations

import io
import typing as t

from flask import Flask, abort, current_app, request
from flask.wrappers import Request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser


class BoundedFormDataParser(FormDataParser):
    """Refuse a URL-encoded form over max_form_memory_size bytes or max_form_parts fields."""

    def _parse_urlencoded(self, stream: t.IO[bytes], mimetype: str, content_length: int | None,
                          options: dict[str, str]) -> t.Any:
        # The stream is already cut at MAX_CONTENT_LENGTH: read one byte more than a form may hold.
        limit = self.max_form_memory_size
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            raise RequestEntityTooLarge()
        if self.max_form_parts is not None and body.count(b"&") >= self.max_form_parts:
            raise RequestEntityTooLarge()
        return super()._parse_urlencoded(io.BytesIO(body), mimetype, content_length, options)


class BoundedRequest(Request):
    form_data_parser_class = BoundedFormDataParser


def refuse_long_query_strings() -> None:
    """Answer 414 to a query string over MAX_QUERY_STRING bytes, before any view reads it."""
    if len(request.query_string) > current_app.config["MAX_QUERY_STRING"]:
        abort(414)


def init_app(app: Flask) -> None:
    """Bound every request: form bytes and fields (URL-encoded too), and the query string."""
    app.request_class = BoundedRequest
    app.before_request(refuse_long_query_strings)
