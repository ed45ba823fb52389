"""Counts in sentences a person reads: "1 contact", "3 contacts"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, the noun plural unless the number is one.

    The plural is ``noun + "s"`` unless given ("entry", "entries").
    """
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
