"""Passwords: Argon2id hashes, and the rules a new password must meet.

The rules follow NIST SP 800-63B and OWASP ASVS 2.1: at least 12 characters, at most
128, any characters, no composition rules, and not one of the 10,000 most common
passwords (common-passwords.txt, with its source named inside) nor such a password
padded with digits or symbols, nor the account's own e-mail or name.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from flask_babel import gettext as _

MIN_LENGTH = 12
MAX_LENGTH = 128
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt")

# argon2-cffi's defaults are RFC 9106's low-memory profile (Argon2id, 64 MiB, 3 passes).
_STANDARD = PasswordHasher()
# Only a test config can pick this (PASSWORD_HASH_CHEAP is never read from the environment):
# hundreds of logins in the suite would otherwise spend minutes hashing.
_CHEAP = PasswordHasher.from_parameters(profiles.CHEAPEST)
_DUMMY_PASSWORD = "not a real password, only for timing"
_dummy_hashes: dict[int, str] = {}


def _hasher() -> PasswordHasher:
    cheap = has_app_context() and current_app.config.get("PASSWORD_HASH_CHEAP")
    return _CHEAP if cheap else _STANDARD


def hash_password(password: str) -> str:
    """Return the Argon2id hash of ``password``."""
    return _hasher().hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Say whether ``password`` matches ``stored_hash`` (always spending the same work)."""
    hasher = _hasher()
    if stored_hash is None:
        # An unknown address costs what a wrong password costs, so timing tells no addresses.
        dummy = _dummy_hashes.setdefault(id(hasher), hasher.hash(_DUMMY_PASSWORD))
        try:
            hasher.verify(dummy, password)
        except (VerificationError, InvalidHashError):
            pass
        return False
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Say whether a hash was made with other settings than today's."""
    return _hasher().check_needs_rehash(stored_hash)


# "123456789012", "qwertyuiopas", "zyxwvutsrqpo": runs along the digits, the alphabet or the keyboard.
_FORWARD_RUNS = ("0123456789" * 4, "abcdefghijklmnopqrstuvwxyz" * 2, "qwertyuiopasdfghjklzxcvbnm" * 2,
                 "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/")
_RUNS = _FORWARD_RUNS + tuple(run[::-1] for run in _FORWARD_RUNS)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def problem(password: str, email: str = "", name: str = "") -> str | None:
    """Return why ``password`` may not be used, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(n)d characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("Use at most %(n)d characters.", n=MAX_LENGTH)
    if is_common(password):
        return _("This password is one of the most common ones, which are tried first: choose another.")
    lowered = password.lower()
    personal = {email.lower(), email.lower().partition("@")[0], name.lower().replace(" ", "")} - {""}
    if any(len(word) >= 4 and word in lowered for word in personal):
        return _("Do not use your name or e-mail address in your password.")
    return None


def is_common(password: str) -> bool:
    """Say whether ``password`` is a common password, or one padded or repeated to look longer."""
    lowered = password.lower()
    common = common_passwords()
    if lowered in common or len(set(lowered)) <= 2 or any(lowered in run for run in _RUNS):
        return True
    # "password123456", "!!qwerty!!": a common word dressed up with digits and symbols.
    core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)
    if core in common:
        return True
    # "monkeymonkey": one common word said again.
    for size in range(1, len(lowered) // 2 + 1):
        if len(lowered) % size == 0 and lowered[:size] * (len(lowered) // size) == lowered:
            return lowered[:size] in common or len(lowered[:size]) < 4
    return False
