"""Changes typed in the directory's detail pane survive leaving the organisation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import organisations
from signapp.ui.directory.view import DirectoryView
from signapp.ui.settings import Settings
from signapp.ui.undo import UndoStack
from tests.ui.directory_helpers import (
    click_ok,
    click_row,
    directory_window,
    row_named,
    shown_names,
)

EDITED = "Friends of the Great Lake"
OTHER = "Floating Villages Collective"


def _select(qtbot: QtBot, view: DirectoryView, name: str) -> int:
    click_row(qtbot, view, row_named(view, name))
    organisation_id = view.detail.organisation_id
    assert organisation_id is not None
    return organisation_id


def _retype(qtbot: QtBot, view: DirectoryView, field: str, text: str) -> None:
    editor = view.detail.form.editor(field)
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def _edit(qtbot: QtBot, view: DirectoryView, field: str, text: str) -> int:
    """Select the organisation the tests edit and type ``text`` into ``field``."""
    edited_id = _select(qtbot, view, EDITED)
    _retype(qtbot, view, field, text)
    return edited_id


def _selected_names(view: DirectoryView) -> list[str]:
    rows = sorted(index.row() for index in view.table.selectionModel().selectedRows())
    return [view.model.index(row, 0).data() for row in rows]


def _answer(qtbot: QtBot, box: QMessageBox | None, label: str) -> None:
    assert box is not None and box.isVisible()
    button = next(b for b in box.findChildren(QPushButton) if b.text() == label)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())


def test_valid_edits_are_saved_when_another_row_is_clicked(
    qtbot: QtBot, directory: DirectoryView
) -> None:
    db = directory._db
    edited_id = _edit(qtbot, directory, "acronym", "FGL-NEW")

    messages: list[str] = []
    directory.status_message.connect(messages.append)
    other_id = _select(qtbot, directory, OTHER)
    qtbot.waitUntil(lambda: messages[-1:] == [f"Saved changes to “{EDITED}”"])

    assert organisations.get_organisation(db, edited_id).acronym == "FGL-NEW"
    assert directory.detail.organisation_id == other_id
    assert _selected_names(directory) == [OTHER]
    assert directory._stack.undoText() == f"Edit organisation “{EDITED}”"
    directory._stack.undo()
    assert organisations.get_organisation(db, edited_id).acronym == "FGL"


def test_valid_edits_are_saved_when_the_search_hides_the_organisation(
    qtbot: QtBot, directory: DirectoryView
) -> None:
    edited_id = _edit(qtbot, directory, "website", "https://great-lake.example.org")

    qtbot.keyClicks(directory.search_field, "Floating")

    stored = organisations.get_organisation(directory._db, edited_id)
    assert stored.website == "https://great-lake.example.org"
    assert directory.detail.organisation_id is None
    assert directory.search_field.text() == "Floating"


def test_invalid_edits_ask_before_another_row_is_shown(
    qtbot: QtBot, directory: DirectoryView
) -> None:
    db = directory._db
    edited_id = _edit(qtbot, directory, "country", "Atlantis")

    _select(qtbot, directory, OTHER)
    # Back on the edited organisation, with what was typed, while the question is open.
    assert directory.detail.organisation_id == edited_id
    assert _selected_names(directory) == [EDITED]
    assert directory.detail.form.values()["country"] == "Atlantis"
    assert "Atlantis" in directory.detail.form.error_text("country")
    _answer(qtbot, directory.unsaved_question, "Keep editing")

    assert directory.detail.organisation_id == edited_id
    assert _selected_names(directory) == [EDITED]
    assert directory.detail.form.values()["country"] == "Atlantis"

    other_id = directory.model.organisation_id(row_named(directory, OTHER))
    click_row(qtbot, directory, row_named(directory, OTHER))
    assert directory.detail.organisation_id == edited_id
    _answer(qtbot, directory.unsaved_question, "Discard changes")

    assert directory.detail.organisation_id == other_id
    assert _selected_names(directory) == [OTHER]
    assert organisations.get_organisation(db, edited_id).country == "KH"
    assert directory._stack.count() == 0


def test_invalid_edits_ask_before_the_search_hides_the_organisation(
    qtbot: QtBot, directory: DirectoryView
) -> None:
    edited_id = _edit(qtbot, directory, "website", "not a site")

    qtbot.keyClicks(directory.search_field, "Fl")  # "Fl" hides it, "F" does not

    assert directory.search_field.text() == "F"
    assert _selected_names(directory) == [EDITED]
    _answer(qtbot, directory.unsaved_question, "Keep editing")
    assert directory.detail.organisation_id == edited_id
    assert directory.detail.form.values()["website"] == "not a site"

    qtbot.keyClicks(directory.search_field, "l")
    _answer(qtbot, directory.unsaved_question, "Discard changes")
    assert directory.search_field.text() == "Fl"
    assert EDITED not in shown_names(directory)
    assert directory.detail.organisation_id is None
    assert organisations.get_organisation(directory._db, edited_id).website is None


def test_closing_the_window_saves_valid_edits(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = directory_window(qtbot, sample_db, stack, settings)
    edited_id = _edit(qtbot, window.directory, "acronym", "FGL-3")

    assert window.close()

    assert not window.isVisible()
    assert organisations.get_organisation(sample_db, edited_id).acronym == "FGL-3"


def test_closing_the_window_with_invalid_edits_asks_first(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = directory_window(qtbot, sample_db, stack, settings)
    directory = window.directory
    edited_id = _edit(qtbot, directory, "country", "Atlantis")

    assert not window.close()
    assert window.isVisible()
    _answer(qtbot, directory.unsaved_question, "Keep editing")
    assert window.isVisible()
    assert directory.detail.form.values()["country"] == "Atlantis"

    assert not window.close()
    _answer(qtbot, directory.unsaved_question, "Discard changes")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert organisations.get_organisation(sample_db, edited_id).country == "KH"


def test_the_row_shown_stays_selected_after_save_undo_redo_and_a_new_contact(
    qtbot: QtBot, directory: DirectoryView
) -> None:
    stack = directory._stack
    _select(qtbot, directory, EDITED)
    _retype(qtbot, directory, "acronym", "FGLX")
    qtbot.mouseClick(directory.detail.save_button, Qt.MouseButton.LeftButton)
    assert _selected_names(directory) == [EDITED]
    assert directory.delete_action.isEnabled()

    stack.undo()
    assert _selected_names(directory) == [EDITED]
    stack.redo()
    assert _selected_names(directory) == [EDITED]
    assert directory.delete_action.isEnabled()

    contact_count = directory.detail.contacts_tree.topLevelItemCount()
    dialog = directory.detail.add_contact()
    assert dialog is not None
    qtbot.keyClicks(dialog.form.editor("name"), "Sok Dara")
    click_ok(qtbot, dialog.buttons)
    assert directory.detail.contacts_tree.topLevelItemCount() == contact_count + 1
    assert _selected_names(directory) == [EDITED]
    assert directory.delete_action.isEnabled()


def _as_shown_in_menu(text: str) -> str:
    """The words a menu shows for an action text: "&&" is "&", a single "&" is hidden."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_undo_menu_names_the_organisation_as_typed(
    qtbot: QtBot, sample_db: Database, stack: UndoStack, settings: Settings
) -> None:
    window = directory_window(qtbot, sample_db, stack, settings)
    directory = window.directory
    _select(qtbot, directory, "Gewerkschaftsforum Wasser & Boden")
    _retype(qtbot, directory, "name", "Wasser & Boden Forum")
    assert directory.detail.save()
    assert _as_shown_in_menu(window.undo_action.text()) == (
        "Undo Edit organisation “Wasser & Boden Forum”"
    )

    _retype(qtbot, directory, "acronym", "WBF")
    assert directory.detail.save()
    assert _as_shown_in_menu(window.undo_action.text()) == (
        "Undo Edit organisation “Wasser & Boden Forum”"
    )
    assert stack.command(stack.index() - 1).text() == "Edit organisation “Wasser & Boden Forum”"


def test_edits_the_store_refuses_are_kept_until_the_person_decides(
    qtbot: QtBot, directory: DirectoryView
) -> None:
    db = directory._db
    edited_id = _edit(qtbot, directory, "acronym", "FGL-MINE")
    organisations.update_organisation(db, edited_id, {"notes": "Changed elsewhere"})

    with qtbot.waitSignal(directory._stack.command_failed):
        click_row(qtbot, directory, row_named(directory, OTHER))

    question = directory.unsaved_question
    assert question is not None
    assert "message shown before this one" in question.informativeText()
    assert directory.detail.organisation_id == edited_id
    assert directory.detail.form.values()["acronym"] == "FGL-MINE"
    _answer(qtbot, question, "Discard changes")
    assert _selected_names(directory) == [OTHER]
    assert organisations.get_organisation(db, edited_id).acronym == "FGL"
