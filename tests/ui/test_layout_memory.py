"""Layout that fits and lasts: column widths for the content, splitter positions and
column widths kept from one session to the next, a Save button that stays put."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton, QStatusBar
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.ui.app import build_main_window
from signapp.ui.main_window import ORGANISATIONS, STATEMENTS, MainWindow
from signapp.ui.settings import Settings
from signapp.ui.statements.view import StatementsView
from signapp.ui.undo import UndoStack
from tests.ui.directory_helpers import row_named


def _window(qtbot: QtBot, db: Database, settings: Settings) -> MainWindow:
    window = build_main_window(db, UndoStack(), settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    QApplication.processEvents()
    return window


def test_splitter_positions_and_column_widths_are_kept_for_the_next_session(
    qtbot: QtBot, sample_db: Database, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, settings)
    window.show_view(ORGANISATIONS)
    directory = window.directory
    directory.splitter.setSizes([600, 500])
    chosen_sizes = directory.splitter.sizes()
    directory.table.setColumnWidth(3, 161)
    window.show_view(STATEMENTS)
    statements = window.statements
    assert isinstance(statements, StatementsView)
    statements.list_view.setColumnWidth(1, 133)
    window.close()

    again = _window(qtbot, sample_db, settings)
    again.show_view(ORGANISATIONS)
    QApplication.processEvents()
    assert again.directory.splitter.sizes() == chosen_sizes
    assert again.directory.table.columnWidth(3) == 161
    again_statements = again.statements
    assert isinstance(again_statements, StatementsView)
    assert again_statements.list_view.columnWidth(1) == 133


def test_a_narrow_window_keeps_the_statement_title_readable(
    qtbot: QtBot, sample_db: Database, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, settings)
    window.resize(1000, 700)
    window.show_view(STATEMENTS)
    QApplication.processEvents()
    statements = window.statements
    assert isinstance(statements, StatementsView)
    title_width = statements.list_view.columnWidth(0)
    metrics = statements.list_view.fontMetrics()
    assert title_width >= metrics.horizontalAdvance("Keep the rivers open: joint")
    counts = range(1, statements.list_model.columnCount())
    assert statements.list_view.horizontalScrollBar().maximum() == 0 or all(
        statements.list_view.columnWidth(c) < title_width for c in counts
    )


def test_own_script_names_and_contact_phones_are_in_view(
    qtbot: QtBot, sample_db: Database, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, settings)
    window.resize(1280, 800)
    window.show_view(ORGANISATIONS)
    QApplication.processEvents()
    directory = window.directory
    metrics = directory.table.fontMetrics()
    assert directory.table.columnWidth(1) >= metrics.horizontalAdvance("មជ្ឈមណ្ឌលសិទ្ធិដីធ្លី")
    directory.table.selectRow(row_named(directory, "Centre for Land and Housing Rights"))
    QApplication.processEvents()
    tree = directory.detail.contacts_tree
    header = tree.header()
    phone_right = header.sectionViewportPosition(3) + header.sectionSize(3)
    assert phone_right <= tree.viewport().width()
    assert tree.horizontalScrollBar().maximum() == 0


def test_a_field_error_does_not_move_the_save_button(
    qtbot: QtBot, sample_db: Database, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, settings)
    window.show_view(ORGANISATIONS)
    directory = window.directory
    directory.table.selectRow(row_named(directory, "Centre for Land and Housing Rights"))
    QApplication.processEvents()
    detail = directory.detail
    save: QPushButton = detail.save_button
    before = save.mapTo(window, save.rect().topLeft())
    detail.form.editor("name").setText("")
    detail.form.editor("website").setText("not a web address")
    detail.save()
    QApplication.processEvents()
    assert detail.form.error_text("name")  # the problem is shown ...
    assert save.mapTo(window, save.rect().topLeft()) == before  # ... and Save stays put


def test_a_long_status_message_ends_before_the_database_path(
    qtbot: QtBot, sample_db: Database, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, settings)
    window.resize(1000, 700)
    QApplication.processEvents()
    bar = window.statusBar()
    names = ", ".join(f"Organisation number {n} of the river basin" for n in range(8))
    window.statements.message.emit(f"Copied 31 addresses; 8 have no email: {names}")
    assert bar.currentMessage().endswith("of the river basin")  # as it was said ...
    shown = QStatusBar.currentMessage(bar)  # ... and as it is drawn
    assert shown.endswith("…")
    room = window.path_label.mapTo(bar, window.path_label.rect().topLeft()).x()
    assert bar.fontMetrics().horizontalAdvance(shown) < room
    assert bar.toolTip().endswith("of the river basin")  # the whole message on hover
