"""Errors a person can act on.

Every error that may reach a user is a :class:`SignappError` carrying a message written
for that person; anything else is a bug.
"""

from __future__ import annotations

from typing import Any


class SignappError(Exception):
    """Base of the errors whose message can be shown to a user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(SignappError):
    """A value given for a field is not acceptable."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class NotFound(SignappError):
    """The record asked for does not exist (any more)."""


class Cancelled(SignappError):
    """The user cancelled a long operation; nothing was written."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


class StatementLocked(SignappError):
    """The statement is closed or published, so its text cannot change."""


class StaleEdit(SignappError):
    """The row was changed elsewhere since it was read.

    Attributes:
        current: the values as they are now in the store, to show the user.
    """

    def __init__(self, message: str, current: dict[str, Any] | None) -> None:
        super().__init__(message)
        self.current = current


class DatabaseBusy(SignappError):
    """Another program holds the database for longer than we are willing to wait."""


class DatabaseOpenError(SignappError):
    """The database file cannot be opened; nothing in it was changed."""


class ReadOnlyDatabase(SignappError):
    """A write met a database whose file or folder cannot be written to."""


class MissingDatabase(DatabaseOpenError):
    """There is no database file where one was expected (or only an empty file)."""


class NotASignappDatabase(DatabaseOpenError):
    """The file is not a signapp database."""


class SchemaTooNew(DatabaseOpenError):
    """The file was written by a newer signapp."""


class CorruptDatabase(DatabaseOpenError):
    """The file fails SQLite's integrity check."""


class WrongPassphrase(DatabaseOpenError):
    """The database is encrypted and the passphrase does not open it."""
