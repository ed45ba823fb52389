"""Every interactive widget of every view and dialog has a name a screen reader can
read (by Qt's own rules: a button's text, the name given ...), and each dialog's tab
order follows its layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.directory import ordered_organisation_ids, organisation_rows
from signapp.ui.app import build_main_window
from signapp.ui.directory.dialogs import MergeDialog, contact_dialog, new_organisation_dialog
from signapp.ui.guide import GuideDialog
from signapp.ui.importing.wizard import ImportWizard
from signapp.ui.main_window import MainWindow
from signapp.ui.preferences import PreferencesDialog
from signapp.ui.safety.erase_dialog import EraseOrganisationDialog
from signapp.ui.safety.passphrase_dialogs import NewPassphraseDialog, PassphraseDialog
from signapp.ui.safety.restore_dialog import RestoreBackupDialog
from signapp.ui.settings import Settings
from signapp.ui.statements.add_signons_dialog import AddSignOnsDialog
from signapp.ui.statements.editor import AddLanguageDialog, IssueVersionDialog
from signapp.ui.statements.export_dialog import ExportDialog
from signapp.ui.statements.signons_view import SignOnDetailsDialog
from signapp.ui.statements.view import StatementDialog, StatementsView
from signapp.ui.undo import UndoStack
from tests.ui.accessibility import nameless_widgets, tab_order_problems


@pytest.fixture
def window(qtbot: QtBot, sample_db: Database, settings: Settings) -> MainWindow:
    main = build_main_window(sample_db, UndoStack(), settings)
    qtbot.addWidget(main)
    main.show()
    main.start()
    return main


def test_every_view_names_its_widgets(window: MainWindow) -> None:
    problems: dict[str, list[str]] = {}
    for view in ("welcome", "organisations", "people"):
        window.show_view(view)
        if view == "organisations":
            window.directory.table.selectRow(0)
        QApplication.processEvents()
        problems[view] = nameless_widgets(window)
    window.show_view("statements")
    page = window.statements
    assert isinstance(page, StatementsView)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        problems[page.tabs.tabText(index)] = nameless_widgets(window)
    assert not {view: found for view, found in problems.items() if found}


def _dialogs(db: Database, window: MainWindow, tmp_path: Path) -> dict[str, Callable[[], QWidget]]:
    statement_id = statements.list_statements(db)[0].statement.id
    ids = ordered_organisation_ids(db)
    first, second = organisation_rows(db, ids[:2])
    view = window.statements
    assert isinstance(view, StatementsView)
    view.select_statement(statement_id)
    signon_row = view.signons.model

    def signon_details() -> QWidget:
        view.signons.set_statement(statement_id)
        signon_row.set_statement(statement_id)
        return SignOnDetailsDialog(db, signon_row.signon_row(0), window)

    def wizard_on_mapping_page() -> QWidget:
        sheet = tmp_path / "form.csv"
        sheet.write_text(
            "Organisation,Name in your language,Country\n"
            "Mekong Fishers Network,,TH\n,សមាគមអ្នកនេសាទខ្មែរ,KH\n",
            encoding="utf-8",
        )
        wizard = ImportWizard(db_path_of(db), statement_id, window)
        wizard.file_page.path_edit.setText(str(sheet))
        return wizard

    return {
        "statement": lambda: StatementDialog(parent=window),
        "issue version": lambda: IssueVersionDialog(2, 26, window),
        "add language": lambda: AddLanguageDialog(window),
        "export": lambda: ExportDialog(db, statement_id, output_folder=tmp_path, parent=window),
        "import": wizard_on_mapping_page,
        "merge": lambda: MergeDialog(first, second, window),
        "new organisation": lambda: new_organisation_dialog(window),
        "contact": lambda: contact_dialog(window, "KH"),
        "preferences": lambda: PreferencesDialog(Settings.from_file(tmp_path / "p.ini"), window),
        "guide": lambda: GuideDialog("Sign-ons", window),
        "restore": lambda: RestoreBackupDialog(db, window),
        "erase": lambda: EraseOrganisationDialog(db, ids[0], window),
        "passphrase": lambda: PassphraseDialog(tmp_path / "protected.sqlite", parent=window),
        "new passphrase": lambda: NewPassphraseDialog(window),
        "add sign-ons": lambda: AddSignOnsDialog(db, set(), window),
        "sign-on details": signon_details,
    }


def db_path_of(db: Database) -> Path:
    from signapp.core.db import database_path

    path = database_path(db)
    assert path is not None
    return path


def test_every_dialog_names_its_widgets_and_tabs_in_reading_order(
    qtbot: QtBot, window: MainWindow, sample_db: Database, tmp_path: Path
) -> None:
    nameless: dict[str, list[str]] = {}
    disordered: dict[str, list[str]] = {}
    for name, make in _dialogs(sample_db, window, tmp_path).items():
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        nameless[name] = nameless_widgets(dialog)
        disordered[name] = tab_order_problems(dialog)
        dialog.close()
    assert not {name: found for name, found in nameless.items() if found}
    assert not {name: found for name, found in disordered.items() if found}


def test_the_checks_find_a_nameless_field_and_a_backward_tab(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    top, bottom = QLineEdit(), QLineEdit()
    top.setAccessibleName("Top")
    layout = QVBoxLayout(dialog)
    for widget in (top, bottom, QPushButton("OK")):
        layout.addWidget(widget)
    dialog.show()
    QApplication.processEvents()
    assert nameless_widgets(dialog) == ["QLineEdit  in QDialog"]
    assert tab_order_problems(dialog) == []
    QWidget.setTabOrder(bottom, top)
    QWidget.setTabOrder(top, dialog.findChild(QPushButton))
    bottom.setFocus()
    assert tab_order_problems(dialog)


def test_the_statement_buttons_say_what_they_do_on_hover(window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    window.show_view("statements")
    page = window.statements
    assert isinstance(page, StatementsView)
    for holder in (page, page.editor, page.signons):
        without = [
            button.text()
            for button in holder.findChildren(QPushButton)
            if button.isVisibleTo(window) and not button.toolTip()
        ]
        assert not without, type(holder).__name__
