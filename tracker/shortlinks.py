"""Short, stable links to searches, for links read aloud, printed or put in a QR code.

A search's code is derived from the search itself (a hash of its canonical arguments),
so the same search always gets the same code, on any machine. A hash cannot be turned
back into a search, so each code is stored beside the arguments it stands for.
"""
from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db
from tracker.models import UTCDateTime, utcnow
from tracker.query import ListingQuery

# Crockford's base 32: no I, L, O or U, so a code read off paper is not misread.
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
CODE_LENGTH = 7  # 35 bits: a clash needs about 200,000 distinct saved searches
MAX_CODE_LENGTH = 16


class ShortLink(db.Model):  # type: ignore[name-defined]
    """A short code and the canonical search arguments it stands for."""

    __tablename__ = "short_links"

    code: Mapped[str] = mapped_column(sa.String(MAX_CODE_LENGTH), primary_key=True)
    # SHA-256 of ``args``: unique, and short enough to index on every database.
    digest: Mapped[str] = mapped_column(sa.String(64), unique=True)
    args: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def query(self, max_text_length: int = 200) -> ListingQuery:
        """Return the search this link stands for."""
        return ListingQuery.from_args(_MultiArgs(parse_qsl(self.args)), max_text_length)[0]


class _MultiArgs:
    """Repeated query arguments, read as a werkzeug MultiDict would be."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def get(self, key: str) -> str | None:
        return next((v for k, v in self._pairs if k == key), None)

    def getlist(self, key: str) -> list[str]:
        return [v for k, v in self._pairs if k == key]


def canonical_args(query: ListingQuery) -> str:
    """Return a search's arguments in one fixed order, without the page.

    Choices are sorted too: kind=job&kind=internship is the same search as the reverse.
    """
    pairs: list[tuple[str, str]] = []
    for name, value in sorted(query.to_args(page=1).items()):
        values = sorted(value) if isinstance(value, list) else [value]
        pairs.extend((name, str(v)) for v in values)
    return urlencode(pairs)


def _encode(digest: bytes) -> str:
    number = int.from_bytes(digest, "big")
    chars = []
    for _ in range(MAX_CODE_LENGTH):
        number, rest = divmod(number, 32)
        chars.append(ALPHABET[rest])
    return "".join(chars)


def code_for(query: ListingQuery) -> str:
    """Return the short code of ``query``, storing it the first time it is asked for."""
    args = canonical_args(query)
    digest = hashlib.sha256(args.encode("utf-8")).hexdigest()
    existing = db.session.scalar(sa.select(ShortLink).where(ShortLink.digest == digest))
    if existing is not None:
        return existing.code
    full = _encode(bytes.fromhex(digest))
    # Two searches whose hashes share a prefix: the later one takes a longer code.
    for length in range(CODE_LENGTH, MAX_CODE_LENGTH + 1):
        code = full[:length]
        if db.session.get(ShortLink, code) is None:
            break
    else:  # pragma: no cover - needs an 80-bit clash
        raise RuntimeError(f"no free short code for {args!r}")
    db.session.add(ShortLink(code=code, digest=digest, args=args))
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        # Another request stored the same search a moment ago; use its code.
        db.session.rollback()
        stored = db.session.scalar(sa.select(ShortLink).where(ShortLink.digest == digest))
        if stored is None:
            raise
        return stored.code
    return code


def find(code: str) -> ShortLink | None:
    """Return the link stored under ``code`` (codes are read case-insensitively)."""
    code = code.lower()
    if len(code) > MAX_CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return db.session.get(ShortLink, code)
