"""Counts read as English: one sign-on, one to reconfirm."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.model import VersionKind
from signapp.ui.statements.view import PROGRESS_TAB, SIGNONS_TAB, StatementsView


def test_a_single_sign_on_is_counted_in_the_singular(
    db: Database, statements_view: StatementsView
) -> None:
    statement_id = statements.create_issued_statement(
        db, "Rivers", "We ask for a halt to new dams."
    )
    org_id = organisations.add_organisation(db, "Mekong Fishers Network", country="KH")
    signons.record_signon(db, statement_id, org_id, received_at="2026-11-02")
    statements.revise_statement(db, statement_id, "A new demand.", kind=VersionKind.SUBSTANTIVE)
    view = statements_view
    view.refresh()
    view.select_statement(statement_id)
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    assert view.signons.counts.text() == "1 of 1 sign-on shown · ⚠ 1 to reconfirm"

    view.tabs.setCurrentIndex(PROGRESS_TAB)
    summary = view.progress.summary.text()
    # One count per sign-on: a stale confirmation is "to reconfirm", not also confirmed.
    assert summary.startswith("1 sign-on: 0 confirmed, 1 to reconfirm.")


def test_the_list_and_the_progress_tab_give_the_same_counts_in_the_same_words(
    db: Database, statements_view: StatementsView
) -> None:
    from signapp.core.sample import load_sample_campaign
    from signapp.ui.resources import SAMPLE_CAMPAIGN
    from signapp.ui.statements import list_model

    statement_id = load_sample_campaign(db, SAMPLE_CAMPAIGN).statement_id
    statements.revise_statement(db, statement_id, "A new demand.", kind=VersionKind.SUBSTANTIVE)
    view = statements_view
    view.refresh()
    view.select_statement(statement_id)
    view.tabs.setCurrentIndex(PROGRESS_TAB)
    summary = view.progress.summary.text()
    model = view.list_model
    row = model.row_of(statement_id)
    shown = {}
    for column in range(list_model.FIRST_COUNT, model.columnCount()):
        header = model.headerData(column, Qt.Orientation.Horizontal)
        shown[header] = model.index(row, column).data()
        if shown[header]:
            assert f"{shown[header]} {header.lower()}" in summary
    assert shown == {
        "Invited": 4,
        "Pending": 7,
        "Confirmed": 0,
        "To reconfirm": 26,
        "Declined": 3,
        "Withdrawn": 1,
    }
    assert summary.startswith("41 sign-ons: 4 invited, 7 pending, 0 confirmed, 26 to reconfirm")
