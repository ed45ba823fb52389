"""The sign-ons tab: adding from the directory, details, removal, chasing answers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from PySide6.QtCore import QDate, Qt, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import audit, contacts, organisations, people, signons, statements
from signapp.core.model import SignOnStatus, VersionKind
from signapp.core.reminders import ReminderGroup
from signapp.ui.statements.add_signons_dialog import ORGANISATION_ID_ROLE, AddSignOnsDialog
from signapp.ui.statements.signons_view import SignOnDetailsDialog, SignOnsView
from signapp.ui.undo import UndoStack
from tests.typing_helpers import type_text
from tests.ui.statements.sample import build_sample


def _view(qtbot: QtBot, db: Database, stack: UndoStack, statement_id: int) -> SignOnsView:
    view = SignOnsView(db, stack)
    qtbot.addWidget(view)
    view.show()  # a hidden view reads its sign-ons when it is next shown
    view.set_statement(statement_id)
    return view


def test_search_as_you_type_finds_organisations_and_marks_those_already_on(
    qtbot: QtBot, db: Database
) -> None:
    sample = build_sample(db)
    organisations.add_organisation(db, "Tonle Sap Fishing Families", country="KH")
    organisations.add_organisation(db, "សហគមន៍នេសាទ", country="KH")
    already_on = set(sample.organisation_ids.values())
    dialog = AddSignOnsDialog(db, already_on)
    qtbot.addWidget(dialog)
    assert dialog.results.count() == 9 and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.search, "fish")
    qtbot.waitUntil(lambda: dialog.results.count() == 2)
    items = {dialog.results.item(i).text(): dialog.results.item(i) for i in range(2)}
    on_statement = items["Mekong Fishers Network (Cambodia) – already on the statement"]
    assert on_statement.flags() == Qt.ItemFlag.NoItemFlags  # cannot be chosen twice
    assert items["Tonle Sap Fishing Families (Cambodia)"].flags() & Qt.ItemFlag.ItemIsUserCheckable
    dialog.search.clear()
    type_text(dialog.search, "នេសាទ")  # Khmer typed key by key
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    item = dialog.results.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    assert list(dialog.chosen_ids) == [int(item.data(ORGANISATION_ID_ROLE))]
    assert dialog.ok_button.isEnabled()


def test_a_new_organisation_is_created_in_place_and_undone_with_the_sign_on(
    qtbot: QtBot, db: Database, stack: UndoStack, shown_errors: list[str]
) -> None:
    sample = build_sample(db)
    dialog = AddSignOnsDialog(db, set())
    qtbot.addWidget(dialog)
    dialog.new_name.setText("Hill Tribes Council")
    dialog.new_country.setText("Atlantis")
    dialog.add_new_organisation()
    assert shown_errors and "country" in shown_errors[0]  # refused, the fields are kept
    assert dialog.new_name.text() == "Hill Tribes Council"
    dialog.new_country.setText("Thailand")
    dialog.add_new_organisation()
    assert "Hill Tribes Council (new)" in dialog.chosen.text()

    view = _view(qtbot, db, stack, sample.statement_id)
    assert view.add_organisations([], new_organisations=dialog.new_organisations)
    row = next(
        r
        for r in signons.list_signons(db, sample.statement_id)
        if r.organisation_name == "Hill Tribes Council"
    )
    assert (row.country, row.signon.status) == ("TH", SignOnStatus.INVITED)
    assert view.model.rowCount() == 8
    stack.undo()
    assert organisations.count_organisations(db, search="Hill Tribes") == 0
    assert view.model.rowCount() == 7


def test_details_record_who_authorised_the_channel_and_notes(
    qtbot: QtBot, db: Database, stack: UndoStack, shown_errors: list[str]
) -> None:
    sample = build_sample(db)
    org_id = sample.organisation_ids["Lao River Union"]
    signon_id = sample.signon_ids["Lao River Union"]
    director = contacts.add_contact(db, org_id, "Somchai Director", role="Director")
    view = _view(qtbot, db, stack, sample.statement_id)
    view.select_signons({signon_id})

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignOnDetailsDialog)
        dialog.authorised_by.setCurrentIndex(dialog.authorised_by.findData(director))
        dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
        dialog.notes.setPlainText("Agreed on the phone; letter to follow.")
        dialog.printed_name.setText("Lao River Union (LRU)")
        assert dialog.received_at.date_edit.calendarPopup()
        dialog.received_at.date_edit.setDate(QDate(2026, 11, 3))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.click()

    QTimer.singleShot(0, fill_in)
    view.edit_selected()
    assert shown_errors == []
    signon = signons.get_signon(db, signon_id)
    assert (signon.authorised_by, signon.channel, signon.received_at) == (
        director,
        "phone",
        "2026-11-03",
    )
    assert signon.printed_name == "Lao River Union (LRU)"
    assert signon.notes == "Agreed on the phone; letter to follow."
    shown = next(
        view.model.signon_row(r)
        for r in range(view.model.rowCount())
        if view.model.signon_row(r).signon.id == signon_id
    )
    assert shown.authorised_by_name == "Somchai Director"
    assert set(view.selected_signon_ids()) == {signon_id}  # the selection stays
    entry = audit.entries(db, entity="sign-on", entity_id=signon_id, limit=1)[0]
    assert entry.after is not None and entry.after["channel"] == "phone"
    stack.undo()
    assert signons.get_signon(db, signon_id).authorised_by is None


def test_removing_asks_first_and_undo_brings_the_sign_ons_back(
    qtbot: QtBot, db: Database, stack: UndoStack, answer_yes: list[str]
) -> None:
    sample = build_sample(db)
    view = _view(qtbot, db, stack, sample.statement_id)
    chosen = {sample.signon_ids["Coastal Youth"], sample.signon_ids["Old Friends Trust"]}
    view.select_signons(chosen)
    assert set(view.selected_signon_ids()) == chosen
    view.ask_remove_selected()
    assert "Remove 2 organisations" in answer_yes[0]
    assert view.model.rowCount() == 5
    stack.undo()
    assert view.model.rowCount() == 7
    assert set(view.selected_signon_ids()) == set()  # removed rows are not reselected


def test_removing_people_asks_about_people_not_organisations(
    qtbot: QtBot, db: Database, stack: UndoStack, answer_yes: list[str]
) -> None:
    sample = build_sample(db)
    dara = people.add_person(db, "Sok Dara", affiliation="Lawyer, Phnom Penh")
    person_signon = signons.record_person_signon(db, sample.statement_id, dara)
    view = _view(qtbot, db, stack, sample.statement_id)

    view.select_signons({person_signon})
    view.ask_remove_selected()
    stack.undo()
    view.select_signons({person_signon, sample.signon_ids["Coastal Youth"]})
    view.ask_remove_selected()

    assert answer_yes[0].startswith("Remove 1 person from this statement?")
    assert answer_yes[1].startswith("Remove 2 sign-ons (organisations and people)")


def test_chasing_answers_copies_bcc_and_opens_a_reminder(
    qtbot: QtBot, db: Database, stack: UndoStack, opened_urls: list[QUrl]
) -> None:
    sample = build_sample(db)
    statements.revise_statement(
        db, sample.statement_id, "Changed.", kind=VersionKind.SUBSTANTIVE, note="n"
    )
    view = _view(qtbot, db, stack, sample.statement_id)
    messages: list[str] = []
    view.message.connect(messages.append)

    view.copy_bcc((ReminderGroup.PENDING,))
    assert QGuiApplication.clipboard().text() == "union@example.org, network@example.org"
    view.copy_bcc((ReminderGroup.NEEDS_RECONFIRMATION,))
    copied = QGuiApplication.clipboard().text().split(", ")
    assert sorted(copied) == ["aerzte@example.org", "fishers@example.org"]
    assert "1 organisation has no primary contact email: Banteay Women's Group" in messages[-1]

    view.email_reminder(tuple(ReminderGroup))
    assert len(opened_urls) == 1
    parts = urlsplit(opened_urls[0].toString(QUrl.ComponentFormattingOption.FullyEncoded))
    query = parse_qs(parts.query)
    assert parts.path == ""  # nobody in To: signatories never see each other's addresses
    assert sorted(query["bcc"][0].split(",")) == sorted(
        ["aerzte@example.org", "fishers@example.org", "union@example.org", "network@example.org"]
    )
    assert query["subject"] == [
        "Reminder: please answer before Nov 30, 2026 – Free the river defenders"
    ]
    assert messages[-1].startswith("Reminder opened in the mail client: 4 addresses")
