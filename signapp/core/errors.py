"""Errors a person can act on.

Every error that may reach a user is a :class:`SignappError` carrying a message written
for that person; anything else is a bug.
"""

from __future__ import annotations

from typing import Any

from signapp.i18n import N_, _

# The fields and kinds of record a message may name, as a person reads them; other names
# are shown as given.
FIELD_NAMES = {
    "name": N_("name"),
    "local_name": N_("own-script name"),
    "acronym": N_("acronym"),
    "kind": N_("kind"),
    "country": N_("country"),
    "website": N_("website"),
    "notes": N_("notes"),
    "role": N_("role"),
    "email": N_("email"),
    "phone": N_("phone"),
    "title": N_("title"),
    "deadline": N_("deadline"),
    "text": N_("text"),
    "version": N_("version"),
    "status": N_("status"),
    "channel": N_("channel"),
    "authorised_by": N_("authorised by"),
    "printed_name": N_("printed name"),
    "organisation": N_("organisation"),
    "statement": N_("statement"),
    "languages": N_("languages"),
    "language": N_("language"),
    "columns": N_("columns"),
    "mapping": N_("columns of the file"),
    "passphrase": N_("passphrase"),
    "action": N_("action"),
    "contact": N_("contact"),
    "person": N_("person"),
    "sign-on": N_("sign-on"),
    "statement version": N_("statement version"),
}


def field_name(field: str) -> str:
    """How a field or kind of record is named to a person, in the interface language."""
    return _(FIELD_NAMES[field]) if field in FIELD_NAMES else field


class SignappError(Exception):
    """Base of the errors whose message can be shown to a user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(SignappError):
    """A value given for a field is not acceptable."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(_("{field}: {reason}").format(field=field_name(field), reason=message))
        self.field = field
        self.reason = message


class NotFound(SignappError):
    """The record asked for does not exist (any more)."""


class Cancelled(SignappError):
    """The user cancelled a long operation; nothing was written."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Cancelled; nothing was changed."))


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
