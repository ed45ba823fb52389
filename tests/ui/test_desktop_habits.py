"""Habits of desktop apps: Ctrl+Z in text fields, Open database and recent files,
dropping a table file on the window, F1 and the user guide, the sample campaign from the
Help menu, feedback in the status bar, a window that fits the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.db import open_database
from signapp.core.directory import directory_is_empty
from signapp.ui.app import build_main_window, open_in_new_window
from signapp.ui.guide import GuideDialog, guide_topics
from signapp.ui.importing.wizard import ImportWizard
from signapp.ui.main_window import (
    ORGANISATIONS,
    STATEMENTS,
    MainWindow,
    dropped_file,
    fit_on_screen,
)
from signapp.ui.settings import Settings
from signapp.ui.statements.view import SIGNONS_TAB, StatementsView
from signapp.ui.undo import UndoStack


def _window(qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings) -> MainWindow:
    window = build_main_window(db, stack, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_ctrl_z_in_a_field_without_typing_undoes_the_last_change(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, make_window
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample_db)
    dialog = window.directory.new_organisation()
    qtbot.keyClicks(dialog.form.editor("name"), "Tidal Flats Network")
    dialog.accept()
    assert stack.canUndo()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    search = window.directory.search_field
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "Tid")
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == ""  # first the typing in the field
    assert stack.canUndo()
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not stack.canUndo()  # then, with nothing left to type back, the last change
    assert "Undone" in window.statusBar().currentMessage()
    assert "Tidal Flats Network" in window.statusBar().currentMessage()
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(search, Qt.Key.Key_Z, redo)
    assert search.text() == "Tid" and not stack.canUndo()  # the field's typing comes back
    search.clear()
    search.setText("")  # a field set by the program has no typing to redo
    qtbot.keyClick(search, Qt.Key.Key_Z, redo)
    assert stack.canUndo()
    assert "Redone" in window.statusBar().currentMessage()


def test_f1_opens_the_guide_at_the_topic_of_the_view(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, stack, settings)
    window.show_view(ORGANISATIONS)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.findChild(GuideDialog)
    assert isinstance(guide, GuideDialog) and guide.isVisible()
    assert guide.current_topic() == "Organisations"
    assert "Merge" in guide.text.toPlainText()
    window.show_view(STATEMENTS)
    view = window.statements
    assert isinstance(view, StatementsView)
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    window.guide_action.trigger()
    assert window.findChildren(GuideDialog) == [guide]  # the same window, another topic
    assert guide.current_topic() == "Sign-ons"
    guide.close()


def test_the_guide_covers_a_campaign_from_statement_to_safety() -> None:
    titles = [topic.title for topic in guide_topics()]
    for needed in (
        "Statements",
        "Text and versions",
        "Sign-ons",
        "Import",
        "Chase answers",
        "Export",
        "Safety",
        "Organisations",
        "Progress",
    ):
        assert needed in titles


def test_help_opens_the_sample_in_its_own_file_when_the_database_has_data(
    qtbot: QtBot, sample_db: Database, db_path: Path, stack: UndoStack, settings: Settings
) -> None:
    statements.create_issued_statement(sample_db, "Our own statement", "Text")
    window = _window(qtbot, sample_db, stack, settings)
    requested: list[Path] = []
    window.open_database_requested.connect(requested.append)
    window.sample_action.trigger()
    assert len(requested) == 1 and requested[0].parent == db_path.parent
    assert requested[0] != db_path
    replacement = next(
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and w.windowTitle().startswith(requested[0].name)
    )
    qtbot.addWidget(replacement)
    assert replacement.isVisible() and not window.isVisible()
    assert not directory_is_empty(replacement.database)
    own = open_database(db_path, daily_backup=False)
    try:
        assert len(statements.list_statements(own)) == 2  # own data left as it was
    finally:
        own.close()


def test_open_database_replaces_the_window_and_remembers_the_file(
    qtbot: QtBot, db: Database, tmp_path: Path, stack: UndoStack, settings: Settings
) -> None:
    other_path = tmp_path / "other.sqlite"
    other = open_database(other_path)
    statements.create_issued_statement(other, "Statement in the other file", "Text")
    other.close()
    window = _window(qtbot, db, stack, settings)
    replacement = open_in_new_window(window, other_path, settings)
    assert replacement is not None and replacement is not window
    qtbot.addWidget(replacement)
    assert replacement.windowTitle().startswith("other.sqlite")
    assert settings.recent_databases[0] == str(other_path.resolve())
    replacement.recent_menu.aboutToShow.emit()
    names = [action.text() for action in replacement.recent_menu.actions()]
    assert "signapp.sqlite" in names and "other.sqlite" not in names


@pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")
def test_dropping_a_csv_opens_the_import_wizard_with_the_file(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings, tmp_path: Path
) -> None:
    statement_id = statements.create_issued_statement(db, "Fishers' rights", "We call for ...")
    csv_file = tmp_path / "form.csv"
    csv_file.write_text("Organisation,Country\nTidal Flats Network,KH\n", encoding="utf-8")
    window = _window(qtbot, db, stack, settings)
    view = window.statements
    assert isinstance(view, StatementsView)
    view.refresh()
    view.select_statement(statement_id)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(csv_file))])
    assert dropped_file(mime) == csv_file
    no_buttons = (Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, *no_buttons)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, *no_buttons)
    QApplication.sendEvent(window, drop)
    wizard = window.findChild(ImportWizard)
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    assert wizard.statement_id == statement_id
    assert wizard.file_page.path_edit.text() == str(csv_file)
    wizard.reject()


def test_only_table_files_are_taken_from_a_drop(tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    assert dropped_file(mime) is None
    mime.setUrls(
        [QUrl.fromLocalFile(str(tmp_path / "a.csv")), QUrl.fromLocalFile(str(tmp_path / "b.csv"))]
    )
    assert dropped_file(mime) is None
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "Sign-ons.XLSX"))])
    assert dropped_file(mime) == tmp_path / "Sign-ons.XLSX"


def test_the_window_is_never_larger_than_the_screen(
    qtbot: QtBot, db: Database, make_window
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(db)
    free = QGuiApplication.primaryScreen().availableGeometry()
    fit_on_screen(window, (free.width() * 3 // 2, free.height() * 3 // 2))
    smallest = window.minimumSizeHint()
    assert window.width() <= max(free.width(), smallest.width())
    assert window.height() <= max(free.height(), smallest.height())
    assert free.contains(window.frameGeometry().topLeft() + QPoint(1, 1))


def test_every_view_and_tab_has_its_topic_in_the_guide(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, stack, settings)
    titles = {topic.title for topic in guide_topics()}
    for page in ("welcome", ORGANISATIONS, "people"):
        window.show_view(page)
        assert window.guide_topic() in titles, page
    window.show_view(STATEMENTS)
    view = window.statements
    assert isinstance(view, StatementsView)
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        assert window.guide_topic() in titles, view.tabs.tabText(index)
