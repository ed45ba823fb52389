"""Tabs that are not looked at do not read their statement's sign-ons: with tens of
thousands of them, each reading froze the window for seconds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlite_utils import Database

from signapp.core import organisations
from signapp.ui.statements import progress as progress_module
from signapp.ui.statements import signons_model
from signapp.ui.statements.view import PROGRESS_TAB, SIGNONS_TAB, TEXT_TAB, StatementsView
from signapp.ui.undo import UndoStack
from tests.ui.statements.sample import build_sample


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Count the calls of ``module.name`` (the function the view reads with)."""
    calls: list[int] = []
    original: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _on_the_text_tab(db: Database, view: StatementsView) -> StatementsView:
    """The view with the sample statement chosen, showing its text."""
    sample = build_sample(db)
    view.tabs.setCurrentIndex(TEXT_TAB)
    view.refresh()
    view.select_statement(sample.statement_id)
    return view


def test_sign_ons_are_read_when_their_tab_is_shown_with_the_changes_made_meanwhile(
    db: Database,
    statements_view: StatementsView,
    stack: UndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads = _counting(monkeypatch, signons_model, "list_signons")
    view = _on_the_text_tab(db, statements_view)
    assert reads == []

    view.tabs.setCurrentIndex(SIGNONS_TAB)
    assert len(reads) == 1 and view.signons.model.rowCount() == 7

    view.tabs.setCurrentIndex(TEXT_TAB)
    late = organisations.add_organisation(db, "Late Comer")
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    assert view.signons.add_organisations([late])  # through the undo stack
    assert view.signons.model.rowCount() == 8
    view.tabs.setCurrentIndex(TEXT_TAB)
    reads.clear()
    stack.undo()  # a change while the tab is hidden: noted, not read
    assert reads == []

    view.tabs.setCurrentIndex(SIGNONS_TAB)
    assert len(reads) == 1 and view.signons.model.rowCount() == 7


def test_progress_is_worked_out_when_its_tab_is_shown(
    db: Database, statements_view: StatementsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    worked_out = _counting(monkeypatch, progress_module, "collection_progress")
    view = _on_the_text_tab(db, statements_view)
    assert worked_out == []
    assert view._progress is None  # nor are its charts built

    view.tabs.setCurrentIndex(PROGRESS_TAB)
    assert len(worked_out) == 1
    assert view.tabs.currentWidget().isAncestorOf(view.progress.summary)
    assert view.progress.summary.text().startswith("7 sign-ons")
