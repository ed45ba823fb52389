"""Asking for the passphrase of a protected database, and choosing a new one."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.backups import newest_backup
from signapp.core.db import PassphraseRequired, default_database_path, open_database
from signapp.core.encryption import MIN_PASSPHRASE_LENGTH
from signapp.core.errors import MissingDatabase, SignappError, WrongPassphrase
from signapp.i18n import _
from signapp.ui.questions import ask
from signapp.ui.safety.widgets import error_label, wrapped_label

DatabaseOpener = Callable[[str], Database]


def _password_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class PassphraseDialog(QDialog):
    """Ask for the passphrase and open the database with it; stays open while wrong.

    Args:
        database_path: the protected file, named to the user.
        opener: opens the database with a passphrase; raises WrongPassphrase when it
            does not fit. Defaults to :func:`open_database` on ``database_path``.

    After ``exec()`` returns Accepted, :attr:`database` is the open database.
    """

    def __init__(
        self,
        database_path: Path,
        opener: DatabaseOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Passphrase"))
        self.setMinimumWidth(460)  # room for the wrapped explanations
        self._opener = opener or (
            lambda passphrase: open_database(database_path, passphrase=passphrase)
        )
        self.database: Database | None = None
        self.attempts = 0

        intro = wrapped_label(
            _("<b>{name}</b> is protected with a passphrase.<br>Enter it to open the list.").format(
                name=html.escape(database_path.name)
            ),
            self,
            rich=True,
        )
        self.passphrase_field = _password_field(self)
        self.passphrase_field.setAccessibleName(_("Passphrase"))
        self.show_field = QCheckBox(_("Show the passphrase"), self)
        self.show_field.toggled.connect(self._show_passphrase)
        self.error_label = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._try_open)
        self.buttons.rejected.connect(self.reject)
        self.passphrase_field.textChanged.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase_field)
        layout.addWidget(self.show_field)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def _show_passphrase(self, shown: bool) -> None:
        self.passphrase_field.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )

    def _update_buttons(self) -> None:
        open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        open_button.setEnabled(bool(self.passphrase_field.text()))

    def _try_open(self) -> None:
        self.attempts += 1
        try:
            self.database = self._opener(self.passphrase_field.text())
        except WrongPassphrase:
            self._show_error(
                _(
                    "That passphrase does not open this list. Check it and try again; "
                    "letters are case-sensitive."
                )
            )
            self.passphrase_field.selectAll()
            self.passphrase_field.setFocus()
            return
        except SignappError as error:
            self._show_error(error.message)
            return
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def open_with_passphrase_prompt(
    path: Path | None = None,
    parent: QWidget | None = None,
    *,
    daily_backup: bool = True,
    ask_to_create: bool = False,
) -> Database | None:
    """Open ``path`` (the default database if None); if it is protected, ask for the
    passphrase until it fits. None if the person cancels (or does not want a new
    file created).

    ``daily_backup`` False leaves the day's backup to the caller (see
    :func:`signapp.core.db.open_database`). ``ask_to_create``: a missing file is
    created only once the person says so (a mistyped path must not silently become
    a new, empty list). Other open errors (not a signapp file, damaged, busy, an
    emptied file with backups) propagate as SignappError.
    """
    path = path if path is not None else default_database_path()
    try:
        return open_database(path, daily_backup=daily_backup, create=not ask_to_create)
    except MissingDatabase:
        if newest_backup(path) is not None:
            raise  # an emptied list: the message names the backup to restore
        if not _agrees_to_create(parent, path):
            return None
        return open_database(path, daily_backup=daily_backup)
    except PassphraseRequired:
        dialog = PassphraseDialog(
            path,
            parent=parent,
            opener=lambda passphrase: open_database(
                path, passphrase=passphrase, daily_backup=daily_backup
            ),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.database
        return None


def _agrees_to_create(parent: QWidget | None, path: Path) -> bool:
    return ask(
        parent,
        _("Create a new list?"),
        _(
            "There is no signapp database at {path}. Create a new, empty one there? "
            "If you meant an existing list, choose No and check the path."
        ).format(path=path),
    )


class NewPassphraseDialog(QDialog):
    """Choose a passphrase to protect the database with (or to change it to).

    :meth:`passphrase` gives the accepted passphrase. The dialog says plainly that a
    forgotten passphrase cannot be recovered.
    """

    def __init__(self, parent: QWidget | None = None, *, changing: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            _("Change the passphrase") if changing else _("Protect with a passphrase")
        )
        self.setMinimumWidth(460)  # room for the wrapped explanations
        intro = wrapped_label(
            _(
                "The list, and every backup of it, will be encrypted. Without the passphrase "
                "nobody can read it - not even you: if it is forgotten, the data cannot be "
                "recovered. Keep it somewhere safe, away from this computer."
            ),
            self,
        )
        self.first_field = _password_field(self)
        self.second_field = _password_field(self)
        self.first_field.setAccessibleName(_("New passphrase"))
        self.second_field.setAccessibleName(_("New passphrase again"))
        self.problem_label = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for field in (self.first_field, self.second_field):
            field.textChanged.connect(self._validate)

        form = QFormLayout()
        form.addRow(_("New passphrase:"), self.first_field)
        form.addRow(_("Again:"), self.second_field)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._validate()

    def passphrase(self) -> str:
        return self.first_field.text()

    def problem(self) -> str | None:
        """Why the passphrase typed cannot be used yet, or None when it can."""
        first, second = self.first_field.text(), self.second_field.text()
        if len(first) < MIN_PASSPHRASE_LENGTH:
            return _("Use at least {count} characters; a few words work well.").format(
                count=MIN_PASSPHRASE_LENGTH
            )
        if "\x00" in first:
            return _("The passphrase cannot contain that character.")
        if first != second:
            return _("The two passphrases are not the same.")
        return None

    def _validate(self) -> None:
        problem = self.problem()
        typed = bool(self.first_field.text() or self.second_field.text())
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(bool(problem) and typed)
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(problem is None)
