"""The assembled window: menu entries reach the statements view and the import wizard."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.ui.app import build_main_window
from signapp.ui.import_wizard import ImportWizard
from signapp.ui.main_window import STATEMENTS
from signapp.ui.settings import Settings
from signapp.ui.statements.view import StatementsView
from signapp.ui.undo import UndoStack


def _window(qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings):  # type: ignore[no-untyped-def]
    window = build_main_window(db, stack, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def test_statements_page_is_the_real_view(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, stack, settings)
    window.show_view(STATEMENTS)
    assert isinstance(window.pages.currentWidget(), StatementsView)


def test_import_needs_a_statement_then_opens_the_wizard_for_it(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings, tmp_path: Path
) -> None:
    window = _window(qtbot, db, stack, settings)
    window.import_action.trigger()
    assert window.findChild(ImportWizard) is None

    statement_id = statements.add_statement(db, "Fishers' rights", "We call for ...")
    view = window.statements
    assert isinstance(view, StatementsView)
    view.refresh()
    view.select_statement(statement_id)
    window.import_action.trigger()
    wizard = window.findChild(ImportWizard)
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    assert wizard.statement_id == statement_id
    wizard.reject()
