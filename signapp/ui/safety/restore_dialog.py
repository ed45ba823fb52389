"""Restore from backup: list the backups with date, size and counts; restore after
confirmation. The current state is saved as a backup first, so a restore can itself
be undone by restoring that one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.backups import (
    BackupCounts,
    BackupInfo,
    backups_folder,
    newest_backup,
    read_counts,
    restore_backup,
    restore_in_place_of,
)
from signapp.core.db import database_path, passphrase_of
from signapp.core.errors import SignappError
from signapp.i18n import _, ngettext
from signapp.ui.safety.backup_model import BackupListModel
from signapp.ui.safety.widgets import ask_yes_or_cancel, error_label, wrapped_label

Confirm = Callable[[QWidget, str], bool]
ChooseFile = Callable[[QWidget], Path | None]


def ask_to_confirm(parent: QWidget, question: str) -> bool:
    return ask_yes_or_cancel(parent, _("Restore from backup"), question)


def choose_backup_file(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Restore from a copy"), "", _("signapp lists (*.sqlite *.db);;All files (*)")
    )
    return Path(chosen) if chosen else None


class RestoreBackupDialog(QDialog):
    """Choose a backup of ``db`` and restore it.

    Args:
        db: the open database; it is restored in place (other windows see the change).
        confirm: asks the question and returns True to go ahead; a Yes/Cancel message
            box by default (tests pass their own).
        choose_file: asks for a copy kept elsewhere (``backup --out``, a USB stick);
            a file dialog by default.

    After ``exec()`` returns Accepted, :attr:`restored_from` is the backup restored and
    :attr:`saved_as` the backup holding the state it replaced. The caller should then
    reload every view of the data.
    """

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        confirm: Confirm = ask_to_confirm,
        choose_file: ChooseFile = choose_backup_file,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from backup"))
        self.resize(720, 420)
        self._db = db
        self._confirm = confirm
        self._choose_file = choose_file
        self.restored_from: Path | None = None
        self.saved_as: Path | None = None
        path = database_path(db)
        if path is None:
            raise SignappError(_("An in-memory database has no backups"))

        self.model = BackupListModel(path, passphrase_of(db), self)
        intro = wrapped_label(
            _(
                "Backups are kept in {backups_folder}. Restoring replaces the whole list with the backup chosen; the current list is saved as a backup first."
            ).format(backups_folder=backups_folder(path)),
            self,
        )
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Backups"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.empty_label = QLabel(_("There are no backups of this list yet."), self)
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self.error_label = error_label(self)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button: QPushButton = self.buttons.addButton(
            _("Restore..."), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_selected)
        self.file_button: QPushButton = self.buttons.addButton(
            _("Restore from a copy elsewhere..."), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.file_button.clicked.connect(self._restore_chosen_file)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.dataChanged.connect(lambda *_: self._selection_changed())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._reader = QTimer(self)
        self._reader.setInterval(0)
        self._reader.timeout.connect(self._read_one)
        if self.model.has_unread():
            self._reader.start()

    def _read_one(self) -> None:
        self.model.read_next()
        if not self.model.has_unread():
            self._reader.stop()

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_: QItemSelection) -> None:
        chosen = self.selected_backup()
        self.restore_button.setEnabled(
            chosen is not None and chosen.counts is not None and chosen.problem is None
        )

    def _restore_selected(self) -> None:
        chosen = self.selected_backup()
        if chosen is None or chosen.counts is None:
            return
        made = f"{chosen.created_at:%Y-%m-%d %H:%M} ({chosen.kind.label.lower()})"
        self._restore(chosen.path, _("the backup of {made}").format(made=made), chosen.counts)

    def _restore_chosen_file(self) -> None:
        path = self._choose_file(self)
        if path is None:
            return
        try:
            counts = read_counts(path, passphrase_of(self._db))
        except SignappError as error:
            self._show_error(error.message)
            return
        self._restore(path, str(path), counts)

    def _restore(self, path: Path, described: str, counts: BackupCounts) -> None:
        question = _(
            "Replace the current list with {described}?\n\nIt holds {organisations}, {contacts}, {statements} and {signons}.\n\nThe current list is saved as a backup first."
        ).format(
            described=described,
            organisations=ngettext(
                "{count:,} organisation", "{count:,} organisations", counts.organisations
            ).format(count=counts.organisations),
            contacts=ngettext("{count:,} contact", "{count:,} contacts", counts.contacts).format(
                count=counts.contacts
            ),
            statements=ngettext(
                "{count:,} statement", "{count:,} statements", counts.statements
            ).format(count=counts.statements),
            signons=ngettext("{count:,} sign-on", "{count:,} sign-ons", counts.signons).format(
                count=counts.signons
            ),
        )
        if not self._confirm(self, question):
            return
        try:
            self.saved_as = restore_backup(self._db, path)
        except SignappError as error:
            self._show_error(error.message)
            return
        self.restored_from = path
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def offer_newest_backup(
    path: Path, problem: str, parent: QWidget | None = None, *, offer: bool = True
) -> bool:
    """Say why the database at ``path`` did not open and, when it has backups (and
    ``offer``), offer to put the newest in its place. True once restored (the file that
    did not open is moved aside, never deleted); False when the person declines or
    there is none."""
    newest = newest_backup(path) if offer else None
    box = QMessageBox(QMessageBox.Icon.Critical, "signapp", problem, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if newest is None:
        box.setInformativeText(
            _(
                "Nothing in the file was changed. Choose another file with --db, or restore a backup."
            )
        )
        box.exec()
        return False
    box.setInformativeText(
        _(
            "Nothing in the file was changed. Its newest backup is {backup}. Restore it? "
            "The file that did not open is kept, renamed, beside it."
        ).format(backup=newest)
    )
    restore = box.addButton(_("Restore the newest backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        aside = restore_in_place_of(path, newest)
    except SignappError as error:
        QMessageBox(QMessageBox.Icon.Warning, "signapp", error.message, parent=parent).exec()
        return False
    if aside is not None:
        QMessageBox(
            QMessageBox.Icon.Information,
            "signapp",
            _("Restored {backup}. The file that did not open is now {aside}.").format(
                backup=newest.name, aside=aside
            ),
            parent=parent,
        ).exec()
    return True
