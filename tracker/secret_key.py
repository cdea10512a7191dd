"""Refuse a SECRET_KEY that is easy to guess, by an estimate of its randomness in bits.

A length check let 16 × "a" through (issue #11). The estimate is the key's length times
the bits of the alphabet it is drawn from, after common words ("password", "secret") are
taken out, capped by what a compressor leaves of the key and of its steps from one
character to the next (so "aaaa", "abcabc", "1234" and "aabbcc" score low).
secrets.token_hex(16) scores 128, token_hex(32) 256.
"""
from __future__ import annotations

import math
import re
import string
import zlib

MIN_BITS = 120
HOW_TO_MAKE_ONE = "python -c 'import secrets; print(secrets.token_hex(32))'"
# Words people put in keys they make up: each is one guess, not letters drawn at random.
COMMON_WORDS = re.compile("|".join((
    "password", "passwd", "secret", "changeme", "change", "letmein", "qwerty", "asdf", "admin", "example",
    "default", "insecure", "development", "production", "flask", "django", "token", "test")), re.IGNORECASE)
HEX_DIGITS = (frozenset("0123456789abcdef"), frozenset("0123456789ABCDEF"))
CHARACTER_CLASSES = ((frozenset(string.digits), 10), (frozenset(string.ascii_lowercase), 26),
                     (frozenset(string.ascii_uppercase), 26), (frozenset(string.punctuation + " "), 33))


def alphabet_size(text: str) -> int:
    """Return how many characters the alphabet ``text`` seems drawn from holds."""
    chars = set(text)
    if any(chars <= hex_digits for hex_digits in HEX_DIGITS):
        return 16
    size = sum(n for members, n in CHARACTER_CLASSES if chars & members)
    if any(not c.isascii() for c in chars):
        size += 100
    return max(size, 1)


def _compressed_bits(data: bytes) -> int:
    return 8 * max(0, len(zlib.compress(data, 9)) - len(zlib.compress(b"", 9)))


def estimated_bits(key: str) -> float:
    """Return a rough estimate of the bits of randomness in ``key`` (low for keys people make up)."""
    text = COMMON_WORDS.sub("", key)
    if not text:
        return 0.0
    by_characters = len(text) * math.log2(alphabet_size(text))
    steps = bytes((ord(b) - ord(a)) % 256 for a, b in zip(text, text[1:]))
    return min(by_characters, _compressed_bits(text.encode()), _compressed_bits(steps) + 8)


def refuse_weak(key: str) -> None:
    """Raise RuntimeError, saying how to make a good key, when ``key`` is easy to guess."""
    bits = estimated_bits(key)
    if bits < MIN_BITS:
        raise RuntimeError(
            f"Refusing to start: SECRET_KEY must be set to a random value in production (APP_ENV=production). "
            f"This one is too easy to guess: about {bits:.0f} bits of randomness, and at least {MIN_BITS} are "
            "needed (a key that is short, repeats itself, runs in steps such as 1234 or abcd, or is made of "
            f"words is guessed first). Generate one with: {HOW_TO_MAKE_ONE}")
