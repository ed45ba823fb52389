"""Start the desktop application: arguments, Qt setup, the store, the main window."""

from __future__ import annotations

import argparse
import ctypes
import json
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlite_utils import Database

import signapp
from signapp.core.collector import start_up_done
from signapp.core.db import close_database, database_path, default_database_path
from signapp.core.errors import DatabaseOpenError, SignappError, WrongPassphrase
from signapp.core.logfile import start_logging, stop_logging
from signapp.core.ops import imported
from signapp.i18n import _
from signapp.ui.error_log import uncaught_errors_reported
from signapp.ui.fonts import HARMLESS_FONT_WARNING, register_script_fonts
from signapp.ui.language import (
    install_qt_words,
    put_interface_script_first,
    use_interface_language,
)
from signapp.ui.main_window import DEFAULT_SIZE, STATEMENTS, MainWindow, quit_when_loaded
from signapp.ui.resources import SAMPLE_CAMPAIGN, icon
from signapp.ui.safety.passphrase_dialogs import open_with_passphrase_prompt
from signapp.ui.safety.protection import change_protection
from signapp.ui.safety.restore_dialog import offer_newest_backup
from signapp.ui.screenshot import VIEW_NAMES, screenshot_when_loaded
from signapp.ui.settings import Settings
from signapp.ui.statements.view import StatementsView
from signapp.ui.tasks import worker_database_opener
from signapp.ui.undo import UndoStack

if TYPE_CHECKING:
    from signapp.ui.importing.wizard import ImportWizard

log = logging.getLogger("signapp.ui")
# Said by the offscreen platform (--screenshot) for every window; nothing is wrong.
OFFSCREEN_SIZE_HINTS = "does not support propagateSizeHints"


def parse_arguments(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """signapp's own options, and what is left for Qt (``-platform``, ``-style`` ...)."""
    parser = argparse.ArgumentParser(prog="signapp-gui", description=_("signapp desktop app"))
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=_("database file (default: {path})").format(path=default_database_path()),
    )
    parser.add_argument(
        "--language",
        default=None,
        metavar="CODE",
        help=_(
            "the interface language, e.g. km or en (default: the preference, else the system's)"
        ),
    )
    parser.add_argument(
        "--quit-after-load",
        action="store_true",
        help=_("exit with status 0 once the window has loaded its first view (smoke tests)"),
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        default=None,
        metavar="FILE",
        help=_("write a PNG of the loaded window to FILE and quit"),
    )
    parser.add_argument(
        "--view",
        choices=VIEW_NAMES,
        default=None,
        help=_("with --screenshot: the view to show first"),
    )
    options, rest = parser.parse_known_args(list(argv[1:]))
    return options, [argv[0] if argv else "signapp", *rest]


def chosen_language(options: argparse.Namespace, settings: Settings) -> str | None:
    """``--language``, else the preference; None leaves the choice to the system."""
    return options.language or settings.interface_language or None


def _log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages go to signapp's log, without the known-harmless font warning."""
    if HARMLESS_FONT_WARNING in message or OFFSCREEN_SIZE_HINTS in message:
        return
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger(f"qt.{context.category or 'default'}").log(level, "%s", message)


def _chosen_platform(qt_argv: Sequence[str]) -> str:
    """The Qt platform plugin asked for by ``-platform NAME`` or QT_QPA_PLATFORM, or ""."""
    for index, argument in enumerate(qt_argv[:-1]):
        if argument in ("-platform", "--platform"):
            return qt_argv[index + 1]
    return os.environ.get("QT_QPA_PLATFORM", "")


def use_offscreen_without_display(qt_argv: Sequence[str]) -> None:
    """A screenshot needs no screen: draw offscreen when there is no display to use, on
    a screen the size of the window (the offscreen platform's own is 800×800)."""
    if _chosen_platform(qt_argv) or missing_display(qt_argv) is None:
        return
    width, height = DEFAULT_SIZE
    screens = {
        "screens": [
            {
                "name": "offscreen",
                "x": 0,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
            }
        ]
    }
    config = Path(tempfile.gettempdir()) / f"signapp-offscreen-{width}x{height}.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def missing_display(qt_argv: Sequence[str]) -> str | None:
    """One line saying why no window can be shown on Linux, or None when one can.

    Without it, Qt aborts with a message about a missing xcb library that is installed.
    """
    if not sys.platform.startswith("linux"):
        return None
    platform = _chosen_platform(qt_argv)
    if platform and not platform.startswith(("xcb", "wayland")):
        return None  # offscreen, vnc, eglfs ... need no display server
    if os.environ.get("WAYLAND_DISPLAY") and not platform.startswith("xcb"):
        return None
    display = os.environ.get("DISPLAY", "")
    if display and not platform.startswith("wayland"):
        missing = missing_x11_libraries()
        if missing:
            return (
                "cannot open a window on the X11 display: the system libraries "
                f"{', '.join(missing)} are missing (Debian and Ubuntu: "
                f"apt install {' '.join(_debian_package(name) for name in missing)})"
            )
    if not display:
        return _(
            "no display found (DISPLAY is not set): start signapp from a desktop session, "
            "or use --screenshot FILE, which needs none"
        )
    if display.startswith(":"):
        number = display[1:].split(".")[0]
        if number.isdigit() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return _("no display found: nothing answers at DISPLAY={display}").format(
                display=display
            )
    return None


# What Qt's X11 platform plugin loads beside libX11; without one of them Qt says only
# that "xcb-cursor0 is needed", even when that one is installed.
X11_LIBRARIES = (
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-image.so.0",
    "libxcb-keysyms.so.1",
    "libxcb-randr.so.0",
    "libxcb-render-util.so.0",
    "libxcb-shape.so.0",
    "libxcb-xkb.so.1",
    "libxkbcommon-x11.so.0",
)


def missing_x11_libraries() -> list[str]:
    """The libraries of :data:`X11_LIBRARIES` that cannot be loaded."""
    missing = []
    for name in X11_LIBRARIES:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def _debian_package(library: str) -> str:
    """``libxcb-icccm.so.4`` -> ``libxcb-icccm4`` (Debian's naming of library packages)."""
    stem, _, version = library.partition(".so.")
    return f"{stem}{'-' if stem[-1].isdigit() else ''}{version}"


def application(qt_argv: list[str]) -> QApplication:
    """The QApplication, set up once: names, icon, fonts for every script, style."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(qt_argv)
    app.setApplicationName("signapp")
    app.setApplicationDisplayName("signapp")
    app.setApplicationVersion(signapp.__version__)
    app.setOrganizationName("signapp")
    app.setWindowIcon(icon("signapp"))
    register_script_fonts(app)
    put_interface_script_first(app)
    install_qt_words(app)
    return app


def main(argv: Sequence[str] | None = None, *, settings: Settings | None = None) -> int:
    """Run the desktop app; returns the exit status."""
    options, qt_argv = parse_arguments(sys.argv if argv is None else argv)
    settings = settings or Settings.user_settings()
    use_interface_language(chosen_language(options, settings))
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    start_logging()
    previous_handler = qInstallMessageHandler(_log_qt_message)
    try:
        if options.screenshot is not None:
            use_offscreen_without_display(qt_argv)
        problem = missing_display(qt_argv)
        if problem is not None:
            print(f"signapp: {problem}", file=sys.stderr)
            return 1
        app = application(qt_argv)
        with uncaught_errors_reported():
            return _run(app, options, settings)
    finally:
        start_up_done()  # if no window got as far as its first view
        qInstallMessageHandler(previous_handler)
        stop_logging()


def build_main_window(db: Database, undo_stack: UndoStack, settings: Settings) -> MainWindow:
    """The main window with its views, and the menu actions connected to them."""
    statements = StatementsView(db, undo_stack, settings)
    window = MainWindow(
        db, undo_stack, settings, sample_path=SAMPLE_CAMPAIGN, statements_page=statements
    )
    window.new_statement_requested.connect(statements.ask_create_statement)
    window.export_requested.connect(statements.open_export_dialog)
    window.import_requested.connect(lambda: open_import_wizard(window, statements, db))
    window.import_file_dropped.connect(
        lambda path: open_import_wizard(window, statements, db, path)
    )
    window.replies_requested.connect(statements.ask_read_replies)
    window.replies_file_dropped.connect(statements.read_replies)
    window.open_database_requested.connect(lambda path: open_in_new_window(window, path, settings))
    window.closing.connect(statements.save_unsaved_text)

    def save_directory_edits() -> None:
        if not window.directory.save_edits_before_closing(window.close):
            window.refuse_close()

    window.closing.connect(save_directory_edits)
    statements.message.connect(window.statusBar().showMessage)
    window.directory.statement_activated.connect(statements.select_statement)
    window.protection_change_requested.connect(
        lambda remove: change_protection_and_reopen(window, db, settings, remove=remove)
    )
    return window


def open_import_wizard(
    window: MainWindow, statements: StatementsView, db: Database, path: Path | None = None
) -> ImportWizard | None:
    """Import sign-ons into the statement selected in the Statements view; ``path`` (a
    file dropped on the window) is filled in as the file to read."""
    # Loaded on first use: the import machinery is a fifth of the app's start-up.
    from signapp.ui.importing.wizard import ImportWizard

    statement_id = statements.statement_id
    if statement_id is None:
        window.show_view(STATEMENTS)
        if statements.list_model.rowCount() > 0:
            window.show_error(_("Select the statement the sign-ons are for, then import again."))
            return None
        # The welcome page of a new list: the statement comes first.
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Import sign-ons"),
            _(
                "Sign-ons are imported into a statement. Create the statement now, write its "
                "text and issue it as version 1; then choose Import sign-ons again."
            ),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            window,
        )
        box.accepted.connect(statements.ask_create_statement)
        box.finished.connect(box.deleteLater)
        box.open()
        return None
    wizard = ImportWizard(worker_database_opener(db), statement_id, window)
    wizard.imported.connect(lambda _result: window.undo_stack.announce(imported(statement_id)))
    wizard.finished.connect(wizard.deleteLater)
    if path is not None:
        wizard.file_page.path_edit.setText(str(path))
    wizard.open()
    return wizard


def open_in_new_window(window: MainWindow, path: Path, settings: Settings) -> MainWindow | None:
    """Open another database file; its window replaces this one, whose database closes.

    Nothing changes if the file cannot be opened (the reason is shown) or the person
    cancels the passphrase prompt.
    """
    current = database_path(window.database)
    if current is not None and current.resolve() == path.resolve():
        return window
    statements = window.statements
    if isinstance(statements, StatementsView):
        statements.save_unsaved_text()
    if not window.directory.save_edits_before_closing(lambda: None):
        return None
    try:
        db = open_with_passphrase_prompt(path, window, daily_backup=False)
    except SignappError as error:
        window.show_error(error.message)
        return None
    if db is None:
        return None
    app = QApplication.instance()
    assert app is not None  # the window asking runs in it
    app.aboutToQuit.connect(lambda: close_database(db))
    replacement = build_main_window(db, UndoStack(), settings)
    replacement.show()
    replacement.start()
    replacement.back_up_for_the_day()
    old_db = window.database
    window.closing.disconnect()
    window.close()
    window.deleteLater()
    close_database(old_db)
    return replacement


def change_protection_and_reopen(
    window: MainWindow, db: Database, settings: Settings, *, remove: bool
) -> MainWindow | None:
    """Protect, change or remove the passphrase; the reopened database gets a new window.

    The views hold the old connection, which the change closes, so they are built anew.
    """
    statements = window.statements
    if isinstance(statements, StatementsView):
        statements.save_unsaved_text()
    if not window.directory.save_edits_before_closing(lambda: None):
        return None  # the person is asked about edits that cannot be saved; try again then
    try:
        outcome = change_protection(window, db, lambda: close_database(db), remove=remove)
    except SignappError as error:
        window.show_error(error.message)
        return None
    if outcome is None:
        return None
    app = QApplication.instance()
    assert app is not None  # the window being replaced runs in it
    app.aboutToQuit.connect(lambda: close_database(outcome.database))
    replacement = build_main_window(outcome.database, UndoStack(), settings)
    replacement.show()
    replacement.start()
    window.closing.disconnect()
    window.close()
    window.deleteLater()
    return replacement


def _run(app: QApplication, options: argparse.Namespace, settings: Settings) -> int:
    try:
        # The day's backup is made once the window shows, not before (see below).
        db = open_with_passphrase_prompt(
            options.db,
            daily_backup=False,
            # Only a path typed by the person can be mistyped; a start that quits by
            # itself (smoke tests, screenshots) has no one to ask.
            ask_to_create=options.db is not None
            and not options.quit_after_load
            and options.screenshot is None,
        )
    except SignappError as error:
        path = options.db if options.db is not None else default_database_path()
        if isinstance(error, WrongPassphrase) or not isinstance(error, DatabaseOpenError):
            offer_newest_backup(path, error.message, None, offer=False)
            return 1
        if not offer_newest_backup(path, error.message):
            return 1
        return _run(app, options, settings)
    if db is None:
        return 1  # the person cancelled the passphrase prompt
    window = build_main_window(db, UndoStack(), settings)
    window.first_view_loaded.connect(start_up_done)
    if options.screenshot is not None:
        screenshot_when_loaded(window, options.screenshot, options.view)
    elif options.quit_after_load:
        quit_when_loaded(window)
    window.show()
    window.start()
    if not options.quit_after_load and options.screenshot is None:
        window.back_up_for_the_day()
    try:
        return app.exec()
    finally:
        close_database(db)
