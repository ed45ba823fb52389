"""The table of statements with their status, deadline and sign-on counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlite_utils import Database

from signapp.core.model import SignOnStatus, StatementSummary
from signapp.core.statements import list_statements
from signapp.i18n import N_, _, format_iso_date

ModelIndex = QModelIndex | QPersistentModelIndex

_HEADERS = (
    N_("Title"),
    N_("Status"),
    N_("Deadline"),
    N_("Version"),
    N_("Confirmed"),
    N_("Pending"),
    N_("Declined"),
    N_("Withdrawn"),
    N_("Reconfirm"),
)
TITLE, STATUS, DEADLINE, VERSION, CONFIRMED, PENDING, DECLINED, WITHDRAWN, RECONFIRM = range(
    len(_HEADERS)
)
STATEMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _pending(summary: StatementSummary) -> int:
    """Invited and pending together: everyone who has not answered yet."""
    return summary.counts[SignOnStatus.PENDING] + summary.counts[SignOnStatus.INVITED]


class StatementListModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._summaries: list[StatementSummary] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._summaries = list_statements(self._db)
        self.endResetModel()

    def statement_id(self, row: int) -> int:
        return self._summaries[row].statement.id

    def row_of(self, statement_id: int) -> int | None:
        for row, summary in enumerate(self._summaries):
            if summary.statement.id == statement_id:
                return row
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._summaries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(_HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        summary = self._summaries[index.row()]
        column = index.column()
        if role == STATEMENT_ID_ROLE:
            return summary.statement.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= VERSION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == RECONFIRM:
            return _(
                "Confirmations of an earlier text that must be renewed after a substantive revision"
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == PENDING:
            return _("{pending:,} pending, {invited:,} invited and not yet answered").format(
                pending=summary.counts[SignOnStatus.PENDING],
                invited=summary.counts[SignOnStatus.INVITED],
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        statement = summary.statement
        values = {
            TITLE: statement.title,
            STATUS: statement.status.label,
            DEADLINE: format_iso_date(statement.deadline),
            VERSION: summary.latest_version if summary.latest_version is not None else "–",
            CONFIRMED: summary.counts[SignOnStatus.CONFIRMED],
            PENDING: _pending(summary),
            DECLINED: summary.counts[SignOnStatus.DECLINED],
            WITHDRAWN: summary.counts[SignOnStatus.WITHDRAWN],
            RECONFIRM: summary.needs_reconfirmation,
        }
        return values[column]
