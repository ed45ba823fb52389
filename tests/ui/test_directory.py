"""The organisation directory, driven through its widgets as a coordinator would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from signapp.core import audit, contacts, organisations
from signapp.core.directory import ordered_organisation_ids
from signapp.core.errors import NotFound
from signapp.ui.directory.dialogs import MergeDialog
from signapp.ui.directory.view import DirectoryView
from tests.typing_helpers import commit_text, type_text
from tests.ui.directory_helpers import click_ok, click_row, row_named, shown_names


def _select(qtbot, view: DirectoryView, name: str) -> int:  # type: ignore[no-untyped-def]
    click_row(qtbot, view, row_named(view, name))
    organisation_id = view.detail.organisation_id
    assert organisation_id is not None
    return organisation_id


def test_create_organisation_through_the_form(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    dialog = directory.new_organisation()
    form = dialog.form
    qtbot.keyClicks(form.editor("name"), "Mekong Seed Savers")
    type_text(form.editor("local_name"), "ក្រុមរក្សាគ្រាប់ពូជ")
    qtbot.keyClicks(form.editor("acronym"), "MSS")
    qtbot.keyClicks(form.editor("country"), "Cambodia")
    click_ok(qtbot, dialog.buttons)

    assert not dialog.isVisible()
    organisation_id = directory.detail.organisation_id
    assert organisation_id is not None
    stored = organisations.get_organisation(directory._db, organisation_id)
    assert (stored.name, stored.local_name, stored.acronym, stored.country) == (
        "Mekong Seed Savers",
        "ក្រុមរក្សាគ្រាប់ពូជ",
        "MSS",
        "KH",
    )
    assert "Mekong Seed Savers" in shown_names(directory)
    assert directory.detail.title.text() == "Mekong Seed Savers"
    created = audit.entries(directory._db, entity="organisation", entity_id=organisation_id)
    assert [entry.action for entry in created] == ["create"]


def test_form_shows_each_problem_next_to_its_field(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    before = organisations.count_organisations(directory._db)
    dialog = directory.new_organisation()
    qtbot.keyClicks(dialog.form.editor("country"), "Atlantis")
    qtbot.keyClicks(dialog.form.editor("website"), "not a site")
    click_ok(qtbot, dialog.buttons)

    assert dialog.isVisible()
    assert "must not be empty" in dialog.form.error_text("name")
    assert "Atlantis" in dialog.form.error_text("country")
    assert "web address" in dialog.form.error_text("website")
    assert dialog.form.error_text("acronym") == ""
    assert organisations.count_organisations(directory._db) == before
    dialog.reject()


def test_contacts_added_edited_undone_and_redone(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    stack = directory._stack
    organisation_id = _select(qtbot, directory, "Trung tâm Nghiên cứu Đồng bằng")
    detail = directory.detail
    assert detail.contacts_tree.topLevelItemCount() == 0

    dialog = detail.add_contact()
    type_text(dialog.form.editor("name"), "Lê Văn Bình")
    qtbot.keyClicks(dialog.form.editor("email"), "binh.le@example.org")
    qtbot.keyClicks(dialog.form.editor("phone"), "0912 345 678")
    click_ok(qtbot, dialog.buttons)
    dialog = detail.add_contact()
    qtbot.keyClicks(dialog.form.editor("name"), "Mai Pham")
    qtbot.keyClicks(dialog.form.editor("email"), "not-an-address")
    click_ok(qtbot, dialog.buttons)
    assert "not a valid email" in dialog.form.error_text("email")
    dialog.form.editor("email").clear()
    qtbot.keyClicks(dialog.form.editor("email"), "mai.pham@example.org")
    qtbot.mouseClick(dialog.form.editor("is_primary"), Qt.MouseButton.LeftButton)
    click_ok(qtbot, dialog.buttons)

    stored = contacts.list_contacts(directory._db, organisation_id)
    assert [(c.name, c.is_primary) for c in stored] == [("Mai Pham", True), ("Lê Văn Bình", False)]
    assert stored[1].phone == "+84912345678"  # read as a number of the organisation's country
    assert detail.contacts_tree.topLevelItemCount() == 2
    assert directory.model.index(directory.model.row_of(organisation_id), 5).data() == "2"

    binh = stored[1]
    detail.select_contact(binh.id)
    dialog = detail.edit_contact()
    dialog.form.editor("role").clear()
    qtbot.keyClicks(dialog.form.editor("role"), "Researcher")
    click_ok(qtbot, dialog.buttons)
    assert contacts.get_contact(directory._db, binh.id).role == "Researcher"

    stack.undo()
    assert contacts.get_contact(directory._db, binh.id).role is None
    stack.redo()
    assert contacts.get_contact(directory._db, binh.id).role == "Researcher"
    stack.undo()
    stack.undo()  # the second contact goes again
    assert [c.name for c in contacts.list_contacts(directory._db, organisation_id)] == [
        "Lê Văn Bình"
    ]
    assert detail.contacts_tree.topLevelItemCount() == 1
    stack.redo()
    assert [c.name for c in contacts.list_contacts(directory._db, organisation_id)] == [
        "Mai Pham",
        "Lê Văn Bình",
    ]


def test_primary_contact_and_removal_are_undoable(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    organisation_id = _select(qtbot, directory, "Centre for Land and Housing Rights")
    detail = directory.detail
    first, second = contacts.list_contacts(directory._db, organisation_id)
    assert first.is_primary and not second.is_primary
    detail.select_contact(second.id)
    qtbot.mouseClick(detail.primary_button, Qt.MouseButton.LeftButton)
    assert contacts.get_contact(directory._db, second.id).is_primary
    assert not contacts.get_contact(directory._db, first.id).is_primary
    directory._stack.undo()
    assert contacts.get_contact(directory._db, first.id).is_primary
    assert not contacts.get_contact(directory._db, second.id).is_primary

    detail.select_contact(second.id)
    qtbot.mouseClick(detail.remove_contact_button, Qt.MouseButton.LeftButton)
    try:
        contacts.get_contact(directory._db, second.id)
        raise AssertionError("the contact was not removed")
    except NotFound:
        pass
    directory._stack.undo()
    assert contacts.get_contact(directory._db, second.id).email == second.email


def test_edit_in_detail_pane_then_undo_and_redo(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    organisation_id = _select(qtbot, directory, "Litani River Defenders")
    detail = directory.detail
    acronym = detail.form.editor("acronym")
    acronym.selectAll()
    qtbot.keyClicks(acronym, "LiRD")
    assert detail.save_button.isEnabled()
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert organisations.get_organisation(directory._db, organisation_id).acronym == "LiRD"
    assert not detail.save_button.isEnabled()
    row = directory.model.row_of(organisation_id)
    assert directory.model.index(row, 2).data() == "LiRD"

    directory._stack.undo()
    assert organisations.get_organisation(directory._db, organisation_id).acronym == "LRD"
    assert detail.form.editor("acronym").text() == "LRD"
    directory._stack.redo()
    assert detail.form.editor("acronym").text() == "LiRD"
    actions = [
        e.action
        for e in audit.entries(directory._db, entity="organisation", entity_id=organisation_id)
    ]
    assert actions[:3] == ["update", "update", "update"]


def test_invalid_edit_is_refused_next_to_the_field(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    organisation_id = _select(qtbot, directory, "Litani River Defenders")
    detail = directory.detail
    name = detail.form.editor("name")
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Backspace)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert "must not be empty" in detail.form.error_text("name")
    assert (
        organisations.get_organisation(directory._db, organisation_id).name
        == "Litani River Defenders"
    )
    assert directory._stack.count() == 0


def test_search_by_acronym(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(directory.search_field, "clhr")
    assert shown_names(directory) == ["Centre for Land and Housing Rights"]
    directory.search_field.clear()
    assert directory.model.rowCount() == directory.model.total_count() == 41


def test_search_by_khmer_name_typed_and_committed(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    type_text(directory.search_field, "កសិករ")
    assert shown_names(directory) == ["Tonle Riverbank Farmers Association"]
    directory.search_field.clear()
    commit_text(directory.search_field, "ទន្លេ")
    assert set(shown_names(directory)) == {
        "Tonle Riverbank Farmers Association",
        "Friends of the Great Lake",
    }


def test_search_ignores_accents_and_finds_contacts(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(directory.search_field, "arzte")
    assert shown_names(directory) == ["Ärztinnen und Ärzte für Umweltgesundheit"]
    directory.search_field.clear()
    qtbot.keyClicks(directory.search_field, "layla.haddad@")
    assert shown_names(directory) == ["Jordan Valley Water Users' Association"]


def test_filter_by_country_and_kind(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(directory.country_filter, "Thailand")
    assert directory.country_filter.currentData() == "TH"
    assert len(shown_names(directory)) == 5
    qtbot.keyClicks(directory.kind_filter, "Trade union")
    assert shown_names(directory) == ["Gulf Fisheries Labour Union"]
    qtbot.keyClicks(directory.search_field, "nothing like this")
    assert shown_names(directory) == []


def test_sorting_by_a_column_header(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    header = directory.table.horizontalHeader()
    position = QPoint(header.sectionViewportPosition(3) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    countries = [directory.model.index(row, 3).data() for row in range(directory.model.rowCount())]
    assert countries == sorted(countries)
    assert countries[0] == "Austria"


def test_merge_two_organisations_and_undo(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    db = directory._db
    click_row(qtbot, directory, row_named(directory, "Young Voices for Mekong"))
    click_row(qtbot, directory, row_named(directory, "Young Voices for the Mekong"), add=True)
    assert directory.merge_action.isEnabled()
    directory.merge_action.trigger()
    dialog = directory.findChild(MergeDialog)
    keep_id = next(
        i
        for i in ordered_organisation_ids(db)
        if organisations.get_organisation(db, i).name == "Young Voices for the Mekong"
    )
    dialog.choose_keep(keep_id)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
    )

    assert "Young Voices for Mekong" not in shown_names(directory)
    assert sorted(c.name for c in contacts.list_contacts(db, keep_id)) == [
        "Pisey Lim",
        "Sreyneang Oum",
    ]
    assert directory.detail.organisation_id == keep_id
    assert directory.detail.contacts_tree.topLevelItemCount() == 2

    directory._stack.undo()
    assert "Young Voices for Mekong" in shown_names(directory)
    assert [c.name for c in contacts.list_contacts(db, keep_id)] == ["Sreyneang Oum"]


def test_delete_asks_first_and_says_what_goes_with_it(qtbot, directory: DirectoryView) -> None:  # type: ignore[no-untyped-def]
    db = directory._db
    organisation_id = _select(qtbot, directory, "Foundation for Community Water Rights")
    directory.delete_action.trigger()
    box = directory.findChild(QMessageBox)
    assert "Foundation for Community Water Rights" in box.text()
    assert "2 contacts and 1 sign-on" in box.informativeText()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert organisations.get_organisation(db, organisation_id).acronym == "FCWR"

    box = directory.delete_selected()
    delete_button = next(b for b in box.buttons() if b.text() == "Delete")
    qtbot.mouseClick(delete_button, Qt.MouseButton.LeftButton)
    assert "Foundation for Community Water Rights" not in shown_names(directory)
    assert directory.detail.organisation_id is None

    directory._stack.undo()
    assert organisations.get_organisation(db, organisation_id).acronym == "FCWR"
    assert len(contacts.list_contacts(db, organisation_id)) == 2
    assert len(organisations.organisation_history(db, organisation_id)) == 1


def test_the_country_field_offers_country_names_as_one_types(
    qtbot, directory: DirectoryView
) -> None:  # type: ignore[no-untyped-def]
    dialog = directory.new_organisation()
    field = dialog.form.editor("country")
    completer = field.completer()
    assert completer.model().rowCount() == 0  # filled on first use, not with the window

    qtbot.keyClicks(field, "Camb")

    offered = completer.completionModel()
    names = [offered.index(row, 0).data() for row in range(offered.rowCount())]
    assert names == ["Cambodia"]
