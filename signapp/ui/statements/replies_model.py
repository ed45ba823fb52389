"""The review queue of one statement as a table: one pending reply a row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlite_utils import Database

from signapp.core.directory import organisation_rows
from signapp.core.review_queue import ReviewAction, ReviewItem, list_review_items
from signapp.i18n import N_, _
from signapp.ui.rows_model import Index, RowsModel

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = (N_("Received"), N_("From"), N_("Says"), N_("Organisation"), N_("Named"))
ACTION_LABELS = {
    ReviewAction.SIGN: N_("sign"),
    ReviewAction.DECLINE: N_("decline"),
    ReviewAction.WITHDRAW: N_("withdraw"),
    ReviewAction.QUESTION: N_("question"),
    ReviewAction.IGNORE: N_("nothing to act on"),
}


class RepliesModel(RowsModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._db = db
        self._statement_id: int | None = None
        self._organisation_names: dict[int, str] = {}

    def set_statement(self, statement_id: int | None) -> None:
        """Show ``statement_id``'s queue from the next :meth:`refresh`."""
        self._statement_id = statement_id

    def refresh(self) -> None:
        items = list_review_items(self._db, self._statement_id) if self._statement_id else []
        # The proposed organisations' names in one query, not one per reply.
        proposed = sorted({item.organisation_id for item in items if item.organisation_id})
        self._organisation_names = {
            row.id: row.name for row in organisation_rows(self._db, proposed)
        }
        self._set_rows(items)

    def item(self, row: int) -> ReviewItem:
        item: ReviewItem = self._rows[row]
        return item

    def row_of(self, item_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item.id == item_id:
                return row
        return None

    def organisation_label(self, item: ReviewItem) -> str:
        if item.organisation_id is not None:
            return self._organisation_names.get(item.organisation_id, str(item.organisation_id))
        if item.new_organisation:
            return _("new: {name}").format(name=item.new_organisation)
        return _("not known: choose one")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index.row())
        if role == ITEM_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.reason
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return (item.received_at or "")[:16].replace("T", " ")
        if column == 1:
            return item.sender_name or item.sender or ""
        if column == 2:
            return _(ACTION_LABELS[item.action])
        if column == 3:
            return self.organisation_label(item)
        return _("named") if item.is_public else _("anonymous")
