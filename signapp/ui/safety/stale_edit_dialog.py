"""When another window changed a row while this one was editing it: say so, show the
values as they are now beside the ones typed here, and let the person choose."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from signapp.core.errors import StaleEdit
from signapp.core.fields import AnyFields
from signapp.i18n import _
from signapp.ui.safety.widgets import wrapped_label

_CHANGED = QBrush(QColor("#fff3c4"))


def _shown(value: object) -> str:
    return "" if value is None else str(value)


class StaleEditDialog(QDialog):
    """Show a :class:`StaleEdit`: the fields this window changed, yours and current.

    Args:
        error: the StaleEdit raised by a core update (its ``current`` holds the row now).
        yours: the changes this window tried to save, field -> value.
        labels: field -> the label the form shows for it (the field name otherwise).

    ``exec()`` returns Accepted for "Save mine over them" (the caller retries with
    the current ``row_version``) and Rejected for "Keep theirs" (the caller reloads).
    """

    def __init__(
        self,
        error: StaleEdit,
        yours: AnyFields,
        labels: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changed in another window"))
        self.setMinimumWidth(520)
        current = error.current or {}
        self.current_row_version: int | None = current.get("row_version")
        typed: list[tuple[str, object]] = list(yours.items())
        self.table = QTableWidget(len(typed), 3, self)
        self.table.setHorizontalHeaderLabels([_("Field"), _("Yours"), _("Now saved")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        bold = QFont()
        bold.setBold(True)
        self._rows = [
            ((labels or {}).get(field, field), _shown(value), _shown(current.get(field)))
            for field, value in typed
        ]
        for row, cells in enumerate(self._rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column and cells[1] != cells[2]:
                    item.setBackground(_CHANGED)
                if column == 0:
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.buttons = QDialogButtonBox(self)
        self.keep_theirs = self.buttons.addButton(
            _("Keep theirs"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_mine = self.buttons.addButton(
            _("Save mine over them"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_mine.setAutoDefault(False)
        self.keep_theirs.setDefault(True)  # Enter must not overwrite someone else's edit
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(error.message, self))
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)

    def differing_fields(self) -> list[str]:
        """The fields whose saved value is not the one typed here."""
        return [label for label, mine, saved in self._rows if mine != saved]
