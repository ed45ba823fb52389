"""The sign-ons tab names countries as the directory does, and sorts by those names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlite_utils import Database

from signapp.core.sample import load_sample_campaign
from signapp.ui.resources import SAMPLE_CAMPAIGN
from signapp.ui.statements.signons_model import COUNTRY, ORGANISATION
from signapp.ui.statements.view import SIGNONS_TAB, StatementsView


def test_countries_are_named_and_sorted_by_name(
    db: Database, statements_view: StatementsView
) -> None:
    statement_id = load_sample_campaign(db, SAMPLE_CAMPAIGN).statement_id
    view = statements_view
    view.refresh()
    view.select_statement(statement_id)
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    proxy = view.signons.proxy
    shown = {
        proxy.index(row, ORGANISATION).data(): proxy.index(row, COUNTRY).data()
        for row in range(proxy.rowCount())
    }
    assert shown["Alliance for Freshwater Justice"] == "United Kingdom"
    assert shown["Arbeitskreis Fluss und Fisch"] == "Switzerland"
    view.signons.table.sortByColumn(COUNTRY, Qt.SortOrder.AscendingOrder)
    names = [proxy.index(row, COUNTRY).data() for row in range(proxy.rowCount())]
    assert [n for n in names if n] == sorted(n for n in names if n)
