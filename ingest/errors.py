"""Errors that fail one source's run; the others go on."""
from __future__ import annotations


class IngestError(Exception):
    """A source could not be ingested; ``str()`` is a one-line reason for people."""


class SourcesFileError(IngestError):
    """The sources file is missing or malformed."""


class RetrieveError(IngestError):
    """The source could not be fetched or read."""


class PrivateAddressError(RetrieveError):
    """The address is inside the server's own network, where only public addresses may be fetched."""


class ParseError(IngestError):
    """The source's content is not the format it claims, or holds nothing usable."""

    def __init__(self, reason: str, location: str | None = None) -> None:
        self.location = location
        super().__init__(f"{reason} ({location})" if location else reason)
