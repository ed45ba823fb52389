"""The sign-ons of one statement as a table, and the filter/sort proxy over it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle
from sqlite_utils import Database

from signapp.core.model import SignOnRow, SignOnStatus
from signapp.core.signons import list_signons
from signapp.core.text import fold_for_match, sort_key
from signapp.i18n import N_, _, country_name, format_iso_date
from signapp.ui.palette import readable
from signapp.ui.statements.messages import plain_tooltip

ModelIndex = QModelIndex | QPersistentModelIndex

# What a coordinator checks first comes first: on a laptop screen the last columns
# are scrolled to, and the printed name is set for few sign-ons.
_HEADERS = (
    N_("Signatory"),
    N_("Status"),
    N_("Country"),
    N_("Listed"),
    N_("Date"),
    N_("Version"),
    N_("Authorised by"),
    N_("Channel"),
    N_("Printed name"),
)
ORGANISATION, STATUS, COUNTRY, LISTED, DATE, VERSION, AUTHORISED_BY, CHANNEL, PRINTED_NAME = range(
    len(_HEADERS)
)
SIGNON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NEEDS_RECONFIRMATION_ROLE = Qt.ItemDataRole.UserRole + 2

NEEDS_RECONFIRMATION_TEXT = N_("needs reconfirmation")

ORGANISATIONS_FILTER = "organisations"
PEOPLE_FILTER = "people"
"""Kind filter values: organisations only, or people signing in their own name only."""
RECONFIRMATION_BACKGROUND = QColor("#ffe3b3")
RECONFIRMATION_FOREGROUND = QColor("#7a3e00")

STATUS_COLOURS = {
    SignOnStatus.CONFIRMED: QColor("#1b7f3b"),
    SignOnStatus.DECLINED: QColor("#a11d1d"),
    SignOnStatus.WITHDRAWN: QColor("#6b6b6b"),
}


def status_text(row: SignOnRow) -> str:
    """The status as shown everywhere, with the reconfirmation mark spelled out."""
    if row.needs_reconfirmation:
        return _("confirmed v{number} – {needs_reconfirmation}").format(
            number=row.signon.version_number, needs_reconfirmation=_(NEEDS_RECONFIRMATION_TEXT)
        )
    return row.signon.status.label


def _warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


@dataclass(frozen=True)
class _Line:
    """A sign-on with the text it is searched by, computed once."""

    row: SignOnRow
    search_text: str


def _line(row: SignOnRow) -> _Line:
    names = (
        row.organisation_name,
        row.affiliation,
        row.signon.printed_name,
        row.local_name,
        row.acronym,
        row.country,
        country_name(row.country),
        row.signon.notes,
    )
    return _Line(row=row, search_text=fold_for_match(" ".join(part for part in names if part)))


class SignOnTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._statement_id: int | None = None
        self._lines: list[_Line] = []
        self._collation_keys: dict[str | None, bytes] = {}
        self._warning_icon: QIcon | None = None

    def set_statement(self, statement_id: int | None) -> None:
        self._statement_id = statement_id
        self._reset(self._read())

    def _read(self) -> list[SignOnRow]:
        if not self._statement_id:
            return []
        return list_signons(self._db, self._statement_id, people=True)

    def refresh(self) -> bool:
        """Re-read the sign-ons; True if rows came or went (a reset), False if only
        changed rows were updated in place, which keeps selection and sorting cheap."""
        rows = self._read()
        if [row.signon.id for row in rows] != [line.row.signon.id for line in self._lines]:
            self._reset(rows)
            return True
        last_column = self.columnCount() - 1
        for index, row in enumerate(rows):
            if row != self._lines[index].row:
                self._lines[index] = _line(row)
                self.dataChanged.emit(self.index(index, 0), self.index(index, last_column))
        return False

    def refresh_organisations(self, organisation_ids: Collection[int]) -> bool:
        """Re-read the rows of these organisations only (after one was edited);
        True if a country shown changed."""
        if self._statement_id is None or not organisation_ids:
            return False
        fresh = {
            row.signon.id: row
            for row in list_signons(self._db, self._statement_id, organisation_ids)
        }
        last_column = self.columnCount() - 1
        countries_changed = False
        for index, line in enumerate(self._lines):
            row = fresh.get(line.row.signon.id)
            if row is not None and row != line.row:
                countries_changed |= row.country != line.row.country
                self._lines[index] = _line(row)
                self.dataChanged.emit(self.index(index, 0), self.index(index, last_column))
        return countries_changed

    def _reset(self, rows: list[SignOnRow]) -> None:
        self.beginResetModel()
        self._lines = [_line(row) for row in rows]
        self._collation_keys = {}
        self.endResetModel()

    def signon_row(self, row: int) -> SignOnRow:
        return self._lines[row].row

    def search_text(self, row: int) -> str:
        return self._lines[row].search_text

    def _collation_key(self, text: str | None) -> bytes:
        """Unicode collation keys are slow to make: made when a column is sorted, kept."""
        key = self._collation_keys.get(text)
        if key is None:
            key = self._collation_keys[text] = sort_key(text)
        return key

    def sort_value(self, row: int, column: int) -> Any:
        line = self._lines[row]
        signon = line.row.signon
        if column == ORGANISATION:
            return row  # core lists sign-ons in the collation order of organisation names
        if column == PRINTED_NAME:
            return self._collation_key(line.row.display_name)
        if column == AUTHORISED_BY:
            return self._collation_key(line.row.authorised_by_name)
        values: dict[int, Any] = {
            STATUS: (signon.status.value, not line.row.needs_reconfirmation),
            VERSION: signon.version_number or 0,
            LISTED: signon.is_public,
            CHANNEL: signon.channel.value if signon.channel else "",
            DATE: signon.received_at or "",
            COUNTRY: self._collation_key(
                country_name(line.row.country) if line.row.country else ""
            ),
        }
        return values[column]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

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
        row = self._lines[index.row()].row
        column = index.column()
        if role == SIGNON_ID_ROLE:
            return row.signon.id
        if role == NEEDS_RECONFIRMATION_ROLE:
            return row.needs_reconfirmation
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if row.needs_reconfirmation:
            return self._reconfirmation_mark(row, column, role)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            colour = STATUS_COLOURS.get(row.signon.status)
            return QBrush(readable(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column == ORGANISATION:
            if row.is_person:
                about = ", ".join(part for part in (row.local_name, row.affiliation) if part)
                return plain_tooltip(_("Signs in a personal capacity: {about}").format(about=about))
            if row.local_name:
                return plain_tooltip(row.local_name)
        return None

    def _reconfirmation_mark(self, row: SignOnRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(RECONFIRMATION_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(RECONFIRMATION_FOREGROUND)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            if self._warning_icon is None:
                self._warning_icon = _warning_icon()
            return self._warning_icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(
                "Confirmed version {number}; a substantive version has been issued since, "
                "so this confirmation must be renewed before the name is published."
            ).format(number=row.signon.version_number)
        return None

    @staticmethod
    def _display(row: SignOnRow, column: int) -> Any:
        signon = row.signon
        if column == ORGANISATION:
            if row.is_person:
                # A person: their name, then how they describe themselves, lighter in print.
                return (
                    f"{row.organisation_name} ({row.affiliation})"
                    if row.affiliation
                    else row.organisation_name
                )
            return row.organisation_name
        if column == PRINTED_NAME:
            return signon.printed_name or ""
        if column == STATUS:
            return status_text(row)
        if column == VERSION:
            return "" if signon.version_number is None else signon.version_number
        if column == LISTED:
            return _("listed") if signon.is_public else _("anonymous")
        if column == AUTHORISED_BY:
            return row.authorised_by_name or ""
        if column == CHANNEL:
            return signon.channel.label if signon.channel else ""
        if column == DATE:
            return format_iso_date(signon.received_at)
        if column == COUNTRY:  # the name, as in the directory; the code is in exports
            return country_name(row.country) if row.country else ""
        return None


NEEDS_RECONFIRMATION_FILTER = "needs_reconfirmation"
"""Status filter value for confirmations that a substantive revision has made stale."""


class SignOnFilterModel(QSortFilterProxyModel):
    """Filters by status (or needs reconfirmation), country and a search text; sorts by
    the Unicode collation of names."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._status: str | None = None
        self._country: str | None = None
        self._kind: str | None = None
        self._search_terms: list[str] = []

    def set_status_filter(self, status: str | None) -> None:
        """A :class:`SignOnStatus` value, :data:`NEEDS_RECONFIRMATION_FILTER`, or None."""
        self.beginFilterChange()
        self._status = status or None
        self.endFilterChange()

    def set_country_filter(self, country: str | None) -> None:
        self.beginFilterChange()
        self._country = country or None
        self.endFilterChange()

    def set_kind_filter(self, kind: str | None) -> None:
        """:data:`ORGANISATIONS_FILTER`, :data:`PEOPLE_FILTER`, or None for both."""
        self.beginFilterChange()
        self._kind = kind or None
        self.endFilterChange()

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._search_terms = fold_for_match(text).split()
        self.endFilterChange()

    def _signons(self) -> SignOnTableModel:
        model = self.sourceModel()
        assert isinstance(model, SignOnTableModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self._signons()
        row = model.signon_row(source_row)
        if self._status == NEEDS_RECONFIRMATION_FILTER:
            if not row.needs_reconfirmation:
                return False
        elif self._status is not None and row.signon.status.value != self._status:
            return False
        if self._country is not None and (row.country or "") != self._country:
            return False
        if self._kind is not None and row.is_person != (self._kind == PEOPLE_FILTER):
            return False
        text = model.search_text(source_row)
        return all(term in text for term in self._search_terms)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Names in ascending order are the order core lists sign-ons in: the rows are
        kept in it rather than sorted again, comparison by comparison, in Python (seconds
        for tens of thousands of sign-ons)."""
        if column == ORGANISATION and order == Qt.SortOrder.AscendingOrder:
            super().sort(-1)
        else:
            super().sort(column, order)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        left_row, right_row = left.row(), right.row()
        column = left.column()
        if column == ORGANISATION:  # source rows are in name order already
            return left_row < right_row
        model = self._signons()
        left_value = model.sort_value(left_row, column)
        right_value = model.sort_value(right_row, column)
        if left_value == right_value:
            return left_row < right_row
        return bool(left_value < right_value)
