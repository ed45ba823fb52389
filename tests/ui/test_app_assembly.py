"""The assembled window: menu entries reach the statements view and the import wizard."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.backups import backups_folder
from signapp.core.db import is_encrypted_file, passphrase_of
from signapp.ui.app import build_main_window, change_protection_and_reopen
from signapp.ui.importing.wizard import ImportWizard
from signapp.ui.main_window import STATEMENTS
from signapp.ui.safety.erase_dialog import EraseOrganisationDialog
from signapp.ui.settings import Settings
from signapp.ui.statements.view import StatementDialog, StatementsView
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

    statement_id = statements.create_issued_statement(db, "Fishers' rights", "We call for ...")
    view = window.statements
    assert isinstance(view, StatementsView)
    view.refresh()
    view.select_statement(statement_id)
    window.import_action.trigger()
    wizard = window.findChild(ImportWizard)
    assert isinstance(wizard, ImportWizard) and wizard.isVisible()
    assert wizard.statement_id == statement_id
    wizard.reject()


def test_back_up_now_writes_a_backup_beside_the_database(
    qtbot: QtBot, db: Database, db_path: Path, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, db, stack, settings)
    window.backup_action.trigger()
    made = list(backups_folder(db_path).glob("manual-*"))
    assert len(made) == 1
    assert str(made[0]) in window.statusBar().currentMessage()


def test_erase_asks_for_one_selected_organisation_first(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, sample_db, stack, settings)
    assert window.erase_organisation() is None
    assert window.findChild(EraseOrganisationDialog) is None
    assert window.current_view() == "organisations"


def test_protecting_the_database_reopens_it_in_a_new_window(
    qtbot: QtBot,
    sample_db: Database,
    db_path: Path,
    stack: UndoStack,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import signapp.ui.app as app_module

    scripted = partial(
        app_module.change_protection, ask=lambda _parent, _changing: "river-keepers-2026"
    )
    monkeypatch.setattr(app_module, "change_protection", scripted)
    window = _window(qtbot, sample_db, stack, settings)
    organisations_before = window.directory.model.rowCount()

    replacement = change_protection_and_reopen(window, sample_db, settings, remove=False)

    assert replacement is not None
    qtbot.addWidget(replacement)
    assert not window.isVisible() and replacement.isVisible()
    assert is_encrypted_file(db_path)
    assert passphrase_of(replacement.database) == "river-keepers-2026"
    replacement.show_view("organisations")
    assert replacement.directory.model.rowCount() == organisations_before


def test_import_on_a_new_list_says_the_statement_comes_first_and_offers_to_create_it(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, db, stack, settings)
    window.welcome.import_requested.emit()  # the welcome page's Import sign-ons

    assert window.current_view() == STATEMENTS
    box = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    assert "Create the statement now" in box.text()
    opened: list[QWidget] = []

    def close_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        opened.append(dialog)
        dialog.close()

    QTimer.singleShot(0, close_the_dialog)
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: bool(opened))
    assert isinstance(opened[0], StatementDialog)
    assert window.findChild(ImportWizard) is None


def test_opening_the_sample_campaign_shows_its_statement_in_the_statements_view(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, db, stack, settings)
    window.welcome.sample_requested.emit()

    view = window.statements
    assert isinstance(view, StatementsView)
    assert view.list_model.rowCount() == 1
