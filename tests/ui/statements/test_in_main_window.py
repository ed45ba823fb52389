"""The statements view as the main window's Statements page: its menu entries reach it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core.sample import load_sample_campaign
from signapp.ui.main_window import STATEMENTS, MainWindow
from signapp.ui.resources import SAMPLE_CAMPAIGN
from signapp.ui.settings import Settings
from signapp.ui.statements.export_dialog import ExportDialog
from signapp.ui.statements.view import StatementsView
from signapp.ui.undo import UndoStack


def test_file_export_opens_the_export_dialog_with_the_settings_choices(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings
) -> None:
    load_sample_campaign(db, SAMPLE_CAMPAIGN)
    settings.export_group_by = "kind"
    view = StatementsView(db, stack, settings)
    window = MainWindow(db, stack, settings, sample_path=SAMPLE_CAMPAIGN, statements_page=view)
    qtbot.addWidget(window)
    window.export_requested.connect(view.open_export_dialog)
    view.message.connect(window.statusBar().showMessage)
    window.show()
    window.start()

    window.export_action.trigger()
    assert window.current_view() == STATEMENTS
    dialog = view.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.group_by.currentData() == "kind"
    assert dialog.listed_count > 0
    dialog.reject()  # closed dialogs are deleted
    qtbot.waitUntil(lambda: view.export_dialog is None)

    # A refused change reaches the window's error handler through the shared stack.
    shown: list[str] = []
    stack.command_failed.connect(shown.append)
    assert view.edit_statement({"deadline": "someday"}) is False
    assert shown == [
        f"Edit “{view.heading.text().split(' · ')[0]}”: deadline: 'someday' is not a date (YYYY-MM-DD)"
    ]
