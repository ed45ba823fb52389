"""The statements view: the list of statements, and for the one selected its text,
versions, sign-ons and progress; the export dialog opens from here."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from signapp.core.errors import SignappError
from signapp.core.fields import StatementFields
from signapp.core.model import StatementStatus
from signapp.core.ops import Changes, Data
from signapp.core.signons import status_counts
from signapp.core.statements import get_statement, list_versions
from signapp.core.validation import require_text
from signapp.i18n import _, format_iso_date, ngettext
from signapp.ui.questions import ask
from signapp.ui.statements.checked_dialog import accept_when_valid
from signapp.ui.statements.commands import (
    CreateStatement,
    DeleteStatement,
    EditStatement,
    run_command,
)
from signapp.ui.statements.diff import VersionsView
from signapp.ui.statements.editor import StatementEditor
from signapp.ui.statements.fields import OptionalDateField
from signapp.ui.statements.list_model import STATEMENT_ID_ROLE, StatementListModel
from signapp.ui.statements.replies_view import RepliesView
from signapp.ui.statements.signons_view import SignOnsView
from signapp.ui.tasks import DatabaseOpener, show_error, worker_database_opener
from signapp.ui.undo import StoreCommand, UndoStack

if TYPE_CHECKING:
    from signapp.ui.statements.export_dialog import ExportDialog, ExportPreferences
    from signapp.ui.statements.progress import ProgressView

TEXT_TAB, VERSIONS_TAB, SIGNONS_TAB, REPLIES_TAB, PROGRESS_TAB = range(5)


class StatementDialog(QDialog):
    """Title and deadline of a new statement, or of one being edited."""

    def __init__(
        self, title: str = "", deadline: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Statement") if title else _("New statement"))
        self.setMinimumWidth(420)  # room for a long title in scripts taller and wider than Latin
        self.title = QLineEdit(title)
        # No parent yet: it joins the Tab order where the form puts it, not first.
        self.deadline = OptionalDateField(deadline, _("Deadline"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        accept_when_valid(self, buttons, self.values)
        form = QFormLayout(self)
        form.addRow(_("Title:"), self.title)
        form.addRow(_("Deadline:"), self.deadline)
        form.addRow(buttons)

    def values(self) -> tuple[str, str | None]:
        """The title and ISO deadline.

        Raises:
            ValidationError: no title.
        """
        return require_text("title", self.title.text()), self.deadline.iso_date()


class StatementsView(QWidget):
    """Emits ``message(text)`` for the status bar."""

    message = Signal(str)

    def __init__(
        self,
        db: Database,
        undo_stack: UndoStack,
        settings: ExportPreferences | None = None,
        parent: QWidget | None = None,
        *,
        open_worker_database: DatabaseOpener | None = None,
    ) -> None:
        """``open_worker_database`` opens the connection an export runs on; by default
        the same file without a passphrase (pass one for a protected database)."""
        super().__init__(parent)
        self._db = db
        self._open_worker_database = open_worker_database
        self._undo_stack = undo_stack
        self._settings = settings
        self._statement_id: int | None = None
        self._tabs_stale = False  # the tabs wait for the page to be shown
        self.export_dialog: ExportDialog | None = None

        self.list_model = StatementListModel(db, self)
        self.list_view = QTableView()
        self.list_view.setObjectName("statementList")  # its column widths are remembered
        self.list_view.setAccessibleName(_("Statements"))
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.verticalHeader().setVisible(False)
        # The counts take the width of their headers; the title keeps the rest, so a
        # narrow window shortens no count and the title only as far as it must.
        list_header = self.list_view.horizontalHeader()
        list_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.list_model.columnCount()):
            self.list_view.resizeColumnToContents(column)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_current_changed)

        new_button = QPushButton(_("New…"))
        new_button.setToolTip(_("Create a statement (Ctrl+N)"))
        new_button.clicked.connect(self.ask_create_statement)
        self.edit_button = QPushButton(_("Rename…"))
        self.edit_button.setToolTip(_("Change the statement's title and deadline"))
        self.edit_button.clicked.connect(self.ask_edit_statement)
        # A push button with a menu keeps its arrow clear of the text and looks like
        # the buttons beside it.
        self.status_button = QPushButton(_("Status"))
        self.status_button.setToolTip(
            _("Move the statement on: drafting, collecting, closed, published")
        )
        status_menu = QMenu(self.status_button)
        for status in StatementStatus:
            action = QAction(status.label, status_menu)
            action.triggered.connect(lambda _=False, s=status: self.set_status(s))
            status_menu.addAction(action)
        self.status_button.setMenu(status_menu)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setToolTip(
            _("Delete the statement with its versions and sign-ons (Edit › Undo brings it back)")
        )
        self.delete_button.clicked.connect(self.ask_delete_statement)
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setToolTip(
            _("Make the PDF of a version with its list of signatories (Ctrl+E)")
        )
        self.export_button.clicked.connect(self.open_export_dialog)
        list_buttons = QHBoxLayout()
        for button in (
            new_button,
            self.edit_button,
            self.status_button,
            self.delete_button,
            self.export_button,
        ):
            list_buttons.addWidget(button)
        list_buttons.addStretch()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(list_buttons)
        top_layout.addWidget(self.list_view)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.editor = StatementEditor(db)
        self.versions = VersionsView(db)
        self.signons = SignOnsView(db, undo_stack)
        self.replies = RepliesView(db, undo_stack, self._worker_database_opener())
        self._progress: ProgressView | None = None
        self._progress_page = QWidget()
        QVBoxLayout(self._progress_page).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.editor, _("Text"))
        self.tabs.addTab(self.versions, _("Versions"))
        self.tabs.addTab(self.signons, _("Sign-ons"))
        self.tabs.addTab(self.replies, _("Replies"))
        self.tabs.addTab(self._progress_page, _("Progress"))
        self.tabs.currentChanged.connect(lambda _: self._refresh_current_tab())
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.heading)
        bottom_layout.addWidget(self.tabs)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("statementsSplitter")  # its position is remembered
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.editor.data_changed.connect(undo_stack.announce)
        self.editor.version_issued.connect(self._on_version_issued)
        self.editor.draft_saved.connect(self.versions.refresh)
        self.signons.message.connect(self.message)
        self.replies.message.connect(self.message)
        self.replies.pending_changed.connect(self._show_pending_replies)
        undo_stack.changed.connect(self._on_data_changed)
        self._show_statement(None)
        if self.list_model.rowCount():
            self.select_statement(self.list_model.statement_id(0))

    def guide_topic(self) -> str:
        """The user guide's topic about what is in front: the list or the tab shown."""
        if self.list_view.hasFocus():
            return "Statements"
        return {
            TEXT_TAB: "Text and versions",
            VERSIONS_TAB: "Text and versions",
            SIGNONS_TAB: "Sign-ons",
            REPLIES_TAB: "Replies",
            PROGRESS_TAB: "Progress",
        }.get(self.tabs.currentIndex(), "Statements")

    def _worker_database_opener(self) -> DatabaseOpener | None:
        """How background work opens its own connection; None for a database in memory."""
        if self._open_worker_database is not None:
            return self._open_worker_database
        try:
            return worker_database_opener(self._db)
        except SignappError:
            return None

    def _show_pending_replies(self, count: int) -> None:
        label = _("Replies ({count})").format(count=count) if count else _("Replies")
        self.tabs.setTabText(REPLIES_TAB, label)

    def ask_read_replies(self) -> None:
        """File › Import replies…: choose a mailbox for the chosen statement's queue."""
        if self._statement_id is None:
            self.message.emit(_("Choose a statement first: replies are read into its queue."))
            return
        self.tabs.setCurrentIndex(REPLIES_TAB)
        self.replies.ask_read_replies()

    def read_replies(self, path: Path) -> None:
        """Read a mailbox dropped on the window into the chosen statement's queue."""
        if self._statement_id is None:
            self.message.emit(_("Choose a statement first: replies are read into its queue."))
            return
        self.tabs.setCurrentIndex(REPLIES_TAB)
        self.replies.read_replies(path)

    def save_unsaved_text(self) -> bool:
        """Write text typed in the editor and not yet saved; call before closing."""
        return self.editor.save_now()

    @property
    def statement_id(self) -> int | None:
        return self._statement_id

    def select_statement(self, statement_id: int) -> None:
        row = self.list_model.row_of(statement_id)
        if row is None:
            return
        self.list_view.selectionModel().setCurrentIndex(
            self.list_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _on_current_changed(self, current: Any, _previous: Any) -> None:
        statement_id = current.data(STATEMENT_ID_ROLE) if current.isValid() else None
        if statement_id != self._statement_id:
            self._show_statement(statement_id)

    def _show_statement(self, statement_id: int | None) -> None:
        self.editor.save_now()
        self._statement_id = statement_id
        for widget in (
            self.edit_button,
            self.status_button,
            self.delete_button,
            self.export_button,
        ):
            widget.setEnabled(statement_id is not None)
        self.tabs.setEnabled(statement_id is not None)
        self._update_heading()
        if self.isVisible():
            self._load_tabs()
        else:
            self._tabs_stale = True

    def _load_tabs(self) -> None:
        """Give the tabs the chosen statement. A hidden page does it when it is first
        shown: the window opens on another page, and reading a statement's text,
        versions and replies took a third of the start-up."""
        self._tabs_stale = False
        statement_id = self._statement_id
        self.editor.set_statement(statement_id)
        self.versions.set_statement(statement_id)
        self.signons.set_statement(statement_id)
        self.replies.set_statement(statement_id)
        if self._progress is not None:
            self._progress.set_statement(statement_id)

    @property
    def progress(self) -> ProgressView:
        """The Progress tab, built when it is first looked at: its charts (QtCharts)
        took a tenth of the start-up, for a tab most sessions never open."""
        if self._progress is None:
            from signapp.ui.statements.progress import ProgressView

            self._progress = ProgressView(self._db)
            layout = self._progress_page.layout()
            assert layout is not None
            layout.addWidget(self._progress)
            self._progress.set_statement(self._statement_id)
        return self._progress

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._tabs_stale:
            self._load_tabs()

    def _update_heading(self) -> None:
        if self._statement_id is None:
            self.heading.setText(_("No statement chosen. Create one with New…."))
            return
        statement = get_statement(self._db, self._statement_id)
        parts = [statement.title, statement.status.label]
        if statement.deadline:
            parts.append(
                _("deadline {deadline}").format(deadline=format_iso_date(statement.deadline))
            )
        self.heading.setText(" · ".join(parts))

    def _refresh_current_tab(self) -> None:
        """The versions and progress tabs are re-read when they are looked at."""
        current = self.tabs.currentIndex()
        if current == PROGRESS_TAB:
            self.progress.refresh()
        elif current == VERSIONS_TAB:
            self.versions.refresh()

    def refresh(self) -> None:
        """Re-read what is shown, keeping the statement chosen if it still exists.

        The sign-ons tab refreshes itself after each change on the undo stack.
        """
        chosen = self._statement_id
        self.list_model.refresh()
        if chosen is not None and self.list_model.row_of(chosen) is not None:
            self.select_statement(chosen)
            self._update_heading()
            if not self._tabs_stale:
                self.editor.sync()
                self._refresh_current_tab()
        elif self.list_model.rowCount():
            self.select_statement(self.list_model.statement_id(0))
        else:
            self._show_statement(None)

    @Slot(object)
    def _on_data_changed(self, changes: Changes) -> None:
        """Re-read what the change touched: the list for its counts, the statement
        shown for its own data; an organisation's new name alone changes neither."""
        if not changes.touches(Data.STATEMENTS, Data.VERSIONS, Data.SIGNONS):
            return
        chosen = self._statement_id
        if chosen is None or changes.touches_statement(chosen, Data.STATEMENTS, Data.VERSIONS):
            self.refresh()
            return
        self.list_model.refresh()
        if self.list_model.row_of(chosen) is None:
            self.refresh()
            return
        self.select_statement(chosen)
        if changes.touches_statement(chosen, Data.SIGNONS) and not self._tabs_stale:
            self._refresh_current_tab()

    def _on_version_issued(self, number: int) -> None:
        self.message.emit(_("Version {number} issued.").format(number=number))

    def _run(self, command: StoreCommand) -> bool:
        return run_command(self._undo_stack, command)

    def create_statement(self, title: str, deadline: str | None = None) -> int | None:
        command = CreateStatement(self._undo_stack, self._db, title, deadline=deadline)
        if not self._run(command):
            return None
        assert command.statement_id is not None
        self.select_statement(command.statement_id)
        return command.statement_id

    def ask_create_statement(self) -> None:
        dialog = StatementDialog(parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            title, deadline = dialog.values()
            self.create_statement(title, deadline)

    def edit_statement(self, changes: StatementFields) -> bool:
        if self._statement_id is None:
            return False
        return self._run(EditStatement(self._undo_stack, self._db, self._statement_id, changes))

    def ask_edit_statement(self) -> None:
        if self._statement_id is None:
            return
        statement = get_statement(self._db, self._statement_id)
        dialog = StatementDialog(statement.title, statement.deadline, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            title, deadline = dialog.values()
            changes: StatementFields = {}
            if title != statement.title:
                changes["title"] = title
            if deadline != statement.deadline:
                changes["deadline"] = deadline
            if changes:
                self.edit_statement(changes)

    def set_status(self, status: StatementStatus) -> bool:
        if self._statement_id is None:
            return False
        if get_statement(self._db, self._statement_id).status is status:
            return True
        self.editor.save_now()
        return self.edit_statement({"status": status.value})

    def delete_statement(self) -> bool:
        if self._statement_id is None:
            return False
        return self._run(DeleteStatement(self._undo_stack, self._db, self._statement_id))

    def ask_delete_statement(self) -> None:
        if self._statement_id is None:
            return
        statement = get_statement(self._db, self._statement_id)
        signons = sum(status_counts(self._db, self._statement_id).values())
        versions = sum(1 for v in list_versions(self._db, self._statement_id) if not v.is_draft)
        if ask(
            self,
            _("Delete statement"),
            _("Delete “{title}” with its {versions} and {signons}? Undo brings it back.").format(
                title=statement.title,
                versions=ngettext("{count:,} version", "{count:,} versions", versions).format(
                    count=versions
                ),
                signons=ngettext("{count:,} sign-on", "{count:,} sign-ons", signons).format(
                    count=signons
                ),
            ),
        ):
            self.delete_statement()

    @Slot()
    def _forget_export_dialog(self) -> None:
        self.export_dialog = None

    def open_export_dialog(self) -> ExportDialog | None:
        """Open the export dialog for the chosen statement (window-modal, not blocking)."""
        if self._statement_id is None:
            self.message.emit(_("Choose a statement to export."))
            return None
        # Imported here: the export brings in ReportLab and fonts, not needed at start-up.
        from signapp.ui.statements.export_dialog import ExportDialog

        self.editor.save_now()
        try:
            dialog = ExportDialog(
                self._db,
                self._statement_id,
                preferences=self._settings,
                open_worker_database=self._open_worker_database,
                parent=self,
            )
        except SignappError as error:
            show_error(self, error)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda summary: self.message.emit(f"Exported {summary.out_path}"))
        self.export_dialog = dialog
        dialog.destroyed.connect(self._forget_export_dialog)
        dialog.open()
        return dialog
