"""The main window: a sidebar of views, the current view, menus and a status bar."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QTableView,
    QWidget,
)
from sqlite_utils import Database

import signapp
from signapp.core.backups import BackupKind, make_backup, make_daily_backup_if_due
from signapp.core.db import close_database, database_path, default_database_path, open_database
from signapp.core.directory import directory_is_empty
from signapp.core.errors import SignappError
from signapp.core.ops import Changes
from signapp.core.sample import load_sample_campaign
from signapp.i18n import N_, _, ngettext
from signapp.ui.directory.view import DirectoryView
from signapp.ui.error_log import offer_log
from signapp.ui.guide import GuideDialog, raise_guide
from signapp.ui.people.view import PeopleView
from signapp.ui.preferences import PreferencesDialog
from signapp.ui.resources import icon
from signapp.ui.roles import show_as_sidebar
from signapp.ui.safety.erase_dialog import EraseOrganisationDialog
from signapp.ui.safety.restore_dialog import RestoreBackupDialog
from signapp.ui.screen_fit import fit_on_screen
from signapp.ui.settings import Settings
from signapp.ui.tasks import TaskHandle, run_database_task, worker_database_opener
from signapp.ui.text_undo import TextUndoRouter
from signapp.ui.undo import UndoStack
from signapp.ui.welcome import WelcomePage

log = logging.getLogger("signapp.ui")

STATEMENTS = "statements"
ORGANISATIONS = "organisations"
PEOPLE = "people"
SIDEBAR_VIEWS = (STATEMENTS, ORGANISATIONS, PEOPLE)
SIDEBAR_WIDTH = 170
# Set on a splitter or table header whose saved state was restored at start.
RESTORED_PROPERTY = "restoredFromSettings"
DEFAULT_SIZE = (1280, 800)
PATH_LABEL_WIDTH = 320
STATUS_MESSAGE_MS = 8000
STATUS_GAP = 16
IMPORTABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".txt", ".md")
MAIL_SUFFIXES = (".mbox", ".eml", ".msg")
SAMPLE_DATABASE_NAME = "sample-campaign.sqlite"
WELCOME = "welcome"

FONT_NOTE = N_(
    "Names are shown with the Noto Sans fonts (Latin, Khmer, Thai, Arabic, Hebrew, "
    "Myanmar, Ethiopic, Devanagari, Bengali, Tamil, Telugu and Simplified Chinese), "
    "© Google and the Noto project authors, under the SIL Open Font License 1.1."
)


class StatementsPlaceholder(QLabel):
    """Stands where the statements view goes until it is passed in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Statements, sign-ons and export are not part of this build."), parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setEnabled(False)


class MainWindow(QMainWindow):
    """signapp's window. Views receive the database, the shared undo stack and settings.

    The Statements page is ``statements_page`` when given; the File menu's New statement,
    Import sign-ons and Export entries show it and emit the matching signal, which that
    view (or whoever assembles the window) connects to.

    Signals:
        first_view_loaded(): the first view shown has read its data (start-up is done).
        new_statement_requested(), import_requested(), export_requested()
        closing(): the window is about to close (views save what is unsaved). A view
            that must ask first calls :meth:`refuse_close` and closes the window later.
        protection_change_requested(remove): protect, change or remove the passphrase;
            whoever assembles the window reopens the database and builds a new window.
        open_database_requested(path): File › Open database, a recent file, or the
            sample campaign's own file; whoever assembles the window opens it.
        import_file_dropped(path): a CSV or Excel file was dropped on the window.
        replies_requested(), replies_file_dropped(path): File › Import replies…, or a
            mailbox (.mbox, .eml, .msg) dropped on the window.
    """

    first_view_loaded = Signal()
    closing = Signal()
    protection_change_requested = Signal(bool)
    new_statement_requested = Signal()
    import_requested = Signal()
    export_requested = Signal()
    open_database_requested = Signal(Path)
    import_file_dropped = Signal(Path)
    replies_requested = Signal()
    replies_file_dropped = Signal(Path)

    def __init__(
        self,
        db: Database,
        undo_stack: UndoStack,
        settings: Settings,
        *,
        sample_path: Path,
        statements_page: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._sample_path = sample_path
        self.undo_stack = undo_stack
        self._close_refused = False  # set by a slot of closing, see refuse_close()
        self._first_view_reported = False
        path = database_path(db)
        self.setWindowTitle(_("{name} — signapp").format(name=path.name) if path else "signapp")
        self.setWindowIcon(icon("signapp"))

        self.welcome = WelcomePage()
        self.welcome.new_statement_requested.connect(self.new_statement)
        self.welcome.import_requested.connect(self.import_signons)
        self.welcome.sample_requested.connect(self.open_sample_campaign)
        self.statements = statements_page or StatementsPlaceholder()
        self.setStatusBar(ElidingStatusBar())
        self.directory = DirectoryView(db, undo_stack)
        self.directory.status_message.connect(self.statusBar().showMessage)
        self.directory.loaded.connect(self._report_first_view)
        self.directory.statement_activated.connect(lambda _sid: self.show_view(STATEMENTS))
        self.people = PeopleView(db, undo_stack)
        self.people.status_message.connect(self.statusBar().showMessage)
        self.pages = QStackedWidget()
        self._page_names: dict[str, QWidget] = {
            WELCOME: self.welcome,
            STATEMENTS: self.statements,
            ORGANISATIONS: self.directory,
            PEOPLE: self.people,
        }
        for page in self._page_names.values():
            self.pages.addWidget(page)

        self.sidebar = QListWidget()
        show_as_sidebar(self.sidebar)
        self.sidebar.setAccessibleName(_("Views"))
        self.sidebar.setIconSize(QSize(22, 22))
        for name, label in (
            (STATEMENTS, _("Statements")),
            (ORGANISATIONS, _("Organisations")),
            (PEOPLE, _("People")),
        ):
            item = QListWidgetItem(icon(name), label)
            item.setData(Qt.ItemDataRole.UserRole, name)
            # Tall enough for the style sheet's padding, so that the highlight of one
            # entry does not cover the next.
            item.setSizeHint(QSize(0, 36))
            self.sidebar.addItem(item)
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        # Focus by keyboard would select the first entry and leave the welcome page;
        # the View menu's shortcuts switch views from the keyboard.
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.sidebar.currentItemChanged.connect(self._sidebar_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.undo_stack.command_failed.connect(self.show_error)
        self.undo_stack.command_broke.connect(lambda message: offer_log(self.show_error(message)))
        self._guide: GuideDialog | None = None
        self._build_menus()
        self.path_label = ElidedLabel(str(path) if path else _("in memory"))
        self.path_label.setContentsMargins(STATUS_GAP, 0, 0, 0)
        self.path_label.setToolTip(str(path) if path else _("This database lives only in memory"))
        self.statusBar().addPermanentWidget(self.path_label)
        if path is not None:
            settings.remember_database(path)
        self.setAcceptDrops(True)
        self._text_undo = TextUndoRouter(self)
        app = QApplication.instance()
        assert app is not None  # a window needs its application
        app.installEventFilter(self._text_undo)
        fit_on_screen(self, DEFAULT_SIZE)
        if not settings.window_geometry.isEmpty():
            self.restoreGeometry(settings.window_geometry)
            fit_on_screen(self, (self.width(), self.height()))
        if not settings.window_state.isEmpty():
            self.restoreState(settings.window_state)
        for name, part in self._remembered_layouts():
            state = settings.layout_state(name)
            if not state.isEmpty() and part.restoreState(state):
                part.setProperty(RESTORED_PROPERTY, True)

    @property
    def database(self) -> Database:
        """The database this window shows."""
        return self._db

    # Menus ---------------------------------------------------------------------------------

    def _action(
        self, text: str, slot, shortcut: QKeySequence | None = None, *, role=None
    ) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if role is not None:
            action.setMenuRole(role)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_statement_action = self._action(
            _("New &statement…"), self.new_statement, QKeySequence(keys.New)
        )
        self.new_organisation_action = self._action(
            _("New &organisation…"), self.new_organisation, QKeySequence("Ctrl+Shift+N")
        )
        self.import_action = self._action(
            _("&Import sign-ons…"), self.import_signons, QKeySequence("Ctrl+I")
        )
        self.replies_action = self._action(
            _("Import &replies…"), self.import_replies, QKeySequence("Ctrl+Shift+I")
        )
        self.export_action = self._action(_("&Export…"), self.export, QKeySequence("Ctrl+E"))
        self.preferences_action = self._action(
            _("&Preferences…"),
            self.show_preferences,
            QKeySequence(keys.Preferences),
            role=QAction.MenuRole.PreferencesRole,
        )
        self.quit_action = self._action(
            _("&Quit"), self.close, QKeySequence(keys.Quit), role=QAction.MenuRole.QuitRole
        )
        self.undo_action = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcuts(keys.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcuts(keys.Redo)
        # Connected after the stack's own slot: the change is undone (or redone) by then.
        self.undo_action.triggered.connect(
            lambda: self._say_undone(_("Undone"), self.undo_stack.redoText())
        )
        self.redo_action.triggered.connect(
            lambda: self._say_undone(_("Redone"), self.undo_stack.undoText())
        )
        self.find_action = self._action(_("&Find…"), self.find, QKeySequence(keys.Find))
        self.view_actions = {
            name: self._action(label, lambda _c=False, n=name: self.show_view(n), shortcut)
            for name, label, shortcut in (
                (STATEMENTS, _("&Statements"), QKeySequence("Ctrl+1")),
                (ORGANISATIONS, _("&Organisations"), QKeySequence("Ctrl+2")),
                (PEOPLE, _("&People"), QKeySequence("Ctrl+3")),
            )
        }
        self.backup_action = self._action(_("&Back up now"), self.back_up_now)
        self.restore_action = self._action(_("&Restore from backup…"), self.restore_from_backup)
        self.protect_action = self._action(
            _("&Protect with a passphrase…"),
            lambda: self.protection_change_requested.emit(False),
        )
        self.unprotect_action = self._action(
            _("Remove the pass&phrase…"), lambda: self.protection_change_requested.emit(True)
        )
        self.erase_action = self._action(_("&Erase organisation…"), self.erase_organisation)
        self.about_action = self._action(
            _("&About signapp"), self.show_about, role=QAction.MenuRole.AboutRole
        )
        self.guide_action = self._action(
            _("User &guide"), self.show_guide, QKeySequence(keys.HelpContents)
        )
        self.sample_action = self._action(_("Open the &sample campaign"), self.open_sample_campaign)
        self.open_action = self._action(
            _("&Open database…"), self.ask_open_database, QKeySequence(keys.Open)
        )

        menus = self.menuBar()
        file_menu = menus.addMenu(_("&File"))
        file_menu.addActions([self.new_statement_action, self.new_organisation_action])
        file_menu.addSeparator()
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(_("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.replies_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_action])
        file_menu.addActions([self.protect_action, self.unprotect_action])
        file_menu.addSeparator()
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menus.addMenu(_("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.erase_action)
        view_menu = menus.addMenu(_("&View"))
        view_menu.addActions(list(self.view_actions.values()))
        help_menu = menus.addMenu(_("&Help"))
        help_menu.addActions([self.guide_action, self.sample_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        current = database_path(self._db)
        shown = [
            Path(p)
            for p in self._settings.recent_databases
            if current is None or Path(p) != current.resolve()
        ]
        for path in shown:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(
                lambda _checked=False, p=path: self.open_database_requested.emit(p)
            )
        if not shown:
            self.recent_menu.addAction(_("No other database opened yet")).setEnabled(False)

    # Views ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the first view: the welcome page on an empty database, else the last one."""
        if directory_is_empty(self._db):
            self.show_view(WELCOME)
        else:
            self.show_view(self._settings.last_view)

    def current_view(self) -> str:
        current = self.pages.currentWidget()
        return next(name for name, page in self._page_names.items() if page is current)

    def show_view(self, name: str) -> None:
        page = self._page_names[name]
        self.pages.setCurrentWidget(page)
        self.sidebar.blockSignals(True)
        if name == WELCOME:
            self.sidebar.setCurrentRow(-1)
        else:
            self.sidebar.setCurrentRow(SIDEBAR_VIEWS.index(name))
        self.sidebar.blockSignals(False)
        if page is self.directory:
            self.directory.load()
        else:
            self._report_first_view()

    def _sidebar_changed(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_view(item.data(Qt.ItemDataRole.UserRole))

    def _report_first_view(self) -> None:
        if not self._first_view_reported:
            self._first_view_reported = True
            self.first_view_loaded.emit()

    # Actions -------------------------------------------------------------------------------

    def new_statement(self) -> None:
        self.show_view(STATEMENTS)
        self.new_statement_requested.emit()

    def import_signons(self) -> None:
        self.show_view(STATEMENTS)
        self.import_requested.emit()

    def import_replies(self) -> None:
        self.show_view(STATEMENTS)
        self.replies_requested.emit()

    def export(self) -> None:
        self.show_view(STATEMENTS)
        self.export_requested.emit()

    def new_organisation(self) -> None:
        self.show_view(ORGANISATIONS)
        self.directory.new_organisation()

    def find(self) -> None:  # type: ignore[override]  # QWidget.find(id) is static
        """Focus the search field of the current view (the directory's if it has none)."""
        page: Any = self.pages.currentWidget()
        if not hasattr(page, "focus_search"):
            self.show_view(ORGANISATIONS)
            page = self.directory
        page.focus_search()

    def ask_open_database(self) -> None:
        """Choose another database file; it opens in a new window (this one closes)."""
        current = database_path(self._db)
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open database"),
            str(current.parent) if current else "",
            _("signapp databases (*.sqlite *.sqlite3 *.db);;All files (*)"),
        )
        if chosen:
            self.open_database_requested.emit(Path(chosen))

    def open_sample_campaign(self) -> None:
        """Load the sample campaign here when the database is empty; otherwise open it
        in its own file, so that sample organisations never mix with real ones."""
        if not directory_is_empty(self._db):
            try:
                sample_file = sample_database(self._sample_path, database_path(self._db))
            except SignappError as error:
                self.show_error(error.message)
                return
            self.open_database_requested.emit(sample_file)
            return
        try:
            summary = load_sample_campaign(self._db, self._sample_path)
        except SignappError as error:
            self.show_error(error.message)
            return
        self.reload_views()
        self.show_view(ORGANISATIONS)
        self.statusBar().showMessage(
            _("Opened the sample campaign: {organisations}, {signons}").format(
                organisations=ngettext(
                    "{count:,} organisation", "{count:,} organisations", summary.organisations
                ).format(count=summary.organisations),
                signons=ngettext("{count:,} sign-on", "{count:,} sign-ons", summary.signons).format(
                    count=summary.signons
                ),
            )
        )

    def back_up_now(self) -> Path | None:
        try:
            made = make_backup(self._db, BackupKind.MANUAL)
        except SignappError as error:
            self.show_error(error.message)
            return None
        self.statusBar().showMessage(_("Backed up to {made}").format(made=made))
        return made

    def back_up_for_the_day(self) -> TaskHandle | None:
        """Make the day's backup, if not made yet, on a worker: the window can be used
        meanwhile (the backup holds the list as it was opened). None for a database
        that lives only in memory."""
        path = database_path(self._db)
        if path is None:
            return None
        handle = run_database_task(
            worker_database_opener(self._db),
            lambda db, _progress, _cancel: make_daily_backup_if_due(db, path),
            parent=self,
        )
        handle.succeeded.connect(self._report_daily_backup)
        handle.failed.connect(lambda error: log.error("no daily backup: %s", error))
        return handle

    def _report_daily_backup(self, made: object) -> None:
        if made:
            self.statusBar().showMessage(_("Today's backup: {made}").format(made=made), 8000)

    def restore_from_backup(self) -> RestoreBackupDialog:
        """List the backups; after a restore every view shows the restored data."""
        dialog = RestoreBackupDialog(self._db, self)
        dialog.accepted.connect(lambda: self._after_restore(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _after_restore(self, dialog: RestoreBackupDialog) -> None:
        if dialog.restored_from is None:
            return
        self.undo_stack.clear()  # the history describes data that is no longer there
        self.reload_views()
        self.statusBar().showMessage(
            _("Restored {name}; the state before is saved as {saved_as}").format(
                name=dialog.restored_from.name, saved_as=dialog.saved_as.name
            )
            if dialog.saved_as
            else _("Restored {name}; the state before is saved as a backup").format(
                name=dialog.restored_from.name
            )
        )

    def erase_organisation(self) -> EraseOrganisationDialog | None:
        """Erase the organisation selected in the directory, after the dialog's checks."""
        selected = self.directory.selected_ids()
        if len(selected) != 1:
            self.show_view(ORGANISATIONS)
            self.show_error(_("Select one organisation in the directory to erase it."))
            return None
        dialog = EraseOrganisationDialog(self._db, selected[0], self)
        dialog.accepted.connect(self._after_erase)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _after_erase(self) -> None:
        self.undo_stack.clear()  # undoing could bring erased data back
        self.reload_views()
        self.statusBar().showMessage(_("The organisation was erased everywhere, backups included"))

    def reload_views(self) -> None:
        """Every view re-reads: the whole store changed (a backup restored, an
        organisation erased everywhere, the sample campaign loaded)."""
        self.undo_stack.announce(Changes.all())

    def show_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self._settings, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def guide_topic(self) -> str:
        """The guide's topic about the view in front."""
        view = self.current_view()
        if view == STATEMENTS:
            tab_topic = getattr(self.statements, "guide_topic", None)
            return tab_topic() if tab_topic is not None else "Statements"
        return {WELCOME: "Getting started", ORGANISATIONS: "Organisations", PEOPLE: "People"}[view]

    def show_guide(self) -> GuideDialog:
        self._guide = raise_guide(self._guide, self.guide_topic(), self)
        return self._guide

    def _say_undone(self, what: str, text: str) -> None:
        self.statusBar().showMessage(f"{what}: {text}" if text else what, STATUS_MESSAGE_MS)

    # Drag and drop ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_file(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_file(event)

    @staticmethod
    def _accept_file(event: QDragMoveEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.show_view(STATEMENTS)
        if path.suffix.lower() in MAIL_SUFFIXES:
            self.replies_file_dropped.emit(path)
        else:
            self.import_file_dropped.emit(path)

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setWindowTitle(_("About signapp"))
        box.setIconPixmap(icon("signapp").pixmap(64, 64))
        box.setText(_("signapp {version}").format(version=signapp.__version__))
        box.setInformativeText(
            _(
                "Coordinate joint statements: organisations, contacts, sign-ons, versions and "
                "the signed PDF."
            )
            + "\n\n"
            + _(FONT_NOTE)
        )
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def show_error(self, message: str) -> QMessageBox:
        """Tell the user what could not be done (nothing was changed)."""
        box = QMessageBox(QMessageBox.Icon.Warning, "signapp", message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(box.deleteLater)
        box.open()
        return box

    def _remembered_layouts(self) -> list[tuple[str, QSplitter | QHeaderView]]:
        """The splitters and table headers whose positions and widths are kept from one
        session to the next: those given an object name. A table's key holds its columns'
        titles, so that a table whose columns changed or moved starts afresh."""
        parts: list[tuple[str, QSplitter | QHeaderView]] = [
            (splitter.objectName(), splitter)
            for splitter in self.findChildren(QSplitter)
            if splitter.objectName()
        ]
        for table in self.findChildren(QTableView):
            if table.objectName() and table.model() is not None:
                model = table.model()
                titles = "|".join(
                    str(model.headerData(column, Qt.Orientation.Horizontal))
                    for column in range(model.columnCount())
                )
                digest = hashlib.sha1(titles.encode()).hexdigest()[:8]
                parts.append((f"{table.objectName()}-{digest}", table.horizontalHeader()))
        return parts

    # Closing -------------------------------------------------------------------------------

    def refuse_close(self) -> None:
        """Keep the window open; for a slot of ``closing`` that has something to ask."""
        self._close_refused = True

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_refused = False
        self.closing.emit()
        if self._close_refused:
            event.ignore()
            return
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        for name, part in self._remembered_layouts():
            self._settings.set_layout_state(name, part.saveState())
        if self.current_view() != WELCOME:
            self._settings.last_view = self.current_view()
        self._settings.sync()
        super().closeEvent(event)


class ElidingStatusBar(QStatusBar):
    """A status bar whose messages are shortened to end before the permanent widgets
    (a long message ran into the database path); the whole text is its tooltip."""

    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        permanent = sum(
            child.width()
            for child in self.findChildren(QLabel)
            if child.parent() is self and child.isVisible()
        )
        room = max(self.width() - permanent - 2 * STATUS_GAP, 100)
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
        self.setToolTip(text if shown != text else "")
        self._said = (shown, text)
        super().showMessage(shown, timeout or 0)

    def currentMessage(self) -> str:
        """The message as it was given, not as shortened to fit."""
        shown = super().currentMessage()
        said = getattr(self, "_said", None)
        return said[1] if said is not None and said[0] == shown and shown else shown


class ElidedLabel(QLabel):
    """A label that shortens its text in the middle rather than push other text away."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = text
        self.setMinimumWidth(80)
        self.setMaximumWidth(PATH_LABEL_WIDTH)
        self.setText(text)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.setText(
            self.fontMetrics().elidedText(
                self._full_text, Qt.TextElideMode.ElideMiddle, self.width()
            )
        )


def dropped_file(mime: QMimeData) -> Path | None:
    """The one form export, name list or mailbox being dragged, or None for anything else."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in (*IMPORTABLE_SUFFIXES, *MAIL_SUFFIXES) else None


def sample_database(sample_path: Path, beside: Path | None) -> Path:
    """The sample campaign's own database file, made on first use in the folder of
    ``beside`` (the open database; the default one's folder if None)."""
    path = (beside or default_database_path()).with_name(SAMPLE_DATABASE_NAME)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path, daily_backup=False)
    try:
        load_sample_campaign(db, sample_path)
    finally:
        close_database(db)
    return path


def quit_when_loaded(window: MainWindow) -> None:
    """Leave the event loop (status 0) once the first view has its data: start-up timing."""
    window.first_view_loaded.connect(lambda: QTimer.singleShot(0, QApplication.quit))
