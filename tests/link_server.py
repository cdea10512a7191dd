"""A website on 127.0.0.1 with the links a link checker meets: live, moved, gone, slow, refused."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable

from werkzeug.serving import make_server

ETAG = '"v1"'


class LinkServer:
    """Answers by path; records every request (method, path, If-None-Match, start time) and the most at once."""

    def __init__(self, slow_seconds: float = 1.0, work_seconds: float = 0.0) -> None:
        self.slow_seconds, self.work_seconds = slow_seconds, work_seconds
        self.requests: list[tuple[str, str, str | None, float]] = []
        self.status: dict[str, int] = {}  # paths whose answer a test sets
        self.in_flight = self.most_in_flight = 0
        self.lock = threading.Lock()
        self.server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.origin + path

    def seen(self, path: str) -> list[str]:
        """The methods of the requests made for ``path``."""
        return [method for method, seen, _, _ in self.requests if seen == path]

    def _app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"]
        with self.lock:
            self.requests.append((method, path, environ.get("HTTP_IF_NONE_MATCH"), time.monotonic()))
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if self.work_seconds:
                time.sleep(self.work_seconds)
            status, headers = self._answer(method, path, environ)
        finally:
            with self.lock:
                self.in_flight -= 1
        body = b"" if status in (301, 304) or method == "HEAD" else b"<!doctype html><title>page</title>"
        start_response(status_line(status), [("Content-Type", "text/html"), ("Content-Length", str(len(body))),
                                             *headers])
        return [body]

    def _answer(self, method: str, path: str, environ: dict[str, Any]) -> tuple[int, list[tuple[str, str]]]:
        if path in self.status:
            return self.status[path], []
        if path == "/live":
            if environ.get("HTTP_IF_NONE_MATCH") == ETAG:
                return 304, [("ETag", ETAG)]
            return 200, [("ETag", ETAG), ("Last-Modified", "Sat, 05 Dec 2026 10:00:00 GMT")]
        if path == "/moved":
            return 301, [("Location", "/live")]
        if path == "/gone":
            return 404, []
        if path == "/gone-for-good":
            return 410, []
        if path == "/slow":
            time.sleep(self.slow_seconds)
            return 200, []
        if path == "/no-head":
            return (405, []) if method == "HEAD" else (200, [])
        if path == "/forbidden":
            return 403, []
        return 404, []

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)


def status_line(status: int) -> str:
    from http import HTTPStatus

    return f"{status} {HTTPStatus(status).phrase}"
