"""Counts read as English sentences."""

from __future__ import annotations

from signapp.core.wording import counted


def test_one_is_singular_and_every_other_number_plural() -> None:
    assert counted(1, "contact") == "1 contact"
    assert counted(0, "contact") == "0 contacts"
    assert counted(3, "sign-on") == "3 sign-ons"
    assert counted(2, "entry", "entries") == "2 entries"
    assert counted(1, "entry", "entries") == "1 entry"
