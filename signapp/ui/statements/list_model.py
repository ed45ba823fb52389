"""The table of statements with their status, deadline and sign-on counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from sqlite_utils import Database

from signapp.core.model import StatementSummary
from signapp.core.statements import list_statements
from signapp.core.tally import TALLY_KEYS, SignOnTally
from signapp.i18n import N_, _, format_iso_date
from signapp.ui.statements.messages import plain_tooltip
from signapp.ui.statements.tally_words import TALLY_EXPLAINED, tally_header

ModelIndex = QModelIndex | QPersistentModelIndex

_HEADERS = (N_("Title"), N_("Status"), N_("Deadline"), N_("Version"))
TITLE, STATUS, DEADLINE, VERSION = range(len(_HEADERS))
# The counts follow, in the order and words of signapp.core.tally.
FIRST_COUNT = len(_HEADERS)
INVITED, PENDING, CONFIRMED, RECONFIRM, DECLINED, WITHDRAWN = (
    FIRST_COUNT + TALLY_KEYS.index(key) for key in TALLY_KEYS
)
STATEMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _tally(summary: StatementSummary) -> SignOnTally:
    return SignOnTally.from_counts(summary.counts, summary.needs_reconfirmation)


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
        return 0 if parent.isValid() else len(_HEADERS) + len(TALLY_KEYS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section >= FIRST_COUNT:
                return tally_header(TALLY_KEYS[section - FIRST_COUNT])
            return _(_HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIRST_COUNT:
            return _(TALLY_EXPLAINED[TALLY_KEYS[section - FIRST_COUNT]])
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
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return plain_tooltip(summary.statement.title)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column >= FIRST_COUNT:
            return _tally(summary).items()[column - FIRST_COUNT][1]
        statement = summary.statement
        values = {
            TITLE: statement.title,
            STATUS: statement.status.label,
            DEADLINE: format_iso_date(statement.deadline),
            VERSION: summary.latest_version if summary.latest_version is not None else "–",
        }
        return values[column]
