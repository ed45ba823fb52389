"""Which version of a statement an answer confirmed: the one in force when it was given.

A form answered before a substantive revision confirms the text it answered, so the
organisation still needs to reconfirm; an answer without a date is taken as given now.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime


def moment(text: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as an aware moment; a date alone is its first
    second (the earlier version, the safe side), a time without offset is UTC."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class IssuedVersions:
    """The issued versions of a statement: numbers, and when each was issued."""

    numbers: tuple[int, ...]
    issued: tuple[datetime, ...]

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, str]]) -> IssuedVersions:
        """From (number, issued_at) pairs of the issued versions."""
        dated = sorted(
            (when, number) for number, text in rows if (when := moment(text)) is not None
        )
        return cls(tuple(number for _, number in dated), tuple(when for when, _ in dated))

    @property
    def latest(self) -> int | None:
        return self.numbers[-1] if self.numbers else None

    def in_force_at(self, when: str | None) -> int | None:
        """The version in force at ``when`` (the latest for no date); the first one for
        an answer dated before any was issued (it can confirm no other)."""
        at = moment(when)
        if at is None or not self.numbers:
            return self.latest
        position = bisect_right(self.issued, at)
        return self.numbers[max(position - 1, 0)]


def later(first: str | None, second: str | None) -> str | None:
    """The later of two timestamps (either may be missing): a date never moves back."""
    if not first or not second:
        return first or second
    first_at, second_at = moment(first), moment(second)
    if first_at is None or second_at is None:
        return first if first_at is not None else second
    return second if second_at > first_at else first
