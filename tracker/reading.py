"""Reading a search in people's own words: filter words in the text become filters.

"paid summer internship near 35203" is the Paid, Summer and Internship filters and the
ZIP code 35203, with no words left to search. The words each filter answers to are
declared with it (tracker/filter_registry.py, `said`); this module finds them in the
text, longest phrase first, and returns what it read and the words left. It is pure:
ListingQuery.from_args merges the readings into the filters, and the page says what
was read, each with a link that searches the words instead (in quotes, never read).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from tracker import geo
from tracker.filter_registry import FILTERS, GLUE_WORDS, IGNORED_SAID, Filter

NUMBER = "#"


@dataclass(frozen=True)
class Reading:
    """Words of a search read as a filter value (or, with no field, set aside: "near me")."""

    words: str  # as typed, e.g. "16-year-old"
    field: str | None  # the ListingQuery field, or None for words read and ignored
    value: Any = None
    added: bool = True  # False when the filter already had this value: undoing keeps it


@dataclass(frozen=True)
class Read:
    text: str  # the words left to search
    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class _Phrase:
    tokens: tuple[str, ...]  # normalized words; one may hold NUMBER ("#th", "#")
    field: str | None
    value: Any  # NUMBER: the number typed is the value


def tokens(word: str, keep: str = "") -> list[str]:
    """Return the normalized words of a typed word: lower case, no accents, no punctuation (but ``keep``)."""
    # Ordinal marks go first: NFKD would make "11.º" into "11.o".
    plain = unicodedata.normalize("NFKD", re.sub("[ºª°'’]", "", word.lower()))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(f"[^0-9a-z{keep}]+", " ", plain).split()


def _phrases_of(f: Filter) -> Iterable[_Phrase]:
    for value, said in f.said.items():
        for words in said:
            yield _Phrase(tuple(tokens(words, keep=NUMBER)), f.field, value)


@lru_cache(maxsize=2)
def _phrases(suggesting: bool = False) -> tuple[_Phrase, ...]:
    found = [p for f in FILTERS if f.reads_said or suggesting for p in _phrases_of(f)]
    found += [_Phrase(tuple(tokens(words)), None, None) for words in IGNORED_SAID]
    # Longest first; of equal length, exact words before a number pattern.
    return tuple(sorted(found, key=lambda p: (-len(p.tokens), any(NUMBER in t for t in p.tokens))))


@lru_cache(maxsize=2)
def _phrases_starting(suggesting: bool) -> tuple[dict[str, tuple[_Phrase, ...]], tuple[_Phrase, ...]]:
    """Index the phrases by their first word; those starting with a number apart (tried on digits)."""
    by_word: dict[str, list[_Phrase]] = {}
    numbers = []
    for phrase in _phrases(suggesting):  # kept in order: longest first
        if NUMBER in phrase.tokens[0]:
            numbers.append(phrase)
        else:
            by_word.setdefault(phrase.tokens[0], []).append(phrase)
    return {word: tuple(found) for word, found in by_word.items()}, tuple(numbers)


def _candidates(first: str, suggesting: bool) -> list[_Phrase]:
    """Return the phrases that may start with the word ``first``, longest first."""
    by_word, numbers = _phrases_starting(suggesting)
    found = list(by_word.get(first, ()))
    if any(c.isdigit() for c in first):
        found = sorted(found + list(numbers), key=lambda p: (-len(p.tokens), any(NUMBER in t for t in p.tokens)))
    return found


_BY_FIELD = {f.field: f for f in FILTERS}


def _number_value(field: str, digits: str) -> Any:
    """Return the filter value a typed number gives, or None when the filter does not take it."""
    if field == "near":
        return digits if len(digits) == 5 and geo.zip_point(digits) is not None else None
    if len(digits) > 3:
        return None
    number = int(digits)
    return number if _BY_FIELD[field].accepts(number) else None


def _match_token(pattern: str, token: str) -> str | None:
    """Return "" when ``token`` is the pattern's word, the digits when it fills its NUMBER, else None."""
    if NUMBER not in pattern:
        return "" if pattern == token else None
    found = re.fullmatch("([0-9]+)".join(re.escape(part) for part in pattern.split(NUMBER)), token)
    return found.group(1) if found else None


@dataclass
class _Word:
    raw: str  # as typed
    tokens: list[str]
    readable: bool


def _words(text: str) -> list[_Word]:
    """Split typed text into words; a quoted part is one word that is never read."""
    words: list[_Word] = []
    for match in re.finditer(r'"[^"]*"?|[^\s"]+', text):
        raw = match.group(0)
        after_not = bool(words) and words[-1].raw == "NOT"
        readable = not raw.startswith(('"', "-")) and not after_not
        words.append(_Word(raw, tokens(raw) if readable else [], readable))
    return words


def _match_at(words: list[_Word], start: int, phrase: _Phrase, taken: set[str]) -> tuple[int, Any] | None:
    """Return (words used, value) when ``phrase`` is typed from word ``start`` on, whole words only."""
    flat: list[str] = []
    end = start
    while len(flat) < len(phrase.tokens) and end < len(words) and words[end].readable and words[end].tokens:
        flat += words[end].tokens
        end += 1
    if len(flat) != len(phrase.tokens):
        return None  # too few words, or the phrase would end inside a word ("paid-ish")
    number = None
    for pattern, token in zip(phrase.tokens, flat):
        found = _match_token(pattern, token)
        if found is None:
            return None
        number = found or number
    value = phrase.value
    if value == NUMBER:
        value = _number_value(phrase.field or "", number or "")
        if value is None:
            return None
    if phrase.field in taken:
        return None
    return end - start, value


def read(text: str, given: frozenset[str] = frozenset(), suggesting: bool = False) -> Read:
    """Read filter words in ``text``; ``given`` names single-value filters already set, never read over.

    ``suggesting`` reads the words of filters that only suggest theirs too (pathways).
    """
    words = _words(text)
    taken = set(given)
    readings: list[Reading] = []
    used = [False] * len(words)
    start = 0
    while start < len(words):
        first = words[start].tokens[0] if words[start].tokens else ""
        for phrase in _candidates(first, suggesting):
            found = _match_at(words, start, phrase, taken)
            if found is None:
                continue
            count, value = found
            typed = " ".join(w.raw.strip(".,;:!?¡¿()[]") for w in words[start:start + count])
            readings.append(Reading(typed, phrase.field, value))
            if phrase.field is not None and not _BY_FIELD[phrase.field].is_choice and not _BY_FIELD[phrase.field].repeatable:
                taken.add(phrase.field)  # one age, one ZIP code: a second stays as words
            used[start:start + count] = [True] * count
            start += count
            break
        else:
            start += 1
    if not readings:
        return Read(text, ())
    left = [w.raw for w, was_read in zip(words, used)
            if not was_read and not (w.readable and " ".join(w.tokens) in GLUE_WORDS)]
    return Read(" ".join(left), tuple(readings))


def read_into(text: str, filters: dict[str, Any]) -> tuple[str, tuple[Reading, ...]]:
    """Read filter words in ``text`` into ``filters`` (changed in place); return the words left and what was read.

    A filter given in the URL keeps its value: a single-value one (age, ZIP code) is not
    read over, and a choice it already has is read but not added (so undoing keeps it).
    """
    given = frozenset(name for name, value in filters.items() if value is not None and not isinstance(value, tuple))
    found = read(text, given)
    readings = []
    for reading in found.readings:
        added = True
        if reading.field is not None:
            current = filters[reading.field]
            if isinstance(current, tuple):
                added = reading.value not in current
                if added:
                    filters[reading.field] = current + (reading.value,)
                    if _BY_FIELD[reading.field].repeatable:
                        filters[reading.field] = tuple(sorted(filters[reading.field]))
            else:
                filters[reading.field] = reading.value
        readings.append(replace(reading, added=added))
    return found.text, tuple(readings)


def filter_words(text: str) -> tuple[list[tuple[Reading, str]], str]:
    """For a search that found nothing: each filter its words name (quoted ones and pathways
    too), with the text left once those words are gone (other quoted words stay quoted),
    and the text left once all of them are."""
    # Each typed word, with the quoted part it sits in (None: not quoted).
    units: list[tuple[str, int | None]] = []
    for number, match in enumerate(re.finditer(r'"([^"]*)"?|([^\s"]+)', text)):
        quoted = match.group(1)
        units += [(word, number) for word in quoted.split()] if quoted is not None else [(match.group(2), None)]
    bare = [word.strip(".,;:!?¡¿()[]") for word, _ in units]
    suggestions = []
    unused = [True] * len(units)
    for reading in read(" ".join(word for word, _ in units), suggesting=True).readings:
        size = len(reading.words.split())
        start = next((i for i in range(len(bare)) if bare[i:i + size] == reading.words.split()), None)
        if reading.field is None or start is None:
            continue
        suggestions.append((reading, _rejoin(units[:start] + units[start + size:])))
        unused[start:start + size] = [False] * size
    return suggestions, _rejoin([unit for unit, kept in zip(units, unused) if kept])


def _rejoin(units: list[tuple[str, int | None]]) -> str:
    """Write words back as typed: quoted parts in quotes, glue words left out."""
    parts: list[str] = []
    for i, (word, quote) in enumerate(units):
        if quote is None:
            if " ".join(tokens(word)) not in GLUE_WORDS:
                parts.append(word)
        elif i > 0 and units[i - 1][1] == quote:
            parts[-1] = parts[-1][:-1] + " " + word + '"'
        else:
            parts.append(f'"{word}"')
    return " ".join(parts)
