"""The words of the listings in PostgreSQL, for "did you mean": vocabulary.py's twin.

``search_words`` holds each word and how many listings use it, with a pg_trgm index:
PostgreSQL finds the few words that look like the unknown one, and the nearest by edit
distance is taken, as the Whoosh backend takes it. Words are added as listings are
written (apply_changes) and counted afresh by a rebuild; a removed listing leaves its
words until then, which is harmless because a suggestion is only made when it finds
listings.
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session
from whoosh.support.levenshtein import levenshtein

from tracker.search.pg_schema import WORDS_TABLE
from tracker.search.vocabulary import MAX_DISTANCE, Vocabulary

CANDIDATES = 20  # words pg_trgm offers for one unknown word, before edit distances pick
_CHUNK = 1000


def add(session: Session, texts: Iterable[str]) -> None:
    """Count the words of ``texts`` (the documents' content) in."""
    counted = Vocabulary()
    for text in texts:
        counted.add(text)
    # In one order: two writers adding words at once then never wait for each other in a circle.
    rows = [{"word": w, "listings": n} for w, n in sorted(counted.counts.items())]
    for start in range(0, len(rows), _CHUNK):
        session.execute(sa.text(
            f"INSERT INTO {WORDS_TABLE} (word, listings) VALUES (:word, :listings) "
            f"ON CONFLICT (word) DO UPDATE SET listings = {WORDS_TABLE}.listings + excluded.listings"),
            rows[start:start + _CHUNK])


def replace_all(session: Session, texts: Iterable[str]) -> None:
    """Count every word afresh from ``texts`` (all the open listings)."""
    session.execute(sa.text(f"DELETE FROM {WORDS_TABLE}"))
    add(session, texts)


class DatabaseWords(Vocabulary):
    """Vocabulary.corrected over the database's words: known words looked up, unknown ones matched by trigrams."""

    def __init__(self, session: Session, trigram_schema: str) -> None:
        super().__init__()
        self.session, self.trigram = session, trigram_schema
        self._known: set[str] | None = None

    def corrected(self, text: str) -> str | None:
        words = [w.strip('"()').lower() for w in text.split()]
        found = self.session.execute(sa.text(f"SELECT word FROM {WORDS_TABLE} WHERE word = ANY(:words)"),
                                     {"words": words}).scalars()
        self._known = set(found)
        return super().corrected(text)

    def __contains__(self, word: str) -> bool:
        return self._known is not None and word in self._known

    def closest(self, word: str) -> str | None:
        """Return the known word nearest ``word`` (fewest edits, then used by most listings), or None."""
        rows = self.session.execute(sa.text(
            f"SELECT word, listings FROM {WORDS_TABLE} WHERE word OPERATOR({self.trigram}.%) :word "
            f"ORDER BY {self.trigram}.similarity(word, :word) DESC LIMIT :limit"),
            {"word": word, "limit": CANDIDATES}).all()
        near = [(levenshtein(word, w, MAX_DISTANCE + 1), w, n) for w, n in rows]
        near = [item for item in near if item[0] <= MAX_DISTANCE]
        if not near:
            return None
        # Fewest edits; then the word most listings use (ties to the word that sorts last, as Whoosh's).
        fewest = min(edits for edits, _w, _n in near)
        best: str = max((n, w) for edits, w, n in near if edits == fewest)[1]
        return best
