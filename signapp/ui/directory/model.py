"""The directory table: a thin model over the core's directory queries.

It holds the ordered ids of the organisations it shows (one integer per row) and
fetches full rows a page at a time when the view asks for them, so 50,000
organisations open and filter as fast as 50.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from sqlite_utils import Database

from signapp.core.directory import (
    matching_organisation_ids,
    ordered_organisation_ids,
    organisation_rows,
)
from signapp.core.model import OrganisationRow, OrgKind
from signapp.i18n import N_, _, country_name

PAGE_SIZE = 200
CACHED_PAGES = 40

ORGANISATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    order_by: str
    numeric: bool = False
    description: str = ""


COLUMNS = (
    Column(N_("Name"), "name"),
    Column(N_("Own script"), "local_name", description=N_("Name in the organisation's own script")),
    Column(N_("Acronym"), "acronym"),
    Column(N_("Country"), "country"),
    Column(N_("Kind"), "kind"),
    Column(N_("Contacts"), "contact_count", numeric=True, description=N_("Number of contacts")),
    Column(N_("Signed"), "statements_signed", numeric=True, description=N_("Statements signed")),
)


def _cell_text(row: OrganisationRow, column: int) -> str:
    match column:
        case 0:
            return row.name
        case 1:
            return row.local_name or ""
        case 2:
            return row.acronym or ""
        case 3:
            return country_name(row.country)
        case 4:
            return row.kind.label
        case 5:
            return str(row.contact_count)
        case _:
            return str(row.statements_signed)


class DirectoryModel(QAbstractTableModel):
    """Organisations matching the current search and filters, in the current order.

    Signals:
        reloaded(): the rows were refetched (new search, filter, order or data).
    """

    reloaded = Signal()

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._search = ""
        self._country: str | None = None
        self._kind: OrgKind | None = None
        self._order_by = "name"
        self._descending = False
        self._ordered_ids: list[int] = []
        self._visible_ids: list[int] = []
        self._row_of_id: dict[int, int] | None = None
        self._loaded = False
        self._pages: OrderedDict[int, list[OrganisationRow | None]] = OrderedDict()

    # Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible_ids)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ORGANISATION_ID_ROLE:
            return self._visible_ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.organisation_row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.country if index.column() == 3 else None
        return _cell_text(row, index.column())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section].title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(COLUMNS[section].description or COLUMNS[section].title)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._order_by = COLUMNS[column].order_by
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:
            self.reload()

    # Queries ------------------------------------------------------------------------

    @property
    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Show only organisations matching ``text`` (names, codes, contacts)."""
        if text == self._search:
            return
        self._search = text
        if self._loaded:
            self._apply_search()

    def set_filters(self, *, country: str | None, kind: OrgKind | None) -> None:
        self._country = country
        self._kind = kind
        self.reload()

    def reload(self) -> None:
        """Read everything again (the first load, or after a change to data or order)."""
        self._loaded = True
        self._ordered_ids = ordered_organisation_ids(
            self._db,
            country=self._country,
            kind=self._kind,
            order_by=self._order_by,
            descending=self._descending,
        )
        self._apply_search()

    def _apply_search(self) -> None:
        matching = matching_organisation_ids(self._db, self._search)
        self.beginResetModel()
        if matching is None:
            self._visible_ids = self._ordered_ids
        else:
            self._visible_ids = [org_id for org_id in self._ordered_ids if org_id in matching]
        self._row_of_id = None
        self._pages.clear()
        self.endResetModel()
        self.reloaded.emit()

    # Rows ---------------------------------------------------------------------------

    def total_count(self) -> int:
        """How many organisations pass the country and kind filters, ignoring the search."""
        return len(self._ordered_ids)

    def cached_pages(self) -> list[int]:
        """Numbers of the pages held in memory, least recently used first."""
        return list(self._pages)

    def organisation_id(self, row: int) -> int:
        return self._visible_ids[row]

    def row_of(self, organisation_id: int) -> int | None:
        """The row showing ``organisation_id``, or None if it is filtered out."""
        if self._row_of_id is None:
            self._row_of_id = {org_id: row for row, org_id in enumerate(self._visible_ids)}
        return self._row_of_id.get(organisation_id)

    def organisation_row(self, row: int) -> OrganisationRow | None:
        """The full row, fetched with the rest of its page on first use."""
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch_page(number)
        else:
            self._pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _fetch_page(self, number: int) -> list[OrganisationRow | None]:
        ids = self._visible_ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        # Aligned with the ids: a row deleted since they were read shows empty.
        by_id = {row.id: row for row in organisation_rows(self._db, ids)}
        page = [by_id.get(org_id) for org_id in ids]
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page
