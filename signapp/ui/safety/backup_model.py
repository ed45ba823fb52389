"""The backups of a database as a table: date, kind, size and what each holds."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from signapp.core.backups import BackupInfo, list_backups, read_counts
from signapp.core.errors import SignappError
from signapp.i18n import N_, _

_HEADERS = (
    N_("Date"),
    N_("Kind"),
    N_("Size"),
    N_("Organisations"),
    N_("Contacts"),
    N_("Statements"),
    N_("Sign-ons"),
)
_COUNT_FIELDS = ("organisations", "contacts", "statements", "signons")
_NOT_READ_YET = "..."

AnyIndex = QModelIndex | QPersistentModelIndex


def human_size(size_bytes: int) -> str:
    """1234567 -> '1.2 MB'."""
    size = float(size_bytes)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


class BackupListModel(QAbstractTableModel):
    """One row per backup file, newest first.

    The list shows at once from the folder; :meth:`read_next` fills in one backup's
    counts at a time (a protected backup takes a moment to open), so the dialog can
    read them without freezing.
    """

    def __init__(
        self, db_path: Path, passphrase: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._passphrase = passphrase
        self._backups: list[BackupInfo] = list_backups(db_path, passphrase, read=False)
        self._unread = list(range(len(self._backups)))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(_HEADERS[section]) if 0 <= section < len(_HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._backups):
            return None
        info = self._backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(info, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.problem or str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, info: BackupInfo, column: int) -> str:
        if column == 0:
            return info.created_at.strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return info.kind.label
        if column == 2:
            return human_size(info.size_bytes)
        if info.problem is not None:
            return "unreadable" if column == 3 else ""
        if info.counts is None:
            return _NOT_READ_YET
        return str(getattr(info.counts, _COUNT_FIELDS[column - 3]))

    def backup_at(self, row: int) -> BackupInfo:
        return self._backups[row]

    def has_unread(self) -> bool:
        return bool(self._unread)

    def read_next(self) -> None:
        """Read the counts of the next backup not read yet."""
        if not self._unread:
            return
        row = self._unread.pop(0)
        info = self._backups[row]
        try:
            self._backups[row] = replace(info, counts=read_counts(info.path, self._passphrase))
        except SignappError as error:
            self._backups[row] = replace(info, problem=error.message)
        self.dataChanged.emit(self.index(row, 3), self.index(row, len(_HEADERS) - 1))
