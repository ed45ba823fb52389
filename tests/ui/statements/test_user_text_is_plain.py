"""Titles and names typed by users are shown as typed, never read as HTML; an export
saved under a name without an extension gets the extension of its format."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlite_utils import Database

from signapp.core import organisations, signons, statements
from signapp.export.public import ExportSummary
from signapp.ui.statements.add_signons_dialog import AddSignOnsDialog
from signapp.ui.statements.signons_model import ORGANISATION
from signapp.ui.statements.view import SIGNONS_TAB, StatementsView
from signapp.ui.undo import UndoStack
from tests.ui.statements.conftest import save_shot
from tests.ui.statements.sample import build_sample
from tests.ui.statements.test_export_dialog import _dialog

MARKUP_NAME = '<font color="red" size="6">ሰላም Ethiopian</font>'
MARKUP_TITLE = '<font color="red" size="7">RED</font> &amp; <i>it</i>'


def _rendered(rich_text: str) -> str:
    """What Qt shows for a tooltip or other text it reads as HTML."""
    document = QTextDocument()
    document.setHtml(rich_text)
    return document.toPlainText()


class WarningExport:
    """Writes a stand-in file and reports a warning naming an organisation."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, db, statement_id, out_path, options, progress, cancel):  # type: ignore[no-untyped-def]
        self.paths.append(out_path)
        out_path.write_bytes(b"%PDF-1.4 stand-in")
        return ExportSummary(
            out_path=out_path,
            version_number=options.version_number,
            listed=1,
            anonymous=0,
            left_out_for_reconfirmation=0,
            pages=1,
            warnings=[f"{MARKUP_NAME}: no font for this script"],
        )


def test_the_export_result_shows_a_name_with_markup_as_typed(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=WarningExport())
    dialog.output_path.setText(str(tmp_path / "out.pdf"))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.start_pdf_export()

    save_shot(dialog, "export-result-markup-name")
    assert dialog.result_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.result_label.text() == (
        "Wrote out.pdf, 1 page: 1 listed, 0 anonymous, 0 left out.\n"
        f"⚠ {MARKUP_NAME}: no font for this script"
    )


def test_an_export_name_without_extension_gets_pdf_or_csv(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sample = build_sample(db)
    export = WarningExport()
    dialog = _dialog(qtbot, db, sample.statement_id, tmp_path, export_function=export)
    for typed, written in (("noext", "noext.pdf"), ("Rivers v1.2", "Rivers v1.2.pdf")):
        dialog.output_path.setText(str(tmp_path / typed))
        with qtbot.waitSignal(dialog.exported, timeout=10000):
            dialog.start_pdf_export()
        assert export.paths[-1] == tmp_path / written
        assert dialog.output_path.text() == str(tmp_path / written)
    dialog.output_path.setText(str(tmp_path / "kept.PDF"))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.start_pdf_export()
    assert export.paths[-1] == tmp_path / "kept.PDF"

    with qtbot.waitSignal(dialog.exported, timeout=10000) as blocker:
        dialog.start_csv_export(tmp_path / "list")
    assert blocker.args[0].out_path == tmp_path / "list.csv"
    assert (tmp_path / "list.csv").stat().st_size > 0
    assert not (tmp_path / "list").exists()


def test_the_delete_question_shows_the_title_as_typed(
    qtbot: QtBot, db: Database, statements_view: StatementsView
) -> None:
    view = statements_view
    statement_id = view.create_statement(MARKUP_TITLE)
    assert statement_id is not None
    seen: dict[str, object] = {}

    def look_and_say_no() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["format"] = box.textFormat()
        seen["text"] = box.text()
        save_shot(box, "delete-question-markup-title")
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, look_and_say_no)
    view.ask_delete_statement()

    assert seen == {
        "format": Qt.TextFormat.PlainText,
        "text": f"Delete “{MARKUP_TITLE}” with its 0 versions and 0 sign-ons? Undo brings it back.",
    }
    assert statements.get_statement(db, statement_id).title == MARKUP_TITLE


def test_a_local_name_with_markup_is_shown_as_typed_in_the_tooltip(
    db: Database, statements_view: StatementsView
) -> None:
    sample = build_sample(db)
    org_id = organisations.add_organisation(db, "Ethiopian Rivers", local_name=MARKUP_NAME)
    signons.record_signon(db, sample.statement_id, org_id, status="pending")
    view = statements_view
    view.refresh()
    view.select_statement(sample.statement_id)
    view.tabs.setCurrentIndex(SIGNONS_TAB)
    model = view.signons.model
    row = next(
        r for r in range(model.rowCount()) if model.signon_row(r).signon.organisation_id == org_id
    )

    tooltip = model.data(model.index(row, ORGANISATION), Qt.ItemDataRole.ToolTipRole)

    assert _rendered(tooltip) == MARKUP_NAME


def test_a_new_organisation_with_markup_is_listed_as_typed(qtbot: QtBot, db: Database) -> None:
    dialog = AddSignOnsDialog(db, set())
    qtbot.addWidget(dialog)
    dialog.new_name.setText(MARKUP_NAME)
    dialog.add_new_organisation()

    assert dialog.chosen.textFormat() == Qt.TextFormat.PlainText
    assert dialog.chosen.text() == f"1 organisation chosen: {MARKUP_NAME} (new)"


def test_an_ampersand_in_a_title_reads_as_typed_in_the_undo_menu_entry(
    statements_view: StatementsView, stack: UndoStack
) -> None:
    statements_view.create_statement("Land & Water Rights")

    action = stack.createUndoAction(statements_view, "Undo")
    assert action.text() == "Undo Create statement “Land && Water Rights”"  # menus show "&"
    assert stack.command(0).text() == "Create statement “Land & Water Rights”"
