"""A revision of the English text alone: the issue dialog says the Khmer text may be out
of date and lets the coordinator go back; the export dialog says it again."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import statements
from signapp.core.model import VersionKind
from signapp.ui.statements.diff import LANGUAGES_COLUMN
from signapp.ui.statements.editor import IssueVersionDialog
from signapp.ui.statements.view import VERSIONS_TAB, StatementsView
from tests.ui.statements.conftest import save_shot
from tests.ui.statements.sample import KHMER_V1, build_sample

KHMER_WARNING = (
    "The Khmer text is the same as in version 1 while the English text changed: "
    "it may be out of date."
)


def _answer_issue_dialog(seen: dict[str, object], *, go_back: bool) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, IssueVersionDialog)
    try:
        seen["warning"] = dialog.stale_warning.text()
        seen["warning shown"] = dialog.stale_warning.isVisible()
        seen["buttons"] = (dialog.issue_button.text(), dialog.back_button.text())
        seen["enter goes back"] = dialog.back_button.isDefault()
        dialog.kind.setCurrentIndex(dialog.kind.findData(VersionKind.SUBSTANTIVE))
        save_shot(dialog, f"issue-dialog-{'warning' if seen['warning shown'] else 'plain'}")
        (dialog.back_button if go_back else dialog.issue_button).click()
    except Exception:
        dialog.reject()  # never leave the test waiting on the dialog
        raise


def _issue(view: StatementsView, *, go_back: bool) -> dict[str, object]:
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: _answer_issue_dialog(seen, go_back=go_back))
    view.editor.issue_button.click()
    return seen


def test_issuing_an_english_only_revision_warns_about_the_khmer_text(
    qtbot: QtBot,
    db: Database,
    statements_view: StatementsView,
    shown_errors: list[str],
) -> None:
    sample = build_sample(db)
    view = statements_view
    view.refresh()
    view.select_statement(sample.statement_id)
    english = view.editor.pane("en")
    english.source.setFocus()
    english.source.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(english.source, Qt.Key.Key_Return)
    qtbot.keyClicks(english.source, "We also ask for an independent inquiry.")

    seen = _issue(view, go_back=True)

    assert seen == {
        "warning": f"⚠ {KHMER_WARNING}\n\nGo back to update the translation, or issue the "
        "version as it is.",
        "warning shown": True,
        "buttons": ("Issue anyway", "Go back"),
        "enter goes back": True,
    }
    assert [v.number for v in statements.list_versions(db, sample.statement_id)] == [1, 2]
    assert statements.get_draft(db, sample.statement_id) is not None  # still a draft
    assert view.editor.tabs.currentWidget() is view.editor.pane("km")

    seen = _issue(view, go_back=False)

    assert seen["warning shown"] is True
    version = statements.get_version(db, sample.statement_id)
    assert version.number == 2 and version.kind is VersionKind.SUBSTANTIVE
    assert version.texts["km"] == KHMER_V1 and "independent inquiry" in version.texts["en"]
    view.tabs.setCurrentIndex(VERSIONS_TAB)
    history = view.versions.history
    assert history.item(0, LANGUAGES_COLUMN).text() == "en, km"
    assert history.item(1, LANGUAGES_COLUMN).text() == "en, km (⚠ km unchanged)"
    save_shot(view, "versions-stale-mark")
    assert shown_errors == []


def test_a_revision_of_both_texts_is_issued_without_the_warning(
    qtbot: QtBot, db: Database, statements_view: StatementsView, shown_errors: list[str]
) -> None:
    sample = build_sample(db)
    statements.save_draft_text(db, sample.statement_id, "en", "New English.")
    statements.save_draft_text(db, sample.statement_id, "km", "ខ្មែរថ្មី។")
    view = statements_view
    view.refresh()
    view.select_statement(sample.statement_id)

    seen = _issue(view, go_back=False)

    assert seen["warning shown"] is False and seen["buttons"] == ("Issue", "Cancel")
    assert statements.get_version(db, sample.statement_id).number == 2


def test_the_export_dialog_warns_when_a_chosen_text_is_stale(
    qtbot: QtBot, db: Database, statements_view: StatementsView
) -> None:
    sample = build_sample(db)
    statements.revise_statement(
        db, sample.statement_id, "A new demand.", kind=VersionKind.SUBSTANTIVE
    )
    view = statements_view
    view.refresh()
    view.select_statement(sample.statement_id)
    dialog = view.open_export_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)

    assert dialog.version_number() == 2
    assert dialog.stale_warning.isVisible()
    save_shot(dialog, "export-stale-warning")
    assert dialog.stale_warning.text() == (
        "⚠ The Khmer text of version 2 is the same as in version 1 while the English text "
        "changed: it may be out of date."
    )
    dialog.language_checks["km"].setChecked(False)
    assert not dialog.stale_warning.isVisible()
    dialog.language_checks["km"].setChecked(True)
    dialog.version.setCurrentIndex(dialog.version.findData(1))
    assert not dialog.stale_warning.isVisible()
