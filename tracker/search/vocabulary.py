"""The words of the indexed listings, for "did you mean".

Kept beside the index rather than in it: as a Whoosh field, every distinct word of every
listing was a posting to write, and that doubled the cost of indexing. Words are added as
listings are; removed listings leave their words until the next rebuild, which is
harmless because a suggestion is only made when it finds listings.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from whoosh.spelling import ListCorrector

_WORD = re.compile(r"[^\W\d_]{3,}")
MAX_DISTANCE = 2


class Vocabulary:
    """Each word and how many listings use it."""

    FILE_NAME = "vocabulary.txt"

    def __init__(self, counts: dict[str, int] | None = None) -> None:
        self.counts: dict[str, int] = counts or {}
        self._sorted: list[str] | None = None
        self._longest: int | None = None

    def add(self, text: str) -> None:
        counts = self.counts
        for word in set(_WORD.findall(text.lower())):
            counts[word] = counts.get(word, 0) + 1
        self._sorted = self._longest = None

    def update(self, other: Vocabulary) -> None:
        for word, number in other.counts.items():
            self.counts[word] = self.counts.get(word, 0) + number
        self._sorted = self._longest = None

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return self._sorted

    def longest(self) -> int:
        if self._longest is None:
            self._longest = max(map(len, self.counts), default=0)
        return self._longest

    @classmethod
    def load(cls, generation: Path) -> Vocabulary:
        path = generation / cls.FILE_NAME
        if not path.exists():
            return cls()
        counts = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            word, _, number = line.partition(" ")
            counts[word] = int(number or 1)
        return cls(counts)

    def save(self, generation: Path) -> None:
        path = generation / self.FILE_NAME
        tmp = path.with_name(f".{self.FILE_NAME}-{os.getpid()}")
        tmp.write_text("".join(f"{word} {number}\n" for word, number in sorted(self.counts.items())), encoding="utf-8")
        os.replace(tmp, path)  # searchers read the old list or the new one, never half

    def closest(self, word: str) -> str | None:
        """Return the known word nearest ``word`` (fewest edits, then used by most listings), or None."""
        if not self.counts:
            return None  # an empty index (a fresh install): Whoosh's corrector fails on no words
        if len(word) > self.longest() + MAX_DISTANCE:
            return None  # each edit changes the length by one at most: no word is near (and asking costs ~30 ms)
        corrector = ListCorrector(self.sorted_words())
        for distance in range(1, MAX_DISTANCE + 1):
            found = corrector.suggest(word, limit=len(self.counts), maxdist=distance)
            if found:
                # Ties go to the word that sorts last, as Whoosh's own ranking did.
                best: str = max(found, key=lambda w: (self.counts[w], w))
                return best
        return None

    def corrected(self, text: str) -> str | None:
        """Return ``text`` with its unknown words (4+ letters) replaced by known ones, or None when none is."""
        words, changed = [], False
        for word in text.split():
            plain = word.strip('"()').lower()
            if len(plain) < 4 or not plain.isalpha() or plain in self:
                words.append(word)
                continue
            option = self.closest(plain)
            words.append(option or word)
            changed = changed or option is not None
        return " ".join(words) if changed else None
