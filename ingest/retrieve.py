"""Retrieve: get a source's bytes from a local path or over http(s), politely."""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import RetrieveError

USER_AGENT = "BirminghamCareerPathways/0.1 (+https://example.org/about; youth opportunity tracker)"
MAX_BYTES = 20 * 1024 * 1024
CONNECT_AND_READ_TIMEOUT = 20.0


@dataclass(frozen=True)
class Retrieved:
    content: bytes | None  # None when the server said 304 Not Modified
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.content is None


def retrieve(location: str, etag: str | None = None, last_modified: str | None = None,
             timeout: float = CONNECT_AND_READ_TIMEOUT, max_bytes: int = MAX_BYTES) -> Retrieved:
    """Return the content at ``location`` (a path or an http(s) URL)."""
    if location.startswith(("http://", "https://")):
        return _fetch(location, etag, last_modified, timeout, max_bytes)
    if "://" in location:
        raise RetrieveError(f"unsupported address {location!r}: use http(s) or a file path")
    return Retrieved(content=_read_file(Path(location), max_bytes))


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RetrieveError(f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit")
        return path.read_bytes()
    except FileNotFoundError:
        raise RetrieveError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise RetrieveError(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise RetrieveError(f"no permission to read {path}") from None


def _fetch(url: str, etag: str | None, last_modified: str | None, timeout: float, max_bytes: int) -> Retrieved:
    headers = {"User-Agent": USER_AGENT, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content = response.read(max_bytes + 1)
            if len(content) > max_bytes:
                raise RetrieveError(f"{url} sent more than the {max_bytes:,}-byte limit")
            return Retrieved(content=content, etag=response.headers.get("ETag"),
                             last_modified=response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Retrieved(content=None, etag=etag, last_modified=last_modified)
        raise RetrieveError(f"{url} answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise RetrieveError(f"could not reach {url}: {exc.reason}") from exc
    except TimeoutError as exc:
        raise RetrieveError(f"{url} did not answer within {timeout:g}s") from exc
    except OSError as exc:
        raise RetrieveError(f"could not read {url}: {exc}") from exc
