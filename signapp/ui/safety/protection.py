"""Protect with a passphrase, change it, remove it: the whole flow behind the menu items.

The file is rewritten, so the window's own connection must be closed first: the flow
asks, then calls ``close_database`` (which the main window uses to close its
connection and stop anything using it), rewrites, and opens the database again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from sqlite_utils import Database

from signapp.core.db import database_path, open_database, passphrase_of
from signapp.core.encryption import ProtectionChange, protect_database, unprotect_database
from signapp.core.errors import SignappError
from signapp.i18n import _, ngettext
from signapp.ui.safety.passphrase_dialogs import NewPassphraseDialog
from signapp.ui.safety.widgets import ask_yes_or_cancel

AskNewPassphrase = Callable[[QWidget | None, bool], str | None]
Confirm = Callable[[QWidget | None, str], bool]
Inform = Callable[[QWidget | None, str], None]


def ask_new_passphrase(parent: QWidget | None, changing: bool) -> str | None:
    dialog = NewPassphraseDialog(parent, changing=changing)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def confirm_removal(parent: QWidget | None, question: str) -> bool:
    return ask_yes_or_cancel(parent, _("Remove the passphrase"), question)


def show_problem(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, _("Passphrase"), message)


@dataclass(frozen=True)
class ProtectionOutcome:
    """The database opened again after the change, and what the change did (None when
    it failed and the database was opened again as it was)."""

    database: Database
    change: ProtectionChange | None


def change_protection(
    parent: QWidget | None,
    db: Database,
    close_database: Callable[[], None],
    *,
    remove: bool = False,
    ask: AskNewPassphrase = ask_new_passphrase,
    confirm: Confirm = confirm_removal,
    inform: Inform = show_problem,
) -> ProtectionOutcome | None:
    """Protect ``db`` with a new passphrase, change it, or (``remove``) remove it.

    Returns None when the person cancels (nothing closed, nothing changed); otherwise
    the database opened again, under the new passphrase when the change succeeded.
    """
    path = database_path(db)
    if path is None:
        raise SignappError(_("An in-memory database cannot be protected"))
    current = passphrase_of(db)
    if remove:
        if current is None:
            inform(parent, _("This list is not protected with a passphrase."))
            return None
        if not confirm(
            parent,
            _(
                "Remove the passphrase? The list and its backups will be readable by anyone "
                "who can open the files on this computer."
            ),
        ):
            return None
        new = None
    else:
        new = ask(parent, current is not None)
        if new is None:
            return None
    close_database()
    change: ProtectionChange | None = None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if new is None:
            assert current is not None
            change = unprotect_database(path, current)
        else:
            change = protect_database(path, new, current=current)
    except SignappError as error:
        inform(parent, error.message)
    finally:
        QGuiApplication.restoreOverrideCursor()
    reopened = open_database(path, passphrase=new if change is not None else current)
    if change is not None and change.backups_not_opened:
        inform(
            parent,
            ngettext(
                "{count:,} older backup did not open with the old passphrase and was left as it was.",
                "{count:,} older backups did not open with the old passphrase and were left as they were.",
                len(change.backups_not_opened),
            ).format(count=len(change.backups_not_opened)),
        )
    return ProtectionOutcome(database=reopened, change=change)
