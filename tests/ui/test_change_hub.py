"""Views re-read only the data a change touched (counted in the SQL the store runs)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.model import VersionKind
from signapp.core.ops import Changes, Data, imported
from signapp.ui.app import build_main_window, open_import_wizard
from signapp.ui.directory import commands as directory_commands
from signapp.ui.main_window import STATEMENTS, MainWindow
from signapp.ui.settings import Settings
from signapp.ui.statements import list_model
from signapp.ui.statements.commands import EditStatement, run_command
from signapp.ui.statements.view import SIGNONS_TAB, StatementsView
from signapp.ui.undo import UndoStack

SIGNONS = 300


@contextmanager
def queries(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        db.conn.set_trace_callback(None)


def _window(qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings) -> MainWindow:
    statement_id = statements.create_statement(db, "Free the river defenders")
    statements.save_draft_text(db, statement_id, "en", "We call for their release.")
    statements.issue_version(db, statement_id, "initial")
    for number in range(SIGNONS):
        org_id = organisations.add_organisation(db, f"Group {number:03}", country="KH")
        signons.record_signon(db, statement_id, org_id, status="pending")
    window = build_main_window(db, stack, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.show_view(STATEMENTS)
    page = window.statements
    assert isinstance(page, StatementsView)
    page.select_statement(statement_id)
    page.tabs.setCurrentIndex(SIGNONS_TAB)
    assert page.signons.model.rowCount() == SIGNONS
    return window


def _reads_of_all_signons(seen: list[str]) -> list[str]:
    """Queries reading the rows of every sign-on of a statement (counting them is cheap)."""
    return [sql for sql in seen if "SELECT s.*" in sql and "organisation_id IN" not in sql]


def test_editing_an_organisation_rereads_only_its_own_signon(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, db, stack, settings)
    page = window.statements
    assert isinstance(page, StatementsView)
    org_id = organisations.organisations_named(db, "Group 007")[0]
    with queries(db) as seen:
        stack.push(
            directory_commands.EditOrganisation(
                stack, db, org_id, {"name": "Group 007"}, {"name": "Groupe sept"}
            )
        )
    assert _reads_of_all_signons(seen) == []
    assert any("organisation_id IN" in sql for sql in seen)  # its own row, re-read
    names = {page.signons.model.signon_row(r).organisation_name for r in range(SIGNONS)}
    assert "Groupe sept" in names and "Group 007" not in names
    with queries(db) as seen:
        stack.undo()
    assert _reads_of_all_signons(seen) == []
    names = {page.signons.model.signon_row(r).organisation_name for r in range(SIGNONS)}
    assert "Group 007" in names


def test_renaming_a_statement_reads_neither_signons_nor_the_directory(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, db, stack, settings)
    page = window.statements
    assert isinstance(page, StatementsView)
    assert page.statement_id is not None
    window.directory.load()
    with queries(db) as seen:
        assert run_command(stack, EditStatement(stack, db, page.statement_id, {"title": "Renamed"}))
    assert _reads_of_all_signons(seen) == []
    assert not any("FROM organisations" in sql for sql in seen)
    assert page.heading.text().startswith("Renamed")


def test_a_status_change_rereads_the_signons_it_changed(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, db, stack, settings)
    page = window.statements
    assert isinstance(page, StatementsView)
    page.signons.table.selectRow(0)
    with queries(db) as seen:
        page.signons.set_status_for_selection(signons.SignOnStatus.CONFIRMED)
    assert len(_reads_of_all_signons(seen)) == 1  # the view shows them: read once
    assert page.signons.model.signon_row(0).signon.status.value == "confirmed"


def test_the_window_the_tests_build_has_the_real_statements_page(make_window, db: Database) -> None:  # type: ignore[no-untyped-def]
    window = make_window(db)
    assert isinstance(window.statements, StatementsView)


def test_issuing_with_nothing_changed_says_so_and_the_views_follow_an_issue(
    qtbot: QtBot,
    db: Database,
    stack: UndoStack,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _window(qtbot, db, stack, settings)
    page = window.statements
    assert isinstance(page, StatementsView)
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, title, _text: told.append(title)
    )
    page.editor.ask_issue_version()  # version 1 is issued and nothing was typed since
    assert told == ["Nothing to issue"]

    announced: list[Changes] = []
    stack.changed.connect(announced.append)
    assert page.statement_id is not None
    statements.save_draft_text(db, page.statement_id, "en", "We call for their release now.")
    assert page.editor.issue(VersionKind.EDITORIAL, None) == 2
    assert announced and announced[0].touches_statement(page.statement_id, Data.VERSIONS)
    row = page.list_model.row_of(page.statement_id)
    assert row is not None
    assert page.list_model.index(row, list_model.VERSION).data() == 2


def test_a_hidden_statements_page_reads_its_tabs_only_when_shown(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings
) -> None:
    statement_id = statements.create_statement(db, "Free the river defenders")
    statements.save_draft_text(db, statement_id, "en", "We call for their release.")
    statements.issue_version(db, statement_id, "initial")
    with queries(db) as seen:
        window = build_main_window(db, stack, settings)
        qtbot.addWidget(window)
        window.show()
        window.start()
    page = window.statements
    assert isinstance(page, StatementsView)
    assert page.statement_id == statement_id  # chosen, for the menus that need one
    assert not any("FROM version_texts" in sql for sql in seen)
    assert page.versions.history.rowCount() == 0
    window.show_view(STATEMENTS)
    assert page.versions.history.rowCount() == 1  # version 1


def test_an_import_is_announced_through_the_stack(
    qtbot: QtBot, db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = _window(qtbot, db, stack, settings)
    page = window.statements
    assert isinstance(page, StatementsView) and page.statement_id is not None
    wizard = open_import_wizard(window, page, db)
    assert wizard is not None
    announced: list[Changes] = []
    stack.changed.connect(announced.append)
    wizard.imported.emit(None)
    wizard.reject()
    assert announced == [imported(page.statement_id)]
    assert announced[0].touches_statement(page.statement_id, Data.SIGNONS)
    assert announced[0].touches(Data.PEOPLE)  # the People view reads the people it added
