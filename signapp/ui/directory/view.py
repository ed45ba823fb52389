"""The organisation directory page: search, filters, the table and the detail pane."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.directory import organisation_rows
from signapp.core.model import OrgKind
from signapp.core.ops import Changes, Data
from signapp.core.organisations import countries_in_use, deletion_impact
from signapp.i18n import _, country_name, ngettext
from signapp.ui.directory import commands
from signapp.ui.directory.commands import pushed
from signapp.ui.directory.detail import OrganisationDetail
from signapp.ui.directory.dialogs import FormDialog, MergeDialog, new_organisation_dialog
from signapp.ui.directory.model import DirectoryModel
from signapp.ui.resources import icon
from signapp.ui.undo import UndoStack

# The columns after the name are as wide as their title or, if wider, a sample of what
# they hold; the name takes the rest of the table's width.
# Widths to fit: an own-script name of a few words, a long country name ...
_COLUMN_SAMPLES = {
    2: "MMMMM",
    3: "United Kingdom",
    4: "International NGO",
}
_CELL_PADDING = 12


def _warning(parent: QWidget, title: str, text: str, informative: str) -> QMessageBox:
    """A question whose text is shown as written (names may hold "<" or "&")."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setInformativeText(informative)
    return box


@dataclass(frozen=True)
class _Place:
    """What the table shows: the search, the filters and the selected organisations."""

    search: str
    country: str | None
    kind: str | None
    ids: tuple[int, ...]


class DirectoryView(QWidget):
    """Everything about organisations, in one page of the main window.

    Signals:
        loaded(): the first rows are shown.
        status_message(str): a line for the status bar (counts, what just happened).
        statement_activated(int): the user opened a statement from a history.
    """

    loaded = Signal()
    status_message = Signal(str)
    statement_activated = Signal(int)

    def __init__(self, db: Database, undo_stack: UndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._stack = undo_stack
        self._is_loaded = False

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(
            _("Search names, acronyms, countries, contact names and emails")
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(_("Search organisations"))
        self.search_field.textChanged.connect(self._search_changed)
        self.country_filter = QComboBox()
        self.country_filter.setAccessibleName(_("Country filter"))
        self.country_filter.addItem(_("All countries"), None)
        self.country_filter.activated.connect(lambda _i: self._filters_changed())
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(_("Kind filter"))
        self.kind_filter.addItem(_("All kinds"), None)
        for kind in OrgKind:
            self.kind_filter.addItem(kind.label, kind.value)
        self.kind_filter.activated.connect(lambda _i: self._filters_changed())

        self.new_action = QAction(icon("add"), _("&New organisation…"), self)
        self.new_action.triggered.connect(self.new_organisation)
        self.merge_action = QAction(icon("merge"), _("&Merge…"), self)
        self.merge_action.setToolTip(_("Merge the two selected organisations into one"))
        self.merge_action.triggered.connect(self.merge_selected)
        self.delete_action = QAction(icon("delete"), _("&Delete organisation…"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)

        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addWidget(self.country_filter)
        top.addWidget(self.kind_filter)
        for action in (self.new_action, self.merge_action, self.delete_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            top.addWidget(button)

        self.model = DirectoryModel(db, self)
        self.table = QTableView()
        self.table.setObjectName("directoryTable")  # its column widths are remembered
        self.table.setAccessibleName(_("Organisations"))
        self.table.setModel(self.model)
        # After setModel: the table clears its selection on a reset, so it must go first.
        self.model.modelAboutToBeReset.connect(self._reset_starting)
        self.model.modelReset.connect(self._restore_selection)
        self.model.reloaded.connect(self._report_counts)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        metrics = self.table.fontMetrics()
        for column in range(1, self.model.columnCount()):
            texts = (
                self.model.headerData(column, Qt.Orientation.Horizontal),
                _COLUMN_SAMPLES.get(column, ""),
            )
            width = max(metrics.horizontalAdvance(text) for text in texts)
            self.table.setColumnWidth(column, width + _CELL_PADDING)
        # The name and the own-script name share what the short columns leave: an
        # own-script column sized once was about 70 pixels and cut most names.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.addAction(self.delete_action)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = OrganisationDetail(db, undo_stack)
        self.detail.statement_activated.connect(self.statement_activated)
        self.detail.saved.connect(self._report_saved)
        self.detail.message.connect(self.say_after_refresh)
        splitter = QSplitter()
        splitter.setObjectName("directorySplitter")  # its position is remembered
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        # The table gets most of the width: it has seven columns to show, and the pane
        # beside it says only "Select an organisation…" until one is chosen.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([780, 330])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._selected_ids: list[int] = []
        self._resetting = False
        # The table changes under a save or a return to the edited organisation: the
        # detail waits for the selection that results.
        self._settling = False
        self._detail_place: _Place | None = None  # where the detail's organisation shows
        self.unsaved_question: QMessageBox | None = None
        undo_stack.changed.connect(self._on_data_changed)
        self._update_actions()

    # Loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the directory; called when the page is first shown."""
        if not self._is_loaded:
            self._is_loaded = True
            self.model.reload()
            self._refresh_country_filter()
            self.loaded.emit()

    @property
    def is_loaded(self) -> bool:
        return self._is_loaded

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def refresh(self) -> None:
        """Read the directory again after the data changed (undo stack, import, sample)."""
        if self._is_loaded:
            self.model.reload()
            self._refresh_country_filter()
            self.detail.reload()
            self._update_actions()

    def _on_data_changed(self, changes: Changes) -> None:
        """The table shows organisations with their contact and statement counts; the
        detail also the titles of the statements signed."""
        if changes.touches(Data.ORGANISATIONS, Data.CONTACTS, Data.SIGNONS):
            self.refresh()
        elif changes.touches(Data.STATEMENTS) and self._is_loaded:
            self.detail.reload()

    def _refresh_country_filter(self) -> None:
        current = self.country_filter.currentData()
        codes = sorted(countries_in_use(self._db), key=country_name)
        self.country_filter.blockSignals(True)
        self.country_filter.clear()
        self.country_filter.addItem(_("All countries"), None)
        for code in codes:
            self.country_filter.addItem(country_name(code), code)
        self.country_filter.setCurrentIndex(max(0, self.country_filter.findData(current)))
        self.country_filter.blockSignals(False)

    # Search and filters ---------------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)

    def _filters_changed(self) -> None:
        kind = self.kind_filter.currentData()
        self.model.set_filters(
            country=self.country_filter.currentData(), kind=OrgKind(kind) if kind else None
        )

    def set_country_filter(self, code: str | None) -> None:
        self.country_filter.setCurrentIndex(max(0, self.country_filter.findData(code)))
        self._filters_changed()

    def set_kind_filter(self, kind: OrgKind | None) -> None:
        self.kind_filter.setCurrentIndex(
            max(0, self.kind_filter.findData(kind.value if kind else None))
        )
        self._filters_changed()

    def _report_counts(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if shown == total:
            self.status_message.emit(
                ngettext("{count:,} organisation", "{count:,} organisations", total).format(
                    count=total
                )
            )
        else:
            self.status_message.emit(
                _("{shown:,} of {organisations} shown").format(
                    shown=shown,
                    organisations=ngettext(
                        "{count:,} organisation", "{count:,} organisations", total
                    ).format(count=total),
                )
            )

    # Selection ------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.organisation_id(row) for row in rows]

    def select_organisation(self, organisation_id: int) -> bool:
        """Select and show ``organisation_id``; False if the filters hide it."""
        row = self.model.row_of(organisation_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _reset_starting(self) -> None:
        # The selection model may already have dropped its rows: use the ids kept below.
        self._resetting = True

    def _restore_selection(self) -> None:
        self._resetting = False
        self._select_ids(self._selected_ids)
        self._selection_changed()

    def _select_ids(self, ids: Sequence[int]) -> None:
        """Select the rows of ``ids`` that the search and filters let through."""
        selection = QItemSelection()
        current = None
        last_column = self.model.columnCount() - 1
        for org_id in ids:
            row = self.model.row_of(org_id)
            if row is None:
                continue
            selection.select(self.model.index(row, 0), self.model.index(row, last_column))
            current = current or self.model.index(row, 0)
        selection_model = self.table.selectionModel()
        if current is not None:
            selection_model.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _selection_changed(self) -> None:
        if self._resetting or self._settling:
            return
        ids = self.selected_ids()
        shown = ids[0] if len(ids) == 1 else None
        if shown != self.detail.organisation_id:
            if not self._leave_detail(ids):
                return
            ids = self.selected_ids()  # saving refreshed the table
            self.detail.set_organisation(shown)
        self._selected_ids = ids
        if shown is not None:
            self._detail_place = self._place(ids)
        self._update_actions()

    def _place(self, ids: Sequence[int]) -> _Place:
        return _Place(
            self.model.search,
            self.country_filter.currentData(),
            self.kind_filter.currentData(),
            tuple(ids),
        )

    def _go_to(self, place: _Place) -> None:
        """Show ``place`` again: its search, its filters and its selection."""
        self._selected_ids = list(place.ids)
        self._settling = True
        try:
            self.search_field.blockSignals(True)
            self.search_field.setText(place.search)
            self.search_field.blockSignals(False)
            self.model.set_search(place.search)
            self.country_filter.setCurrentIndex(max(0, self.country_filter.findData(place.country)))
            self.kind_filter.setCurrentIndex(max(0, self.kind_filter.findData(place.kind)))
            self._filters_changed()
        finally:
            self._settling = False
        self._select_ids(place.ids)
        self._selection_changed()

    # Unsaved edits in the detail pane -------------------------------------------------------

    def _leave_detail(self, ids: Sequence[int]) -> bool:
        """Settle the detail's typed changes before it leaves its organisation.

        Valid changes are saved (undoable like the Save button). Invalid ones make the
        table go back to the organisation while the person is asked whether to discard
        them; False then, and the move is made only if they choose to discard.
        """
        if not self.detail.is_modified():
            return True
        destination = self._place(ids)
        self._selected_ids = list(ids)  # what the refresh after saving selects
        self._settling = True
        try:
            saved = self.detail.save_before_leaving()
        finally:
            self._settling = False
        if saved:
            return True
        edited = self.detail.organisation_id
        assert edited is not None  # only a shown organisation has edits
        self._go_to(self._detail_place or self._place([edited]))

        def discard() -> None:
            self.detail.discard_edits()
            self._go_to(destination)

        self._ask_about_unsaved_edits(discard)
        return False

    def save_edits_before_closing(self, close_again: Callable[[], object]) -> bool:
        """Save the detail's typed changes as the window closes.

        Returns False if they cannot be saved: the window should stay open while the
        person is asked; if they discard the changes, ``close_again`` is called.
        """
        if self.unsaved_question is not None:
            return False  # already asking
        if self.detail.save_before_leaving():
            return True

        def discard() -> None:
            self.detail.discard_edits()
            close_again()

        self._ask_about_unsaved_edits(discard)
        return False

    def _ask_about_unsaved_edits(self, discard: Callable[[], None]) -> QMessageBox:
        if self.detail.has_invalid_fields():
            why = _("A field is not valid; the message under it says why.")
        else:  # the store refused them (changed elsewhere, say) and said so
            why = _("The message shown before this one says why.")
        box = _warning(
            self,
            _("Unsaved changes"),
            _("The changes to “{organisation_name}” cannot be saved.").format(
                organisation_name=self.detail.organisation_name
            ),
            _("{why} Keep editing to correct them, or discard them.").format(why=why),
        )
        discard_button = box.addButton(_("Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
        keep_button = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep_button)
        box.setEscapeButton(keep_button)

        def answered() -> None:
            self.unsaved_question = None
            if box.clickedButton() is discard_button:
                discard()
            else:
                self.detail.show_problems()

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        self.unsaved_question = box
        box.open()
        return box

    def _report_saved(self, name: str) -> None:
        self.say_after_refresh(_("Saved changes to “{name}”").format(name=name))

    def say_after_refresh(self, message: str) -> None:
        """Put ``message`` in the status bar after the row counts the refresh reports."""
        QTimer.singleShot(0, self, lambda: self.status_message.emit(message))

    def _update_actions(self) -> None:
        count = len(self.selected_ids())
        self.merge_action.setEnabled(count == 2)
        self.delete_action.setEnabled(count == 1)

    def _context_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        menu = QMenu(self)
        menu.addAction(self.new_action)
        menu.addAction(self.merge_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # Actions --------------------------------------------------------------------------------

    def new_organisation(self) -> FormDialog:
        """Open the form for a new organisation (not modal); returns the dialog."""
        dialog = new_organisation_dialog(self)

        def create() -> None:
            values = dialog.values()
            command = commands.CreateOrganisation(self._stack, self._db, values)
            self._stack.push(command)
            if command.organisation_id is not None:
                self._show_new(command.organisation_id)

        dialog.accepted.connect(create)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _show_new(self, organisation_id: int) -> None:
        if not self.select_organisation(organisation_id):
            # Hidden by the search or filters: clear them so the new one can be seen.
            self.search_field.clear()
            self.set_country_filter(None)
            self.set_kind_filter(None)
            self.select_organisation(organisation_id)

    def delete_selected(self) -> QMessageBox | None:
        """Ask, then delete the selected organisation; returns the question (not modal)."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return None
        organisation_id = ids[0]
        row = organisation_rows(self._db, [organisation_id])[0]
        impact = deletion_impact(self._db, organisation_id)
        box = _warning(
            self,
            _("Delete organisation"),
            _("Delete “{name}”?").format(name=row.name),
            _(
                "Its {contacts} and {signons} are deleted with it. You can undo this with Edit › Undo."
            ).format(
                contacts=ngettext(
                    "{count:,} contact", "{count:,} contacts", impact.contacts
                ).format(count=impact.contacts),
                signons=ngettext("{count:,} sign-on", "{count:,} sign-ons", impact.signons).format(
                    count=impact.signons
                ),
            ),
        )
        delete_button = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            if box.clickedButton() is delete_button:
                self._stack.push(
                    commands.DeleteOrganisation(self._stack, self._db, organisation_id, row.name)
                )
                self.status_message.emit(_("Deleted “{name}”").format(name=row.name))

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def merge_selected(self) -> MergeDialog | None:
        """Ask which of the two selected organisations to keep, then merge them."""
        ids = self.selected_ids()
        if len(ids) != 2:
            return None
        first, second = organisation_rows(self._db, ids)
        dialog = MergeDialog(first, second, self)

        def merge() -> None:
            keep, drop = dialog.kept_and_dropped()
            merged = pushed(
                self._stack,
                commands.MergeOrganisations(
                    self._stack,
                    self._db,
                    keep.id,
                    drop.id,
                    _("Merge “{dropped}” into “{kept}”").format(dropped=drop.name, kept=keep.name),
                ),
            )
            self.select_organisation(keep.id)
            if merged:
                self.say_after_refresh(
                    _("Merged “{dropped}” into “{kept}” (Edit › Undo splits them again)").format(
                        dropped=drop.name, kept=keep.name
                    )
                )

        dialog.accepted.connect(merge)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
