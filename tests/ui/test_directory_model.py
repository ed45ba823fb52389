"""The paged directory model: Qt's model contract, paging, order and filters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlite_utils import Database

from signapp.core.db import transaction
from signapp.core.model import OrgKind
from signapp.core.organisations import add_organisation
from signapp.ui.directory import model as directory_model
from signapp.ui.directory.model import DirectoryModel


def test_model_passes_qt_model_checks(qtmodeltester, sample_db: Database) -> None:  # type: ignore[no-untyped-def]
    model = DirectoryModel(sample_db)
    model.reload()
    qtmodeltester.check(model)
    model.set_search("network")
    qtmodeltester.check(model)
    model.sort(5, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_rows_are_fetched_a_page_at_a_time(db: Database) -> None:
    with transaction(db):
        for number in range(450):
            add_organisation(db, f"Group {number:03d}", country="KH")
    model = DirectoryModel(db)
    model.reload()
    assert model.rowCount() == 450
    assert model.cached_pages() == []
    assert model.index(420, 0).data() == "Group 420"
    assert model.cached_pages() == [420 // directory_model.PAGE_SIZE]
    assert model.index(0, 0).data() == "Group 000"
    assert model.cached_pages() == [2, 0]


def test_sort_orders_by_the_column_shown(sample_db: Database) -> None:
    model = DirectoryModel(sample_db)
    model.reload()
    model.sort(3, Qt.SortOrder.DescendingOrder)  # country, by the name shown
    countries = [model.index(row, 3).data() for row in range(model.rowCount())]
    assert countries[0] == "Vietnam"
    assert countries == sorted(countries, reverse=True)
    model.sort(5, Qt.SortOrder.DescendingOrder)  # contacts
    counts = [int(model.index(row, 5).data()) for row in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2


def test_filters_combine_with_search(sample_db: Database) -> None:
    model = DirectoryModel(sample_db)
    model.reload()
    model.set_filters(country="KH", kind=None)
    assert model.rowCount() == 8 == model.total_count()
    model.set_search("young")
    assert model.rowCount() == 2
    model.set_filters(country="KH", kind=OrgKind.TRADE_UNION)
    assert model.rowCount() == 0
    assert model.total_count() == 1
