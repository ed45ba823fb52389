"""Merging keeps the fuller record by default; merging and adding a contact say so in the
status bar; the merge dialog counts in the singular and the plural."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QRadioButton
from pytestqt.qtbot import QtBot

from signapp.core import organisations
from signapp.ui.directory.dialogs import FormDialog, MergeDialog
from signapp.ui.directory.view import DirectoryView
from tests.ui.directory_helpers import click_row, row_named


def _messages(directory: DirectoryView) -> list[str]:
    said: list[str] = []
    directory.status_message.connect(said.append)
    return said


def test_merge_keeps_the_fuller_record_by_default_and_says_what_it_did(
    qtbot: QtBot, directory: DirectoryView
) -> None:
    db = directory._db
    bare_id = organisations.add_organisation(db, "Young Voices for the Mekong River")
    directory.refresh()
    said = _messages(directory)
    # The bare record, just typed in, is selected first.
    click_row(qtbot, directory, row_named(directory, "Young Voices for the Mekong River"))
    click_row(qtbot, directory, row_named(directory, "Young Voices for the Mekong"), add=True)
    dialog = directory.merge_selected()
    assert isinstance(dialog, MergeDialog)
    kept, dropped = dialog.kept_and_dropped()
    assert kept.name == "Young Voices for the Mekong" and dropped.id == bare_id
    labels = [button.text() for button in dialog.findChildren(QRadioButton)]
    assert any("0 contacts, 0 statements signed" in label for label in labels)
    assert any("1 contact," in label and "1 statement signed" in label for label in labels)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: any(m.startswith("Merged") for m in said))
    assert said[-1].startswith(
        "Merged “Young Voices for the Mekong River” into “Young Voices for the Mekong”"
    )


def test_adding_a_contact_says_so(qtbot: QtBot, directory: DirectoryView) -> None:
    said = _messages(directory)
    click_row(qtbot, directory, row_named(directory, "Centre for Land and Housing Rights"))
    dialog = directory.detail.add_contact()
    assert isinstance(dialog, FormDialog)
    dialog.form.editor("name").setText("Chenda Sok")
    dialog.accept()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: any("Chenda Sok" in m for m in said))
    assert said[-1] == "Added contact “Chenda Sok” to “Centre for Land and Housing Rights”"
