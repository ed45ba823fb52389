"""The People view: find, edit, merge and delete people, every change undoable."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import people, signons, statements
from signapp.ui.people.view import PeopleView
from signapp.ui.undo import UndoStack


def _view(qtbot: QtBot, db: Database, stack: UndoStack) -> PeopleView:
    view = PeopleView(db, stack)
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.show()
    return view


def _fill(db: Database) -> tuple[int, int, int]:
    statement_id = statements.create_issued_statement(db, "Open letter", "We ...")
    dara = people.add_person(db, "Sok Dara", affiliation="Lawyer, Phnom Penh")
    namesake = people.add_person(db, "Sok Dara", affiliation="Farmer, Takeo", email="d@ex.org")
    thiri = people.add_person(db, "Thiri Aung", local_name="သီရိအောင်", country="MM")
    signons.record_person_signon(db, statement_id, namesake)
    return dara, namesake, thiri


def test_people_are_found_as_you_type_and_edited(qtbot, db, stack, monkeypatch):
    _dara, _namesake, thiri = _fill(db)
    view = _view(qtbot, db, stack)
    assert view.model.rowCount() == 3
    view.search_field.setText("သီရိ")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.select_person(thiri)
    assert view.form.values()["name"] == "Thiri Aung"
    view.form.editor("affiliation").setText("Researcher, Yangon")
    view.form.editor("email").setText("not an email")
    assert not view.save()
    assert "not a valid email address" in view.form.error_text("email")
    view.form.editor("email").setText("thiri@example.net")
    assert view.save()
    assert people.get_person(db, thiri).affiliation == "Researcher, Yangon"
    stack.undo()
    assert people.get_person(db, thiri).affiliation is None


def test_two_records_of_one_person_are_merged_and_unmerged(qtbot, db, stack, monkeypatch):
    dara, namesake, _thiri = _fill(db)
    monkeypatch.setattr("signapp.ui.people.view.ask", lambda *args: True)
    view = _view(qtbot, db, stack)
    selection = view.table.selectionModel()
    for person_id in (dara, namesake):
        row = view.model.row_of(person_id)
        selection.select(
            view.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert view.merge_button.isEnabled()
    assert view.merge_selected()
    assert view.model.rowCount() == 2
    assert people.get_person(db, dara).email == "d@ex.org"
    stack.undo()
    assert view.model.rowCount() == 3
    assert people.get_person(db, namesake).affiliation == "Farmer, Takeo"


def test_deleting_a_person_takes_their_answers_and_undo_brings_them_back(
    qtbot, db, stack, monkeypatch
):
    _dara, namesake, _thiri = _fill(db)
    monkeypatch.setattr("signapp.ui.people.view.ask", lambda *args: True)
    view = _view(qtbot, db, stack)
    view.select_person(namesake)
    assert view.history.topLevelItemCount() == 1
    assert view.delete_current()
    assert view.model.row_of(namesake) is None
    stack.undo()
    assert len(signons.list_person_signons(db, 1)) == 1
    assert view.model.row_of(namesake) is not None


def test_the_people_model_is_a_valid_qt_model(qtmodeltester, db):
    from signapp.ui.people.model import PeopleModel

    _fill(db)
    model = PeopleModel(db)
    model.refresh()
    qtmodeltester.check(model)


def test_the_sign_ons_tab_shows_organisations_and_people_filterable(qtbot, db, stack):
    from signapp.core import organisations
    from signapp.ui.statements.signons_view import SignOnsView

    statement_id = statements.create_issued_statement(db, "Open letter", "We ...")
    union = organisations.add_organisation(db, "Tenants Union", country="KH")
    signons.record_signon(db, statement_id, union)
    dara = people.add_person(db, "Sok Dara", affiliation="Lawyer, Phnom Penh", country="KH")
    signons.record_person_signon(db, statement_id, dara, is_public=False)
    view = SignOnsView(db, stack)
    qtbot.addWidget(view)
    view.set_statement(statement_id)
    view.show()
    shown = [view.proxy.index(row, 0).data() for row in range(view.proxy.rowCount())]
    assert shown == ["Sok Dara (Lawyer, Phnom Penh)", "Tenants Union"]
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("people"))
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == [
        "Sok Dara (Lawyer, Phnom Penh)"
    ]
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("organisations"))
    assert view.proxy.rowCount() == 1
    view.kind_filter.setCurrentIndex(0)
    view.search.setText("lawyer")
    assert view.proxy.rowCount() == 1
