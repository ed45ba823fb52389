"""The passphrase, new-passphrase, restore and erase dialogs, driven as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from signapp.core import backups, organisations
from signapp.core.backups import BackupKind, backups_folder
from signapp.core.db import open_database
from signapp.core.erase import PLACEHOLDER_NAME
from signapp.core.fields import OrganisationFields
from signapp.ui.safety.backup_model import BackupListModel, human_size
from signapp.ui.safety.erase_dialog import EraseOrganisationDialog
from signapp.ui.safety.passphrase_dialogs import NewPassphraseDialog, PassphraseDialog
from signapp.ui.safety.restore_dialog import RestoreBackupDialog
from tests.safety.sample import fill
from tests.typing_helpers import type_text

PASSPHRASE = "owls over the rice fields"


def _click(qtbot, dialog: QDialog, button: QWidget) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_passphrase_dialog_stays_open_on_a_wrong_one_then_opens(qtbot, db_path: Path) -> None:
    open_database(db_path, passphrase=PASSPHRASE).close()
    dialog = PassphraseDialog(db_path)
    qtbot.addWidget(dialog)
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert not open_button.isEnabled()
    type_text(dialog.passphrase_field, "owls over the wheat fields")
    _click(qtbot, dialog, open_button)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.database is None
    assert "does not open this list" in dialog.error_label.text()
    assert not dialog.error_label.isHidden()
    dialog.passphrase_field.clear()
    type_text(dialog.passphrase_field, PASSPHRASE)
    _click(qtbot, dialog, open_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.database is not None and dialog.attempts == 2
    assert organisations.count_organisations(dialog.database) == 0
    dialog.database.close()


def test_passphrase_dialog_hides_the_text_unless_asked(qtbot, tmp_path: Path) -> None:
    dialog = PassphraseDialog(tmp_path / "<b>list</b>.sqlite", opener=lambda p: None)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(dialog)
    assert dialog.passphrase_field.echoMode() == dialog.passphrase_field.EchoMode.Password
    dialog.show_field.setChecked(True)
    assert dialog.passphrase_field.echoMode() == dialog.passphrase_field.EchoMode.Normal


def test_new_passphrase_dialog_requires_length_and_a_match(qtbot) -> None:
    dialog = NewPassphraseDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    type_text(dialog.first_field, "short")
    assert not ok.isEnabled() and "at least 8" in (dialog.problem() or "")
    dialog.first_field.clear()
    type_text(dialog.first_field, "ein Kätzchen schläft")
    type_text(dialog.second_field, "ein Kätzchen schlaft")
    assert not ok.isEnabled() and dialog.problem() == "The two passphrases are not the same."
    dialog.second_field.clear()
    type_text(dialog.second_field, "ein Kätzchen schläft")
    assert ok.isEnabled() and dialog.passphrase() == "ein Kätzchen schläft"


def _database_with_backups(db_path: Path):
    db = open_database(db_path)
    fill(db)
    older = backups.make_backup(db, BackupKind.MANUAL)
    organisations.add_organisation(db, "Joined After The Backup")
    (backups_folder(db_path) / "manual-zz-broken.sqlite").write_bytes(b"no" * 100)
    return db, older


def test_backup_list_model_is_a_valid_model_and_reads_counts(qtmodeltester, db_path: Path) -> None:
    db, older = _database_with_backups(db_path)
    model = BackupListModel(db_path)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    rows = {model.backup_at(row).path: row for row in range(model.rowCount())}
    row = rows[older]
    assert model.index(row, 3).data() == "..."
    while model.has_unread():
        model.read_next()
    assert [model.index(row, column).data() for column in range(3, 7)] == ["2", "2", "1", "2"]
    assert model.index(row, 1).data() == "Made by hand"
    broken = rows[backups_folder(db_path) / "manual-zz-broken.sqlite"]
    assert model.index(broken, 3).data() == "unreadable"
    assert "not a signapp database" in model.index(broken, 0).data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)
    db.close()


def test_human_size() -> None:
    assert [human_size(n) for n in (512, 131072, 24_825_856)] == [
        "512 bytes",
        "131.1 KB",
        "24.8 MB",
    ]


def test_restore_dialog_restores_the_chosen_backup_after_confirmation(qtbot, db_path: Path) -> None:
    db, older = _database_with_backups(db_path)
    questions: list[str] = []
    answers = iter([False, True])

    def confirm(parent: QWidget, question: str) -> bool:
        questions.append(question)
        return next(answers)

    dialog = RestoreBackupDialog(db, confirm=confirm)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.model.has_unread())
    assert not dialog.restore_button.isEnabled()
    row = next(r for r in range(dialog.model.rowCount()) if dialog.model.backup_at(r).path == older)
    broken_row = 1 - row
    dialog.table.selectRow(broken_row)
    assert not dialog.restore_button.isEnabled()  # an unreadable backup cannot be restored
    dialog.table.selectRow(row)
    _click(qtbot, dialog, dialog.restore_button)
    assert "2 organisations, 2 contacts, 1 statement and 2 sign-ons" in questions[0]
    assert organisations.count_organisations(db) == 3  # declined: nothing happened
    _click(qtbot, dialog, dialog.restore_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restored_from == older
    assert dialog.saved_as is not None and dialog.saved_as.name.startswith("pre-restore-")
    assert organisations.count_organisations(db) == 2
    db.close()


def test_restore_dialog_restores_a_copy_kept_elsewhere(
    qtbot, db_path: Path, tmp_path: Path
) -> None:
    db = open_database(db_path)
    fill(db)
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    copy = backups.backup_database(db, stick / "coalition-copy.sqlite")  # as backup --out
    organisations.add_organisation(db, "Added After The Copy")
    not_a_list = stick / "notes.sqlite"
    not_a_list.write_text("shopping list", encoding="utf-8")
    chosen = iter([not_a_list, copy])
    questions: list[str] = []

    def confirm(parent: QWidget, question: str) -> bool:
        questions.append(question)
        return True

    dialog = RestoreBackupDialog(db, confirm=confirm, choose_file=lambda parent: next(chosen))
    qtbot.addWidget(dialog)
    _click(qtbot, dialog, dialog.file_button)  # a file that is not a signapp list
    assert "not a signapp database" in dialog.error_label.text()
    assert questions == [] and organisations.count_organisations(db) == 3

    _click(qtbot, dialog, dialog.file_button)
    assert str(copy) in questions[0] and "2 organisations" in questions[0]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restored_from == copy
    assert organisations.count_organisations(db) == 2
    db.close()


def test_restore_dialog_on_a_protected_database_reads_protected_backups(
    qtbot, db_path: Path
) -> None:
    db = open_database(db_path, passphrase=PASSPHRASE)
    fill(db)
    backups.make_backup(db, BackupKind.MANUAL)
    dialog = RestoreBackupDialog(db, confirm=lambda parent, question: True)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.model.has_unread())
    assert dialog.model.index(0, 3).data() == "2"
    db.close()


def test_erase_dialog_needs_the_understood_box_and_keeps_a_count(qtbot, db_path: Path) -> None:
    db = open_database(db_path)
    sample = fill(db)
    dialog = EraseOrganisationDialog(db, sample.anonymous_org)
    qtbot.addWidget(dialog)
    assert not dialog.erase_button.isEnabled()
    dialog.keep_count_box.setChecked(True)
    dialog.understood_box.setChecked(True)
    _click(qtbot, dialog, dialog.erase_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.report is not None and dialog.report.signons_kept_anonymous == 1
    assert organisations.get_organisation(db, sample.anonymous_org).name == PLACEHOLDER_NAME
    db.close()


@pytest.mark.parametrize("name", ["<b>Bold & Co</b>", "<script>alert(1)</script>"])
def test_erase_dialog_shows_markup_in_names_as_text(qtbot, db_path: Path, name: str) -> None:
    db = open_database(db_path)
    org_id = organisations.add_organisation(db, name)
    dialog = EraseOrganisationDialog(db, org_id)
    qtbot.addWidget(dialog)
    summary = dialog.findChildren(type(dialog.error_label))[0]
    assert name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in summary.text()
    db.close()


def test_stale_edit_dialog_shows_mine_beside_the_saved_values(qtbot, db_path: Path) -> None:
    from signapp.core.errors import StaleEdit
    from signapp.ui.safety.stale_edit_dialog import StaleEditDialog

    db = open_database(db_path)
    org_id = organisations.add_organisation(db, "Delta <Fishers> & Co", country="VN")
    seen = organisations.get_organisation(db, org_id)
    organisations.update_organisation(db, org_id, {"name": "Delta Fishers Cooperative"})
    mine: OrganisationFields = {"name": "Delta Fishers Union", "country": "VN"}
    with pytest.raises(StaleEdit) as raised:
        organisations.update_organisation(db, org_id, mine, expected_row_version=seen.row_version)
    dialog = StaleEditDialog(raised.value, mine, {"name": "Name", "country": "Country"})
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "Delta Fishers Union"
    assert dialog.table.item(0, 2).text() == "Delta Fishers Cooperative"
    assert dialog.differing_fields() == ["Name"]
    assert dialog.current_row_version == seen.row_version + 1
    _click(qtbot, dialog, dialog.save_mine)
    assert dialog.result() == QDialog.DialogCode.Accepted
    updated = organisations.update_organisation(
        db, org_id, mine, expected_row_version=dialog.current_row_version
    )
    assert updated.name == "Delta Fishers Union"
    db.close()


def test_protect_change_and_remove_through_the_flow(qtbot, db_path: Path) -> None:
    from signapp.core.db import is_encrypted_file, passphrase_of
    from signapp.ui.safety.protection import change_protection

    db = open_database(db_path)
    fill(db)
    problems: list[str] = []

    def inform(parent: QWidget | None, message: str) -> None:
        problems.append(message)

    assert change_protection(None, db, db.close, ask=lambda p, c: None, inform=inform) is None
    assert organisations.count_organisations(db) == 2  # cancelled: still open, unchanged

    outcome = change_protection(None, db, db.close, ask=lambda p, c: PASSPHRASE, inform=inform)
    assert outcome is not None and outcome.change is not None and problems == []
    db = outcome.database
    assert is_encrypted_file(db_path) and passphrase_of(db) == PASSPHRASE
    assert organisations.count_organisations(db) == 2

    outcome = change_protection(None, db, db.close, ask=lambda p, c: "short", inform=inform)
    assert outcome is not None and outcome.change is None
    assert "at least 8" in problems[-1]
    db = outcome.database
    assert passphrase_of(db) == PASSPHRASE  # reopened as it was

    outcome = change_protection(
        None, db, db.close, remove=True, confirm=lambda p, q: True, inform=inform
    )
    assert outcome is not None
    db = outcome.database
    assert not is_encrypted_file(db_path) and passphrase_of(db) is None
    db.close()


@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_the_app_asks_before_creating_a_database_at_a_path_given_to_it(
    qtbot, tmp_path: Path, monkeypatch, answer: str
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from signapp.ui.safety.passphrase_dialogs import open_with_passphrase_prompt

    asked: list[str] = []

    def answer_instead_of_waiting(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(getattr(QMessageBox.StandardButton, answer).value)

    monkeypatch.setattr(QMessageBox, "exec", answer_instead_of_waiting)
    mistyped = tmp_path / "campaign" / "signap.sqlite"
    db = open_with_passphrase_prompt(mistyped, ask_to_create=True)
    assert len(asked) == 1 and str(mistyped) in asked[0]
    if answer == "Yes":
        assert db is not None and mistyped.is_file()
        db.close()
    else:
        assert db is None and not mistyped.parent.exists()
