"""Any error inside an undo command drops it and leaves the store as it was."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.ops import Changes, Data
from signapp.core.ops_statements import NewOrganisation
from signapp.ui.directory import commands as directory_commands
from signapp.ui.statements.commands import (
    AddSignOns,
    EditStatement,
    run_command,
)
from signapp.ui.undo import UNEXPECTED_ERROR, UndoStack


def _counts(db: Database) -> tuple[int, int]:
    return (
        db.execute("SELECT count(*) FROM organisations").fetchone()[0],
        db.execute("SELECT count(*) FROM signons").fetchone()[0],
    )


def _fail(*_args: object, **_kwargs: object) -> None:
    raise KeyError("unexpected")


def test_an_unexpected_error_on_the_first_run_leaves_no_entry_and_no_rows(
    db: Database, stack: UndoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    statement_id = statements.create_statement(db, "Rivers")
    org_id = organisations.add_organisation(db, "Lake Keepers")
    before = _counts(db)
    failures: list[str] = []
    stack.command_broke.connect(failures.append)
    monkeypatch.setattr(signons, "record_signon", _fail)

    command = AddSignOns(
        stack, db, statement_id, [org_id], new_organisations=[NewOrganisation("New Group")]
    )
    assert not run_command(stack, command)

    assert stack.count() == 0
    assert not stack.canUndo()
    assert _counts(db) == before  # the organisation created first was rolled back
    assert failures == [f"{command.text()}: {UNEXPECTED_ERROR}"]


def test_an_unexpected_error_on_undo_drops_the_entry_and_keeps_the_change(
    db: Database, stack: UndoStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    statement_id = statements.create_statement(db, "IDEA")
    run_command(stack, EditStatement(stack, db, statement_id, {"title": "IDEA 2"}))
    assert stack.undoText() == "Rename “IDEA”"
    monkeypatch.setattr(statements, "update_statement", _fail)

    stack.undo()

    assert stack.count() == 0
    assert stack.undoText() == ""
    assert statements.get_statement(db, statement_id).title == "IDEA 2"


def test_the_stack_announces_what_each_step_changed(db: Database, stack: UndoStack) -> None:
    announced: list[Changes] = []
    stack.changed.connect(announced.append)
    command = directory_commands.CreateOrganisation(stack, db, {"name": "Lake Keepers"})
    stack.push(command)
    stack.undo()
    stack.redo()
    assert command.organisation_id is not None
    expected = Changes.of(Data.ORGANISATIONS, organisations=[command.organisation_id])
    assert announced[0] == expected
    assert len(announced) == 3
    for undone_or_redone in announced[1:]:
        assert undone_or_redone.touches(Data.ORGANISATIONS)
        assert command.organisation_id in undone_or_redone.organisation_ids


def test_the_window_offers_the_log_when_a_change_breaks(
    db: Database, stack: UndoStack, make_window, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from signapp.core.logfile import start_logging, stop_logging

    window = make_window(db)
    start_logging(tmp_path / "signapp.log")
    try:
        monkeypatch.setattr(organisations, "add_organisation", _fail)
        stack.push(directory_commands.CreateOrganisation(stack, db, {"name": "Lake Keepers"}))
        boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
        assert len(boxes) == 1 and UNEXPECTED_ERROR in boxes[0].text()
        assert "Open the log" in [button.text() for button in boxes[0].buttons()]
        refusal = window.show_error("Lake Keepers: it was deleted in another window")
        assert "Open the log" not in [button.text() for button in refusal.buttons()]
    finally:
        stop_logging()
