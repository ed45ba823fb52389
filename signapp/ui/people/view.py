"""The People view: people who sign in their own name, found as you type, each with
their details (the private ones never printed) and the statements they were asked to
sign. Adding, editing, deleting and merging can be undone."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core import ops_people, people
from signapp.core.fields import NewPerson, PersonFields
from signapp.core.model import SignOnStatus
from signapp.core.ops import Changes, Data, Done
from signapp.core.people import Person, clean_person_fields
from signapp.core.validation import country_name
from signapp.i18n import _, ngettext
from signapp.ui.forms import ValidatedForm, field_errors
from signapp.ui.people.model import PERSON_ID_ROLE, PeopleModel
from signapp.ui.questions import ask
from signapp.ui.statements.commands import run_command
from signapp.ui.undo import StoreCommand, UndoStack

SEARCH_DELAY_MS = 150
EDITABLE = ("name", "local_name", "affiliation", "country", "email", "phone", "notes")


class CreatePerson(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, values: NewPerson) -> None:
        super().__init__(stack, db, _("Add person “{name}”").format(name=values["name"]))
        self._values = values
        self.person_id: int | None = None

    def operate(self) -> Done:
        return ops_people.create_person(self._db, self._values)

    def done(self, result: Done) -> None:
        self.person_id = result.created_ids[0]


class EditPerson(StoreCommand):
    def __init__(
        self, stack: UndoStack, db: Database, person: Person, changes: PersonFields
    ) -> None:
        super().__init__(stack, db, _("Edit “{name}”").format(name=person.name))
        self._person_id = person.id
        self._row_version = person.row_version
        self._changes = changes

    def operate(self) -> Done:
        return ops_people.edit_person(
            self._db, self._person_id, self._changes, expected_row_version=self._row_version
        )


class DeletePerson(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, person: Person) -> None:
        super().__init__(stack, db, _("Delete “{name}”").format(name=person.name))
        self._person_id = person.id

    def operate(self) -> Done:
        return ops_people.delete_person(self._db, self._person_id)


class MergePeople(StoreCommand):
    def __init__(self, stack: UndoStack, db: Database, keep: Person, drop: Person) -> None:
        super().__init__(stack, db, _("Merge “{name}”").format(name=drop.name))
        self._keep_id, self._drop_id = keep.id, drop.id

    def operate(self) -> Done:
        return ops_people.merge_people(self._db, self._keep_id, self._drop_id)


class PeopleView(QWidget):
    """Emits ``status_message(text)`` for the status bar."""

    status_message = Signal(str)

    def __init__(self, db: Database, undo_stack: UndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._undo_stack = undo_stack
        self._person: Person | None = None

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(_("Find by name, affiliation, country or email…"))
        self.search_field.setAccessibleName(_("Find people"))
        self.search_field.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)
        self.search_field.textChanged.connect(lambda _text: self._search_timer.start())
        self.new_button = QPushButton(_("New person…"))
        self.new_button.setToolTip(_("Add a person who signs in their own name"))
        self.new_button.clicked.connect(self.new_person)
        self.merge_button = QPushButton(_("Merge…"))
        self.merge_button.setToolTip(
            _("Select two records of the same person: the first selected is kept")
        )
        self.merge_button.clicked.connect(self.merge_selected)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.clicked.connect(self.delete_current)
        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        for button in (self.new_button, self.merge_button, self.delete_button):
            top.addWidget(button)

        self.model = PeopleModel(db, self)
        self.table = QTableView()
        self.table.setAccessibleName(_("People"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.form = ValidatedForm()
        self.form.add_line("name", _("Name as printed"))
        self.form.add_line("local_name", _("Own-script name"))
        self.form.add_line(
            "affiliation",
            _("Affiliation"),
            placeholder=_("as they write it, e.g. Lawyer, Phnom Penh"),
        )
        self.form.add_line("country", _("Country"))
        self.form.add_line("email", _("Email (private)"))
        self.form.add_line("phone", _("Phone (private)"))
        self.form.add_text("notes", _("Notes (private)"))
        self.form.edited.connect(self._update_buttons)
        self.save_button = QPushButton(_("Save"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(_("Revert"))
        self.revert_button.clicked.connect(self._show_current)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        self.history = QTreeWidget()
        self.history.setAccessibleName(_("Statements asked to sign"))
        self.history.setHeaderLabels([_("Statement"), _("Answer")])
        self.history.setRootIsDecorated(False)
        history_box = QGroupBox(_("Statements asked to sign"))
        QVBoxLayout(history_box).addWidget(self.history)
        self.placeholder = QLabel(_("Select a person to see and edit their details."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addLayout(buttons)
        detail_layout.addWidget(self.form)
        detail_layout.addWidget(history_box, 1)
        detail_layout.addWidget(self.placeholder)
        self._detail_parts = (self.form, history_box, self.save_button, self.revert_button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        undo_stack.changed.connect(self._on_data_changed)
        self.model.refresh()
        self._show_current()

    # Reading -------------------------------------------------------------------------

    def _search(self) -> None:
        self.model.set_search(self.search_field.text())
        self._say_count()
        self._show_current()

    def _say_count(self) -> None:
        count = self.model.rowCount()
        self.status_message.emit(ngettext("{n} person", "{n} people", count).format(n=count))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._say_count()

    @Slot(object)
    def _on_data_changed(self, changes: Changes) -> None:
        if changes.touches(Data.PEOPLE):
            self.refresh()

    def refresh(self, select: int | None = None) -> None:
        keep = select if select is not None else (self._person.id if self._person else None)
        self.model.refresh()
        self._say_count()
        if keep is not None:
            self.select_person(keep)
        self._show_current()

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row is None:
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _selected(self) -> list[Person]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.person(index.row()) for index in rows]

    def _show_current(self) -> None:
        index = self.table.currentIndex()
        person_id = index.data(PERSON_ID_ROLE) if index.isValid() else None
        self._person = people.get_person(self._db, person_id) if person_id else None
        for part in self._detail_parts:
            part.setVisible(self._person is not None)
        self.placeholder.setVisible(self._person is None)
        self.history.clear()
        if self._person is not None:
            shown = {field: getattr(self._person, field) or "" for field in EDITABLE}
            shown["country"] = country_name(self._person.country) if self._person.country else ""
            self.form.set_values(shown)
            for _statement_id, title, status in people.statements_signed(self._db, self._person.id):
                answer = SignOnStatus(status).label
                self.history.addTopLevelItem(QTreeWidgetItem([title, answer]))
        self._update_buttons()

    def _changes(self) -> PersonFields:
        if self._person is None:
            return {}
        values = self.form.values()
        shown = {field: getattr(self._person, field) for field in EDITABLE}
        if self._person.country:
            shown["country"] = country_name(self._person.country)
        changed = {
            field: values[field] or None
            for field in EDITABLE
            if (values[field] or None) != shown[field]
        }
        return cast(PersonFields, changed)  # EDITABLE are fields of a person

    def _update_buttons(self) -> None:
        changed = bool(self._changes())
        self.save_button.setEnabled(changed)
        self.revert_button.setEnabled(changed)
        self.delete_button.setEnabled(self._person is not None)
        self.merge_button.setEnabled(len(self._selected()) == 2)

    # Changing ------------------------------------------------------------------------

    def _run(self, command: StoreCommand, message: str) -> bool:
        done = run_command(self._undo_stack, command)
        if done:
            self.status_message.emit(message)
        return done

    def save(self) -> bool:
        changes = self._changes()
        if self._person is None or not changes:
            return False
        errors = field_errors(lambda values: clean_person_fields(values), changes)
        if errors:
            self.form.show_errors(errors)
            return False
        name = changes.get("name") or self._person.name
        return self._run(
            EditPerson(self._undo_stack, self._db, self._person, changes),
            _("Saved “{name}”.").format(name=name),
        )

    def new_person(self, name: str | None = None) -> int | None:
        """Add a person named ``name`` (or “New person”) and select them for editing."""
        values: NewPerson = {"name": name or _("New person")}
        command = CreatePerson(self._undo_stack, self._db, values)
        if not self._run(command, _("Added “{name}”.").format(name=values["name"])):
            return None
        assert command.person_id is not None
        self.search_field.clear()
        self.refresh(select=command.person_id)
        self.form.editor("name").setFocus()
        return command.person_id

    def delete_current(self) -> bool:
        person = self._person
        if person is None:
            return False
        signed = len(people.statements_signed(self._db, person.id))
        question = ngettext(
            "Delete “{name}” and their answer to {count} statement? Edit › Undo brings it back.",
            "Delete “{name}” and their answers to {count} statements? Edit › Undo brings them "
            "back.",
            signed,
        ).format(name=person.name, count=signed)
        if not ask(self, _("Delete person"), question):
            return False
        return self._run(
            DeletePerson(self._undo_stack, self._db, person),
            _("Deleted “{name}”.").format(name=person.name),
        )

    def merge_selected(self) -> bool:
        chosen = self._selected()
        if len(chosen) != 2:
            return False
        keep, drop = chosen
        question = _(
            "Keep “{keep}” ({keep_affiliation}) and fold “{drop}” ({drop_affiliation}) into "
            "it? Same name is not enough: merge only two records of one person."
        ).format(
            keep=keep.name,
            keep_affiliation=keep.affiliation or "—",
            drop=drop.name,
            drop_affiliation=drop.affiliation or "—",
        )
        if not ask(self, _("Merge people"), question):
            return False
        return self._run(
            MergePeople(self._undo_stack, self._db, keep, drop),
            _("Merged “{drop}” into “{keep}”.").format(drop=drop.name, keep=keep.name),
        )
