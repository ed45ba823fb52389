"""The statement list: create, rename, change status, delete with confirmation, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import audit, organisations, signons, statements
from signapp.core.model import StatementStatus, VersionKind
from signapp.ui.statements import list_model
from signapp.ui.statements.view import SIGNONS_TAB, StatementDialog, StatementsView
from signapp.ui.undo import UndoStack
from tests.ui.statements.conftest import save_shot
from tests.ui.statements.sample import build_sample


@pytest.fixture
def view(statements_view: StatementsView) -> StatementsView:
    return statements_view


def _titles(view: StatementsView) -> list[str]:
    model = view.list_model
    return [model.index(row, list_model.TITLE).data() for row in range(model.rowCount())]


def _fill_new_statement_dialog(title: str, deadline: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, StatementDialog)
    dialog.title.setText(title)
    dialog.deadline.date_edit.setDate(QDate.fromString(deadline, Qt.DateFormat.ISODate))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_create_through_the_dialog_rename_and_undo(
    view: StatementsView, db: Database, stack: UndoStack, shown_errors: list[str]
) -> None:
    QTimer.singleShot(0, lambda: _fill_new_statement_dialog("Clean rivers pledge", "2026-12-15"))
    view.ask_create_statement()
    assert _titles(view) == ["Clean rivers pledge"]
    statement_id = view.statement_id
    assert statement_id is not None
    assert statements.get_statement(db, statement_id).deadline == "2026-12-15"
    assert view.edit_statement({"title": "Clean rivers for all"})
    assert _titles(view) == ["Clean rivers for all"]
    assert "Clean rivers for all" in view.heading.text()
    stack.undo()
    assert _titles(view) == ["Clean rivers pledge"]
    stack.undo()
    assert _titles(view) == [] and view.statement_id is None
    assert not view.export_button.isEnabled()
    stack.redo()
    assert view.statement_id == statement_id
    assert shown_errors == []


def test_the_deadline_is_picked_from_a_calendar_and_may_be_left_out(
    view: StatementsView, stack: UndoStack, shown_errors: list[str]
) -> None:
    dialog = StatementDialog()
    dialog.title.setText("Any")
    assert dialog.deadline.date_edit.calendarPopup()
    assert dialog.values() == ("Any", None)  # no deadline until one is picked
    dialog.deadline.date_edit.setDate(QDate(2026, 12, 15))
    assert dialog.values() == ("Any", "2026-12-15")
    dialog.deadline.is_set.setChecked(False)
    assert dialog.values() == ("Any", None)
    edited = StatementDialog("Any", "2026-11-30")
    assert edited.values() == ("Any", "2026-11-30")
    assert shown_errors == []
    refusals: list[str] = []
    stack.command_failed.connect(refusals.append)
    assert view.create_statement("  ") is None
    assert refusals == ["Create statement “  ”: title: must not be empty"]


def test_delete_asks_with_what_is_lost_and_undo_restores_everything(
    view: StatementsView,
    db: Database,
    stack: UndoStack,
    answer_yes: list[str],
) -> None:
    sample = build_sample(db)
    view.refresh()
    view.select_statement(sample.statement_id)
    view.ask_delete_statement()
    assert "with its 1 version and 7 sign-ons" in answer_yes[0]
    assert _titles(view) == []
    stack.undo()
    assert _titles(view) == ["Free the river defenders"]
    assert len(signons.list_signons(db, sample.statement_id)) == 7
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    assert view.signons.model.rowCount() == 7


def test_status_changes_show_in_the_list_and_lock_the_text(
    view: StatementsView, db: Database, stack: UndoStack, shown_errors: list[str]
) -> None:
    sample = build_sample(db)
    view.refresh()
    view.select_statement(sample.statement_id)
    assert view.set_status(StatementStatus.PUBLISHED)
    row = view.list_model.row_of(sample.statement_id)
    assert view.list_model.index(row, list_model.STATUS).data() == "published"
    assert view.editor.pane("en").source.isReadOnly()
    stack.undo()
    assert view.list_model.index(row, list_model.STATUS).data() == "collecting"


def test_an_undo_that_core_refuses_is_reported_and_dropped(
    view: StatementsView, db: Database, stack: UndoStack
) -> None:
    sample = build_sample(db)
    view.refresh()
    view.select_statement(sample.statement_id)
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    org_id = organisations.add_organisation(db, "Late Comer")
    assert view.signons.add_organisations([org_id])
    # Deleted behind the view's back (another window): the undo cannot find the sign-on.
    added = next(
        r
        for r in signons.list_signons(db, sample.statement_id)
        if r.organisation_name == "Late Comer"
    )
    signons.delete_signon(db, added.signon.id)
    refusals: list[str] = []
    stack.command_failed.connect(refusals.append)
    stack.undo()
    assert len(refusals) == 1 and "does not exist" in refusals[0]
    assert stack.count() == 0  # the history does not claim a change that did not happen
    assert view.signons.model.rowCount() == 7


def test_screenshot_of_the_statement_list(
    view: StatementsView, db: Database, stack: UndoStack
) -> None:
    build_sample(db)
    second = statements.create_issued_statement(
        db, "Protect forest communities", "Text.", deadline="2027-01-15"
    )
    statements.revise_statement(db, second, "Text two.", kind=VersionKind.EDITORIAL, note="typo")
    statements.create_statement(db, "Labour rights in garment factories (draft)")
    closed = statements.create_issued_statement(db, "Election observers' joint call", "Final.")
    statements.set_statement_status(db, closed, "published")
    view.refresh()
    assert len(_titles(view)) == 4
    save_shot(view, "1-list")


def test_screenshot_of_sign_ons_with_reconfirmation_marks(
    view: StatementsView, db: Database
) -> None:
    sample = build_sample(db)
    statements.revise_statement(
        db, sample.statement_id, "A new demand.", kind=VersionKind.SUBSTANTIVE, note="new demand"
    )
    view.refresh()
    view.select_statement(sample.statement_id)
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    view.signons.table.clearSelection()
    assert "⚠ 3 to reconfirm" in view.signons.counts.text()
    save_shot(view, "4-signons-reconfirmation")


def test_text_typed_just_before_closing_is_saved(
    qtbot: QtBot, view: StatementsView, db: Database
) -> None:
    statement_id = view.create_statement("Typed at the last second")
    assert statement_id is not None
    pane = view.editor.pane("en")
    qtbot.keyClicks(pane.source, "Last words")
    assert statements.get_draft(db, statement_id).texts.get("en") is None  # not yet saved
    assert view.save_unsaved_text()
    assert statements.get_draft(db, statement_id).texts["en"] == "Last words"
    entry = audit.entries(db, entity="statement version", limit=1)[0]
    assert entry.action == "edit draft" and entry.after == {"language": "en", "text": "Last words"}
