"""People as a table: one person a row, found by any word of their name or affiliation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlite_utils import Database

from signapp.core.people import Person, list_people
from signapp.core.validation import country_name
from signapp.i18n import N_
from signapp.ui.rows_model import Index, RowsModel

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Name"), N_("Own-script name"), N_("Affiliation"), N_("Country"))


class PeopleModel(RowsModel):
    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self._db = db
        self._search = ""

    def set_search(self, search: str) -> None:
        self._search = search
        self.refresh()

    def refresh(self) -> None:
        self._set_rows(list_people(self._db, self._search or None))

    def person(self, row: int) -> Person:
        person: Person = self._rows[row]
        return person

    def row_of(self, person_id: int) -> int | None:
        for row, person in enumerate(self._rows):
            if person.id == person_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self.person(index.row())
        if role == PERSON_ID_ROLE:
            return person.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return person.name
        if column == 1:
            return person.local_name or ""
        if column == 2:
            return person.affiliation or ""
        return country_name(person.country) if person.country else ""
