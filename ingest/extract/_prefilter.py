"""Run a compiled regex only where it can match, with exactly the regex's own results.

Python's ``re`` has no fast scan for a pattern that starts with ``\\b`` or ignores case:
it tries every position of the text, so a rule like ``(?i)\\bnurse\\b|\\bmedical\\b``
costs tens of microseconds on one description even when neither word is there, and a
listing goes through about a hundred such rules. ``str.find`` is an order of magnitude
faster. So each pattern is read once, at import, from its own parse tree for

* prefixes: literal strings (or "a digit") that every match starts with. The pattern
  is then tried only at the offsets where a prefix occurs: every other offset would
  fail, so ``finditer`` finds exactly the same matches.
* needles: literal strings every match contains (any-of / all-of). A pattern whose
  needles are absent cannot match and does not run at all.

Both are necessary conditions derived from the regex itself, so the rules stay plain
regex data and a rule edit cannot leave a hand-written keyword list stale. Where the
analysis cannot tell (a lone ``\\w+``, say) it claims nothing and the pattern scans the
whole text as before.

Haystacks: the strings are looked for in ``plain(text)`` (every non-ASCII character
as "?"), or for an ignore-case pattern in ``fold(text)`` (the same, lower-cased, after
the four non-ASCII letters that ``re.IGNORECASE`` equates with ASCII ones, "İ", "ı",
"ſ" and the Kelvin sign, are spelled in ASCII). Both keep every offset and are ASCII,
the fast case for ``str.find``; only ASCII literals are taken from ignore-case
patterns. tests/extract/test_prefilter.py checks these facts against every code point
and compares the filtered rules with the plain regexes on generated text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

try:  # The parser behind re.compile: private, so a surprise just turns the filter off.
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _sre = _sre_parse = None  # type: ignore[assignment]

# Non-ASCII characters that re.IGNORECASE matches with an ASCII letter, and that letter.
ASCII_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
DIGIT = object()  # a prefix that stands for "any character \\d matches"
_MAX_EXACT = 64  # most spelled-out strings kept for one piece of a pattern
_PREFIX_CHARS = 8  # prefixes are cut to this length: fewer to find, the same offsets


# The haystacks below are cached: one listing's text meets dozens of rules in a row.
@lru_cache(maxsize=16)
def plain(text: str) -> str:
    """Return text with every non-ASCII character as "?": same offsets, ASCII only.

    An ASCII literal occurs in text exactly where it occurs in plain(text) (a "?" can
    only add places), and searching an ASCII string is the fast case for str.find.
    """
    return text if text.isascii() else text.encode("ascii", "replace").decode("ascii")


@lru_cache(maxsize=16)
def fold(text: str) -> str:
    """Return plain(text) lower-cased, after spelling ASCII_TWINS in ASCII: same offsets."""
    if not text.isascii():
        for twin, letter in ASCII_TWINS.items():
            if twin in text:
                text = text.replace(twin, letter)
    return plain(text).lower()


@lru_cache(maxsize=16)
def digit_offsets(text: str) -> tuple[int, ...]:
    """Return the offsets of the characters \\d matches (str.isdecimal()), ascending."""
    hay = plain(text)
    found = []
    for digit in "0123456789":
        at = hay.find(digit)
        while at >= 0:
            found.append(at)
            at = hay.find(digit, at + 1)
    if hay is not text:  # other decimal digits ("\u0663") turned into "?": look there only
        at = hay.find("?")
        while at >= 0:
            if text[at].isdecimal():
                found.append(at)
            at = hay.find("?", at + 1)
    return tuple(sorted(found))


# -- analysis ---------------------------------------------------------------------------
# A requirement ("need") is any-of alternatives; an alternative is a frozenset of
# clauses that must all hold; a clause is a frozenset of strings of which one occurs.
Need = tuple  # of frozenset[frozenset[str]]
ALWAYS: Need = (frozenset(),)


@dataclass(frozen=True)
class _Info:
    """What one piece of a pattern tells about its matches.

    exact: every match is one of these strings (None: unknown or too many).
    prefix: every non-empty match starts with one of these non-empty strings, or with
        a digit where DIGIT is among them (None: unknown).
    nullable: the piece may match the empty string (True when unsure).
    need: what every match contains.
    """
    exact: frozenset[str] | None
    prefix: frozenset | None
    nullable: bool
    need: Need


_UNKNOWN = _Info(None, None, True, ALWAYS)
_EMPTY = _Info(frozenset({""}), frozenset(), True, ALWAYS)  # zero-width: \b, ^, lookarounds


def _from_exact(strings: frozenset[str]) -> _Info:
    if "" in strings:
        return _Info(strings, strings - {""}, True, ALWAYS)
    return _Info(strings, strings, False, (frozenset({frozenset(strings)}),))


def _union(sets: list) -> frozenset | None:
    return None if any(s is None for s in sets) else frozenset().union(*sets)


def _both(a: Need, b: Need) -> Need:
    """Return the requirement that a and b both hold."""
    if len(a) * len(b) > _MAX_EXACT:  # too many combinations: keep one side (a weaker need)
        return a if len(a) <= len(b) else b
    return tuple({x | y for x in a for y in b})


def _concat(a: _Info, b: _Info) -> _Info:
    if a.exact is not None and b.exact is not None and len(a.exact) * len(b.exact) <= _MAX_EXACT:
        return _from_exact(frozenset(x + y for x in a.exact for y in b.exact))
    # A non-empty match starts with a's prefix, or, when a matched nothing, with b's.
    prefix = _union([a.prefix, b.prefix]) if a.nullable else a.prefix
    if (a.exact and "" not in a.exact and b.prefix and not b.nullable and DIGIT not in b.prefix
            and len(a.exact) * len(b.prefix) <= _MAX_EXACT):
        # "c" then "ommunity..." or "ase...": the parser factors out common prefixes.
        prefix = frozenset(x + y for x in a.exact for y in b.prefix)
    return _Info(None, prefix, a.nullable and b.nullable, _both(a.need, b.need))


def _either(options: list[_Info]) -> _Info:
    exact = _union([o.exact for o in options])
    if exact is not None and len(exact) <= _MAX_EXACT:
        return _from_exact(exact)
    need = tuple({alt for o in options for alt in o.need})
    return _Info(None, _union([o.prefix for o in options]), any(o.nullable for o in options),
                 ALWAYS if frozenset() in need else need)


def _sequence(items, folded: bool) -> _Info:
    done, run = _EMPTY, frozenset({""})  # run: the literal text since the last unknown item
    for op, av in items:
        item = _item(op, av, folded)
        if item.exact is not None and len(run) * len(item.exact) <= _MAX_EXACT:
            run = frozenset(x + y for x in run for y in item.exact)
            continue
        done, run = _concat(done, _from_exact(run)), frozenset({""})
        if item.exact is not None:
            run = item.exact
        else:
            done = _concat(done, item)
    return _concat(done, _from_exact(run))


def _char(code: int, folded: bool) -> str | None:
    c = chr(code)
    if not folded:
        return c
    return c.lower() if c.isascii() else None  # fold() leaves only ASCII comparable


def _item(op, av, folded: bool) -> _Info:  # one branch per opcode
    c = _sre
    if op is c.LITERAL:
        ch = _char(av, folded)
        return _UNKNOWN if ch is None else _from_exact(frozenset({ch}))
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return _EMPTY
    if op is c.SUBPATTERN:
        return _sequence(av[-1], folded)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(av, folded)
    if op is c.BRANCH:
        return _either([_sequence(branch, folded) for branch in av[1]])
    if op is c.IN:
        if av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:  # \d
            return _Info(None, frozenset({DIGIT}), False, ALWAYS)
        chars: set[str | None] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(_char(value, folded))
            elif kind is c.RANGE and value[1] - value[0] < 16:
                chars.update(_char(code, folded) for code in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, wide ranges
                return _UNKNOWN
        return _UNKNOWN if None in chars else _from_exact(frozenset(chars))  # type: ignore[arg-type]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        low, high, body = av
        inner = _sequence(body, folded)
        if low == 0 and high == 1 and inner.exact is not None:
            return _from_exact(inner.exact | {""})
        if low == high and inner.exact is not None and len(inner.exact) ** low <= _MAX_EXACT:
            strings = frozenset({""})
            for _ in range(low):
                strings = frozenset(x + y for x in strings for y in inner.exact)
            return _from_exact(strings)
        # A repeat's non-empty match starts with a non-empty match of its body, unless
        # the body can match nothing: then claim no prefix.
        prefix = None if inner.nullable else inner.prefix
        return _Info(None, prefix, low == 0 or inner.nullable, inner.need if low else ALWAYS)
    return _UNKNOWN  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS...


def _flags_added(node: object) -> int:
    """Return the flags that inline groups such as ``(?i:...)`` switch on anywhere in node."""
    flags = 0
    if isinstance(node, _sre_parse.SubPattern):
        node = list(node)
    if isinstance(node, (list, tuple)):
        if len(node) == 2 and node[0] is _sre.SUBPATTERN:
            flags |= node[1][1]
        for part in node:
            flags |= _flags_added(part)
    return flags


def _useful(alt: frozenset) -> tuple[tuple[str, ...], ...]:
    """Return the clauses of an alternative worth checking, as sorted tuples.

    Within a clause a string that contains another is dropped (the shorter one occurs
    whenever it does); a one-character clause ("e") is dropped when a longer clause is
    there to check. Dropping only weakens the filter.
    """
    clauses = [tuple(sorted(s for s in clause if not any(t != s and t in s for t in clause)))
               for clause in alt]
    longest = max((min(map(len, clause)) for clause in clauses), default=0)
    # Short clauses of long words first: they are the cheapest to check and most often fail.
    return tuple(sorted((c for c in clauses if longest < 3 or min(map(len, c)) > 1),
                        key=lambda c: (len(c), -min(map(len, c)), c)))


def _shorten(prefixes: frozenset[str]) -> tuple[str, ...]:
    """Cut prefixes to _PREFIX_CHARS and drop those that start with another one."""
    cut = {p[:_PREFIX_CHARS] for p in prefixes}
    return tuple(sorted(p for p in cut if not any(q != p and p.startswith(q) for q in cut)))


# -- use --------------------------------------------------------------------------------

class Prefiltered:
    """A compiled pattern with the prefixes and needles its matches must have.

    ``finditer``, ``search`` and ``may_match`` answer exactly as the pattern would on
    the whole text; only faster.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.need: tuple[tuple[tuple[str, ...], ...], ...] = ()  # (): nothing known
        self.prefixes: tuple[str, ...] = ()  # (): none known
        self.digit_start = False  # matches may also start at any digit
        self._haystack = _as_is
        self._scan = self._check_need = False
        if _sre_parse is None or not isinstance(pattern.pattern, str):
            return
        try:
            parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
            folded = bool((parsed.state.flags | _flags_added(parsed)) & re.IGNORECASE)
            info = _sequence(parsed, folded)
        except Exception:  # noqa: BLE001  # pragma: no cover - an unexpected parse tree: scan as before
            return
        if info.need != ALWAYS:
            self.need = tuple(sorted({_useful(alt) for alt in info.need}, key=len))
        if info.prefix and not info.nullable:  # an empty match could be anywhere
            self.digit_start = DIGIT in info.prefix
            self.prefixes = _shorten(info.prefix - {DIGIT})
        strings = {s for alt in self.need for clause in alt for s in clause} | set(self.prefixes)
        # Ignore-case patterns only yield ASCII strings, to look for in fold(text).
        self._haystack = fold if folded else plain if all(s.isascii() for s in strings) else _as_is
        self._scan = bool(self.prefixes) or self.digit_start  # try only where a prefix is
        # Finding no literal prefix already rules a match out, so needs are checked first
        # only when they are all there is, when a digit may start a match, or when they
        # are one all-of list that says more than the prefixes do ("community" + "outreach").
        self._check_need = bool(self.need) and (
            not self._scan or self.digit_start or (len(self.need) == 1 and len(self.need[0]) > 1))

    def __repr__(self) -> str:
        return (f"Prefiltered({self.pattern.pattern[:40]!r}, need={self.need!r}, "
                f"prefixes={self.prefixes!r}, digit_start={self.digit_start})")

    def _needed(self, hay: str) -> bool:
        return any(all(any(s in hay for s in clause) for clause in alt) for alt in self.need)

    def may_match(self, text: str) -> bool:
        """Return False only when the pattern cannot match text."""
        hay = self._haystack(text)
        if self.need and not self._needed(hay):
            return False
        if self._scan:
            return any(p in hay for p in self.prefixes) or (self.digit_start and bool(digit_offsets(text)))
        return True

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Yield what ``pattern.finditer(text)`` yields."""
        hay = self._haystack(text)
        if self._check_need and not self._needed(hay):
            return
        if not self._scan:
            yield from self.pattern.finditer(text)
            return
        starts = list(digit_offsets(text)) if self.digit_start else []
        for prefix in self.prefixes:
            at = hay.find(prefix)
            while at >= 0:
                starts.append(at)
                at = hay.find(prefix, at + 1)
        if not starts:
            return
        # Every match starts at one of these offsets (the haystacks keep offsets). match()
        # at an offset sees the text before it for \b and lookbehinds just as a scan does,
        # and a match is never empty (it holds its prefix), so finditer goes on at m.end().
        resume = 0
        match = self.pattern.match
        for at in sorted(set(starts)):
            if at >= resume and (m := match(text, at)):
                yield m
                resume = m.end()

    def search(self, text: str) -> re.Match[str] | None:
        """Return what ``pattern.search(text)`` returns."""
        return next(self.finditer(text), None)


def _as_is(text: str) -> str:
    return text
