"""Erase organisation: say what goes, let the coordinator keep an anonymous count, and
erase only once they have said they understand it cannot be undone."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.erase import ErasureReport, erase_organisation, erasure_plan
from signapp.core.errors import SignappError
from signapp.i18n import _, ngettext
from signapp.ui.safety.widgets import error_label, wrapped_label


class EraseOrganisationDialog(QDialog):
    """Erase the organisation ``organisation_id`` from ``db`` and from its backups.

    After ``exec()`` returns Accepted, :attr:`report` says what was erased; the caller
    should reload its views and clear its undo stack (an erasure cannot be undone).
    """

    def __init__(self, db: Database, organisation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Erase organisation"))
        self.setMinimumWidth(460)  # room for the wrapped explanations
        self._db = db
        self._organisation_id = organisation_id
        self.report: ErasureReport | None = None
        plan = erasure_plan(db, organisation_id)

        summary = wrapped_label(
            _(
                "<p>Erase <b>{name}</b> and all that is known about it: {contacts} with their names, emails and phones, {signons} with their notes and imported rows, {entries} of the change history, in this list and in its {backups}.</p>"
            ).format(
                name=html.escape(plan.name),
                contacts=ngettext("{count:,} contact", "{count:,} contacts", plan.contacts).format(
                    count=plan.contacts
                ),
                signons=ngettext("{count:,} sign-on", "{count:,} sign-ons", plan.signons).format(
                    count=plan.signons
                ),
                entries=ngettext("{count:,} entry", "{count:,} entries", plan.audit_entries).format(
                    count=plan.audit_entries
                ),
                backups=ngettext("{count:,} backup", "{count:,} backups", plan.backups).format(
                    count=plan.backups
                ),
            ),
            self,
            rich=True,
        )
        # Each organisation, contact, statement and backup by name: "0 contacts" said
        # nothing of a different organisation that an old id pointed to.
        # A scrolling box: the list grows with every backup, and a label of it was cut off
        # when its lines wrapped more than the dialog had measured.
        self.details = QPlainTextEdit("\n".join(plan.describe()), self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("What will be erased"))
        self.details.setMinimumHeight(6 * self.details.fontMetrics().lineSpacing())
        self.keep_count_box = QCheckBox(
            _("Keep its {signons} as an anonymous count (nothing that names it is kept)").format(
                signons=ngettext(
                    "{count:,} confirmed sign-on",
                    "{count:,} confirmed sign-ons",
                    plan.confirmed_signons,
                ).format(count=plan.confirmed_signons)
            ),
            self,
        )
        self.keep_count_box.setEnabled(plan.signons > 0)
        self.understood_box = QCheckBox(_("I understand that this cannot be undone"), self)
        self.error_label = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button: QPushButton = self.buttons.addButton(
            _("Erase"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setEnabled(False)
        self.understood_box.toggled.connect(self.erase_button.setEnabled)
        self.erase_button.clicked.connect(self._erase)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        # Never smaller than the wrapped texts need (taller lines in Khmer, Thai, Burmese).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(summary)
        layout.addWidget(self.details)
        layout.addWidget(self.keep_count_box)
        layout.addWidget(self.understood_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _erase(self) -> None:
        if not self.understood_box.isChecked():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = erase_organisation(
                self._db,
                self._organisation_id,
                keep_anonymous_count=self.keep_count_box.isChecked(),
            )
        except SignappError as error:
            self.error_label.setText(error.message)
            self.error_label.show()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()
