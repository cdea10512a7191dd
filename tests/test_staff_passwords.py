"""The rules a new staff password must meet (NIST SP 800-63B, ASVS 2.1)."""
from __future__ import annotations

import pytest

from tracker.staff import passwords


def test_the_common_password_list_is_shipped_whole() -> None:
    common = passwords.common_passwords()
    assert len(common) == 10_000
    assert {"123456", "password", "qwerty", "iloveyou"} <= common


@pytest.mark.parametrize("password", [
    "password1234", "PASSWORD1234", "qwerty!!!!!!!", "123456789012", "zyxwvutsrqpo", "monkeymonkey",
    "aaaaaaaaaaaaaaaa", "abababababab", "!!dragon2026!!", "1qaz2wsx3edc",
])
def test_common_or_padded_passwords_are_refused(app, password: str) -> None:
    with app.test_request_context():
        assert passwords.problem(password) is not None, password


@pytest.mark.parametrize("password", [
    "correct horse battery staple", "seven blue kites fly", "Tr4ck3r-pathway-Q", "é un mot de passe ünïcode",
])
def test_long_uncommon_passwords_are_accepted(app, password: str) -> None:
    with app.test_request_context():
        assert passwords.problem(password, "kim@example.org", "Kim Lee") is None


def test_length_limits_and_personal_words(app) -> None:
    with app.test_request_context():
        assert "at least 12" in passwords.problem("short pass")
        assert "at most 128" in passwords.problem("x" * 100 + "y" * 29)
        assert "name or e-mail" in passwords.problem("kimberly-rocks-2026", "kimberly@example.org")
        assert "name or e-mail" in passwords.problem("hello JoseGarcia!!", "x@example.org", "Jose Garcia")


def test_the_messages_speak_spanish(app) -> None:
    with app.test_request_context("/?lang=es"):
        assert passwords.problem("short") == "Use al menos 12 caracteres."
