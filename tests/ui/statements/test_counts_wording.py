"""Counts read as English: one sign-on, one needs reconfirmation, several need it."""

from __future__ import annotations

from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.core.model import VersionKind
from signapp.ui.statements.view import PROGRESS_TAB, SIGNONS_TAB, StatementsView


def test_a_single_sign_on_is_counted_in_the_singular(
    db: Database, statements_view: StatementsView
) -> None:
    statement_id = statements.add_statement(db, "Rivers", "We ask for a halt to new dams.")
    org_id = organisations.add_organisation(db, "Mekong Fishers Network", country="KH")
    signons.record_signon(db, statement_id, org_id, received_at="2026-11-02")
    statements.revise_statement(db, statement_id, "A new demand.", kind=VersionKind.SUBSTANTIVE)
    view = statements_view
    view.refresh()
    view.select_statement(statement_id)
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    assert view.signons.counts.text() == "1 of 1 sign-on shown · ⚠ 1 needs reconfirmation"

    view.tabs.setCurrentIndex(PROGRESS_TAB)
    summary = view.progress.summary.text()
    assert summary.startswith("1 sign-on: 0 invited, 0 pending, 1 confirmed")
    assert "1 needs reconfirmation." in summary
