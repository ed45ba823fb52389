"""The list and sign-on models: checked by qtmodeltester, filtered, sorted, marked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from sqlite_utils import Database

from signapp.core import signons, statements
from signapp.core.model import SignOnStatus, VersionKind
from signapp.core.text import sort_key
from signapp.ui.statements import list_model
from signapp.ui.statements.list_model import StatementListModel
from signapp.ui.statements.signons_model import (
    NEEDS_RECONFIRMATION_FILTER,
    NEEDS_RECONFIRMATION_ROLE,
    ORGANISATION,
    RECONFIRMATION_BACKGROUND,
    STATUS,
    SignOnFilterModel,
    SignOnTableModel,
)
from tests.ui.statements.sample import build_sample


def _column(model: object, column: int) -> list[object]:
    return [model.index(row, column).data() for row in range(model.rowCount())]  # type: ignore[attr-defined]


def test_statement_list_shows_status_deadline_and_counts(
    db: Database, qtmodeltester: ModelTester
) -> None:
    sample = build_sample(db)
    statements.create_statement(db, "A second statement")
    model = StatementListModel(db)
    qtmodeltester.check(model)
    row = model.row_of(sample.statement_id)
    assert row is not None
    values = [model.index(row, column).data() for column in range(model.columnCount())]
    assert values[list_model.TITLE] == "Free the river defenders"
    assert values[list_model.STATUS] == "collecting"
    assert values[list_model.DEADLINE] == "Nov 30, 2026"  # in the interface language
    assert values[list_model.VERSION] == 1
    # invited, pending, confirmed, to reconfirm, declined, withdrawn: the progress tab's
    # counts, in its order
    assert values[list_model.INVITED : list_model.WITHDRAWN + 1] == [1, 1, 3, 0, 1, 1]
    drafting_row = 1 - row  # the statement without an issued version
    assert model.index(drafting_row, list_model.VERSION).data() == "–"
    assert model.index(drafting_row, list_model.STATUS).data() == "drafting"


def test_signon_model_and_proxy_pass_the_model_tester(
    db: Database, qtmodeltester: ModelTester
) -> None:
    sample = build_sample(db)
    model = SignOnTableModel(db)
    model.set_statement(sample.statement_id)
    qtmodeltester.check(model)
    proxy = SignOnFilterModel()
    proxy.setSourceModel(model)
    proxy.set_status_filter("confirmed")
    proxy.sort(ORGANISATION)
    qtmodeltester.check(proxy)


def test_filters_by_status_country_and_search(db: Database) -> None:
    sample = build_sample(db)
    model = SignOnTableModel(db)
    model.set_statement(sample.statement_id)
    proxy = SignOnFilterModel()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 7
    proxy.set_status_filter(SignOnStatus.CONFIRMED.value)
    assert proxy.rowCount() == 3
    proxy.set_country_filter("KH")
    assert sorted(_column(proxy, ORGANISATION)) == [
        "Banteay Women's Group",
        "Mekong Fishers Network",
    ]
    proxy.set_status_filter(None)
    proxy.set_country_filter(None)
    proxy.set_search("ស្ត្រី")  # the Khmer local name finds the organisation
    assert _column(proxy, ORGANISATION) == ["Banteay Women's Group"]
    proxy.set_search("arzte")  # accents and case are folded
    assert _column(proxy, ORGANISATION) == ["Ärzte für Flussanrainer"]
    proxy.set_search("cambodia fishers")  # country names are searchable too
    assert _column(proxy, ORGANISATION) == ["Mekong Fishers Network"]


def test_sorting_by_name_follows_the_unicode_collation(db: Database) -> None:
    sample = build_sample(db)
    model = SignOnTableModel(db)
    model.set_statement(sample.statement_id)
    proxy = SignOnFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(ORGANISATION, Qt.SortOrder.AscendingOrder)
    names = _column(proxy, ORGANISATION)
    assert names == sorted(names, key=lambda name: sort_key(str(name)))
    assert names.index("Ärzte für Flussanrainer") < names.index("Banteay Women's Group")
    proxy.sort(ORGANISATION, Qt.SortOrder.DescendingOrder)
    assert _column(proxy, ORGANISATION) == list(reversed(names))
    proxy.sort(STATUS, Qt.SortOrder.AscendingOrder)
    assert _column(proxy, ORGANISATION) != names
    proxy.sort(ORGANISATION, Qt.SortOrder.AscendingOrder)  # back to the order core gives
    assert _column(proxy, ORGANISATION) == names


def test_a_substantive_version_marks_earlier_confirmations(db: Database) -> None:
    sample = build_sample(db)
    statements.revise_statement(
        db, sample.statement_id, "New demand.", kind=VersionKind.SUBSTANTIVE, note="new demand"
    )
    model = SignOnTableModel(db)
    model.set_statement(sample.statement_id)
    marked = {
        model.index(row, ORGANISATION).data()
        for row in range(model.rowCount())
        if model.index(row, 0).data(NEEDS_RECONFIRMATION_ROLE)
    }
    assert marked == {"Mekong Fishers Network", "Ärzte für Flussanrainer", "Banteay Women's Group"}
    for row in range(model.rowCount()):
        index = model.index(row, STATUS)
        if index.data(NEEDS_RECONFIRMATION_ROLE):
            assert index.data() == "confirmed v1 – needs reconfirmation"
            assert index.data(Qt.ItemDataRole.BackgroundRole).color() == RECONFIRMATION_BACKGROUND
            assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
        else:
            assert index.data(Qt.ItemDataRole.BackgroundRole) is None
    proxy = SignOnFilterModel()
    proxy.setSourceModel(model)
    proxy.set_status_filter(NEEDS_RECONFIRMATION_FILTER)
    assert proxy.rowCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(QModelIndex()) == 9


def test_a_refresh_updates_changed_rows_in_place_and_resets_when_rows_come_or_go(
    db: Database, qtmodeltester: ModelTester
) -> None:
    sample = build_sample(db)
    model = SignOnTableModel(db)
    model.set_statement(sample.statement_id)
    qtmodeltester.check(model)
    changed_rows: list[int] = []
    model.dataChanged.connect(lambda top, bottom: changed_rows.append(top.row()))
    signons.update_signon(db, sample.signon_ids["Lao River Union"], {"status": "declined"})
    assert model.refresh() is False
    lao_row = next(
        r
        for r in range(model.rowCount())
        if model.signon_row(r).organisation_name == "Lao River Union"
    )
    assert changed_rows == [lao_row]
    assert model.index(lao_row, STATUS).data() == "declined"
    signons.delete_signon(db, sample.signon_ids["Coastal Youth"])
    assert model.refresh() is True
    assert model.rowCount() == 6
