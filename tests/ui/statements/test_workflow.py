"""A coordinator's path through one statement, driven through the views.

Create a statement, write it in English and Khmer, issue version 1, add and confirm
sign-ons, issue a substantive version 2, see the reconfirmation marks, and compare the
two versions. Screenshots of each view are saved for looking at.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import audit, contacts, organisations, signons, statements
from signapp.core.model import SignOnStatus, StatementStatus, VersionKind
from signapp.ui.statements import list_model
from signapp.ui.statements.diff import DELETE_STYLE, INSERT_STYLE
from signapp.ui.statements.editor import IssueVersionDialog
from signapp.ui.statements.signons_model import NEEDS_RECONFIRMATION_FILTER, STATUS
from signapp.ui.statements.view import PROGRESS_TAB, SIGNONS_TAB, VERSIONS_TAB, StatementsView
from signapp.ui.undo import UndoStack
from tests.typing_helpers import commit_text
from tests.ui.statements.conftest import save_shot

KHMER_TITLE = "# សេចក្តីថ្លែងការណ៍រួម"
KHMER_BODY = "យើងខ្ញុំទាមទារឱ្យដោះលែងអ្នកការពារសិទ្ធិមនុស្សភ្លាមៗ។"


def _accept_issue_dialog(kind: VersionKind, note: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, IssueVersionDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.note.setText(note)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _issue_through_dialog(view: StatementsView, kind: VersionKind, note: str) -> None:
    QTimer.singleShot(0, lambda: _accept_issue_dialog(kind, note))
    view.editor.issue_button.click()


def test_statement_from_first_draft_to_reconfirmation(
    qtbot: QtBot, db: Database, statements_view: StatementsView, shown_errors: list[str]
) -> None:
    view = statements_view
    statement_id = view.create_statement("Free the river defenders", "2026-11-30")
    assert statement_id is not None and view.statement_id == statement_id

    english = view.editor.pane("en")
    qtbot.keyClicks(english.source, "# Free the river defenders")
    qtbot.keyClick(english.source, Qt.Key.Key_Return)
    qtbot.keyClick(english.source, Qt.Key.Key_Return)
    qtbot.keyClicks(english.source, "We call for the release of the five defenders.")
    khmer = view.editor.add_language("km")
    khmer.source.setFocus()
    commit_text(khmer.source, KHMER_TITLE + "\n\n" + KHMER_BODY)
    assert khmer.text() == KHMER_TITLE + "\n\n" + KHMER_BODY
    assert KHMER_BODY in khmer.preview.toPlainText()  # the live preview follows
    assert "#" not in khmer.preview.toPlainText()  # the heading is rendered, not shown raw
    qtbot.waitUntil(lambda: statements.get_draft(db, statement_id).texts.get("km") is not None)
    save_shot(view, "2-editor-khmer")

    _issue_through_dialog(view, VersionKind.INITIAL, "first text")
    first = statements.get_version(db, statement_id, 1)
    assert first.texts["en"].endswith("release of the five defenders.")
    assert first.texts["km"] == KHMER_TITLE + "\n\n" + KHMER_BODY
    assert statements.get_statement(db, statement_id).status is StatementStatus.COLLECTING

    names = ("Mekong Fishers Network", "Banteay Women's Group", "Lao River Union")
    org_ids = []
    for name in names:
        org_id = organisations.add_organisation(db, name, country="KH")
        contacts.add_contact(
            db, org_id, "Focal point", email=f"{org_id}@example.org", is_primary=True
        )
        org_ids.append(org_id)
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    assert view.signons.add_organisations(org_ids, status=SignOnStatus.PENDING)
    assert view.signons.model.rowCount() == 3
    to_confirm = {
        row.signon.id
        for row in signons.list_signons(db, statement_id)
        if row.organisation_name != "Lao River Union"
    }
    view.signons.select_signons(to_confirm)
    view.signons.set_status_for_selection(SignOnStatus.CONFIRMED)
    assert (
        sum(
            1
            for r in signons.list_signons(db, statement_id)
            if r.signon.status is SignOnStatus.CONFIRMED and r.signon.version_number == 1
        )
        == 2
    )

    view.tabs.setCurrentIndex(0)
    english = view.editor.pane("en")
    english.source.setPlainText(
        "# Free the river defenders\n\nWe demand the immediate release of all defenders."
    )
    _issue_through_dialog(view, VersionKind.SUBSTANTIVE, "stronger demand")
    assert statements.get_version(db, statement_id, 2).kind is VersionKind.SUBSTANTIVE

    # The reconfirmation mark shows in the sign-on table, its filter and the list.
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    marks = [
        view.signons.proxy.index(row, STATUS).data() for row in range(view.signons.proxy.rowCount())
    ]
    assert marks.count("confirmed v1 – needs reconfirmation") == 2
    assert "⚠ 2 to reconfirm" in view.signons.counts.text()
    row = view.list_model.row_of(statement_id)
    assert view.list_model.index(row, list_model.RECONFIRM).data() == 2
    view.signons.status_filter.setCurrentIndex(
        view.signons.status_filter.findData(NEEDS_RECONFIRMATION_FILTER)
    )
    assert view.signons.proxy.rowCount() == 2

    # Versions 1 and 2 compared word by word, the changes coloured.
    view.tabs.setCurrentIndex(VERSIONS_TAB)
    view.versions.compare(1, 2, "en")
    assert view.versions.history.rowCount() == 2
    html = view.versions.diff_view.toHtml()
    assert "#c9f2d0" in html and "#ffd2d2" in html  # insertion and deletion colours
    assert "immediate" in view.versions.diff_view.toPlainText()
    assert "words inserted" in view.versions.summary.text()
    assert INSERT_STYLE and DELETE_STYLE
    save_shot(view, "3-diff")

    view.tabs.setCurrentIndex(PROGRESS_TAB)
    assert view.progress.progress is not None
    assert view.progress.progress.by_status[SignOnStatus.CONFIRMED] == 2
    save_shot(view, "5-progress-workflow")
    assert shown_errors == []
    assert audit.entries(db, entity="statement version", limit=500)


def test_a_closed_statement_cannot_change_its_text(
    db: Database, statements_view: StatementsView, stack: UndoStack, shown_errors: list[str]
) -> None:
    statement_id = statements.create_issued_statement(db, "Closed one", "Final words.")
    view = statements_view
    view.refresh()
    view.select_statement(statement_id)
    assert view.set_status(StatementStatus.CLOSED)
    pane = view.editor.pane("en")
    assert pane.source.isReadOnly()
    assert not view.editor.issue_button.isEnabled()
    assert "can no longer change" in view.editor.state.text()
    stack.undo()  # reopening is a normal, undoable change
    assert not view.editor.pane("en").source.isReadOnly()
    assert shown_errors == []
